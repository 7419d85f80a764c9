// SPDX-License-Identifier: Apache-2.0
// policy/validate.hpp: the checks that depend on where a policy is used.
#pragma once

#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/policy/ast.hpp>
#include <iamguard/policy/kind.hpp>

namespace iamguard::policy {

/// Checks `doc` as a policy of kind `kind`: Principal forbidden or required, NotPrincipal with
/// Allow, Resource in trust policies, Id in identity policies, RCP principal rules, malformed
/// action names and ARNs, policy variables where they are not allowed, partial principal
/// wildcards, duplicate Sids, and values that the operator cannot parse (numbers, dates, IPs).
/// Structural checks (missing Effect, unknown operator, ...) are done by parse() for every kind.
/// Errors: none thrown; returns the diagnostics (codes in codes.hpp), in document order.
/// Thread safety: reentrant. Complexity: linear in the document size.
[[nodiscard]] std::vector<diagnostic> validate(const document& doc, policy_kind kind);

/// Guesses the kind of a policy from its content: `trust` when statements name principals, have
/// no Resource and only `sts:` actions; `resource` when they name principals otherwise;
/// `identity` when no statement has a Principal. SCPs, RCPs, boundaries and session policies look
/// like identity or resource policies and cannot be told apart: pass their kind explicitly.
/// Complexity: linear in the document size.
[[nodiscard]] policy_kind infer_kind(const document& doc) noexcept;

}  // namespace iamguard::policy
