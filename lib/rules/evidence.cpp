// SPDX-License-Identifier: Apache-2.0
// lib/rules/evidence.cpp: what a finding shows of the element that decided it.
#include "evidence.hpp"

#include <vector>

#include <iamguard/json/value.hpp>

namespace iamguard::rules::detail {

namespace {

// One step down from a value: into a member (by key) or an array element (by index).
struct step {
    const json::member* member = nullptr;  // null for an array element
    std::size_t index = 0;
};

// Finds `target` below `node` comparing addresses only, and records the steps to it, deepest
// first. Every finding asks for its path, so the search builds no text: the path is written once,
// for the node found.
bool locate(const json::value& node, const json::value* target, std::vector<step>& steps) {
    if (&node == target) return true;
    if (node.is_object()) {
        for (const auto& m : node.members) {
            if (locate(m.val, target, steps)) {
                steps.push_back({&m, 0});
                return true;
            }
        }
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.items.size(); ++i) {
            if (locate(node.items[i], target, steps)) {
                steps.push_back({nullptr, i});
                return true;
            }
        }
    }
    return false;
}

}  // namespace

bool find_path(const json::value& node, const json::value* target, std::string& path) {
    std::vector<step> steps;
    if (!locate(node, target, steps)) return false;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
        if (it->member != nullptr) {
            if (!path.empty()) path += '.';
            path += it->member->key;
        } else {
            path += '[';
            path += std::to_string(it->index);
            path += ']';
        }
    }
    return true;
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
