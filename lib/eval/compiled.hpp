// SPDX-License-Identifier: Apache-2.0
// lib/eval/compiled.hpp: the compiled layout behind eval::prepared_policy (library-private).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/eval/date.hpp>
#include <iamguard/eval/ip.hpp>
#include <iamguard/policy/ast.hpp>

namespace iamguard::eval::detail {

// The strings of the compiled form are views into the policy::document it was compiled from,
// which compiled_policy::source keeps alive (a document is immutable once shared).

/// One Action or Resource pattern as written; `has_vars` when `${` needs substitution per request.
struct c_pattern {
    std::string_view text;
    bool has_vars = false;
    bool star = false;              ///< exactly `*`
    // Actions only: whether it can match at all (iam-semantics.md §3.1), and the length of its
    // literal service prefix (before the colon) for a quick reject. Actions compare with ASCII
    // case folding on both sides, so no lowercased copy is kept.
    bool action_valid = false;
    std::size_t service_len = 0;
    // Resources only: a six-field ARN pattern without variables is pre-split. `field_start[i]` is
    // where field i begins (field_start[6] = size + 1); bit i of `wild` says field i has a wildcard.
    bool arn6 = false;
    std::array<std::uint32_t, 7> field_start{};
    std::uint8_t wild = 0;
};

struct c_patterns {
    bool present = false;
    bool negated = false;
    std::vector<c_pattern> items;
};

/// How an `AWS` principal value is matched.
enum class aws_match : std::uint8_t { any, account, role, exact };

struct c_principal_entry {
    policy::principal_type type = policy::principal_type::aws;
    aws_match how = aws_match::exact;
    std::string value;      ///< canonical value (account ids as root ARNs)
    std::string account;    ///< for account and role
    std::string role_name;  ///< for role (path dropped)
};

struct c_principal {
    bool present = false;
    bool negated = false;   ///< NotPrincipal
    bool wildcard = false;  ///< `"*"` or an `AWS: "*"` entry
    std::vector<c_principal_entry> entries;
};

/// One condition value with its constant forms parsed once.
struct c_value {
    std::string_view text;
    bool has_vars = false;
    std::optional<instant> date;
    std::optional<cidr_block> cidr;
    std::optional<std::string> bytes;  ///< decoded base64 for BinaryEquals
};

struct c_clause {
    policy::condition_operator op;
    std::string_view op_text;
    std::string_view key;
    std::string key_lower;
    policy::operator_family fam = policy::operator_family::unknown;
    policy::condition_base positive = policy::condition_base::unknown;
    bool negated = false;
    std::vector<c_value> values;
};

struct c_statement {
    std::uint32_t index = 0;
    std::string_view sid;
    bool valid = false;  ///< has a valid Effect and an Action element
    policy::effect eff = policy::effect::deny;
    c_patterns action;
    c_patterns resource;
    c_principal principal;
    std::vector<c_clause> clauses;
};

struct compiled_policy {
    std::shared_ptr<const policy::document> source;  ///< what the views above point into
    std::string name;
    policy::version ver = policy::version::none;
    bool vars = false;  ///< policy variables recognised (2012-10-17)
    std::vector<c_statement> statements;
};

}  // namespace iamguard::eval::detail
