// SPDX-License-Identifier: Apache-2.0
// policy/arn.hpp: splitting ARNs and recognising account ids.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iamguard::policy {

/// The six fields of an ARN, split at the first five colons; `resource` keeps further colons.
/// Views into the string given to split_arn().
struct arn_parts {
    std::string_view partition, service, region, account, resource;
};

/// Splits `text` when it starts with `arn:` and has at least five colons; nullopt otherwise.
/// Complexity: linear in the length.
[[nodiscard]] std::optional<arn_parts> split_arn(std::string_view text) noexcept;

/// True for exactly twelve ASCII digits.
[[nodiscard]] bool is_account_id(std::string_view text) noexcept;

/// The account a principal ARN or account id belongs to (`123456789012`, `arn:aws:iam::123456789012:root`,
/// `arn:aws:sts::123456789012:assumed-role/R/s`...), or empty when there is none.
[[nodiscard]] std::string_view account_of(std::string_view principal) noexcept;

/// The canonical form of an `AWS` principal value: a bare account id becomes
/// `arn:aws:iam::ID:root`; anything else is returned unchanged.
[[nodiscard]] std::string canonical_aws_principal(std::string_view value);

}  // namespace iamguard::policy
