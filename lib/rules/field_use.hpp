// SPDX-License-Identifier: Apache-2.0
// lib/rules/field_use.hpp: which top-level fields of an entity the rules of a program may read
// (private; rule_set::reads_field answers from it).
#pragma once

#include <string>
#include <vector>

namespace iamguard::rules::detail {

struct program;

/// The top-level entity fields a program may read.
struct field_use {
    bool everything = false;          ///< some rule may see whole entities: every field counts
    std::vector<std::string> fields;  ///< sorted, unique; meaningful when !everything
};

/// What the rules of `p` (complete, aggregate plans included) may read. Conservative: a rule
/// that sees a whole entity (`$` at the top, or as an item of a `List<T>` rule that cannot be
/// streamed) or calls a function not marked `reads_only_arguments` reads everything.
/// Complexity: linear in the program's nodes.
field_use find_field_use(const program& p);

}  // namespace iamguard::rules::detail
