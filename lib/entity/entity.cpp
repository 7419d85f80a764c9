// SPDX-License-Identifier: Apache-2.0
// entity.cpp: entity type names and the policy slots of an entity.
#include <iamguard/entity/entity.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <iterator>
#include <mutex>
#include <optional>

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

namespace {

// The statements of a slot as a range of adjacent nodes: the elements of its `Statement` list,
// or the `Statement` object itself. Empty when the slot has neither.
std::pair<const json::value*, const json::value*> statement_range(const policy_slot& slot) noexcept {
    const json::value* list = slot.node != nullptr ? slot.node->find("Statement") : nullptr;
    if (list == nullptr) return {nullptr, nullptr};
    if (list->is_object()) return {list, list + 1};
    if (list->is_array() && !list->items.empty()) return {list->items.data(), list->items.data() + list->items.size()};
    return {nullptr, nullptr};
}

// Node addresses are compared with std::less: `<` on pointers into different arrays is unspecified.
const std::less<const json::value*> before;

}  // namespace

void entity::index_policies() {
    by_node_.clear();
    by_statements_.clear();
    for (std::uint32_t i = 0; i < policies.size(); ++i) {
        by_node_.push_back(i);
        if (statement_range(policies[i]).first != nullptr) by_statements_.push_back(i);
    }
    std::sort(by_node_.begin(), by_node_.end(),
              [&](std::uint32_t a, std::uint32_t b) { return before(policies[a].node, policies[b].node); });
    std::sort(by_statements_.begin(), by_statements_.end(), [&](std::uint32_t a, std::uint32_t b) {
        return before(statement_range(policies[a]).first, statement_range(policies[b]).first);
    });
}

const policy_slot* entity::policy_slot_at(const json::value* node) const noexcept {
    if (by_node_.size() != policies.size()) {  // not indexed (or changed since): scan
        for (const auto& slot : policies)
            if (slot.node == node && slot.doc) return &slot;
        return nullptr;
    }
    auto it = std::lower_bound(by_node_.begin(), by_node_.end(), node,
                               [&](std::uint32_t i, const json::value* n) { return before(policies[i].node, n); });
    for (; it != by_node_.end() && policies[*it].node == node; ++it)
        if (policies[*it].doc) return &policies[*it];
    return nullptr;
}

const policy::document* entity::policy_at(const json::value* node) const noexcept {
    const policy_slot* slot = policy_slot_at(node);
    return slot != nullptr ? slot->doc.get() : nullptr;
}

namespace detail {

// Not std::call_once: glibc's pthread_once makes a futex system call each time it runs an
// initialiser, i.e. once per document compiled (a scan compiles one or more per entity). An
// uncontended mutex makes none; the atomic pointer keeps later calls lock-free.
struct prepared_cache {
    std::atomic<const eval::prepared_policy*> ready{nullptr};
    std::mutex compiling;
    std::optional<eval::prepared_policy> policy;  // set once, under `compiling`
};

}  // namespace detail

policy_slot policy_slot::make(const json::value* node, std::string path, std::shared_ptr<const policy::document> doc) {
    return {node, std::move(path), std::move(doc), std::make_shared<detail::prepared_cache>()};
}

eval::prepared_policy policy_slot::prepared() const {
    if (cache == nullptr) return eval::prepared_policy(doc);
    if (const eval::prepared_policy* p = cache->ready.load(std::memory_order_acquire)) return *p;
    const std::lock_guard<std::mutex> lock(cache->compiling);
    if (!cache->policy) {
        cache->policy.emplace(doc);  // shares `doc`: no copy
        cache->ready.store(&*cache->policy, std::memory_order_release);
    }
    return *cache->policy;
}

std::optional<entity::statement_ref> entity::statement_at(const json::value* node) const noexcept {
    if (node == nullptr) return std::nullopt;
    auto inside = [&](std::uint32_t i) -> std::optional<statement_ref> {
        const auto [first, last] = statement_range(policies[i]);
        if (first == nullptr || before(node, first) || !before(node, last)) return std::nullopt;
        return statement_ref{&policies[i], static_cast<std::size_t>(node - first)};
    };
    if (by_node_.size() != policies.size()) {  // not indexed (or changed since): scan
        for (std::uint32_t i = 0; i < policies.size(); ++i)
            if (auto r = inside(i)) return r;
        return std::nullopt;
    }
    // the last range starting at or before `node` is the only one that can hold it
    auto it = std::upper_bound(by_statements_.begin(), by_statements_.end(), node,
                               [&](const json::value* n, std::uint32_t i) { return before(n, statement_range(policies[i]).first); });
    if (it == by_statements_.begin()) return std::nullopt;
    return inside(*std::prev(it));
}

}  // namespace iamguard::entity
