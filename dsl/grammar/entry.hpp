// SPDX-License-Identifier: Apache-2.0
// dsl/grammar/entry.hpp: the two parse entry points, free of Spirit for their callers.
#pragma once

#include <vector>

#include "parse_tree.hpp"

namespace iamguard::dsl {

/// Parses one rule's logic from [first, last) of a file starting at `origin` (offsets in the
/// tree are relative to `origin`). On return `stop` is where the parser ended (it need not be
/// `last`: the caller reports trailing text). Returns false with `errors` set on a syntax error.
/// Never throws (x3::expectation_failure is caught here, the single entry point).
bool parse_logic(const char* origin, const char* first, const char* last, pt::logic& out, const char*& stop,
                 std::vector<pt::syntax_error>& errors) noexcept;

/// Parses one `rule ID { ... }` block starting at `first`. As parse_logic().
bool parse_rule_block(const char* origin, const char* first, const char* last, pt::rule_block& out,
                      const char*& stop, std::vector<pt::syntax_error>& errors) noexcept;

}  // namespace iamguard::dsl
