// SPDX-License-Identifier: Apache-2.0
// rules/rule_set.hpp: a compiled, immutable set of rules, evaluated over entities.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <iamguard/entity/entity.hpp>
#include <iamguard/rules/finding.hpp>

namespace iamguard::rules {

namespace detail {
struct program;
}

/// What a rule evaluation may depend on besides the entity.
struct eval_context {
    /// The evaluation time for `before`/`after`: fix it for reproducible scans and tests.
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
    /// Whether a passing finding describes itself (entity name, ARN, location and message). Most
    /// findings of a scan are passes; a host that only counts them (a report that lists
    /// failures) sets this to false, and a pass then carries only its rule, entity type and
    /// result. Failures and errors are always described.
    bool describe_passes = true;
};

class aggregate_state;

/// Rules compiled by compile() or compile_paths(). Copying shares the compiled program.
/// Thread safety: immutable; every const member may be called from any number of threads at once
/// (each call uses its own scratch space).
class rule_set {
public:
    rule_set() = default;
    explicit rule_set(std::shared_ptr<const detail::program> p) noexcept : program_(std::move(p)) {}

    /// Metadata of every rule, in file order. `finding::rule` points into this vector; it stays
    /// valid as long as any copy of this rule_set lives.
    [[nodiscard]] const std::vector<rule_info>& rules() const noexcept;

    /// The entity type rule `i` checks; nullopt for types iamguard does not model (rules
    /// compiled with `syntax_only`) and for the constant `true`, which applies to every type.
    [[nodiscard]] std::optional<entity::entity_type> target(std::size_t i) const noexcept;

    /// True when rule `i` is an aggregate (`List<T> should ...`).
    [[nodiscard]] bool is_aggregate(std::size_t i) const noexcept;

    [[nodiscard]] std::size_t size() const noexcept { return rules().size(); }
    [[nodiscard]] bool empty() const noexcept { return size() == 0; }

    /// The most findings evaluate() can append for an entity of type `t`: the number of
    /// per-entity rules that target `t`. For hosts that reserve room for a batch of entities
    /// (growing a vector of findings moved them and made large blocks). Complexity: linear in
    /// the rules.
    [[nodiscard]] std::size_t max_findings(entity::entity_type t) const noexcept;

    /// Runs every per-entity rule whose target type is `e.type` (aggregates are skipped) and
    /// appends one finding per rule whose `where` selects `e`: pass, fail (with the evidence that
    /// decided) or error (the rule could not be evaluated on `e`, e.g. a function failed).
    /// Errors: never throws for data problems; std::bad_alloc only.
    /// Complexity: linear in the compiled program times the values the paths reach.
    void evaluate(const entity::entity& e, const eval_context& ctx, std::vector<finding>& out) const;

    /// True when some rule may read the top-level field `name` (canonical name, e.g.
    /// `combinedPolicies`) of an entity: a path that starts with it, a rule that sees whole
    /// entities (`$` at the top of a rule, an item of a `List<T>` rule that cannot be streamed),
    /// or a call to a function not marked function_signature::reads_only_arguments. False for an
    /// empty set. Hosts use it to skip building fields no rule reads
    /// (entity::load_options::combined_policies). Complexity: logarithmic in the fields read.
    [[nodiscard]] bool reads_field(std::string_view name) const noexcept;
    /// Every parameter a rule declares (`param NAME: ...`) or refers to (`{NAME}`), as (rule id,
    /// name) pairs sorted by id then name, each once. Hosts use it to check their own settings;
    /// unused_parameters() (compile.hpp) does so for a parameters object. Complexity: O(1).
    [[nodiscard]] std::span<const std::pair<std::string, std::string>> parameter_names() const noexcept;
    /// True when some rule is an aggregate.
    [[nodiscard]] bool has_aggregates() const noexcept;

    /// Runs the aggregate rules (`List<T> should ...`) once over all entities of their type in
    /// `all`, appending one finding per rule (its entity name is `List<T>`), in rule order.
    /// The same as adding every entity to an aggregate_state and evaluating it; use that state
    /// directly to scan a stream without keeping its entities.
    /// Errors: never throws for data problems; std::bad_alloc only.
    /// Complexity: linear in `all` times the per-item parts of the rules, plus the rest of each
    /// rule over the items (a `groupBy` is O(n log n)).
    void evaluate_aggregates(std::span<const entity::entity> all, const eval_context& ctx,
                             std::vector<finding>& out) const;

private:
    friend class aggregate_state;
    std::shared_ptr<const detail::program> program_;
};

}  // namespace iamguard::rules
