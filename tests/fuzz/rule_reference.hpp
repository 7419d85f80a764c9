// SPDX-License-Identifier: Apache-2.0
// rule_reference.hpp: a small tree-walking interpreter of the rule AST, the oracle of the
// differential fuzz target fuzz_rule_diff.cpp.
//
// It reads the AST that rules::parse() produces and evaluates it directly, following
// dsl/README.md (sections 2 to 4) and the comments of lib/rules/values.hpp, without the compiled
// program of lib/rules. Clarity over speed: a newcomer should be able to check every function of
// rule_reference.cpp against a sentence of the documentation.
//
// What it shares with the library on purpose: the public schema (aliases such as `trust`),
// rules::parse_date for dates, RE2 for `regexMatch`, and the implementations of registry functions
// (before, after, dateDifference and the IAM-aware ones) from analysis::standard_functions(): the
// point of the differential is the language layer, not the functions.
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>

#include <iamguard/entity/entity.hpp>
#include <iamguard/rules/ast.hpp>

namespace iamguard::fuzz {

/// What the reference says about one rule on one entity (or on one `List<T>`).
enum class ref_outcome {
    pass,            ///< the rule passes
    fail,            ///< the rule fails
    error,           ///< a function failed while evaluating (dsl/README.md section 4: never a silent pass)
    not_applicable,  ///< no finding: another entity type, or the `where` clause filtered it out
    invalid,         ///< the documentation says this rule cannot compile (it did, or we would not be asked)
};

/// "pass", "fail", "error", "not applicable" or "invalid".
[[nodiscard]] std::string_view to_string(ref_outcome o) noexcept;

/// An outcome and, for `error` and `invalid`, why.
struct ref_result {
    ref_outcome outcome = ref_outcome::not_applicable;
    std::string detail;
};

/// Evaluates a per-entity rule (or the constant `true`) on `e`, with the parameter defaults the
/// rule declares. Aggregate rules are not applicable here (see evaluate_aggregate_rule).
/// Errors: never throws for a rule or entity problem (those are outcomes); std::bad_alloc only.
[[nodiscard]] ref_result evaluate_rule(const rules::ast::rule_def& rule, const entity::entity& e,
                                       std::chrono::system_clock::time_point now);

/// Evaluates an aggregate rule (`List<T> ...`) once over the entities of type T in `all`; a
/// per-entity rule is not applicable here.
[[nodiscard]] ref_result evaluate_aggregate_rule(const rules::ast::rule_def& rule, std::span<const entity::entity> all,
                                                 std::chrono::system_clock::time_point now);

}  // namespace iamguard::fuzz
