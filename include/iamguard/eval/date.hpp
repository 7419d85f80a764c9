// SPDX-License-Identifier: Apache-2.0
// eval/date.hpp: the instants compared by the Date* condition operators.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>

namespace iamguard::eval {

/// A point in time: seconds since 1970-01-01T00:00:00Z plus nanoseconds (0..999999999).
struct instant {
    std::int64_t seconds = 0;
    std::int32_t nanos = 0;
    friend auto operator<=>(const instant&, const instant&) = default;
};

/// Parses the W3C profile of ISO 8601 that AWS documents: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
/// `YYYY-MM-DDThh:mmTZD`, `YYYY-MM-DDThh:mm:ssTZD`, `YYYY-MM-DDThh:mm:ss.sTZD` (any number of
/// fraction digits, nanosecond precision kept), TZD = `Z` or `±hh:mm`; or epoch **seconds** (an
/// optionally signed integer). A date without a time means 00:00:00Z.
/// Returns nullopt for anything else (including out-of-range fields such as month 13).
/// Complexity: linear in the text; no allocation. Thread safety: reentrant.
[[nodiscard]] std::optional<instant> parse_date(std::string_view text) noexcept;

}  // namespace iamguard::eval
