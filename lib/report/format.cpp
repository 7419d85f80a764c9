// SPDX-License-Identifier: Apache-2.0
// format.cpp: names of the report formats.
#include <iamguard/report/format.hpp>

#include <array>

namespace iamguard::report {

namespace {
constexpr std::array<std::string_view, 4> names{"text", "json", "sarif", "junit"};
}

std::string_view to_string(format f) noexcept { return names[static_cast<std::size_t>(f)]; }

std::optional<format> parse_format(std::string_view name) noexcept {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<format>(i);
    return std::nullopt;
}

bool streams(format f) noexcept { return f != format::junit; }

}  // namespace iamguard::report
