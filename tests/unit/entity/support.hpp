// SPDX-License-Identifier: Apache-2.0
// support.hpp: small lookups shared by the entity tests.
#pragma once

#include <string>
#include <string_view>

#include <iamguard/entity/load.hpp>

namespace iamguard::test {

/// The entity of type `t` named `name`, or nullptr.
inline const entity::entity* find(const entity::load_result& r, entity::entity_type t, std::string_view name) {
    for (const auto& e : r.entities)
        if (e.type == t && e.name == name) return &e;
    return nullptr;
}

/// The first diagnostic with `code`, or nullptr.
inline const diagnostic* diag(const entity::load_result& r, std::string_view code) {
    for (const auto& d : r.diagnostics)
        if (d.code == code) return &d;
    return nullptr;
}

/// The node at a dotted path with [i] indices, or nullptr.
inline const json::value* at(const json::value& root, std::string_view path) {
    const json::value* cur = &root;
    std::size_t i = 0;
    while (cur != nullptr && i < path.size()) {
        if (path[i] == '.') {
            ++i;
            continue;
        }
        if (path[i] == '[') {
            const std::size_t close = path.find(']', i);
            const std::size_t index = std::stoul(std::string(path.substr(i + 1, close - i - 1)));
            cur = cur->is_array() && index < cur->items.size() ? &cur->items[index] : nullptr;
            i = close + 1;
            continue;
        }
        std::size_t end = i;
        while (end < path.size() && path[end] != '.' && path[end] != '[') ++end;
        cur = cur->is_object() ? cur->find(path.substr(i, end - i)) : nullptr;
        i = end;
    }
    return cur;
}

/// The text of the string at `path` ("<missing>" when absent, "<null>" when null).
inline std::string text_at(const entity::entity& e, std::string_view path) {
    const json::value* v = at(e.fields, path);
    if (v == nullptr) return "<missing>";
    if (v->is_null()) return "<null>";
    if (v->is_bool()) return v->boolean ? "true" : "false";
    return v->text;
}

/// Every diagnostic, one short line each (for failure messages).
inline std::string all_diags(const entity::load_result& r) {
    std::string s;
    for (const auto& d : r.diagnostics) s += render_short(d) + "\n";
    return s;
}

}  // namespace iamguard::test
