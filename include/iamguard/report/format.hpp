// SPDX-License-Identifier: Apache-2.0
// report/format.hpp: the output formats of a scan report.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace iamguard::report {

/// The formats a report can be written in (see report/writer.hpp for each layout).
enum class format : std::uint8_t {
    text,   ///< for people: findings grouped by rule, then a summary line; optional ANSI colour
    json,   ///< iamguard's findings document, schema version 1; one finding per line
    sarif,  ///< SARIF 2.1.0 (OASIS), for code-scanning dashboards
    junit,  ///< JUnit XML: one testsuite per rule, one testcase per entity
};

/// "text", "json", "sarif" or "junit".
[[nodiscard]] std::string_view to_string(format f) noexcept;

/// Parses the names above (exact, lowercase); nullopt otherwise.
[[nodiscard]] std::optional<format> parse_format(std::string_view name) noexcept;

/// True when a writer of this format can hand out findings before the scan ends (text, json,
/// sarif); JUnit must know every count of a testsuite before writing it, so it buffers.
[[nodiscard]] bool streams(format f) noexcept;

}  // namespace iamguard::report
