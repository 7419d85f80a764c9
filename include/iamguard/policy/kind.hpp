// SPDX-License-Identifier: Apache-2.0
// policy/kind.hpp: the kinds of policy documents, which decide what is valid (iam-semantics.md §1.5).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace iamguard::policy {

/// Where a policy is used. Identity-side kinds forbid Principal; trust and resource policies
/// require it; RCPs require `Principal: "*"`.
enum class policy_kind : std::uint8_t { identity, trust, resource, boundary, session, scp, rcp };

/// "identity", "trust", "resource", "boundary", "session", "scp" or "rcp".
[[nodiscard]] std::string_view to_string(policy_kind k) noexcept;

/// Parses one of the names above (case-sensitive); nullopt otherwise.
[[nodiscard]] std::optional<policy_kind> parse_policy_kind(std::string_view name) noexcept;

}  // namespace iamguard::policy
