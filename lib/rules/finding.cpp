// SPDX-License-Identifier: Apache-2.0
// lib/rules/finding.cpp: names of severities and outcomes.
#include <iamguard/rules/finding.hpp>

#include <array>

namespace iamguard::rules {

namespace {
constexpr std::array<std::string_view, 5> severity_names = {"info", "low", "medium", "high", "critical"};
}

std::string_view to_string(rule_severity s) noexcept { return severity_names.at(static_cast<std::size_t>(s)); }

std::optional<rule_severity> parse_severity(std::string_view s) noexcept {
    for (std::size_t i = 0; i < severity_names.size(); ++i) {
        const auto name = severity_names[i];
        if (name.size() != s.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < s.size() && same; ++k) {
            const char c = (s[k] >= 'A' && s[k] <= 'Z') ? static_cast<char>(s[k] - 'A' + 'a') : s[k];
            same = c == name[k];
        }
        if (same) return static_cast<rule_severity>(i);
    }
    return std::nullopt;
}

std::string_view to_string(outcome o) noexcept {
    switch (o) {
        case outcome::pass: return "pass";
        case outcome::fail: return "fail";
        case outcome::error: return "error";
    }
    return "error";
}

}  // namespace iamguard::rules
