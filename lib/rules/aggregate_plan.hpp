// SPDX-License-Identifier: Apache-2.0
// lib/rules/aggregate_plan.hpp: how a `List<T>` rule can run over a stream (private).
#pragma once

#include "program.hpp"

namespace iamguard::rules::detail {

/// The plan of aggregate rule `r` of `p` (whose nodes are complete). Linear in the rule's nodes.
aggregate_plan plan_aggregate(const program& p, const compiled_rule& r);

}  // namespace iamguard::rules::detail
