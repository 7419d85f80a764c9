// SPDX-License-Identifier: Apache-2.0
// eval/evaluate.hpp: request evaluation exactly as AWS decides (iam-semantics.md §5).
//
//   iamguard::eval::prepared_policy id(doc, "alice-inline");
//   iamguard::eval::policy_set set;
//   set.identity = {&id};
//   iamguard::eval::request req{.principal = "arn:aws:iam::111122223333:user/alice",
//                               .action = "s3:GetObject", .resource = "arn:aws:s3:::b/k",
//                               .resource_account = "111122223333"};
//   iamguard::eval::trace t;                       // reuse per thread
//   auto d = iamguard::eval::evaluate(set, req, &t); // decision::allow / explicit_deny / implicit_deny
//
// Order: an applying Deny in any policy wins (explicit_deny); then every SCP level, RCP level and
// the VPC endpoint policy must allow; then the grant rules for the caller: identity ∩ boundary ∩
// session, widened by the resource policy according to the principal class it names and whether
// the caller is in the resource's account. Role trust policies (sts:AssumeRole*) and KMS key
// policies must allow explicitly.
//
// Choices where AWS is silent (iam-semantics.md §7), each covered by a unit test:
// - an operator without ForAllValues/ForAnyValue never matches a multivalued request key;
// - an unparseable request value makes its clause false whatever the negation; an unparseable
//   policy value never matches and makes a negated clause false (fail closed);
// - Null treats a key present with the empty string or an empty list as absent;
// - `*IgnoreCase` operators fold ASCII letters only;
// - a wildcard in the action's service prefix matches nothing; short resource ARNs match nothing
//   unless evaluate_options::short_arns asks for the iam-simulate table;
// - role names in role-ARN principals compare case-sensitively unless role_name_ignore_case;
// - NotPrincipal with Deny exempts a caller only when its whole chain (account, role, session or
//   account, user) is listed; with Allow (unsupported by AWS) any listed entry naming the caller
//   exempts it, which grants the least;
// - when two request keys differ only by case, the one set last wins (request_context::set).
#pragma once

#include <string_view>
#include <vector>

#include <iamguard/eval/arn_match.hpp>
#include <iamguard/eval/prepared_policy.hpp>
#include <iamguard/eval/request.hpp>
#include <iamguard/eval/trace.hpp>

namespace iamguard::eval {

/// The policies that bear on one request. Pointers are borrowed: keep the policies alive.
/// An empty `boundaries` list means "no permissions boundary"; an empty `vpc_endpoint` list
/// means the request did not come through a VPC endpoint.
struct policy_set {
    std::vector<const prepared_policy*> identity;   ///< the caller's identity policies (user/role + groups)
    const prepared_policy* resource = nullptr;      ///< the resource policy (bucket, key, role trust policy...)
    std::vector<const prepared_policy*> boundaries; ///< the caller's permissions boundary
    const prepared_policy* session = nullptr;       ///< the session policy of AssumeRole*/GetFederationToken
    std::vector<std::vector<const prepared_policy*>> scp_levels;  ///< root first; each level must allow
    std::vector<std::vector<const prepared_policy*>> rcp_levels;  ///< root first; each level must allow
    std::vector<const prepared_policy*> vpc_endpoint;             ///< VPC endpoint policies
};

/// Choices where AWS is silent or where compatibility with other tools is wanted (iam-semantics.md §7).
struct evaluate_options {
    /// Short resource ARNs: invalid by default; see short_arn_mode.
    short_arn_mode short_arns = short_arn_mode::no_match;
    /// Compare the role name of a role-ARN principal with the caller's session case-insensitively
    /// (IAM names are unique ignoring case; iam-simulate does this). Off by default.
    bool role_name_ignore_case = false;
    /// Service-specific rules: sts:GetCallerIdentity is always allowed; role trust policies
    /// (sts:AssumeRole*) and KMS key policies must allow explicitly. On by default.
    bool service_rules = true;
};

/// Evaluates `req` against `set`. When `t` is given it is cleared and filled.
/// Errors: none; bad policy parts fail closed (see prepared_policy). Never throws except
/// std::bad_alloc while growing a trace.
/// Thread safety: safe to call concurrently with the same policies; `t` must not be shared.
/// Complexity: linear in the total size of the policies (times the glob cost per pattern).
/// Allocation: none, except growing `t` (reuse it) and variable substitutions longer than 512 bytes.
[[nodiscard]] decision evaluate(const policy_set& set, const request& req, trace* t = nullptr,
                                const evaluate_options& opts = {});

/// The combined effect of one policy on a request (iam-semantics.md §5.1).
enum class policy_effect : std::uint8_t { none, allow, deny };

/// The result of evaluating a single policy.
struct policy_result {
    policy_effect effect = policy_effect::none;
    std::uint8_t classes = 0;  ///< principal classes of the applying Allow statements (principal_class bits)
};

/// Evaluates one policy on its own, as it would be evaluated in `slot`: Principal/NotPrincipal is
/// checked for the resource, rcp and vpc_endpoint slots (in the resource slot a statement without
/// one never applies). Use it to ask "does this trust policy let that caller in?":
///   evaluate_policy(trust, req, policy_slot::resource).effect == policy_effect::allow
/// Statements are appended to `t->statements` when `t` is given (it is not cleared).
/// Thread safety and allocation: as evaluate().
[[nodiscard]] policy_result evaluate_policy(const prepared_policy& p, const request& req, policy_slot slot,
                                            trace* t = nullptr, const evaluate_options& opts = {});

/// True when statement `i` of `p` has a valid Effect and its Action/NotAction covers `action`
/// (case-insensitive, wildcards), regardless of its Resource, Principal and Condition.
/// Complexity: linear in the statement's actions; no allocation.
[[nodiscard]] bool statement_covers_action(const prepared_policy& p, std::size_t i, std::string_view action) noexcept;

/// True when some Allow statement of `p` covers `action` (see statement_covers_action()) and no
/// Deny statement without Condition covers it for every resource (`Resource: "*"`).
/// This is the quick "does this policy grant X at all?" question; use evaluate() for a decision
/// on a concrete request. Complexity: linear in the policy; no allocation.
[[nodiscard]] bool allows_action(const prepared_policy& p, std::string_view action) noexcept;

/// statement_covers_action() asked of a parsed document (statement `i` of `doc.statements`),
/// without compiling it: the answer is the same as for a prepared_policy of `doc`.
/// Complexity: linear in the statement's actions; no allocation.
[[nodiscard]] bool statement_covers_action(const policy::document& doc, std::size_t i, std::string_view action) noexcept;

/// allows_action() asked of a parsed document, without compiling it: the same answer as for a
/// prepared_policy of `doc`, for hosts that ask only this (compiling a document allocates and
/// is most of the cost of the question). Complexity: linear in the policy; no allocation.
[[nodiscard]] bool allows_action(const policy::document& doc, std::string_view action) noexcept;

/// True when the Condition block of statement `i` holds for `ctx` (true when it has none).
/// `failed_clause` receives the index of the first false clause, or -1.
/// Thread safety and allocation: as evaluate().
[[nodiscard]] bool conditions_hold(const prepared_policy& p, std::size_t i, const request_context& ctx,
                                   int* failed_clause = nullptr);

}  // namespace iamguard::eval
