// SPDX-License-Identifier: Apache-2.0
// aggregate_state_test.cpp: aggregate rules over a stream: the digests keep what the rules need
// and nothing else, give the verdicts of the whole-input evaluation, and keep input order.
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <iamguard/entity/load.hpp>
#include <iamguard/rules/aggregate_state.hpp>

#include "rules_support.hpp"

namespace rules = iamguard::rules;
using iamguard::test::compile_ok;
using iamguard::test::fixed_now;

namespace {

// A role trusting another account, pinning `external_id` (none when empty).
std::string role_line(const std::string& name, const std::string& external_id) {
    std::string condition;
    if (!external_id.empty()) condition = R"(,"Condition":{"StringEquals":{"sts:ExternalId":")" + external_id + R"("}})";
    return R"({"type":"Role","name":")" + name + R"(","arn":"arn:aws:iam::111111111111:role/)" + name +
           R"(","description":"a role","maxSessionDuration":3600,"assumeRolePolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sts:AssumeRole")" +
           condition + "}]}}\n";
}

std::vector<iamguard::entity::entity> load_lines(const std::string& text) {
    auto loaded = iamguard::entity::load(text, "roles.jsonl");
    BOOST_TEST_REQUIRE(loaded.ok());
    return std::move(loaded.entities);
}

const char* const reuse_rule =
    "List<Role> should not have items groupBy [trust externalIds()] contain [values length() > 1]";

}  // namespace

BOOST_AUTO_TEST_SUITE(aggregate_state_suite)

BOOST_AUTO_TEST_CASE(a_grouping_rule_keeps_only_grouped_digests) {
    const auto rs = compile_ok(reuse_rule);
    rules::aggregate_state state(rs, fixed_now());
    BOOST_TEST(state.wants(iamguard::entity::entity_type::role));
    BOOST_TEST(!state.wants(iamguard::entity::entity_type::user));
    {
        // the entities are destroyed before the evaluation: the state must not need them
        auto roles = load_lines(role_line("a", "shared-id-0001") + role_line("b", "") + role_line("c", "shared-id-0001") +
                                role_line("d", "own-id-0002"));
        for (auto& e : roles) state.add(std::move(e));
    }
    BOOST_TEST(state.kept() == 3u);  // `b` has no external ID: in no group, not kept
    std::vector<rules::finding> out;
    state.evaluate(out);
    BOOST_TEST_REQUIRE(out.size() == 1u);
    BOOST_TEST((out[0].result == rules::outcome::fail));
    BOOST_TEST(out[0].entity_name == "List<Role>");
    BOOST_TEST(out[0].location.file == "roles.jsonl");
    BOOST_TEST_REQUIRE(out[0].evidence.size() == 1u);
    // the evidence lists the roles that share the ID, by name and ARN, and nothing else of them
    BOOST_TEST(out[0].evidence[0].value ==
               R"({"key":"shared-id-0001","values":[{"name":"a","arn":"arn:aws:iam::111111111111:role/a"},)"
               R"({"name":"c","arn":"arn:aws:iam::111111111111:role/c"}]})");
    // at the key: a computed value, placed at the start of the first role's line
    BOOST_TEST(out[0].evidence[0].pos.line == 1u);
}

BOOST_AUTO_TEST_CASE(positions_shift_as_the_line_would) {
    const auto rs = compile_ok(reuse_rule);
    rules::aggregate_state state(rs, fixed_now());
    const std::string line_a = role_line("a", "shared-id-0001");
    auto a = load_lines(line_a);
    auto c = load_lines(role_line("c", "shared-id-0001"));
    state.add(std::move(a[0]), 41, 5000);  // as if `a` were line 42, at byte 5000
    state.add(std::move(c[0]), 42, static_cast<std::uint32_t>(5000 + line_a.size()));
    std::vector<rules::finding> out;
    state.evaluate(out);
    BOOST_TEST_REQUIRE(out.size() == 1u);
    BOOST_TEST_REQUIRE(out[0].evidence.size() == 1u);
    // the key is computed (`externalIds()`): it is placed at the start of the first role's line
    BOOST_TEST(out[0].evidence[0].pos.line == 42u);
    BOOST_TEST(out[0].evidence[0].pos.column == 1u);
    BOOST_TEST(out[0].evidence[0].pos.offset == 5000u);
}

BOOST_AUTO_TEST_CASE(append_keeps_input_order) {
    // the first group with two roles is the one reported: it depends on which role came first
    const auto rs = compile_ok(reuse_rule);
    auto first = load_lines(role_line("a", "id-x-0001") + role_line("b", "id-y-0002"));
    auto second = load_lines(role_line("c", "id-y-0002") + role_line("d", "id-x-0001"));
    rules::aggregate_state one(rs, fixed_now()), two(rs, fixed_now());
    two.add(second[0]);
    two.add(second[1]);
    one.add(first[0]);
    one.add(first[1]);
    one.append(std::move(two));
    BOOST_TEST(one.kept() == 4u);
    std::vector<rules::finding> out;
    one.evaluate(out);
    BOOST_TEST_REQUIRE(out.size() == 1u);
    BOOST_TEST_REQUIRE(out[0].evidence.size() == 1u);
    BOOST_TEST(out[0].evidence[0].value.starts_with(R"({"key":"id-x-0001","values":[{"name":"a")"));
}

BOOST_AUTO_TEST_CASE(streamed_verdicts_equal_the_whole_input_ones) {
    auto roles = load_lines(role_line("a", "id-1") + role_line("b", "") + role_line("c", "id-1") + role_line("d", "id-2"));
    const char* const sources[] = {
        reuse_rule,
        "List<Role> should have items contain [trust isCrossAccount()]",          // a predicate slot
        "List<Role> should have items with [trust externalIds() length() > 0] length() = 3",
        "List<Role> should have items groupBy [maxSessionDuration] contain [values length() = 4]",
        "List<Role> should not have items contain [name = 'zz']",
        "List<Role> should have items length() = 4",                              // no slot at all
        "List<Role> should have items.trust isCrossAccount()",                    // a call outside: not streamable
        "List<Role> where items length() > 10 should have items length() = 0",    // left out by `where`
    };
    for (const char* source : sources) {
        BOOST_TEST_CONTEXT(source) {
            const auto rs = compile_ok(source);
            std::vector<rules::finding> whole, streamed;
            rs.evaluate_aggregates(roles, fixed_now(), whole);
            rules::aggregate_state state(rs, fixed_now());
            for (const auto& e : roles) state.add(e);
            state.evaluate(streamed);
            BOOST_TEST_REQUIRE(whole.size() == streamed.size());
            for (std::size_t i = 0; i < whole.size(); ++i) {
                BOOST_TEST((whole[i].result == streamed[i].result));
                BOOST_TEST(whole[i].message == streamed[i].message);
            }
        }
    }
    // which outcome each gives, so that the comparison above is not between two wrong answers
    auto outcome_of = [&](const char* source) {
        std::vector<rules::finding> out;
        compile_ok(source).evaluate_aggregates(roles, fixed_now(), out);
        return out.empty() ? std::string("skip") : std::string(rules::to_string(out[0].result));
    };
    BOOST_TEST(outcome_of(sources[0]) == "fail");
    BOOST_TEST(outcome_of(sources[1]) == "pass");
    BOOST_TEST(outcome_of(sources[2]) == "pass");
    BOOST_TEST(outcome_of(sources[3]) == "pass");
    BOOST_TEST(outcome_of(sources[4]) == "pass");
    BOOST_TEST(outcome_of(sources[5]) == "pass");
    BOOST_TEST(outcome_of(sources[6]) == "error");
    BOOST_TEST(outcome_of(sources[7]) == "skip");
}

BOOST_AUTO_TEST_CASE(what_each_rule_keeps) {
    auto roles = load_lines(role_line("a", "id-1") + role_line("b", "") + role_line("c", "id-2"));
    auto kept_by = [&](const char* source) {
        rules::aggregate_state state(compile_ok(source), fixed_now());
        for (const auto& e : roles) state.add(e);
        return state.kept();
    };
    BOOST_TEST(kept_by(reuse_rule) == 2u);                                             // grouped only
    BOOST_TEST(kept_by("List<Role> should have items contain [name = 'a']") == 3u);    // every item is read
    BOOST_TEST(kept_by("List<Role> should have items.trust isCrossAccount()") == 3u);  // whole entities
    BOOST_TEST(kept_by("List<User> should have items length() = 0") == 0u);          // no user added
}

BOOST_AUTO_TEST_CASE(an_empty_state_does_nothing) {
    rules::aggregate_state state;
    auto roles = load_lines(role_line("a", "id-1"));
    state.add(roles[0]);
    BOOST_TEST(!state.wants(iamguard::entity::entity_type::role));
    BOOST_TEST(state.kept() == 0u);
    std::vector<rules::finding> out;
    state.evaluate(out);
    BOOST_TEST(out.empty());
}

BOOST_AUTO_TEST_SUITE_END()
