// SPDX-License-Identifier: Apache-2.0
// analysis/trust.hpp: who can assume a role, decided by evaluating its trust policy.
//
// Every answer here comes from eval::evaluate_policy() on concrete probe requests, never from
// the spelling of conditions: a lowercase `sts:externalid`, `BoolIfExists`, `StringLike "*"`,
// `ForAllValues` on a missing key or a Deny statement all count exactly as IAM counts them.
//
// How a probe is built (ARCHITECTURE.md, "Semantic decisions"):
//  - the caller is a principal of the account under test: the ARN the policy names, or, for an
//    account or `"*"` principal, a role session and an IAM user of that account;
//  - context keys bound to the caller are set consistently (aws:PrincipalAccount, aws:PrincipalArn,
//    aws:PrincipalType, aws:userid/aws:username for users);
//  - the protection under test is set to what an attacker can do: `sts:ExternalId` absent or an
//    arbitrary value; MFA absent (long-term keys: aws:MultiFactorAuthPresent and
//    aws:MultiFactorAuthAge absent) or `aws:MultiFactorAuthPresent` = "false";
//  - every other condition key of the policy takes witness values drawn from the policy itself
//    (its literal values, pattern instances, absent), and the probe succeeds when some
//    combination of witnesses lets the caller in. Deny statements are evaluated with the same
//    context, so a Deny on `BoolIfExists aws:MultiFactorAuthPresent false` makes MFA required.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/eval/prepared_policy.hpp>
#include <iamguard/policy/ast.hpp>

namespace iamguard::analysis {

/// A protection a trust policy may demand of its callers.
enum class protection : std::uint8_t {
    external_id,  ///< the caller must pass the right sts:ExternalId
    mfa,          ///< the caller must have authenticated with MFA
};

/// Parses "sts:ExternalId", "externalId" or "external-id" (any case) and "mfa"; nullopt otherwise.
[[nodiscard]] std::optional<protection> parse_protection(std::string_view name) noexcept;

/// Which callers a question is about.
struct caller_scope {
    /// Only accounts other than `own_account` (cross-account access). The role's own account
    /// is never in scope when this is true.
    bool cross_account = true;
    /// Accounts that do not count (trusted partners). Callers from them are out of scope.
    std::vector<std::string> excluded_accounts;
    /// Organizations (o-...) whose member accounts do not count: a policy that admits `"*"`
    /// narrowed by `aws:PrincipalOrgID` to one of them admits no caller in scope.
    std::vector<std::string> excluded_orgs;
};

/// A caller who got in, and how: for evidence in findings.
struct assume_witness {
    std::string principal;   ///< the probe's principal ARN
    std::string account;     ///< its account, or `*`-derived `000000000000`-style placeholder
    std::size_t statement = 0;  ///< the Allow statement that let it in
    std::string context;     ///< the probe's context keys, one line (`k=v, k2 absent`)
};

/// The answer to "can someone in scope assume the role while lacking `missing`?".
struct assume_result {
    bool assumable = false;
    std::optional<assume_witness> witness;  ///< set when assumable
};

/// True when some Allow statement of `trust` names an AWS principal (an account, user, role or
/// session) or `*`: without one no account can assume the role, and assumable_without() and
/// admitted_accounts() answer "no" and "none" at once. Most roles trust only services or
/// identity providers; hosts can skip compiling their trust policies. Complexity: linear in the
/// statements and their principals. Thread safety: reentrant.
[[nodiscard]] bool names_aws_callers(const policy::document& trust) noexcept;

/// True when some caller in `scope` can call sts:AssumeRole on the role whose trust policy is
/// `trust`, while lacking every protection in `missing` at once (an empty `missing` asks
/// whether such a caller can assume the role at all, presenting whatever the policy asks for).
/// `role_arn` and `own_account` identify the role (the own account may be empty when unknown:
/// then every named account counts as foreign). Service and federated principals are never
/// cross-account callers.
/// Errors: none; a policy that does not parse cleanly is analysed as far as it goes.
/// Thread safety: reentrant. Complexity: evaluations grow with the product of the witness
/// values of the condition keys, capped (4,096 probes per caller); each probe is linear in the
/// policy size.
[[nodiscard]] assume_result assumable_without(const policy::document& trust, std::string_view role_arn,
                                              std::string_view own_account, const caller_scope& scope,
                                              const std::vector<protection>& missing);

/// How much of the witness assumable_without() describes.
enum class witness_detail : std::uint8_t {
    full,            ///< principal, account, statement and context
    statement_only,  ///< only assume_witness::statement (the rest left empty): no strings built
};

/// As above, with `trust` already compiled (`prepared` must be eval::prepared_policy(trust)):
/// for hosts that ask several questions of one trust policy (entity::policy_slot::prepared()).
/// With witness_detail::statement_only the witness says only which statement let the caller in
/// (what the rule functions report); describing the context was most of what a successful
/// probe allocated.
[[nodiscard]] assume_result assumable_without(const policy::document& trust, const eval::prepared_policy& prepared,
                                              std::string_view role_arn, std::string_view own_account,
                                              const caller_scope& scope, const std::vector<protection>& missing,
                                              witness_detail detail = witness_detail::full);

/// The principals a trust policy admits for sts:AssumeRole, as seen by evaluation:
/// 12-digit account ids (for account, user and role principals alike), `*` for anyone, and
/// `org:o-...` for `"*"` narrowed to an organization by `aws:PrincipalOrgID`. Narrowing of
/// `"*"` by `aws:PrincipalAccount` yields those accounts. Service and federated principals are
/// not listed. Sorted, unique. Complexity: as assumable_without() per candidate account.
[[nodiscard]] std::vector<std::string> admitted_accounts(const policy::document& trust, std::string_view role_arn,
                                                         std::string_view own_account);

/// As above, with `trust` already compiled (`prepared` must be eval::prepared_policy(trust)).
[[nodiscard]] std::vector<std::string> admitted_accounts(const policy::document& trust,
                                                         const eval::prepared_policy& prepared,
                                                         std::string_view role_arn, std::string_view own_account);

/// The external IDs a trust policy pins: the values of `sts:ExternalId` (any case) under
/// `StringEquals`, `StringEqualsIgnoreCase`, `StringLike` (with or without IfExists and set
/// qualifiers) in Allow statements that name a principal. Wildcard patterns are included as
/// written (see external_id.hpp for their weakness). Sorted, unique.
[[nodiscard]] std::vector<std::string> pinned_external_ids(const policy::document& trust);

}  // namespace iamguard::analysis
