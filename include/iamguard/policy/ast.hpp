// SPDX-License-Identifier: Apache-2.0
// policy/ast.hpp: the typed, normalised AST of an AWS IAM policy document.
//
// Normalised means lists everywhere: Statement, Action, Resource, principal values and condition
// values are always vectors, whatever the JSON shape was. The original shape (scalar or list,
// string or number) is kept beside the values so that print() can reproduce the document.
// Every node carries its source position; json paths are built from the indices (see path.hpp).
// Strings are json::compact_string (16 bytes; reads like a const std::string and converts to
// std::string and std::string_view): a loaded account holds a hundred thousand of them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/json/compact_string.hpp>
#include <iamguard/policy/condition_operator.hpp>

namespace iamguard::policy {

/// The policy language version. `none` (absent) has 2008-10-17 semantics: no policy variables.
enum class version : std::uint8_t { none, v2008_10_17, v2012_10_17 };

/// True when `${...}` policy variables are recognised (only under 2012-10-17).
[[nodiscard]] constexpr bool variables_enabled(version v) noexcept { return v == version::v2012_10_17; }

enum class effect : std::uint8_t { allow, deny };

/// The key of a principal map entry.
enum class principal_type : std::uint8_t { aws, service, federated, canonical_user };

/// "AWS", "Service", "Federated" or "CanonicalUser".
[[nodiscard]] std::string_view to_string(principal_type t) noexcept;

/// How a scalar was spelt in JSON. Condition values may be strings, numbers or booleans; all are
/// compared as their canonical string (`true` -> "true", `10` -> "10", `1.50` stays "1.50").
enum class scalar_form : std::uint8_t { string, number, boolean };

/// A string and where it was written.
struct located_string {
    json::compact_string text;
    source_pos pos;
};

/// A list of patterns: Action/NotAction or Resource/NotResource.
struct pattern_list {
    bool negated = false;    ///< NotAction / NotResource
    bool list_form = false;  ///< written as a JSON array (a scalar otherwise)
    std::vector<located_string> values;
    source_pos pos;          ///< position of the element's value
};

/// One principal value. For `AWS`, a bare 12-digit account id and `arn:aws:iam::ID:root` are the
/// same principal: `canonical` holds the root-ARN form for both, `text` what was written.
struct principal_value {
    json::compact_string text;
    json::compact_string canonical;
    source_pos pos;
};

/// The values of one key of a principal map, e.g. all of `"AWS": [...]`.
struct principal_group {
    principal_type type = principal_type::aws;
    bool list_form = false;
    std::vector<principal_value> values;
    source_pos pos;
};

/// Principal or NotPrincipal. `"*"` is `wildcard` with no groups; `{"AWS": "*"}` is a group.
struct principal_spec {
    bool negated = false;   ///< NotPrincipal
    bool wildcard = false;  ///< the bare string form `"*"`
    std::vector<principal_group> groups;  ///< in document order
    source_pos pos;
};

/// One condition value with its original JSON form.
struct condition_value {
    json::compact_string text;  ///< canonical string form
    scalar_form form = scalar_form::string;
    source_pos pos;
};

/// One `Operator: { key: values }` pair. Clauses of one operator are stored consecutively in
/// document order; the Condition block is the AND of all clauses.
struct condition_clause {
    condition_operator op;       ///< parsed operator (base may be `unknown`)
    located_string op_text;      ///< the operator as written, e.g. `ForAnyValue:StringLike`
    located_string key;          ///< the key as written, e.g. `aws:PrincipalTag/Team`
    std::string key_lower;       ///< ASCII-lowercased key: keys are case-insensitive
    bool list_form = false;      ///< values written as an array
    std::vector<condition_value> values;
};

/// One statement of a policy.
struct statement {
    std::uint32_t index = 0;                ///< index in the Statement list
    std::optional<located_string> sid;
    std::optional<effect> eff;               ///< empty when Effect is missing or invalid (an error)
    source_pos effect_pos;
    std::optional<principal_spec> principal; ///< Principal or NotPrincipal
    std::optional<pattern_list> action;      ///< Action or NotAction; empty when missing (an error)
    std::optional<pattern_list> resource;    ///< Resource or NotResource; absent in trust policies
    std::vector<condition_clause> conditions;
    source_pos pos;                          ///< the statement object's `{`
    source_pos condition_pos;                ///< the Condition object's `{` (when present)
};

/// A whole policy document.
struct document {
    version ver = version::none;
    std::optional<located_string> version_text;  ///< as written (may be invalid, then ver is none)
    std::optional<located_string> id;
    bool statement_list_form = true;  ///< false when Statement was a single object
    std::vector<statement> statements;
    source_pos pos;
    source_pos statement_pos;  ///< position of the Statement value
};

/// Compares two documents by content, ignoring source positions (and the original spelling of
/// values that `canonical` makes equal). Used to check parse -> print -> parse round trips.
/// Complexity: linear in the size of the documents.
[[nodiscard]] bool equivalent(const document& a, const document& b) noexcept;

}  // namespace iamguard::policy
