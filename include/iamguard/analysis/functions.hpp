// SPDX-License-Identifier: Apache-2.0
// analysis/functions.hpp: the IAM-aware functions of the rule language.
//
// | call | receiver | result |
// |---|---|---|
// | `allows('a:B', ...)` | a policy document or a statement | true when it grants any of the actions (wildcards, NotAction, case; an unconditional Deny on `*` cancels) |
// | `isCrossAccount()` | a trust policy | true when a principal of another account can assume the role (with whatever the policy asks for) |
// | `assumableWithout('sts:ExternalId', 'mfa')` | a trust policy | true when a caller from another account can assume the role lacking all the named protections at once |
// | `assumableByAccountOutside(list [, orgs])` | a trust policy | true when an account that is neither the role's own nor in `list` (nor an organization in `orgs`) can assume the role |
// | `admittedAccounts()` | a trust policy | the accounts (`123456789012`), `*` and `org:o-...` the policy admits |
// | `externalIds()` | a trust policy | the external IDs it pins (values of `sts:ExternalId` conditions) |
// | `isWeakExternalId(minLength)` | a string (`$`) | true when guessable: an account id, a phone number, shorter than `minLength`, low-entropy, a common word, or a wildcard |
//
// The role's own account and ARN come from the entity under evaluation (`accountId`, `arn`).
#pragma once

#include <iamguard/rules/functions.hpp>

namespace iamguard::analysis {

/// Adds the functions above to `registry` (replacing functions of the same names).
/// Thread safety: the functions are reentrant; call this before sharing the registry.
void add_iam_functions(rules::function_registry& registry);

/// The built-in functions plus the IAM-aware ones: what `iamguard scan` and `iamguard test` use.
[[nodiscard]] rules::function_registry standard_functions();

}  // namespace iamguard::analysis
