// SPDX-License-Identifier: Apache-2.0
// policy/parse.hpp: from text (or a located JSON value) to a policy::document with diagnostics.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/policy/ast.hpp>
#include <iamguard/policy/kind.hpp>

namespace iamguard::policy {

/// Options of parse(). Defaults accept everything AWS accepts.
struct parse_options {
    /// When set, the kind-specific checks of validate() run too (Principal rules and so on).
    std::optional<policy_kind> kind;
    /// Read `"Principal": "arn:..."` (not grammatical) as `{"AWS": "arn:..."}` with a warning
    /// instead of an error. Some tools and test suites write it.
    bool lenient_principal_string = false;
    /// Limits of the JSON layer (depth, size, duplicate keys).
    json::parse_options json;
    /// Statements kept per policy; more is error P121 and the rest are not built.
    std::uint32_t max_statements = 10'000;
    /// Values kept per element (Action, Resource, a principal type) or condition key; more is
    /// error P122 and the rest are not built.
    std::uint32_t max_values = 10'000;
    /// Longest action, resource, principal or condition value, in bytes; longer is error P123
    /// and the value is not built (matching stays linear, but nothing legitimate is this long).
    std::uint32_t max_pattern_length = 8'192;
};

/// The outcome of a parse. `doc` is engaged whenever the input was JSON with an object at the
/// top (even when it has errors: the AST is then best effort, e.g. a statement with no Effect).
struct parse_result {
    std::optional<document> doc;
    std::vector<diagnostic> diagnostics;
    /// True when a document was produced and no diagnostic is an error.
    [[nodiscard]] bool ok() const noexcept { return doc.has_value() && !has_errors(diagnostics); }
};

/// Parses a policy given as any of the three forms hosts meet: a JSON object, a JSON string
/// whose content is a policy (e.g. a Terraform attribute), or URL-encoded JSON (the raw IAM API).
/// Errors: never throws for bad input; every problem is a diagnostic (codes in codes.hpp) with
/// the JSON path and line/column. For the string and URL-encoded forms, positions point at the
/// outer text and the help line gives the position inside the decoded document.
/// Thread safety: reentrant. Complexity: linear in the input size.
[[nodiscard]] parse_result parse(std::string_view text, const parse_options& opts = {});

/// Builds a policy from a value of an already parsed JSON text (an object, or a string holding
/// the JSON or URL-encoded JSON of a policy). Positions refer to the text `v` was parsed from.
/// `path_prefix` is prepended to the JSON paths in diagnostics (e.g. `RoleDetailList[3].AssumeRolePolicyDocument`).
/// Errors and thread safety: as parse().
[[nodiscard]] parse_result from_json(const json::value& v, const parse_options& opts = {},
                                     std::string_view path_prefix = {});

/// Decodes RFC 3986 percent-encoding (`+` is kept as is, as IAM encodes spaces as %20).
/// Returns nullopt for a malformed escape or a result that is not UTF-8.
[[nodiscard]] std::optional<std::string> url_decode(std::string_view text);

/// True when `text` looks URL-encoded: its first non-space characters are `%7B` or `%7b`.
[[nodiscard]] bool looks_url_encoded(std::string_view text) noexcept;

}  // namespace iamguard::policy
