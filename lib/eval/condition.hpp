// SPDX-License-Identifier: Apache-2.0
// lib/eval/condition.hpp: evaluation of one condition clause (library-private).
#pragma once

#include <iamguard/eval/request.hpp>

#include "compiled.hpp"
#include "variables.hpp"

namespace iamguard::eval::detail {

/// True when clause `cl` holds for `ctx` (iam-semantics.md §4.4-4.6). `vars` says whether the
/// policy recognises policy variables. `buf` is scratch space for substitutions.
bool clause_holds(const c_clause& cl, const request_context& ctx, bool vars, text_buffer& buf);

}  // namespace iamguard::eval::detail
