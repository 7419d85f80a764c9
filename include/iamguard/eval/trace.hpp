// SPDX-License-Identifier: Apache-2.0
// eval/trace.hpp: the decision and the explanation of how it was reached.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <iamguard/policy/ast.hpp>

namespace iamguard::eval {

class prepared_policy;

/// The final answer (iam-semantics.md §5.4).
enum class decision : std::uint8_t { allow, explicit_deny, implicit_deny };

/// "allow", "explicit_deny" or "implicit_deny".
[[nodiscard]] std::string_view to_string(decision d) noexcept;

/// Where a policy sits in the evaluation.
enum class policy_slot : std::uint8_t { identity, resource, boundary, session, scp, rcp, vpc_endpoint };

/// "identity", "resource", "boundary", "session", "scp", "rcp" or "vpc_endpoint".
[[nodiscard]] std::string_view to_string(policy_slot s) noexcept;

/// Which requirement an implicit deny failed (iam-semantics.md §5.4).
enum class gate : std::uint8_t { none, identity, boundary, session, scp, rcp, resource, vpc_endpoint };

/// "none", "identity", "boundary", "session", "scp", "rcp", "resource" or "vpc_endpoint".
[[nodiscard]] std::string_view to_string(gate g) noexcept;

/// What happened to one statement.
enum class statement_outcome : std::uint8_t {
    applied,             ///< every element matched and the Condition held
    invalid,             ///< no valid Effect or Action: never applies
    action_mismatch,     ///< Action/NotAction did not cover the request action
    resource_mismatch,   ///< Resource/NotResource did not cover the request resource
    principal_mismatch,  ///< Principal/NotPrincipal did not cover the caller (or was missing)
    condition_false,     ///< a condition clause was false (see failed_clause)
};

/// "applied", "invalid", "action_mismatch", "resource_mismatch", "principal_mismatch" or "condition_false".
[[nodiscard]] std::string_view to_string(statement_outcome o) noexcept;

/// Principal match classes of a resource-policy statement (iam-semantics.md §3.3), as bits.
enum principal_class : std::uint8_t {
    class_any = 1,      ///< `*`: everyone, including anonymous
    class_account = 2,  ///< an account principal: delegation, needs an identity-side Allow
    class_direct = 4,   ///< the exact user, session, service, ... ARN or name
    class_role = 8,     ///< a role ARN naming the caller's role session
};

/// One evaluated statement.
struct statement_record {
    policy_slot slot = policy_slot::identity;
    std::uint16_t level = 0;                  ///< SCP/RCP level index (0 = root), else 0
    const prepared_policy* policy = nullptr;  ///< valid while the policy lives
    std::uint32_t statement = 0;              ///< index in the policy's Statement list
    policy::effect effect = policy::effect::allow;
    statement_outcome outcome = statement_outcome::applied;
    std::int32_t failed_clause = -1;          ///< for condition_false: index of the first false clause
    std::uint8_t classes = 0;                 ///< principal classes matched (resource-side slots)
};

/// The explanation of one evaluation. Reuse one trace per thread: clear() keeps the capacity, so
/// evaluating into a warmed-up trace does not allocate.
/// Thread safety: none (one trace per thread).
struct trace {
    decision result = decision::implicit_deny;
    gate failed_gate = gate::none;      ///< for implicit_deny: the requirement that failed
    std::string_view reason;            ///< a short static sentence saying why
    bool record_all = true;             ///< also record statements that did not apply
    std::vector<statement_record> statements;  ///< in evaluation order
    /// Indices into `statements` of the records that decided: the applying Deny statements for
    /// explicit_deny, the applying Allow statements for allow.
    std::vector<std::uint32_t> deciding;

    void clear() noexcept {
        result = decision::implicit_deny;
        failed_gate = gate::none;
        reason = {};
        statements.clear();
        deciding.clear();
    }
};

/// A human-readable explanation, several lines: the decision and reason, then each recorded
/// statement (`identity[0] "name" statement 2 (Sid AllowS3) Allow: applied`, with the failing
/// clause for condition_false).
[[nodiscard]] std::string to_text(const trace& t);

/// The same as JSON: {"decision", "failed_gate", "reason", "statements": [{slot, level, policy,
/// statement, sid, effect, outcome, failed_clause?, classes?, deciding}]}.
void to_json(nlohmann::json& j, const trace& t);

}  // namespace iamguard::eval
