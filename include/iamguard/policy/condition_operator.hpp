// SPDX-License-Identifier: Apache-2.0
// policy/condition_operator.hpp: IAM condition operator names and their parts.
//
// Grammar (iam-semantics.md §4.2): [ "ForAllValues:" | "ForAnyValue:" ] Base [ "IfExists" ].
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iamguard::policy {

/// The base operator of a condition clause. `unknown` is kept for operators that did not parse,
/// so that the evaluator fails closed (the clause is false) and diagnostics can point at them.
enum class condition_base : std::uint8_t {
    string_equals, string_not_equals, string_equals_ignore_case, string_not_equals_ignore_case,
    string_like, string_not_like,
    numeric_equals, numeric_not_equals, numeric_less_than, numeric_less_than_equals,
    numeric_greater_than, numeric_greater_than_equals,
    date_equals, date_not_equals, date_less_than, date_less_than_equals,
    date_greater_than, date_greater_than_equals,
    bool_, binary_equals, ip_address, not_ip_address,
    arn_equals, arn_like, arn_not_equals, arn_not_like,
    null_,
    unknown,
};

/// The operand family of a base operator (decides how values are parsed and compared).
enum class operator_family : std::uint8_t { string, numeric, date, boolean, binary, ip, arn, null, unknown };

enum class set_qualifier : std::uint8_t { none, for_all_values, for_any_value };

/// A parsed operator name.
struct condition_operator {
    set_qualifier qualifier = set_qualifier::none;
    condition_base base = condition_base::unknown;
    bool if_exists = false;
    friend bool operator==(const condition_operator&, const condition_operator&) = default;
};

/// Parses an operator name such as `ForAnyValue:StringLikeIfExists`. Names are case-sensitive, as
/// AWS documents them. Returns nullopt for an unknown name and for `NullIfExists` (not allowed).
/// Complexity: linear in the name's length.
[[nodiscard]] std::optional<condition_operator> parse_operator(std::string_view name) noexcept;

/// The canonical spelling of an operator, e.g. `ForAllValues:StringEqualsIfExists`.
[[nodiscard]] std::string to_string(const condition_operator& op);

/// The base name, e.g. "StringNotLike"; "unknown" for condition_base::unknown.
[[nodiscard]] std::string_view to_string(condition_base b) noexcept;

/// The family of a base operator.
[[nodiscard]] operator_family family(condition_base b) noexcept;

/// True for the negated bases (StringNotEquals, NotIpAddress, ArnNotLike, ...): several policy
/// values combine with NOR, and a missing key makes the clause true.
[[nodiscard]] bool is_negated(condition_base b) noexcept;

/// The positive counterpart of a negated base (StringNotLike -> StringLike); others unchanged.
[[nodiscard]] condition_base positive_of(condition_base b) noexcept;

/// True when policy variables may appear in this operator's values (String, Arn and Bool).
[[nodiscard]] bool allows_variables(condition_base b) noexcept;

/// The closest known operator name to `name` (for "did you mean" hints), or empty when nothing
/// is close. Complexity: linear in the number of operators times the name length squared.
[[nodiscard]] std::string suggest_operator(std::string_view name);

}  // namespace iamguard::policy
