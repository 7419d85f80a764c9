// SPDX-License-Identifier: Apache-2.0
// edit_distance.hpp: the distance behind every "did you mean" hint (private to the library).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace iamguard::detail {

/// Whether letters that differ only in ASCII case count as equal.
enum class case_fold : bool { no, yes };

/// The Levenshtein distance between `a` and `b`. Complexity: O(|a| * |b|) time, O(|b|) memory.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b, case_fold fold = case_fold::yes);

/// The candidate closest to `word` (ASCII case ignored) within max(2, |word| / 3) edits; the
/// first of equally close ones; empty when none is that close.
[[nodiscard]] std::string closest(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace iamguard::detail
