// SPDX-License-Identifier: Apache-2.0
// lib/rules/field_use.cpp: which top-level fields of an entity the rules may read.
//
// Why: a loader that knows no rule reads a field need not build it. The largest is
// `combinedPolicies` (every identity's inline and attached documents joined again), which the
// shipped pack never reads; see entity::load_options::combined_policies.
//
// The walk follows what the evaluator reads (evaluator.hpp). A path from the entity's root names
// its first segment. A path relative to the element of a list (`[... document ...]`) reads below
// the list, which the list's own path already names, except where the elements are whole
// entities: the per-item parts (slots) of a streamable `List<T>` rule. The rest of such a rule
// reads only the items' digests: `name`, `arn` and the fields of its plan (aggregate_plan.cpp).
#include "field_use.hpp"

#include <algorithm>
#include <set>

#include "program.hpp"

namespace iamguard::rules::detail {

namespace {

/// What a path relative to the current element refers to.
enum class element_scope : std::uint8_t {
    part,      // a node inside an entity, below a path that is already counted
    entities,  // whole entities: the items of a `List<T>` rule
};

class field_reader {
public:
    explicit field_reader(const program& p) : p_(p) {}

    field_use run() {
        for (const compiled_rule& r : p_.rules) {
            if (r.aggregate) {
                aggregate(r);
                continue;
            }
            if (r.filter >= 0) walk(static_cast<std::uint32_t>(r.filter), element_scope::part);
            if (r.condition >= 0) walk(static_cast<std::uint32_t>(r.condition), element_scope::part);
        }
        field_use out;
        out.everything = everything_;
        if (!everything_) out.fields.assign(fields_.begin(), fields_.end());
        return out;
    }

private:
    void aggregate(const compiled_rule& r) {
        if (!r.plan.streamable) {
            everything_ = true;  // evaluated over whole entities, any of which may be the evidence
            return;
        }
        fields_.insert("name");
        fields_.insert("arn");
        fields_.insert(r.plan.fields.begin(), r.plan.fields.end());
        for (const aggregate_slot& s : r.plan.slots) walk(s.node, element_scope::entities);
    }

    void name_first(const path_info& path) {
        if (path.segments.empty()) {
            everything_ = true;  // `$`: the entity itself
        } else {
            fields_.insert(path.segments.front());
        }
    }

    void walk(std::uint32_t index, element_scope scope) {
        const node& n = p_.nodes[index];
        switch (n.code) {
            case op::path:
                switch (static_cast<path_base>(n.kind)) {
                    case path_base::root: name_first(p_.paths[n.a]); break;
                    case path_base::element:
                        if (scope == element_scope::entities) name_first(p_.paths[n.a]);
                        break;
                    case path_base::items: everything_ = true; break;  // only in plans, which are handled above
                }
                return;
            case op::call:
                // kind 1: a function the registry did not know (syntax_only); it cannot run, but
                // nothing says what it would read
                if (n.kind != 0 || !p_.functions[n.a].signature.reads_only_arguments) everything_ = true;
                break;
            case op::quantify:
            case op::filter:
            case op::group:
                // The subject is read in this scope; its elements are parts of what it names.
                walk(p_.children[n.first], scope);
                for (std::uint32_t i = 1; i < n.count; ++i) walk(p_.children[n.first + i], element_scope::part);
                return;
            default: break;
        }
        for (std::uint32_t i = 0; i < n.count; ++i) walk(p_.children[n.first + i], scope);
    }

    const program& p_;
    std::set<std::string> fields_;
    bool everything_ = false;
};

}  // namespace

field_use find_field_use(const program& p) {
    return field_reader(p).run();
}

}  // namespace iamguard::rules::detail
