// SPDX-License-Identifier: Apache-2.0
// entity.cpp: entity type names and the policy slots of an entity.
#include <iamguard/entity/entity.hpp>

#include <array>

namespace iamguard::entity {

namespace {

struct type_name {
    std::string_view name;
    entity_type type;
};

// Primary names first: to_string() returns the first entry of each type.
constexpr std::array<type_name, 10> type_names{{
    {"Account", entity_type::account},
    {"Role", entity_type::role},
    {"User", entity_type::user},
    {"Group", entity_type::group},
    {"Policy", entity_type::policy},
    {"Iam", entity_type::account},
    {"IamRole", entity_type::role},
    {"IamUser", entity_type::user},
    {"IamGroup", entity_type::group},
    {"IamPolicy", entity_type::policy},
}};

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

}  // namespace

std::string_view to_string(entity_type t) noexcept {
    for (const auto& n : type_names)
        if (n.type == t) return n.name;
    return "Role";
}

std::optional<entity_type> parse_entity_type(std::string_view name) noexcept {
    for (const auto& n : type_names)
        if (iequals(n.name, name)) return n.type;
    return std::nullopt;
}

const std::string& entity::file_of(std::string_view path) const noexcept {
    const std::string* best = &from.file;
    std::size_t best_len = 0;
    for (const auto& [prefix, file] : field_files) {
        const bool under = path.size() >= prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
                           (path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[');
        if (under && prefix.size() >= best_len) {
            best = &file;
            best_len = prefix.size();
        }
    }
    return *best;
}

const policy::document* entity::policy_at(const json::value* node) const noexcept {
    for (const auto& slot : policies)
        if (slot.node == node) return slot.doc.get();
    return nullptr;
}

}  // namespace iamguard::entity
