// SPDX-License-Identifier: Apache-2.0
#include <iamguard/policy/kind.hpp>

#include <array>
#include <utility>

namespace iamguard::policy {
namespace {
constexpr std::array<std::pair<policy_kind, std::string_view>, 7> names{{
    {policy_kind::identity, "identity"}, {policy_kind::trust, "trust"}, {policy_kind::resource, "resource"},
    {policy_kind::boundary, "boundary"}, {policy_kind::session, "session"}, {policy_kind::scp, "scp"},
    {policy_kind::rcp, "rcp"},
}};
}  // namespace

std::string_view to_string(policy_kind k) noexcept {
    for (const auto& [kind, name] : names)
        if (kind == k) return name;
    return "identity";
}

std::optional<policy_kind> parse_policy_kind(std::string_view name) noexcept {
    for (const auto& [kind, n] : names)
        if (n == name) return kind;
    return std::nullopt;
}

}  // namespace iamguard::policy
