// SPDX-License-Identifier: Apache-2.0
// lib/rules/aggregate_plan.cpp: finds the parts of a `List<T>` rule that look at one item at a
// time, so that a scan can compute them per entity and drop the entity (see aggregates.cpp).
//
// Example: `List<Role> should not have items groupBy [trust externalIds()] contain [values
// length() > 1]`. The key `trust externalIds()` is a slot: it reads one role and needs the role's
// parsed trust policy. Computed when the role is streamed, it leaves a digest of ~200 bytes
// instead of the whole entity; the rest of the rule (`contain [values length() > 1]`) reads
// only the groups. A role without an external ID belongs to no group and is not kept at all.
#include "aggregate_plan.hpp"

#include <set>

namespace iamguard::rules::detail {

namespace {

class planner {
public:
    explicit planner(const program& p) : p_(p) {}

    aggregate_plan run(const compiled_rule& r) {
        if (r.filter >= 0) walk(static_cast<std::uint32_t>(r.filter), false);
        if (r.condition >= 0) walk(static_cast<std::uint32_t>(r.condition), false);
        plan_.streamable = !call_outside_ && !items_in_slot_;
        plan_.fields.assign(fields_.begin(), fields_.end());
        plan_.drop_keyless = items_uses_ > 0 && items_uses_ == grouped_items_;
        return std::move(plan_);
    }

private:
    std::uint32_t child(const node& n, std::uint32_t i) const { return p_.children[n.first + i]; }

    bool is_items(std::uint32_t index) const {
        const node& n = p_.nodes[index];
        return n.code == op::path && static_cast<path_base>(n.kind) == path_base::items && p_.paths[n.a].segments.empty();
    }

    /// Elements that are items: `items`, or `items with [...]` (a subset of them).
    bool yields_items(std::uint32_t index) const {
        const node& n = p_.nodes[index];
        if (n.code == op::filter) return yields_items(child(n, 0));
        return is_items(index);
    }

    void walk(std::uint32_t index, bool in_slot) {
        const node& n = p_.nodes[index];
        if (n.code == op::path) {
            const bool items = static_cast<path_base>(n.kind) == path_base::items;
            if (in_slot) {
                items_in_slot_ = items_in_slot_ || items;  // an item's check that reads every item
                return;
            }
            if (items) ++items_uses_;
            // any segment may name an item's field (`values.name` after a groupBy): keep them all
            for (const auto& seg : p_.paths[n.a].segments) fields_.insert(seg);
            return;
        }
        if (n.code == op::call && !in_slot) call_outside_ = true;
        const bool list_op = n.code == op::quantify || n.code == op::filter || n.code == op::group;
        if (list_op && !in_slot && yields_items(child(n, 0))) {
            if (n.code == op::group && is_items(child(n, 0))) ++grouped_items_;
            plan_.slots.push_back({child(n, 1), n.code == op::group});
            walk(child(n, 0), false);
            walk(child(n, 1), true);
            return;
        }
        for (std::uint32_t i = 0; i < n.count; ++i) walk(child(n, i), in_slot);
    }

    const program& p_;
    aggregate_plan plan_;
    std::set<std::string> fields_;
    bool call_outside_ = false;
    bool items_in_slot_ = false;
    std::size_t items_uses_ = 0;     // `items` paths outside the slots
    std::size_t grouped_items_ = 0;  // ... of which are the subject of a groupBy
};

}  // namespace

aggregate_plan plan_aggregate(const program& p, const compiled_rule& r) {
    return planner(p).run(r);
}

}  // namespace iamguard::rules::detail
