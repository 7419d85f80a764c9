// SPDX-License-Identifier: Apache-2.0
// report/tally.hpp: counts of findings by outcome and severity, for summaries and exit codes.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include <iamguard/rules/finding.hpp>

namespace iamguard::report {

/// Counts of findings. Plain data: add findings from one thread, or merge per-thread tallies.
/// Complexity: every member is O(1) (add_all is linear in its input).
struct tally {
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t errors = 0;
    /// Failed findings by the severity of their rule, indexed by rules::rule_severity.
    std::array<std::size_t, 5> failed_by_severity{};
    /// Error findings by the severity of their rule, indexed by rules::rule_severity.
    std::array<std::size_t, 5> errors_by_severity{};

    /// Counts one finding. A finding without a rule counts as severity `medium` (the default of
    /// rules::rule_info).
    void add(const rules::finding& f) noexcept;
    /// Counts every finding of `findings`.
    void add_all(std::span<const rules::finding> findings) noexcept;
    /// Adds the counts of `other` to this one.
    void merge(const tally& other) noexcept;

    /// passed + failed + errors.
    [[nodiscard]] std::size_t total() const noexcept { return passed + failed + errors; }
    /// Failed findings whose rule is at least as severe as `threshold`.
    [[nodiscard]] std::size_t failed_at_or_above(rules::rule_severity threshold) const noexcept;
    /// Error findings whose rule is at least as severe as `threshold`.
    [[nodiscard]] std::size_t errors_at_or_above(rules::rule_severity threshold) const noexcept;
};

}  // namespace iamguard::report
