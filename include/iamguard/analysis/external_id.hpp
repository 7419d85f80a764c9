// SPDX-License-Identifier: Apache-2.0
// analysis/external_id.hpp: is an external ID guessable? (AWS Well-Architected SEC03-BP09)
//
// "The external ID must not be an easily guessable value, such as a phone number, name, or
// account ID"; AWS recommends a UUID. These checks look at the value alone; reuse across roles
// is a rule over all roles (see dsl/rules/).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iamguard::analysis {

/// Why an external ID is weak. A value may have several reasons.
enum class external_id_weakness : std::uint8_t {
    wildcard,      ///< contains `*` or `?` (a StringLike pattern: any matching value gets in)
    account_id,    ///< twelve digits: an AWS account id
    phone_number,  ///< 7 to 15 digits, optionally with `+`, spaces, dots, dashes or parentheses
    too_short,     ///< shorter than the minimum length
    low_entropy,   ///< few distinct characters, a repeated pattern, or under 2.5 bits per character
    common_word,   ///< a dictionary word, a name-like value or a default (`external`, `test`, `secret`...)
};

/// "wildcard", "account id", "phone number", "too short", "low entropy" or "common word".
[[nodiscard]] std::string_view to_string(external_id_weakness w) noexcept;

/// The weaknesses of `value`; empty when it looks like a good external ID (for example a UUID).
/// `min_length` is the shortest acceptable length (AWS allows 2; 16 is a sane default).
/// Complexity: linear in the value's length. Thread safety: reentrant.
[[nodiscard]] std::vector<external_id_weakness> external_id_weaknesses(std::string_view value, std::size_t min_length = 16);

/// True when `value` is a UUID in the 8-4-4-4-12 hex form (any version, any case).
[[nodiscard]] bool is_uuid(std::string_view value) noexcept;

}  // namespace iamguard::analysis
