// SPDX-License-Identifier: Apache-2.0
// lib/rules/aggregates.cpp: the aggregate rules (`List<T> should ...`), over a stream.
//
// A rule whose plan is streamable (aggregate_plan.cpp) keeps one digest per item: the item's
// name, ARN and the fields the rest of the rule reads, with the answers of its slots computed on
// the entity when it was added. At the end the rule runs over the digests, the evaluator looking
// the slots up instead of evaluating them. Other rules keep a copy of each entity of their type
// and run as they would over the whole input.
#include <iamguard/rules/aggregate_state.hpp>

#include <algorithm>
#include <limits>

#include "evaluator.hpp"
#include "evidence.hpp"
#include "program.hpp"
#include "values.hpp"

namespace iamguard::rules {

namespace detail {

/// One item of a streamable rule.
struct item_digest {
    json::value fields;                 // an object: name, arn and the fields the rule reads
    std::vector<slot_result> slots;     // in aggregate_plan::slots order
    std::string name;                   // for evidence: the entity's name, or its ARN
};

/// What one aggregate rule has recorded.
struct rule_items {
    bool seen = false;        // an entity of the rule's type was added
    std::string first_file;   // the file of the first one: the finding's location
    std::vector<item_digest> digests;
};

struct aggregate_items {
    std::vector<rule_items> rules;  // by rule index (unused for per-entity rules)
    // For the rules that are not streamable, in input order: the entities added by reference,
    // and those handed over (owned here; unique_ptr so that append() does not move them).
    std::vector<const entity::entity*> entities;
    std::vector<std::unique_ptr<entity::entity>> owned;
};

}  // namespace detail

namespace {

using detail::eval_error;
using detail::evaluator;
using detail::verdict;

void shift(source_pos& p, std::uint32_t lines, std::uint32_t bytes) {
    if (p.line == 0) return;
    p.line += lines;
    // offsets are 32-bit: past 4 GiB they stay at the largest value rather than wrap
    const std::uint64_t offset = std::uint64_t{p.offset} + bytes;
    p.offset = static_cast<std::uint32_t>(std::min<std::uint64_t>(offset, std::numeric_limits<std::uint32_t>::max()));
}

void shift_all(json::value& v, std::uint32_t lines, std::uint32_t bytes) {
    shift(v.pos, lines, bytes);
    for (auto& item : v.items) shift_all(item, lines, bytes);
    for (auto& m : v.members) {
        shift(m.key_pos, lines, bytes);
        shift_all(m.val, lines, bytes);
    }
}

/// The digest's field object: `name`, `arn` and the plan's fields, in the entity's order.
json::value digest_fields(const entity::entity& e, const detail::aggregate_plan& plan) {
    json::value d;
    d.type = json::kind::object;
    d.pos = e.fields.pos;
    for (const auto& m : e.fields.members)
        if (m.key == "name" || m.key == "arn" || std::binary_search(plan.fields.begin(), plan.fields.end(), m.key))
            d.members.push_back(m);
    return d;
}

/// Computes slot `s` on entity `e` (as the evaluator would when checking item `e`).
detail::slot_result compute_slot(evaluator& ev, const detail::aggregate_slot& s, const entity::entity& e) {
    detail::slot_result r;
    ev.reset();
    if (!s.is_key) {
        r.verdict = ev.test(s.node, &e.fields).value;
        return r;
    }
    // groupBy reads the scalars of the key's collection; keep exactly those
    const detail::val key = ev.value(s.node, &e.fields);
    for (const json::value* k : key.elements ? key.nodes : detail::collection(key.nodes))
        if (detail::scalar_text(*k)) r.values.push_back(*k);
    return r;
}

/// Runs rule `r` with `ev`, whose items are set, into `f`; false when its `where` leaves it out.
/// `owner_of` names the entity that holds an element (for the evidence), or returns empty.
template <class OwnerOf>
bool run_rule(evaluator& ev, const detail::compiled_rule& r, finding& f, OwnerOf owner_of) {
    try {
        if (r.filter >= 0 && !ev.test(static_cast<std::uint32_t>(r.filter), nullptr).value) return false;
        verdict v{true, nullptr};
        if (r.condition >= 0) v = ev.test(static_cast<std::uint32_t>(r.condition), nullptr);
        const bool ok = !r.has_should ? false : (r.negated ? !v.value : v.value);
        f.result = ok ? outcome::pass : outcome::fail;
        f.message = f.entity_name + (ok ? " satisfies `" : (r.negated ? " should not have `" : " should have `")) +
                    r.condition_text + "`";
        if (!ok && v.witness != nullptr) {
            evidence item = detail::make_evidence(v.witness, nullptr);
            if (std::string owner = owner_of(v.witness); !owner.empty()) item.path = std::move(owner);
            f.evidence.push_back(std::move(item));
        }
    } catch (const eval_error& err) {
        f.result = outcome::error;
        f.message = "cannot evaluate " + f.entity_name + ": " + err.message;
    }
    return true;
}

}  // namespace

aggregate_state::aggregate_state() = default;
aggregate_state::aggregate_state(aggregate_state&&) noexcept = default;
aggregate_state& aggregate_state::operator=(aggregate_state&&) noexcept = default;
aggregate_state::~aggregate_state() = default;

aggregate_state::aggregate_state(const rule_set& rules, const eval_context& ctx)
    : program_(rules.program_), ctx_(ctx), items_(std::make_unique<detail::aggregate_items>()) {
    if (program_) items_->rules.resize(program_->rules.size());
}

bool aggregate_state::wants(entity::entity_type t) const noexcept {
    if (!program_) return false;
    for (const auto& r : program_->rules)
        if (r.aggregate && r.type && *r.type == t) return true;
    return false;
}

void aggregate_state::add(const entity::entity& e, std::uint32_t line_shift, std::uint32_t byte_shift) {
    if (digest(e, line_shift, byte_shift)) items_->entities.push_back(&e);
}

void aggregate_state::add(entity::entity&& e, std::uint32_t line_shift, std::uint32_t byte_shift) {
    if (!digest(e, line_shift, byte_shift)) return;
    shift(e.from.pos, line_shift, byte_shift);
    items_->owned.push_back(std::make_unique<entity::entity>(std::move(e)));
    items_->entities.push_back(items_->owned.back().get());
}

bool aggregate_state::digest(const entity::entity& e, std::uint32_t line_shift, std::uint32_t byte_shift) {
    if (!program_) return false;
    const detail::program& p = *program_;
    bool keep_whole = false;
    for (std::size_t i = 0; i < p.rules.size(); ++i) {
        const detail::compiled_rule& r = p.rules[i];
        if (!r.aggregate || !r.type || *r.type != e.type) continue;
        detail::rule_items& mine = items_->rules[i];
        if (!mine.seen) {
            mine.seen = true;
            mine.first_file = e.from.file;
        }
        const detail::aggregate_plan& plan = r.plan;
        if (!plan.streamable) {
            keep_whole = true;
            continue;
        }
        detail::item_digest d;
        d.slots.reserve(plan.slots.size());
        bool needed = !plan.drop_keyless;
        evaluator ev(p, ctx_, &e, nullptr);  // the item's entity is the subject of its calls
        for (const auto& s : plan.slots) {
            try {
                d.slots.push_back(compute_slot(ev, s, e));
            } catch (const eval_error& err) {
                d.slots.push_back({.error = err.message});
            } catch (const std::bad_alloc&) {
                throw;
            } catch (const std::exception& ex) {
                d.slots.push_back({.error = ex.what()});
            }
            needed = needed || !d.slots.back().values.empty() || !d.slots.back().error.empty();
        }
        if (!needed) continue;  // in no group, and only groups read the items
        d.fields = digest_fields(e, plan);
        d.name = e.name.empty() ? e.arn : e.name;
        if (line_shift != 0 || byte_shift != 0) {
            shift_all(d.fields, line_shift, byte_shift);
            for (auto& s : d.slots)
                for (auto& v : s.values) shift_all(v, line_shift, byte_shift);
        }
        mine.digests.push_back(std::move(d));
    }
    return keep_whole;
}

void aggregate_state::append(aggregate_state&& later) {
    if (!later.items_) return;
    if (!items_) {
        *this = std::move(later);
        return;
    }
    auto& to = items_->rules;
    auto& from = later.items_->rules;
    for (std::size_t i = 0; i < to.size() && i < from.size(); ++i) {
        if (!to[i].seen && from[i].seen) {
            to[i].seen = true;
            to[i].first_file = std::move(from[i].first_file);
        }
        std::move(from[i].digests.begin(), from[i].digests.end(), std::back_inserter(to[i].digests));
    }
    auto& later_items = *later.items_;
    items_->entities.insert(items_->entities.end(), later_items.entities.begin(), later_items.entities.end());
    std::move(later_items.owned.begin(), later_items.owned.end(), std::back_inserter(items_->owned));
    later.items_.reset();
}

std::size_t aggregate_state::kept() const noexcept {
    if (!items_) return 0;
    std::size_t n = items_->entities.size();
    for (const auto& r : items_->rules) n += r.digests.size();
    return n;
}

void aggregate_state::evaluate(std::vector<finding>& out) const {
    if (!program_ || !items_) return;
    const detail::program& p = *program_;
    for (std::size_t i = 0; i < p.rules.size(); ++i) {
        const detail::compiled_rule& r = p.rules[i];
        if (!r.aggregate || !r.type) continue;
        const detail::rule_items& mine = items_->rules[i];
        finding f;
        f.rule = &p.infos[i];
        f.entity_type = *r.type;
        f.entity_name = "List<" + std::string(entity::to_string(*r.type)) + ">";
        f.location.file = mine.first_file;
        const std::string type_name(entity::to_string(*r.type));
        std::vector<const json::value*> items;
        bool kept = false;
        if (r.plan.streamable) {
            detail::slot_results results;
            for (const auto& d : mine.digests) {
                items.push_back(&d.fields);
                results.emplace(&d.fields, &d.slots);
            }
            evaluator ev(p, ctx_, nullptr, &items);
            ev.use_digests(r.plan, results);
            kept = run_rule(ev, r, f, [&](const json::value* witness) {
                for (const auto& d : mine.digests) {
                    std::string path;
                    if (detail::find_path(d.fields, witness, path))
                        return type_name + " `" + d.name + "`" + (path.empty() ? "" : " " + path);
                }
                return std::string();
            });
        } else {
            std::unordered_map<const json::value*, const entity::entity*> owners;
            for (const entity::entity* e : items_->entities) {
                if (e->type != *r.type) continue;
                items.push_back(&e->fields);
                owners.emplace(&e->fields, e);
            }
            evaluator ev(p, ctx_, nullptr, &items, &owners);
            kept = run_rule(ev, r, f, [&](const json::value* witness) {
                for (const entity::entity* e : items_->entities) {
                    std::string path;
                    if (e->type == *r.type && detail::find_path(e->fields, witness, path))
                        return type_name + " " + detail::quoted_name(*e) + (path.empty() ? "" : " " + path);
                }
                return std::string();
            });
        }
        if (kept) out.push_back(std::move(f));
    }
}

bool rule_set::has_aggregates() const noexcept {
    if (!program_) return false;
    return std::any_of(program_->rules.begin(), program_->rules.end(), [](const auto& r) { return r.aggregate; });
}

void rule_set::evaluate_aggregates(std::span<const entity::entity> all, const eval_context& ctx,
                                   std::vector<finding>& out) const {
    aggregate_state state(*this, ctx);
    for (const auto& e : all) state.add(e);
    state.evaluate(out);
}

}  // namespace iamguard::rules
