// SPDX-License-Identifier: Apache-2.0
// rules_support.hpp: helpers for the rule tests: entities from JSON, compile-or-fail, evaluate.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <iamguard/json/value.hpp>
#include <iamguard/rules/compile.hpp>
#include <iamguard/rules/rule_set.hpp>

namespace iamguard::test {

/// An entity of type `t` named `name` whose fields are the JSON object `fields`.
inline entity::entity make_entity(entity::entity_type t, std::string name, std::string_view fields) {
    entity::entity e;
    e.type = t;
    e.name = std::move(name);
    auto parsed = json::parse(fields);
    BOOST_TEST_REQUIRE(parsed.ok, "test entity JSON must parse: " << fields);
    e.fields = std::move(parsed.root);
    return e;
}

/// The fixed evaluation time of the tests: 2024-06-01T00:00:00Z.
inline rules::eval_context fixed_now() {
    rules::eval_context ctx;
    ctx.now = std::chrono::sys_days{std::chrono::year{2024} / 6 / 1};
    return ctx;
}

/// All diagnostics, rendered short, one per line (for failure messages).
inline std::string dump(const std::vector<diagnostic>& diags) {
    std::string out;
    for (const auto& d : diags) out += render_short(d) + "\n";
    return out;
}

/// Compiles `source`; the test fails when it does not compile.
inline rules::rule_set compile_ok(std::string_view source, const rules::compile_options& opts = {}) {
    auto r = rules::compile(source, "t.rule", opts);
    BOOST_TEST_REQUIRE(r.rules.has_value(), "expected to compile: " << source << "\n" << dump(r.diagnostics));
    return *r.rules;
}

/// Evaluates the single rule of `rules` on `e`: the finding's outcome, or nullopt when the
/// `where` clause filtered the entity out.
inline std::optional<rules::finding> run_one(const rules::rule_set& rs, const entity::entity& e) {
    std::vector<rules::finding> out;
    rs.evaluate(e, fixed_now(), out);
    if (out.empty()) return std::nullopt;
    BOOST_TEST_REQUIRE(out.size() == 1u);
    return out.front();
}

/// "pass", "fail", "error" or "skip" (filtered out by `where`) for a one-rule source on `e`.
inline std::string verdict(std::string_view source, const entity::entity& e, const rules::compile_options& opts = {}) {
    const auto rs = compile_ok(source, opts);
    const auto f = run_one(rs, e);
    if (!f) return "skip";
    return std::string(rules::to_string(f->result));
}

/// The first diagnostic of compiling `source`, as `line:col CODE message`.
inline std::string first_error(std::string_view source, const rules::compile_options& opts = {}) {
    auto r = rules::compile(source, "t.rule", opts);
    if (r.diagnostics.empty()) return "no diagnostics";
    const auto& d = r.diagnostics.front();
    return std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + " " + d.code + " " + d.message;
}

}  // namespace iamguard::test
