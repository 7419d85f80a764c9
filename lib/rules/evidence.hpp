// SPDX-License-Identifier: Apache-2.0
// lib/rules/evidence.hpp: what a finding shows of the element that decided it (private).
#pragma once

#include <string>

#include <iamguard/entity/entity.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/rules/finding.hpp>

namespace iamguard::rules::detail {

/// Appends to `path` the dotted path from `node` to `target` (`a.b[2].c`) and returns true when
/// `target` is `node` or lies below it; leaves `path` as it was otherwise. Linear in `node`'s size.
bool find_path(const json::value& node, const json::value* target, std::string& path);

/// The evidence for `witness`: its compact JSON text (cut at 240 bytes), its position, and its
/// path below `root` when `root` is given and holds it.
evidence make_evidence(const json::value* witness, const json::value* root);

/// The entity's name (its ARN when it has none) in backquotes, for messages.
std::string quoted_name(const entity::entity& e);

}  // namespace iamguard::rules::detail
