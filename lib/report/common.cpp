// SPDX-License-Identifier: Apache-2.0
// common.cpp: rule order and labels shared by the report writers.
#include "report/common.hpp"

#include <iamguard/entity/entity.hpp>

namespace iamguard::report::detail {

void rule_order::reset(std::span<const rules::rule_info* const> listed) {
    rules_.clear();
    index_.clear();
    for (const auto* r : listed) {
        if (r == nullptr || index_.contains(r)) continue;  // a rule listed twice keeps its first place
        index_.emplace(r, rules_.size());
        rules_.push_back(r);
    }
    listed_ = rules_.size();
}

std::size_t rule_order::index_of(const rules::rule_info* r) {
    const auto it = index_.find(r);
    if (it != index_.end()) return it->second;
    index_.emplace(r, rules_.size());
    rules_.push_back(r);
    return rules_.size() - 1;
}

std::string entity_label(const rules::finding& f) {
    std::string out(entity::to_string(f.entity_type));
    out += ' ';
    if (!f.entity_name.empty()) {
        out += f.entity_name;
        if (!f.entity_arn.empty() && f.entity_arn != f.entity_name) {
            out += " (";
            out += f.entity_arn;
            out += ')';
        }
    } else if (!f.entity_arn.empty()) {
        out += f.entity_arn;
    } else {
        out += "(unnamed)";
    }
    return out;
}

std::string position_label(std::string_view file, const source_pos& pos) {
    if (file.empty()) return {};
    std::string out(file);
    if (pos.line == 0) return out;
    out += ':';
    out += std::to_string(pos.line);
    out += ':';
    out += std::to_string(pos.column);
    return out;
}

std::string_view rule_id(const rules::rule_info* r) noexcept {
    return r != nullptr ? std::string_view(r->id) : std::string_view("(unknown rule)");
}

std::string count_of(std::size_t n, std::string_view singular, std::string_view plural) {
    std::string out = std::to_string(n);
    out += ' ';
    out += n == 1 ? singular : plural;
    return out;
}

}  // namespace iamguard::report::detail
