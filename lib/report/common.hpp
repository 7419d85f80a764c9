// SPDX-License-Identifier: Apache-2.0
// common.hpp (private): what the report writers share: rule order, entity and position labels.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <iamguard/rules/finding.hpp>

namespace iamguard::report::detail {

/// The rules of a report in order: those given to begin(), then any other rule met in a finding
/// (including the null rule), in the order first met.
class rule_order {
public:
    void reset(std::span<const rules::rule_info* const> listed);
    /// The index of `r`, adding it at the end when it was not listed.
    std::size_t index_of(const rules::rule_info* r);
    /// True when `r` was given to reset() (so it has a SARIF ruleIndex).
    [[nodiscard]] bool listed(std::size_t index) const noexcept { return index < listed_; }
    [[nodiscard]] std::size_t size() const noexcept { return rules_.size(); }
    [[nodiscard]] std::size_t listed_count() const noexcept { return listed_; }
    [[nodiscard]] const rules::rule_info* at(std::size_t i) const noexcept { return rules_[i]; }

private:
    std::vector<const rules::rule_info*> rules_;
    std::unordered_map<const rules::rule_info*, std::size_t> index_;
    std::size_t listed_ = 0;
};

/// `Type name (arn)`, `Type name`, `Type arn` or `Type (unnamed)`.
[[nodiscard]] std::string entity_label(const rules::finding& f);

/// `file:line:column`, `file` when the line is unknown (0), or "" when the file is unknown.
[[nodiscard]] std::string position_label(std::string_view file, const source_pos& pos);

/// The rule's id, or "(unknown rule)" for a finding without one.
[[nodiscard]] std::string_view rule_id(const rules::rule_info* r) noexcept;

/// "1 entity" / "2 entities": `n` and the right form of a noun.
[[nodiscard]] std::string count_of(std::size_t n, std::string_view singular, std::string_view plural);

}  // namespace iamguard::report::detail
