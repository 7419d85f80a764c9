// SPDX-License-Identifier: Apache-2.0
// lib/rules/evaluate.cpp: runs the compiled program over entities and produces findings.
//
// The per-entity rules; the aggregates (`List<T>`) are in aggregates.cpp, the walk over the
// program that both use in evaluator.hpp.
#include <iamguard/rules/rule_set.hpp>

#include <algorithm>

#include "evaluator.hpp"
#include "evidence.hpp"
#include "program.hpp"

namespace iamguard::rules {

using detail::eval_error;
using detail::evaluator;
using detail::quoted_name;
using detail::verdict;

const std::vector<rule_info>& rule_set::rules() const noexcept {
    static const std::vector<rule_info> none;
    return program_ ? program_->infos : none;
}

std::optional<entity::entity_type> rule_set::target(std::size_t i) const noexcept {
    if (!program_ || i >= program_->rules.size()) return std::nullopt;
    return program_->rules[i].type;
}

bool rule_set::is_aggregate(std::size_t i) const noexcept {
    return program_ && i < program_->rules.size() && program_->rules[i].aggregate;
}

bool rule_set::reads_field(std::string_view name) const noexcept {
    if (!program_) return false;
    const detail::field_use& use = program_->reads;
    return use.everything || std::binary_search(use.fields.begin(), use.fields.end(), name);
}

std::span<const std::pair<std::string, std::string>> rule_set::parameter_names() const noexcept {
    if (!program_) return {};
    return program_->parameter_names;
}

std::size_t rule_set::max_findings(entity::entity_type t) const noexcept {
    if (!program_) return 0;
    std::size_t n = 0;
    for (const auto& r : program_->rules) n += !r.aggregate && r.type && *r.type == t ? 1 : 0;
    return n;
}

void rule_set::evaluate(const entity::entity& e, const eval_context& ctx, std::vector<finding>& out) const {
    if (!program_) return;
    const detail::program& p = *program_;
    evaluator ev(p, ctx, &e, nullptr);  // one per call: its arena is reused from rule to rule
    for (std::size_t i = 0; i < p.rules.size(); ++i) {
        const detail::compiled_rule& r = p.rules[i];
        if (r.aggregate || !r.type || *r.type != e.type) continue;
        ev.reset();
        finding f;
        f.rule = &p.infos[i];
        f.entity_type = e.type;
        try {
            verdict filter{true, nullptr};
            if (r.filter >= 0) {
                filter = ev.test(static_cast<std::uint32_t>(r.filter), nullptr);
                if (!filter.value) continue;
            }
            const json::value* witness = nullptr;
            if (r.constant_true) {
                f.result = outcome::pass;
                if (ctx.describe_passes) f.message = quoted_name(e) + " passes (the rule is `true`)";
            } else if (!r.has_should) {
                f.result = outcome::fail;
                witness = filter.witness;
                f.message = quoted_name(e) + " matches `" + r.filter_text + "`";
            } else {
                const verdict v = ev.test(static_cast<std::uint32_t>(r.condition), nullptr);
                const bool ok = r.negated ? !v.value : v.value;
                f.result = ok ? outcome::pass : outcome::fail;
                witness = v.witness;
                if (ok) {
                    if (ctx.describe_passes)
                        f.message = quoted_name(e) + (r.negated ? " does not have `" : " has `") + r.condition_text + "`";
                } else {
                    f.message = quoted_name(e) + (r.negated ? " should not have `" : " should have `") +
                                r.condition_text + "`";
                }
            }
            if (f.result == outcome::fail) {
                if (witness != nullptr) {
                    f.evidence.push_back(detail::make_evidence(witness, &e.fields));
                } else if (ev.missing() != nullptr && !r.negated) {
                    // `should have x = 1` failed because `x` is absent: say so, at the entity
                    evidence missing;
                    missing.path = ev.missing()->written;
                    missing.value = "(missing)";
                    missing.pos = e.fields.pos;
                    f.evidence.push_back(std::move(missing));
                }
            }
        } catch (const eval_error& err) {
            f.result = outcome::error;
            f.message = "cannot evaluate on " + quoted_name(e) + ": " + err.message;
        } catch (const std::bad_alloc&) {
            throw;
        } catch (const std::exception& ex) {
            f.result = outcome::error;
            f.message = "cannot evaluate on " + quoted_name(e) + ": " + ex.what();
        }
        // (after the `where` clause: an entity it leaves out costs no copies)
        if (f.result != outcome::pass || ctx.describe_passes) {
            f.entity_name = e.name;
            f.entity_arn = e.arn;
            f.location = e.from;
        }
        out.push_back(std::move(f));
    }
}

}  // namespace iamguard::rules
