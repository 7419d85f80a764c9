// SPDX-License-Identifier: Apache-2.0
// eval/number.hpp: exact decimal comparison for the Numeric* condition operators.
//
// Numbers are compared as decimals, never as text and never through binary floating point, so
// `10` equals `10.0` and `0.1` is exactly one tenth (iam-semantics.md §4.6).
#pragma once

#include <optional>
#include <string_view>

namespace iamguard::eval {

/// A decimal number as views into its text: sign, integer digits without leading zeros and
/// fraction digits without trailing zeros. Valid only as long as the text lives.
struct decimal {
    bool negative = false;
    std::string_view integer;   ///< e.g. "10" for "010.50"
    std::string_view fraction;  ///< e.g. "5" for "010.50"
};

/// Parses `[+-]digits[.digits]` (also `.5` and `5.`). Returns nullopt for anything else
/// (exponents, spaces, `NaN`, empty). Complexity: linear; no allocation.
[[nodiscard]] std::optional<decimal> parse_decimal(std::string_view text) noexcept;

/// Three-way comparison of two decimals: negative, zero or positive. `-0` equals `0`.
[[nodiscard]] int compare(const decimal& a, const decimal& b) noexcept;

}  // namespace iamguard::eval
