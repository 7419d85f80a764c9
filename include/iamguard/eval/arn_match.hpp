// SPDX-License-Identifier: Apache-2.0
// eval/arn_match.hpp: matching the Action and Resource elements and the Arn* condition operators.
//
// Rules (iam-semantics.md §3.1, §3.2, §4.6):
// - actions compare case-insensitively over `service:Name`; `*` alone matches every action; a
//   wildcard in the service prefix, a pattern without `:` and an empty name match nothing;
// - ARNs split into six fields at the first five colons; fields 1-5 are globbed one by one (a
//   wildcard never crosses a colon there), field 6 is globbed whole (`*` spans `/` and `:`);
//   all case-sensitive;
// - a request resource of `*` (an action without resource-level permissions) is matched only by
//   a policy resource that is exactly `*`.
#pragma once

#include <cstdint>
#include <string_view>

#include <iamguard/eval/glob.hpp>
#include <iamguard/policy/kind.hpp>

namespace iamguard::eval {

/// Does the Action pattern `pattern` (as written in a policy) match the request action?
/// Complexity: O(|pattern| · |action|); no allocation. Thread safety: reentrant.
[[nodiscard]] bool action_matches(std::string_view pattern, std::string_view action) noexcept;

/// ArnLike / ArnEquals: both sides need six fields; field-wise glob as described above.
/// `syntax` says how `pattern` is spelt (escaped after variable substitution).
/// Complexity: O(|pattern| · |arn|); no allocation.
[[nodiscard]] bool arn_like(std::string_view pattern, std::string_view arn,
                            pattern_syntax syntax = pattern_syntax::raw) noexcept;

/// The outcome of matching one Resource pattern: `error` is a pattern that cannot be evaluated
/// (a short ARN in the iam-simulate compatibility table); it matches neither Resource nor NotResource.
enum class match_result : std::uint8_t { no_match, match, error };

/// How resource patterns with fewer than six ARN fields (`arn:aws:sqs:us-east-1`) are treated.
/// `no_match` (default, iam-semantics.md §3.2 recommendation): they are invalid and match nothing.
/// `iam_simulate`: the empirical per-policy-kind table of cloud-copilot/iam-simulate: identity,
/// session and boundary (and VPC endpoint) policies pad the missing fields with `*`; resource
/// policies pad only patterns that contain a wildcard; SCPs pad only patterns ending in `*`;
/// RCPs reject them. A padded pattern that does not match is an `error`, not a no-match.
enum class short_arn_mode : std::uint8_t { no_match, iam_simulate };

/// Where a pattern comes from, for the short-ARN table. `vpc_endpoint` behaves like identity.
enum class pattern_origin : std::uint8_t { identity, boundary, session, resource, scp, rcp, vpc_endpoint };

/// Matches one Resource/NotResource pattern against the request resource.
/// Complexity: O(|pattern| · |resource|); no allocation. Thread safety: reentrant.
[[nodiscard]] match_result resource_matches(std::string_view pattern, std::string_view resource,
                                            pattern_syntax syntax = pattern_syntax::raw,
                                            short_arn_mode mode = short_arn_mode::no_match,
                                            pattern_origin origin = pattern_origin::identity) noexcept;

}  // namespace iamguard::eval
