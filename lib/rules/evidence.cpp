// SPDX-License-Identifier: Apache-2.0
// lib/rules/evidence.cpp: what a finding shows of the element that decided it.
#include "evidence.hpp"

#include <iamguard/json/value.hpp>

namespace iamguard::rules::detail {

bool find_path(const json::value& node, const json::value* target, std::string& path) {
    if (&node == target) return true;
    const std::size_t mark = path.size();
    if (node.is_object()) {
        for (const auto& m : node.members) {
            if (!path.empty()) path += '.';
            path += m.key;
            if (find_path(m.val, target, path)) return true;
            path.resize(mark);
        }
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.items.size(); ++i) {
            path += '[' + std::to_string(i) + ']';
            if (find_path(node.items[i], target, path)) return true;
            path.resize(mark);
        }
    }
    return false;
}

evidence make_evidence(const json::value* witness, const json::value* root) {
    evidence ev;
    constexpr std::size_t limit = 240;
    json::append_compact(ev.value, *witness, limit);
    if (ev.value.size() > limit) {
        ev.value.resize(limit);
        ev.value += "...";
    }
    ev.pos = witness->pos;
    if (root != nullptr) {
        std::string p;
        if (find_path(*root, witness, p)) ev.path = p;
    }
    return ev;
}

std::string quoted_name(const entity::entity& e) {
    return "`" + (e.name.empty() ? e.arn : e.name) + "`";
}

}  // namespace iamguard::rules::detail
