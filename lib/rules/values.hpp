// SPDX-License-Identifier: Apache-2.0
// lib/rules/values.hpp: how rule values compare (the semantic decisions of ARCHITECTURE.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/json/value.hpp>
#include <iamguard/rules/functions.hpp>

namespace iamguard::rules::detail {

/// Shortest decimal text for `d` (integers without a fraction).
std::string format_number(double d);

/// The number a node holds: a JSON number, or a string that is entirely a decimal number.
std::optional<double> as_number(const json::value& v) noexcept;

/// The scalar text of a node for matching (`like`, `regexMatch`): strings as is, numbers as
/// written, booleans as `true`/`false`; nullopt for null, arrays and objects.
std::optional<std::string_view> scalar_text(const json::value& v) noexcept;

/// The elements a value stands for: arrays are replaced by their items (one level); missing
/// values and null give an empty list. "A list compared with a scalar is true when any element is".
std::vector<const json::value*> collection(const value_list& v);

/// `length()`: with `elements` (the value is a filtered list), the number of nodes; otherwise
/// a single array/object/string gives its size, null or missing 0, other scalars 1, and several
/// nodes the sum of theirs.
std::size_t length_of(const value_list& v, bool elements);

/// Truthiness of a bare path: missing, null, false, `'false'`, `''`, 0, `[]` and `{}` are false.
bool truthy(const json::value& v) noexcept;

/// `=`: numbers numerically (numeric strings included), booleans loosely with their string form
/// (`true` = `'true'`, case-insensitive) and with the numbers 1 and 0 (by value: `1.0`, `-0`),
/// strings exactly; null, arrays and objects never equal anything.
bool loose_equal(const json::value& a, const json::value& b) noexcept;

/// `<`, `>`, `<=`, `>=`: numerically when both sides are numbers, by time when both are dates;
/// otherwise false. `op` is one of "<", ">", "<=", ">=".
bool ordered(const json::value& a, const json::value& b, std::string_view op) noexcept;

/// The glob (eval/glob.hpp, escaped syntax) of a `like` pattern: `%` becomes `*`, and `*`, `?`
/// and `\` are escaped so that they match themselves. Done once, when the rule compiles.
std::string like_to_glob(std::string_view like_pattern);

/// `like`: `%` matches any run of characters, the rest literally; anchored at both ends;
/// case-insensitive (ASCII). `glob` comes from like_to_glob(). Runs on the evaluator's glob
/// matcher, which stays linear on crafted patterns.
bool like_match(std::string_view text, std::string_view glob) noexcept;

/// ASCII lowercase.
std::string lower(std::string_view s);

}  // namespace iamguard::rules::detail
