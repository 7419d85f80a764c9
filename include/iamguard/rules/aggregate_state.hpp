// SPDX-License-Identifier: Apache-2.0
// rules/aggregate_state.hpp: what the aggregate rules (`List<T> should ...`) of a rule set keep
// of a stream of entities, so that a scan need not keep the entities themselves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include <iamguard/entity/entity.hpp>
#include <iamguard/rules/finding.hpp>
#include <iamguard/rules/rule_set.hpp>

namespace iamguard::rules {

namespace detail {
struct aggregate_items;
}

/// Collects, entity by entity, what the aggregate rules of a rule_set need, then evaluates them.
///
/// An aggregate rule sees every entity of its type at once, yet a scan of a million roles cannot
/// keep a million entities. Most aggregate rules only look at one item at a time before they
/// combine (`items groupBy [trust externalIds()] contain [values length() > 1]`: the external IDs
/// of each role, then the groups). For those, add() computes the per-item parts on the entity
/// (calls included, with the entity as their subject) and keeps a digest: the item's `name`,
/// `arn`, the few fields the rest of the rule reads, and the computed answers; an item that can
/// play no part (a role with no external ID, when roles are only grouped) is not kept at all.
/// Rules that call functions on the combined values keep each entity of their type.
/// Either way the verdicts are those of rule_set::evaluate_aggregates over the same entities, and
/// the evidence of a group lists the digests (`{"key": ..., "values": [{"name", "arn"}, ...]}`).
///
/// Usage: one state per thread or chunk, add() each entity after rule_set::evaluate(), append()
/// the states in input order (order decides which group and which item is reported first), then
/// evaluate() once.
///
/// Thread safety: a state is not synchronised; distinct states may be used from distinct threads.
/// Memory: a digest is a few hundred bytes (more when the rule reads large fields); a kept entity
/// is its whole field tree and parsed policies.
class aggregate_state {
public:
    /// A state for a rule set with no rules: add() keeps nothing, evaluate() adds nothing.
    aggregate_state();
    /// A state for the aggregate rules of `rules` (which it shares), evaluated at `ctx`.
    aggregate_state(const rule_set& rules, const eval_context& ctx);
    aggregate_state(aggregate_state&&) noexcept;
    aggregate_state& operator=(aggregate_state&&) noexcept;
    aggregate_state(const aggregate_state&) = delete;
    aggregate_state& operator=(const aggregate_state&) = delete;
    ~aggregate_state();

    /// True when some aggregate rule checks entities of type `t` (add() ignores the others).
    [[nodiscard]] bool wants(entity::entity_type t) const noexcept;

    /// Records what the aggregate rules need of `e`. When a rule that is not streamable checks
    /// `e`'s type, the state keeps a pointer to `e`, which must then outlive evaluate(); the
    /// rvalue overload below hands `e` over instead. Otherwise `e` may be destroyed. Entities
    /// loaded from a piece of a larger text (a line of JSON Lines) give `line_shift` (the lines
    /// before the piece) and `byte_shift` (its offset), so that kept positions are in the whole
    /// text, as rule_set::evaluate()'s findings would be after the same shift.
    /// Errors: a rule that fails on `e` (a function error) is recorded and reported by evaluate()
    /// as that rule's `error` outcome; throws std::bad_alloc only.
    /// Complexity: the per-item parts of the aggregate rules on `e`, plus copying its digest.
    void add(const entity::entity& e, std::uint32_t line_shift = 0, std::uint32_t byte_shift = 0);

    /// The same, for a stream: `e` is moved into the state when a rule that is not streamable
    /// needs it (its `from` position then shifted), and left as it was otherwise.
    void add(entity::entity&& e, std::uint32_t line_shift = 0, std::uint32_t byte_shift = 0);

    /// Moves everything `later` recorded after what this state recorded (`later` comes after in
    /// the input). Both must come from the same rule_set. Linear in what `later` holds.
    void append(aggregate_state&& later);

    /// Digests and entities held: the memory that grows with the input.
    [[nodiscard]] std::size_t kept() const noexcept;

    /// Runs the aggregate rules over everything added, appending one finding per rule (its entity
    /// name is `List<T>`), in rule order. Errors: never throws for data problems (a rule that
    /// cannot be evaluated gives an `error` finding); std::bad_alloc only. May be called again.
    void evaluate(std::vector<finding>& out) const;

private:
    /// Records `e`'s digests; true when a rule that is not streamable needs `e` itself.
    bool digest(const entity::entity& e, std::uint32_t line_shift, std::uint32_t byte_shift);

    std::shared_ptr<const detail::program> program_;
    eval_context ctx_;
    std::unique_ptr<detail::aggregate_items> items_;
};

}  // namespace iamguard::rules
