// SPDX-License-Identifier: Apache-2.0
#include "core/edit_distance.hpp"

#include <algorithm>

namespace iamguard::detail {

std::size_t edit_distance(std::string_view a, std::string_view b, case_fold fold) {
    const auto norm = [fold](char c) {
        return (fold == case_fold::yes && c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = norm(a[i - 1]) == norm(b[j - 1]) ? 0 : 1;
            const std::size_t next = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
            diag = row[j];
            row[j] = next;
        }
    }
    return row[b.size()];
}

std::string closest(std::string_view word, const std::vector<std::string_view>& candidates) {
    std::size_t best = std::max<std::size_t>(2, word.size() / 3) + 1;
    std::string out;
    for (const auto cand : candidates) {
        const std::size_t d = edit_distance(word, cand);
        if (d < best) {
            best = d;
            out = std::string(cand);
        }
    }
    return out;
}

}  // namespace iamguard::detail
