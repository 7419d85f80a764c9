// SPDX-License-Identifier: Apache-2.0
// lib/rules/evaluator.hpp: the walk over a compiled program (private to the library).
//
// Two mutually recursive walks over the flat program: test() answers a condition and names the
// element that decided it (the evidence), value() yields the nodes a path, call or filter
// stands for. Everything computed lives in the evaluator's arena, so a rule_set is never written
// to. Used by evaluate.cpp (per-entity rules) and aggregates.cpp (List<T> rules).
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <iamguard/rules/ast.hpp>
#include <iamguard/rules/rule_set.hpp>

#include "program.hpp"
#include "values.hpp"

namespace iamguard::rules::detail {

/// Raised inside one rule's evaluation; the rule's outcome becomes `error`. Never escapes.
struct eval_error {
    std::string message;
};

struct val {
    value_list nodes;
    bool elements = false;  // nodes are the elements of a list (a `with`/`groupBy` result)
};

struct verdict {
    bool value = false;
    const json::value* witness = nullptr;
};

/// The answer of one item-local part of a `List<T>` rule (an aggregate_plan slot) for one item,
/// computed when the item's entity was streamed (aggregates.cpp).
struct slot_result {
    bool verdict = false;             ///< a predicate's answer
    std::vector<json::value> values;  ///< a groupBy key's values (copies: the entity is gone)
    bool elements = false;            ///< `values` are the elements of a list
    std::string error;                ///< the evaluation failed: raised when the answer is read
};

/// Item (the digest's field object) -> the results of its slots, in aggregate_plan::slots order.
using slot_results = std::unordered_map<const json::value*, const std::vector<slot_result>*>;

class evaluator {
public:
    evaluator(const detail::program& p, const eval_context& ctx, const entity::entity* subject,
              const std::vector<const json::value*>* items,
              const std::unordered_map<const json::value*, const entity::entity*>* owners = nullptr)
        : p_(p), subject_(subject), items_(items), owners_(owners) {
        cx_.subject = subject;
        cx_.now = ctx.now;
        cx_.arena = &arena_;
    }

    /// Frees what the previous rule computed (its findings already hold copies of what they need).
    void reset() noexcept {
        arena_.clear();
        missing_ = nullptr;
    }

    /// Items are digests: the item-local parts of the rule named by `plan` are looked up in
    /// `results` instead of being evaluated (the entities they would need are gone).
    void use_digests(const aggregate_plan& plan, const slot_results& results) noexcept {
        plan_ = &plan;
        digests_ = &results;
    }

    /// The last path that resolved to nothing: the evidence of a rule that failed on missing data.
    [[nodiscard]] const detail::path_info* missing() const noexcept { return missing_; }

    verdict test(std::uint32_t index, const json::value* element) {
        const detail::node& n = p_.nodes[index];
        switch (n.code) {
            case detail::op::and_: {
                const json::value* last = nullptr;
                for (std::uint32_t i = 0; i < n.count; ++i) {
                    const verdict r = test(child(n, i), element);
                    if (!r.value) return r;
                    if (r.witness != nullptr) last = r.witness;
                }
                return {true, last};
            }
            case detail::op::or_: {
                const json::value* first = nullptr;
                for (std::uint32_t i = 0; i < n.count; ++i) {
                    const verdict r = test(child(n, i), element);
                    if (r.value) return r;
                    if (first == nullptr) first = r.witness;
                }
                return {false, first};
            }
            case detail::op::not_: {
                const verdict r = test(child(n, 0), element);
                return {!r.value, r.witness};
            }
            case detail::op::compare: return compare(n, element);
            case detail::op::quantify: return quantify(n, element);
            case detail::op::constant: return {detail::truthy(p_.constants[n.a]), nullptr};
            default: {
                // A call names the element that decided its answer (or its receiver): that, not the
                // computed `true`, is the evidence.
                const json::value* decided_by = nullptr;
                const val v = n.code == detail::op::call ? call(n, element, &decided_by) : value(index, element);
                if (v.elements) return {!v.nodes.empty(), v.nodes.empty() ? nullptr : v.nodes.front()};
                for (const json::value* node : v.nodes)
                    if (detail::truthy(*node)) return {true, decided_by != nullptr ? decided_by : node};
                return {false, decided_by != nullptr ? decided_by : (v.nodes.empty() ? nullptr : v.nodes.front())};
            }
        }
    }

    val value(std::uint32_t index, const json::value* element) {
        const detail::node& n = p_.nodes[index];
        switch (n.code) {
            case detail::op::constant: return {{&p_.constants[n.a]}};
            case detail::op::path: return path(n, element);
            case detail::op::length: {
                const val r = value(child(n, 0), element);
                return {{arena_.make_number(static_cast<double>(detail::length_of(r.nodes, r.elements)))}};
            }
            case detail::op::is_empty: {
                const val r = value(child(n, 0), element);
                return {{arena_.make_bool(detail::length_of(r.nodes, r.elements) == 0)}};
            }
            case detail::op::call: return call(n, element);
            case detail::op::filter: {
                const val subject = value(child(n, 0), element);
                val out;
                out.elements = true;
                for (const json::value* e : elements_of(subject)) {
                    const item_scope in_item(*this, e);
                    if (item_test(child(n, 1), e)) out.nodes.push_back(e);
                }
                return out;
            }
            case detail::op::group: return group(n, element);
            default: return {{arena_.make_bool(test(index, element).value)}};
        }
    }

private:
    /// While a list operator checks element `e`: when `e` is an item of a `List<T>` rule, its
    /// entity is the subject of the calls made inside (restored afterwards, also on errors).
    class item_scope {
    public:
        item_scope(evaluator& ev, const json::value* e) : ev_(ev), saved_(ev.item_) {
            if (ev.owners_ != nullptr)
                if (const auto it = ev.owners_->find(e); it != ev.owners_->end()) ev.item_ = it->second;
        }
        item_scope(const item_scope&) = delete;
        item_scope& operator=(const item_scope&) = delete;
        ~item_scope() { ev_.item_ = saved_; }

    private:
        evaluator& ev_;
        const entity::entity* saved_;
    };

    std::uint32_t child(const detail::node& n, std::uint32_t i) const { return p_.children[n.first + i]; }

    /// The precomputed result of node `index` (a slot) on item `e`, when items are digests.
    const slot_result* precomputed(std::uint32_t index, const json::value* e) const {
        if (digests_ == nullptr) return nullptr;
        const int slot = plan_->slot_of(index);
        if (slot < 0) return nullptr;
        const auto it = digests_->find(e);
        return it == digests_->end() ? nullptr : &(*it->second)[static_cast<std::size_t>(slot)];
    }

    /// The predicate of a list operator (`contain`, `with`) on element `e`.
    bool item_test(std::uint32_t index, const json::value* e) {
        if (const slot_result* r = precomputed(index, e)) {
            if (!r->error.empty()) throw eval_error{r->error};
            return r->verdict;
        }
        return test(index, e).value;
    }

    /// The key of `groupBy` on element `e`.
    val item_value(std::uint32_t index, const json::value* e) {
        if (const slot_result* r = precomputed(index, e)) {
            if (!r->error.empty()) throw eval_error{r->error};
            val out;
            out.elements = r->elements;
            for (const auto& v : r->values) out.nodes.push_back(&v);
            return out;
        }
        return value(index, e);
    }

    static std::vector<const json::value*> elements_of(const val& v) {
        return v.elements ? v.nodes : detail::collection(v.nodes);
    }

    static void step(const json::value* n, const std::string& seg, value_list& out) {
        if (n->is_array()) {
            for (const auto& item : n->items) step(&item, seg, out);
        } else if (n->is_object()) {
            if (const json::value* v = n->find(seg)) out.push_back(v);
        }
    }

    val path(const detail::node& n, const json::value* element) {
        const auto& info = p_.paths[n.a];
        value_list cur;
        const auto base = static_cast<detail::path_base>(n.kind);
        bool elements = false;
        std::size_t done = 0;  // segments already walked
        if (base == detail::path_base::items) {
            if (items_ != nullptr) cur = *items_;
            elements = info.segments.empty();
        } else {
            const json::value* start = base == detail::path_base::element && element != nullptr ? element
                                       : subject_ != nullptr ? &subject_->fields
                                                             : nullptr;
            if (start != nullptr) {
                // One node through objects (most paths: `trust.Statement`, `name`): no list per
                // segment; the general walk below takes over at the first list.
                const json::value* node = start;
                while (node != nullptr && done < info.segments.size() && node->is_object())
                    node = node->find(info.segments[done++]);
                if (node != nullptr) cur.push_back(node);
            }
        }
        for (std::size_t k = done; k < info.segments.size() && !cur.empty(); ++k) {
            value_list next;
            for (const json::value* node : cur) step(node, info.segments[k], next);
            cur = std::move(next);
        }
        if (cur.empty() && base != detail::path_base::items) missing_ = &info;
        return {std::move(cur), elements};
    }

    val call(const detail::node& n, const json::value* element, const json::value** decided_by = nullptr) {
        if (n.kind == 1) throw eval_error{"unknown function `" + p_.unknown_functions[n.a] + "`"};
        const function_def& fn = p_.functions[n.a];
        const val recv = value(child(n, 0), element);
        std::vector<value_list> args;
        for (std::uint32_t i = 1; i < n.count; ++i) args.push_back(value(child(n, i), element).nodes);
        call_result r;
        // In a `List<T>` rule a call within an item's check (on the item, e.g. `items groupBy
        // [trust externalIds()]`, or on anything below it) runs with that item's entity as its
        // subject, as it would in a per-entity rule.
        call_context cx = cx_;
        if (cx.subject == nullptr) cx.subject = item_;
        try {
            r = fn.impl(cx, recv.elements ? recv.nodes : recv.nodes, args);
        } catch (const std::exception& e) {
            throw eval_error{"`" + fn.signature.name + "` failed: " + e.what()};
        }
        if (!r.error.empty()) throw eval_error{"`" + fn.signature.name + "`: " + r.error};
        if (decided_by != nullptr) *decided_by = r.evidence != nullptr ? r.evidence : (recv.nodes.empty() ? nullptr : recv.nodes.front());
        return {std::move(r.values), false};
    }

    verdict quantify(const detail::node& n, const json::value* element) {
        const val subject = value(child(n, 0), element);
        const auto kind = static_cast<ast::list_op_kind>(n.kind);
        const std::uint32_t pred = child(n, 1);
        std::size_t matches = 0;
        const json::value* first_match = nullptr;
        for (const json::value* e : elements_of(subject)) {
            const item_scope in_item(*this, e);
            const bool ok = item_test(pred, e);
            switch (kind) {
                case ast::list_op_kind::contain_all:
                    if (!ok) return {false, e};
                    break;
                case ast::list_op_kind::contain_none:
                    if (ok) return {false, e};
                    break;
                case ast::list_op_kind::contain_single:
                    if (ok && ++matches == 1) first_match = e;
                    break;
                default:
                    if (ok) return {true, e};
            }
        }
        switch (kind) {
            case ast::list_op_kind::contain_all:
            case ast::list_op_kind::contain_none: return {true, nullptr};
            case ast::list_op_kind::contain_single: return {matches == 1, first_match};
            default: return {false, nullptr};
        }
    }

    val group(const detail::node& n, const json::value* element) {
        const val subject = value(child(n, 0), element);
        std::vector<std::pair<std::string, json::value>> groups;  // in first-seen order
        std::map<std::string, std::size_t> index;
        for (const json::value* e : elements_of(subject)) {
            const item_scope in_item(*this, e);
            const val key = item_value(child(n, 1), e);
            // no key: the element belongs to no group; a list of keys (e.g. the external IDs of a
            // role): it belongs to the group of each distinct one
            const auto keys = detail::collection(key.nodes);
            std::set<std::string> mine;
            for (const json::value* k : keys) {
                const auto text = detail::scalar_text(*k);
                if (!text || !mine.insert(std::string(*text)).second) continue;
                auto [it, fresh] = index.emplace(std::string(*text), groups.size());
                if (fresh) {
                    json::value g;
                    g.type = json::kind::object;
                    g.pos = k->pos;
                    json::member km{"key", k->pos, *k};
                    json::value vals;
                    vals.type = json::kind::array;
                    g.members.push_back(std::move(km));
                    g.members.push_back(json::member{"values", {}, std::move(vals)});
                    groups.emplace_back(std::string(*text), std::move(g));
                }
                groups[it->second].second.members[1].val.items.push_back(*e);
            }
        }
        val out;
        out.elements = true;
        for (auto& [_, g] : groups) out.nodes.push_back(arena_.adopt(std::move(g)));
        return out;
    }

    verdict compare(const detail::node& n, const json::value* element) {
        const val lhs = value(child(n, 0), element);
        const auto left = elements_of(lhs);
        const auto op = static_cast<ast::compare_op>(n.kind);
        switch (op) {
            case ast::compare_op::like:
            case ast::compare_op::unlike: {
                // like any comparison, true when some element (with a text) answers true
                const std::string& pat = p_.like_patterns[n.a];
                const bool want = op == ast::compare_op::like;
                const json::value* first = nullptr;
                for (const json::value* e : left) {
                    const auto t = detail::scalar_text(*e);
                    if (!t) continue;
                    if (first == nullptr) first = e;
                    if (detail::like_match(*t, pat) == want) return {true, e};
                }
                return {false, first};
            }
            case ast::compare_op::regex_match: {
                const RE2& re = *p_.regexes[n.a];
                for (const json::value* e : left) {
                    const auto t = detail::scalar_text(*e);
                    if (t && RE2::PartialMatch(re2::StringPiece(t->data(), t->size()), re)) return {true, e};
                }
                return {false, left.empty() ? nullptr : left.front()};
            }
            default: break;
        }
        std::vector<const json::value*> right;
        for (std::uint32_t i = 1; i < n.count; ++i) {
            const auto r = elements_of(value(child(n, i), element));
            right.insert(right.end(), r.begin(), r.end());
        }
        for (const json::value* e : left) {
            for (const json::value* r : right) {
                bool ok = false;
                switch (op) {
                    case ast::compare_op::eq:
                    case ast::compare_op::in: ok = detail::loose_equal(*e, *r); break;
                    case ast::compare_op::ne:
                        ok = detail::scalar_text(*e) && detail::scalar_text(*r) && !detail::loose_equal(*e, *r);
                        break;
                    case ast::compare_op::lt: ok = detail::ordered(*e, *r, "<"); break;
                    case ast::compare_op::gt: ok = detail::ordered(*e, *r, ">"); break;
                    case ast::compare_op::le: ok = detail::ordered(*e, *r, "<="); break;
                    case ast::compare_op::ge: ok = detail::ordered(*e, *r, ">="); break;
                    default: break;
                }
                if (ok) return {true, e};
            }
        }
        return {false, left.empty() ? nullptr : left.front()};
    }

    const detail::program& p_;
    const entity::entity* subject_;
    const std::vector<const json::value*>* items_;
    const std::unordered_map<const json::value*, const entity::entity*>* owners_;  // item root -> its entity
    const entity::entity* item_ = nullptr;  // List<T>: the entity of the item being checked, if any
    const aggregate_plan* plan_ = nullptr;   // with digests_: which nodes were computed per item
    const slot_results* digests_ = nullptr;
    value_arena arena_;
    call_context cx_;
    const detail::path_info* missing_ = nullptr;
};

}  // namespace iamguard::rules::detail
