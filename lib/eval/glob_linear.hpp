// SPDX-License-Identifier: Apache-2.0
// glob_linear.hpp: the linear-time glob matcher used for large inputs (private to lib/eval).
#pragma once

#include <string_view>

namespace iamguard::eval::detail {

/// The same answer as glob_match(), in time O(n + k) for plain segments and O(n * k / 64) for
/// segments with `?` (n: text length, k: segment length). Allocates (code-point buffers), so
/// glob.cpp uses it only when the two-pointer matcher could take long.
[[nodiscard]] bool glob_match_linear(std::string_view pattern, std::string_view text, bool fold_case, bool escaped);

}  // namespace iamguard::eval::detail
