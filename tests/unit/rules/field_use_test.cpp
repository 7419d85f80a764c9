// SPDX-License-Identifier: Apache-2.0
// field_use_test.cpp: rule_set::reads_field, which tells a host the top-level entity fields the
// rules may read (iamguard scan skips building `combinedPolicies` when it says no).
#include <string>

#include <boost/test/unit_test.hpp>

#include <iamguard/analysis/functions.hpp>
#include <iamguard/rules/compile.hpp>

#include "rules_support.hpp"
#include "test_paths.hpp"

namespace rules = iamguard::rules;
using iamguard::test::compile_ok;

BOOST_AUTO_TEST_SUITE(field_use_suite)

BOOST_AUTO_TEST_CASE(a_path_reads_its_first_field_under_its_canonical_name) {
    // `trust` is an alias of `assumeRolePolicy`
    const auto rs = compile_ok("Role should not have trust isCrossAccount()");
    BOOST_TEST(rs.reads_field("assumeRolePolicy"));
    BOOST_TEST(!rs.reads_field("trust"));
    BOOST_TEST(!rs.reads_field("combinedPolicies"));
    BOOST_TEST(!rs.reads_field("tags"));
}

BOOST_AUTO_TEST_CASE(paths_inside_a_list_read_below_the_list) {
    const auto rs = compile_ok("Role should not have inlinePolicies contain [ document allows('iam:*') ]");
    BOOST_TEST(rs.reads_field("inlinePolicies"));
    BOOST_TEST(!rs.reads_field("document"));  // `document` of each inline policy, not a field of the role
    BOOST_TEST(!rs.reads_field("assumeRolePolicy"));
}

BOOST_AUTO_TEST_CASE(the_where_clause_and_function_arguments_count) {
    const auto rs = compile_ok(
        "User where firstAccessKey.isActive = true should not have "
        "firstAccessKey.lastRotated dateDifference(passwordLastUsed, 'days') > 90");
    BOOST_TEST(rs.reads_field("firstAccessKey"));
    BOOST_TEST(rs.reads_field("passwordLastUsed"));
    BOOST_TEST(!rs.reads_field("secondAccessKey"));
}

BOOST_AUTO_TEST_CASE(a_rule_reading_combined_policies_says_so) {
    const auto rs =
        compile_ok("User should not have combinedPolicies contain [ policyDocument allows('iam:CreateUser') ]");
    BOOST_TEST(rs.reads_field("combinedPolicies"));
}

BOOST_AUTO_TEST_CASE(the_whole_entity_at_the_top_reads_every_field) {
    const auto rs = compile_ok("Role should not have $ isEmpty()");
    BOOST_TEST(rs.reads_field("combinedPolicies"));
    BOOST_TEST(rs.reads_field("anything"));
}

BOOST_AUTO_TEST_CASE(a_streamable_aggregate_reads_its_slots_and_the_digest_fields) {
    // the key reads each role's trust policy; the rest reads the groups (digests: name and arn)
    const auto rs = compile_ok("List<Role> should not have items groupBy [trust externalIds()] contain [values length() > 1]");
    BOOST_TEST(rs.reads_field("assumeRolePolicy"));
    BOOST_TEST(rs.reads_field("name"));
    BOOST_TEST(rs.reads_field("arn"));
    BOOST_TEST(!rs.reads_field("combinedPolicies"));
    BOOST_TEST(!rs.reads_field("tags"));
}

BOOST_AUTO_TEST_CASE(an_aggregate_over_whole_entities_reads_every_field) {
    // a call outside the per-item parts: evaluated over whole entities, not digests
    const auto rs = compile_ok("List<Role> should not have items groupBy [name] contain [key isWeakExternalId()]");
    BOOST_TEST(rs.reads_field("combinedPolicies"));
}

BOOST_AUTO_TEST_CASE(a_host_function_reads_every_field_unless_it_says_otherwise) {
    for (const bool only_arguments : {false, true}) {
        auto registry = iamguard::analysis::standard_functions();
        rules::function_def def;
        def.signature.name = "hostCheck";
        def.signature.result = rules::result_kind::boolean;
        def.signature.reads_only_arguments = only_arguments;
        def.impl = [](const rules::call_context& cx, const rules::value_list&, std::span<const rules::value_list>) {
            rules::call_result r;
            r.values.push_back(cx.arena->make_bool(true));
            return r;
        };
        registry.add(std::move(def));
        rules::compile_options opts;
        opts.functions = &registry;
        const auto rs = compile_ok("Role should not have tags hostCheck()", opts);
        BOOST_TEST(rs.reads_field("tags"));
        BOOST_TEST(rs.reads_field("combinedPolicies") == !only_arguments, "reads_only_arguments = " << only_arguments);
    }
}

BOOST_AUTO_TEST_CASE(an_empty_rule_set_reads_nothing) {
    const rules::rule_set none;
    BOOST_TEST(!none.reads_field("name"));
}

BOOST_AUTO_TEST_CASE(the_shipped_pack_does_not_read_combined_policies) {
    auto r = rules::compile_paths({iamguard::test::source_dir() / "dsl/rules"});
    BOOST_TEST_REQUIRE(r.rules.has_value());
    for (const char* field : {"assumeRolePolicy", "inlinePolicies", "document", "attachmentCount", "firstAccessKey",
                              "secondAccessKey"})
        BOOST_TEST(r.rules->reads_field(field), field);
    BOOST_TEST(!r.rules->reads_field("combinedPolicies"));
    BOOST_TEST(!r.rules->reads_field("tags"));
}

// max_findings: what a host reserves for a batch, one per per-entity rule of the type (never
// fewer than evaluate() appends).
BOOST_AUTO_TEST_CASE(max_findings_counts_the_per_entity_rules_of_a_type) {
    using iamguard::entity::entity_type;
    const auto one = compile_ok("Role should have name = 'x'");
    BOOST_TEST(one.max_findings(entity_type::role) == 1u);
    BOOST_TEST(one.max_findings(entity_type::user) == 0u);
    const auto aggregate = compile_ok("List<Role> should have items length() = 1");
    BOOST_TEST(aggregate.max_findings(entity_type::role) == 0u);  // aggregates report apart
    BOOST_TEST(rules::rule_set{}.max_findings(entity_type::role) == 0u);
    auto r = rules::compile_paths({iamguard::test::source_dir() / "dsl/rules"});
    BOOST_TEST_REQUIRE(r.rules.has_value());
    BOOST_TEST(r.rules->max_findings(entity_type::role) == 4u);    // IG.IAM.001, 002, 004, 009
    BOOST_TEST(r.rules->max_findings(entity_type::user) == 3u);    // IG.IAM.005, 007, 008
    BOOST_TEST(r.rules->max_findings(entity_type::group) == 1u);   // IG.IAM.006
    BOOST_TEST(r.rules->max_findings(entity_type::policy) == 1u);  // IG.IAM.003
    const auto role = iamguard::test::make_entity(entity_type::role, "r", R"({"name":"r"})");
    std::vector<rules::finding> out;
    r.rules->evaluate(role, iamguard::test::fixed_now(), out);
    BOOST_TEST(out.size() <= r.rules->max_findings(entity_type::role));
}

BOOST_AUTO_TEST_SUITE_END()
