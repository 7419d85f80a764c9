// SPDX-License-Identifier: Apache-2.0
// account_units.hpp: which inputs of a scan must be loaded together (one account's), so that an
// organisation's dumps are scanned account by account, in bounded memory and in parallel.
//
// The joins of a load (group membership, policy attachments, the Account entity) never cross an
// account, so the inputs of different accounts can be loaded apart. The account of an input is
// read from its first bytes, before it is loaded: a scan of a thousand dumps then holds a few
// accounts at a time instead of all of them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/entity/load.hpp>

namespace iamguard::cli {

/// How many bytes of an input probe_account() is given (the rest is not read until the input
/// is loaded). An entity's ARN comes within its first members, far below this.
inline constexpr std::size_t account_probe_bytes = 64u << 10;

/// What the first bytes of an input say about its account.
struct account_probe {
    /// The account, or empty when the input names none in its first bytes.
    std::string account;
    /// The input is an authorization-details page (a page may hold only AWS managed policies,
    /// which belong to no account: such a page goes with the input before it).
    bool authorization_details = false;
};

/// The account of an input from its first bytes (`prefix`; `forced` is --input-format).
/// JSON shapes of the AWS CLI (authorization details, get-role, list-roles): the account of the
/// first `"Arn"` member whose value is an IAM ARN of an account (`arn:PARTITION:iam::123456789012:...`;
/// AWS managed policies, `arn:aws:iam::aws:...`, are skipped); only members count, not the
/// principals of a trust policy or text inside a string. CSV credential reports: the account of
/// the first IAM ARN. Other formats, and inputs whose prefix holds no such ARN: no account.
/// Thread safety: reentrant. Complexity: linear in `prefix`.
[[nodiscard]] account_probe probe_account(std::string_view prefix, std::optional<entity::input_format> forced);

/// Groups inputs (by index, in the order given) into units loaded apart: the inputs of one
/// account form a unit, in the order of the account's first input; an authorization-details
/// page without an account goes with the input before it. When any other input has no account,
/// or the first input is an authorization-details page without one, a single unit holds every
/// input (its joins may need any of them). Complexity: O(n log n).
[[nodiscard]] std::vector<std::vector<std::size_t>> join_units(const std::vector<account_probe>& inputs);

}  // namespace iamguard::cli
