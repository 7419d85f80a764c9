// SPDX-License-Identifier: Apache-2.0
// evaluate_test.cpp: what each construct means when evaluated (ARCHITECTURE.md, "Semantic decisions").
#include <thread>

#include <boost/test/unit_test.hpp>

#include <iamguard/entity/load.hpp>

#include "rules_support.hpp"

using iamguard::entity::entity_type;
using iamguard::test::make_entity;
using iamguard::test::verdict;
namespace rules = iamguard::rules;

namespace {

// Positions matter for the evidence test: Statement[1] starts on line 6, column 5.
const char* const role_json = R"({
  "name": "deploy", "arn": "arn:aws:iam::111111111111:role/deploy", "maxSessionDuration": 3600,
  "createDate": "2020-01-01T00:00:00Z",
  "assumeRolePolicy": {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com"]}, "Action": ["sts:AssumeRole"]},
    {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::222222222222:root"]}, "Action": ["sts:AssumeRole"],
     "Condition": {"StringEquals": {"sts:ExternalId": ["abc"]}, "Bool": {"aws:SecureTransport": ["true"]}}}]},
  "tags": [{"key": "env", "value": "prod"}, {"key": "Owner", "value": "Team-A"}],
  "roleLastUsed": {"lastUsedDate": "2024-05-20T10:00:00Z"},
  "managedPolicies": [],
  "description": ""
})";

iamguard::entity::entity role() { return make_entity(entity_type::role, "deploy", role_json); }

iamguard::entity::entity user(std::string_view fields) { return make_entity(entity_type::user, "alice", fields); }

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_evaluate)

BOOST_AUTO_TEST_CASE(comparisons_on_scalars) {
    const auto r = role();
    BOOST_TEST(verdict("Role should have name = 'deploy'", r) == "pass");
    BOOST_TEST(verdict("Role should have name = 'Deploy'", r) == "fail");  // strings compare exactly
    BOOST_TEST(verdict("Role should have name != 'x'", r) == "pass");
    BOOST_TEST(verdict("Role should have maxSessionDuration = 3600", r) == "pass");
    BOOST_TEST(verdict("Role should have maxSessionDuration > 3599 and maxSessionDuration < 3601", r) == "pass");
    BOOST_TEST(verdict("Role should have maxSessionDuration >= 3600 and maxSessionDuration <= 3600", r) == "pass");
    BOOST_TEST(verdict("Role should have maxSessionDuration > 4000", r) == "fail");
    BOOST_TEST(verdict("Role should have maxSessionDuration = '3600'", r) == "pass");  // numeric strings compare as numbers
}

BOOST_AUTO_TEST_CASE(comparison_with_another_path_and_dates) {
    const auto r = role();
    BOOST_TEST(verdict("Role should have roleLastUsed.lastUsedDate > createDate", r) == "pass");
    BOOST_TEST(verdict("Role should have roleLastUsed.lastUsedDate < createDate", r) == "fail");
    // dates with zones: 12:00+02:00 is 10:00Z
    const auto u = user(R"({"createDate": "2024-05-20T12:00:00+02:00", "passwordLastUsed": "2024-05-20T10:00:00Z"})");
    BOOST_TEST(verdict("User should have createDate >= passwordLastUsed and createDate <= passwordLastUsed", u) == "pass");
}

BOOST_AUTO_TEST_CASE(list_against_scalar_is_any_element) {
    const auto r = role();
    BOOST_TEST(verdict("Role should have trust.Statement.Effect = 'Allow'", r) == "pass");
    BOOST_TEST(verdict("Role should have trust.Statement contain [Principal.AWS = 'arn:aws:iam::222222222222:root']", r) ==
               "pass");
    BOOST_TEST(verdict("Role should have trust.Statement.Principal.Service = 'lambda.amazonaws.com'", r) == "fail");
    BOOST_TEST(verdict("Role should have tags.key = 'Owner'", r) == "pass");
}

BOOST_AUTO_TEST_CASE(missing_fields) {
    const auto r = role();
    // comparisons with a missing field are false, whatever the operator
    BOOST_TEST(verdict("Role should have permissionsBoundary.arn = 'x'", r) == "fail");
    BOOST_TEST(verdict("Role should have permissionsBoundary.arn != 'x'", r) == "fail");
    BOOST_TEST(verdict("Role should have not permissionsBoundary.arn = 'x'", r) == "pass");
    BOOST_TEST(verdict("Role should have permissionsBoundary isEmpty()", r) == "pass");
    BOOST_TEST(verdict("Role should have permissionsBoundary length() = 0", r) == "pass");
    BOOST_TEST(verdict("Role should not have permissionsBoundary", r) == "pass");
    BOOST_TEST(verdict("Role should have permissionsBoundary", r) == "fail");
    // a missing list: contain is false, contain-all and contain-none are (vacuously) true
    BOOST_TEST(verdict("Role should have inlinePolicies contain [name = 'x']", r) == "fail");
    BOOST_TEST(verdict("Role should have inlinePolicies contain-all [name = 'x']", r) == "pass");
    BOOST_TEST(verdict("Role should have inlinePolicies contain-none [name = 'x']", r) == "pass");
}

BOOST_AUTO_TEST_CASE(booleans_compare_loosely) {
    const auto u = user(R"({"mfaActive": true, "passwordEnabled": "TRUE", "hasAccessKeys": false})");
    BOOST_TEST(verdict("User should have mfaActive = true", u) == "pass");
    BOOST_TEST(verdict("User should have mfaActive = 'true'", u) == "pass");
    BOOST_TEST(verdict("User should have mfaActive = 1", u) == "pass");
    BOOST_TEST(verdict("User should have passwordEnabled = true", u) == "pass");
    BOOST_TEST(verdict("User should have hasAccessKeys = 'false'", u) == "pass");
    BOOST_TEST(verdict("User should have hasAccessKeys = true", u) == "fail");
    // 1 and 0 by value, as numbers compare elsewhere (found by fuzz_rule_diff: `-0 != false` held)
    BOOST_TEST(verdict("User should have mfaActive = 1.0", u) == "pass");
    BOOST_TEST(verdict("User should have hasAccessKeys = -0", u) == "pass");
    BOOST_TEST(verdict("User should not have hasAccessKeys != 0.0", u) == "pass");
    BOOST_TEST(verdict("User should have mfaActive = true", user(R"({"mfaActive": 1.0})")) == "pass");
    BOOST_TEST(verdict("User should have mfaActive = 2", u) == "fail");
}

BOOST_AUTO_TEST_CASE(null_holds_no_element) {
    // found by fuzz_rule_diff: list operators took `null` for a one-element list
    const auto n = user(R"({"passwordLastUsed": null})");
    BOOST_TEST(verdict("User should have passwordLastUsed contain [true]", n) == "fail");
    BOOST_TEST(verdict("User should have passwordLastUsed contain-all [false]", n) == "pass");  // as for []
    BOOST_TEST(verdict("User should have passwordLastUsed with [true] length() = 0", n) == "pass");
    BOOST_TEST(verdict("User should have passwordLastUsed contain [true]", user(R"({"passwordLastUsed": [null, 1]})")) ==
               "pass");
}

BOOST_AUTO_TEST_CASE(bare_path_is_existence_and_truthiness) {
    const auto u = user(R"({"mfaActive": true, "virtualMfaEnabled": false, "name": "", "tags": [], "isRoot": "false",
                            "managedPolicies": [{"arn": "x"}]})");
    BOOST_TEST(verdict("User should have mfaActive", u) == "pass");
    BOOST_TEST(verdict("User should have virtualMfaEnabled", u) == "fail");
    BOOST_TEST(verdict("User should have name", u) == "fail");
    BOOST_TEST(verdict("User should have tags", u) == "fail");
    BOOST_TEST(verdict("User should have isRoot", u) == "fail");
    BOOST_TEST(verdict("User should have managedPolicies", u) == "pass");
    BOOST_TEST(verdict("User should have managedPolicies contain-none [arn or name]", u) == "fail");
}

BOOST_AUTO_TEST_CASE(like_is_anchored_case_insensitive_with_percent) {
    const auto u = user(R"({"name": "<root_account>"})");
    BOOST_TEST(verdict("User should have name like '%root%'", u) == "pass");
    BOOST_TEST(verdict("User should have name like '%ROOT_ACCOUNT%'", u) == "pass");
    BOOST_TEST(verdict("User should have name like 'root'", u) == "fail");  // anchored
    BOOST_TEST(verdict("User should have name like '<root_account>'", u) == "pass");
    BOOST_TEST(verdict("User should have name like '<%>'", u) == "pass");
    BOOST_TEST(verdict("User should have name unlike '%admin%'", u) == "pass");
    BOOST_TEST(verdict("User should have name unlike '%root%'", u) == "fail");
    // regex characters are literal in like patterns
    const auto f = user(R"({"name": "{($.eventname)}"})");
    BOOST_TEST(verdict("User should have name like '{($.EventName)}'", f) == "pass");
    BOOST_TEST(verdict("User should have arn unlike '%x%'", u) == "fail");  // missing: false
    // a list: true when any element does not match, as every comparison is (`!=` too); found by
    // fuzz_rule_diff: `unlike` held only when no element matched
    const auto g = user(R"({"attachedGroups": ["admins", "devs"]})");
    BOOST_TEST(verdict("User should have attachedGroups unlike 'ADMIN%'", g) == "pass");
    BOOST_TEST(verdict("User should have attachedGroups unlike '%s'", g) == "fail");
    BOOST_TEST(verdict("User should have attachedGroups like 'dev%'", g) == "pass");
}

BOOST_AUTO_TEST_CASE(regex_match_is_unanchored_and_case_sensitive_unless_i) {
    const auto u = user(R"({"name": "Admin-Ops"})");
    BOOST_TEST(verdict("User should have name regexMatch /min/", u) == "pass");
    BOOST_TEST(verdict("User should have name regexMatch /^admin/", u) == "fail");
    BOOST_TEST(verdict("User should have name regexMatch /^admin/i", u) == "pass");
    BOOST_TEST(verdict("User should have name regexMatch /(root)|(ops)/i", u) == "pass");
    BOOST_TEST(verdict("User should have name regexMatch /a\\/b/", user(R"({"name": "a/b"})")) == "pass");
}

BOOST_AUTO_TEST_CASE(in_lists) {
    const auto r = role();
    BOOST_TEST(verdict("Role should have name in ('x', 'deploy')", r) == "pass");
    BOOST_TEST(verdict("Role should have name in ('x')", r) == "fail");
    BOOST_TEST(verdict("Role should have maxSessionDuration in (20, 3600)", r) == "pass");
    BOOST_TEST(verdict("Role should have trust.Statement.Principal.Service in ('ec2.amazonaws.com')", r) == "pass");
}

BOOST_AUTO_TEST_CASE(quantifiers) {
    const auto r = role();
    BOOST_TEST(verdict("Role should have trust.Statement contain [Condition]", r) == "pass");
    BOOST_TEST(verdict("Role should have trust.Statement contain-any [Condition]", r) == "pass");
    BOOST_TEST(verdict("Role should have trust.Statement contain-all [Condition]", r) == "fail");
    BOOST_TEST(verdict("Role should have trust.Statement contain-all [Effect = 'Allow']", r) == "pass");
    BOOST_TEST(verdict("Role should have trust.Statement contain-none [Effect = 'Deny']", r) == "pass");
    BOOST_TEST(verdict("Role should have trust.Statement contain-none [Condition]", r) == "fail");
    BOOST_TEST(verdict("Role should have trust.Statement contain-single [Condition]", r) == "pass");
    BOOST_TEST(verdict("Role should have trust.Statement contain-single [Effect = 'Allow']", r) == "fail");
    // an empty list: contain-all is vacuously true
    BOOST_TEST(verdict("Role should have managedPolicies contain-all [name = 'x']", r) == "pass");
    BOOST_TEST(verdict("Role should have managedPolicies contain [name = 'x']", r) == "fail");
    // nested predicates; a literal alone in brackets compares with the element
    BOOST_TEST(verdict("Role should have trust.Statement contain [Action contain ['sts:AssumeRole']]", r) == "pass");
    BOOST_TEST(verdict("Role should have trust.Statement contain [Action contain [$ = 'sts:*']]", r) == "fail");
}

BOOST_AUTO_TEST_CASE(current_element) {
    const auto r = role();
    BOOST_TEST(verdict("Role should have trust.Statement contain [Action contain [$ regexMatch /^sts:/]]", r) == "pass");
    BOOST_TEST(verdict("Role should have trust.Statement contain [Action contain-any [$ in ('a', 'sts:AssumeRole')]]",
                       r) == "pass");
}

BOOST_AUTO_TEST_CASE(with_filters_and_chains) {
    const auto r = role();
    BOOST_TEST(verdict("Role should have tags with [key = 'env']", r) == "pass");  // as a predicate: non-empty
    BOOST_TEST(verdict("Role should have tags with [key = 'nope']", r) == "fail");
    BOOST_TEST(verdict("Role should have tags with [key = 'env'] length() = 1", r) == "pass");
    BOOST_TEST(verdict("Role should have tags with [value like 'team%'] length() = 1", r) == "pass");
    BOOST_TEST(verdict("Role should have trust.Statement with [Principal.AWS] contain-all [Condition.StringEquals.sts:ExternalId]",
                       r) == "pass");
    BOOST_TEST(verdict("Role should have trust.Statement with [Effect = 'Allow'] contain-all [Condition.StringEquals.sts:ExternalId]",
                       r) == "fail");
    BOOST_TEST(verdict("Role should have trust.Statement with [Effect = 'Allow'] with [Principal.Service] length() = 1",
                       r) == "pass");
}

BOOST_AUTO_TEST_CASE(is_empty_and_length) {
    const auto r = role();
    BOOST_TEST(verdict("Role should have managedPolicies isEmpty()", r) == "pass");
    BOOST_TEST(verdict("Role should have tags isEmpty()", r) == "fail");
    BOOST_TEST(verdict("Role should have description isEmpty()", r) == "pass");
    BOOST_TEST(verdict("Role should have tags length() = 2", r) == "pass");
    BOOST_TEST(verdict("Role should have name length() = 6", r) == "pass");  // a string: its characters
    BOOST_TEST(verdict("Role should have trust.Statement contain [Condition.StringLike isEmpty()]", r) == "pass");
    BOOST_TEST(verdict("Role should have trust.Statement contain-all [Condition.StringEquals isEmpty()]", r) == "fail");
}

BOOST_AUTO_TEST_CASE(before_after_relative_to_fixed_now) {
    // now is 2024-06-01T00:00:00Z
    const auto u = user(R"({"passwordLastUsed": "2024-05-01T00:00:00Z", "createDate": "2023-01-01T00:00:00Z",
                            "firstAccessKey": {"lastRotated": "2023-01-01T00:00:30Z", "isActive": true}})");
    BOOST_TEST(verdict("User should have passwordLastUsed after(-90, 'days')", u) == "pass");
    BOOST_TEST(verdict("User should have passwordLastUsed after(-32, 'days')", u) == "pass");
    BOOST_TEST(verdict("User should have passwordLastUsed after(-32, 'day')", u) == "pass");
    BOOST_TEST(verdict("User should have passwordLastUsed after(-31, 'days')", u) == "fail");  // May has 31 days: equal is not after
    BOOST_TEST(verdict("User should have passwordLastUsed before(-2, 'weeks')", u) == "pass");
    BOOST_TEST(verdict("User should have passwordLastUsed before(-1, 'months')", u) == "fail");  // exactly one month
    BOOST_TEST(verdict("User should have passwordLastUsed after(-745, 'hours')", u) == "pass");
    BOOST_TEST(verdict("User should have createDate before(-1, 'years')", u) == "pass");
    BOOST_TEST(verdict("User should have createDate before(0, 'days')", u) == "pass");
    BOOST_TEST(verdict("User should have createDate dateDifference(firstAccessKey.lastRotated, 'seconds') < 60", u) ==
               "pass");
    BOOST_TEST(verdict("User should have createDate dateDifference(firstAccessKey.lastRotated, 'seconds') = 30", u) ==
               "pass");
    // not a date (credential reports say N/A): false, not an error
    const auto na = user(R"({"passwordLastUsed": "N/A"})");
    BOOST_TEST(verdict("User should have passwordLastUsed after(-90, 'days')", na) == "fail");
    BOOST_TEST(verdict("User should have passwordLastUsed before(-90, 'days')", na) == "fail");
}

BOOST_AUTO_TEST_CASE(where_filters_entities_out) {
    const auto r = role();
    BOOST_TEST(verdict("Role where name = 'other' should have name = 'x'", r) == "skip");
    BOOST_TEST(verdict("Role where name = 'deploy' should have name = 'x'", r) == "fail");
    BOOST_TEST(verdict("User should have name", r) == "skip");  // another entity type
    BOOST_TEST(verdict("IamRole should have name", r) == "pass");  // aliases of the type
}

BOOST_AUTO_TEST_CASE(should_not_negates) {
    const auto r = role();
    BOOST_TEST(verdict("Role should not have name = 'deploy'", r) == "fail");
    BOOST_TEST(verdict("Role should not have name = 'x'", r) == "pass");
}

BOOST_AUTO_TEST_CASE(event_rule_fails_every_selected_entity) {
    const auto r = role();
    rules::compile_options o;
    o.syntax_only = true;
    BOOST_TEST(verdict("Role where name in ('deploy', 'x')", r, o) == "fail");
    BOOST_TEST(verdict("Role where name in ('x')", r, o) == "skip");
}

BOOST_AUTO_TEST_CASE(constant_true_passes_the_account) {
    const auto acct = make_entity(entity_type::account, "111111111111", R"({"accountId": "111111111111"})");
    BOOST_TEST(verdict("true", acct) == "pass");
    BOOST_TEST(verdict("TRUE", role()) == "skip");
}

BOOST_AUTO_TEST_CASE(unknown_function_under_syntax_only_is_an_error_outcome) {
    rules::compile_options o;
    o.syntax_only = true;
    const auto rs = iamguard::test::compile_ok("Role should have name isFancy()", o);
    const auto f = iamguard::test::run_one(rs, role());
    BOOST_TEST_REQUIRE(f.has_value());
    BOOST_TEST((f->result == rules::outcome::error));
    BOOST_TEST(f->message == "cannot evaluate on `deploy`: unknown function `isFancy`");
}

BOOST_AUTO_TEST_CASE(finding_carries_rule_entity_and_evidence) {
    const auto r = role();
    const auto rs = iamguard::test::compile_ok(
        "rule IG.T.1 {\n title: 'no external principals'\n severity: high\n"
        " logic: Role should not have trust.Statement contain [Principal.AWS]\n}");
    const auto f = iamguard::test::run_one(rs, r);
    BOOST_TEST_REQUIRE(f.has_value());
    BOOST_TEST((f->result == rules::outcome::fail));
    BOOST_TEST(f->rule->id == "IG.T.1");
    BOOST_TEST((f->rule->severity == rules::rule_severity::high));
    BOOST_TEST(f->entity_name == "deploy");
    BOOST_TEST(f->message == "`deploy` should not have `trust.Statement contain [Principal.AWS]`");
    BOOST_TEST_REQUIRE(f->evidence.size() == 1u);
    BOOST_TEST(f->evidence[0].path == "assumeRolePolicy.Statement[1]");
    BOOST_TEST(f->evidence[0].pos.line == 6u);
    BOOST_TEST(f->evidence[0].pos.column == 5u);
    BOOST_TEST(f->evidence[0].value.rfind(R"({"Effect":"Allow","Principal":{"AWS":)", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(evidence_of_a_missing_field_names_it) {
    const auto rs = iamguard::test::compile_ok("Role should have permissionsBoundary.arn = 'x'");
    const auto f = iamguard::test::run_one(rs, role());
    BOOST_TEST_REQUIRE(f->evidence.size() == 1u);
    BOOST_TEST(f->evidence[0].path == "permissionsBoundary.arn");
    BOOST_TEST(f->evidence[0].value == "(missing)");
    BOOST_TEST(f->evidence[0].pos.line == 1u);
}

BOOST_AUTO_TEST_CASE(evidence_of_a_failed_comparison_is_the_field) {
    const auto rs = iamguard::test::compile_ok("Role should have maxSessionDuration <= 3000");
    const auto f = iamguard::test::run_one(rs, role());
    BOOST_TEST_REQUIRE(f->evidence.size() == 1u);
    BOOST_TEST(f->evidence[0].path == "maxSessionDuration");
    BOOST_TEST(f->evidence[0].value == "3600");
}

BOOST_AUTO_TEST_CASE(aggregate_group_by) {
    std::vector<iamguard::entity::entity> all;
    all.push_back(make_entity(entity_type::role, "a", R"({"name": "a", "description": "shared"})"));
    all.push_back(make_entity(entity_type::role, "b", R"({"name": "b", "description": "own"})"));
    all.push_back(make_entity(entity_type::role, "c", R"({"name": "c", "description": "shared"})"));
    all.push_back(make_entity(entity_type::user, "u", R"({"name": "u", "description": "own"})"));
    const auto rs = iamguard::test::compile_ok(
        "List<Role> should not have items groupBy [description] contain [values length() > 1]");
    std::vector<rules::finding> out;
    rs.evaluate(all[0], iamguard::test::fixed_now(), out);
    BOOST_TEST(out.empty());  // aggregates are not per-entity
    rs.evaluate_aggregates(all, iamguard::test::fixed_now(), out);
    BOOST_TEST_REQUIRE(out.size() == 1u);
    BOOST_TEST((out[0].result == rules::outcome::fail));
    BOOST_TEST(out[0].entity_name == "List<Role>");
    BOOST_TEST_REQUIRE(out[0].evidence.size() == 1u);
    BOOST_TEST(out[0].evidence[0].value.find("\"key\":\"shared\"") != std::string::npos);
    all.erase(all.begin() + 2);
    out.clear();
    rs.evaluate_aggregates(all, iamguard::test::fixed_now(), out);
    BOOST_TEST_REQUIRE(out.size() == 1u);
    BOOST_TEST((out[0].result == rules::outcome::pass));
    const auto count = iamguard::test::compile_ok("List<Role> should have items length() = 2 and items contain [name = 'b']");
    out.clear();
    count.evaluate_aggregates(all, iamguard::test::fixed_now(), out);
    BOOST_TEST((out.at(0).result == rules::outcome::pass));
}

BOOST_AUTO_TEST_CASE(aggregate_functions_run_on_the_item_they_are_called_within) {
    // loaded, so that the trust policies are parsed (IAM-aware functions need them)
    const auto loaded = iamguard::entity::load(
        R"({"type":"Role","name":"a","arn":"arn:aws:iam::111111111111:role/a","assumeRolePolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sts:AssumeRole"}]}}
{"type":"Role","name":"b","arn":"arn:aws:iam::111111111111:role/b","assumeRolePolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}}
)",
        "roles.jsonl");
    BOOST_TEST_REQUIRE(loaded.ok());
    auto run = [&](std::string_view rule) {
        std::vector<rules::finding> out;
        iamguard::test::compile_ok(rule).evaluate_aggregates(loaded.entities, iamguard::test::fixed_now(), out);
        BOOST_TEST_REQUIRE(out.size() == 1u);
        return std::string(rules::to_string(out[0].result));
    };
    // on the item itself
    BOOST_TEST(run("List<Role> should have items contain-single [trust isCrossAccount()]") == "pass");
    // below the item: on a statement of its trust policy, inside a list operator on the item
    // (found by fuzz_rule_diff: such calls had no entity and gave `error`)
    BOOST_TEST(run("List<Role> should have items contain-all [trust.Statement contain [$ allows('sts:AssumeRole')]]") ==
               "pass");
    BOOST_TEST(run("List<Role> should have items contain-single [trust.Statement with [Principal.AWS] contain "
                   "[$ allows('sts:AssumeRole')]]") == "pass");
    // outside any item there is no entity to run on
    BOOST_TEST(run("List<Role> should have items.trust isCrossAccount()") == "error");
}

BOOST_AUTO_TEST_CASE(parameters_defaults_and_host_values) {
    const auto r = role();
    const std::string src =
        "rule IG.P.1 {\n param trusted: list = ['arn:aws:iam::333333333333:root']\n"
        " logic: Role should have trust.Statement contain-all [not Principal.AWS or Principal.AWS in {trusted}]\n}";
    BOOST_TEST(verdict(src, r) == "fail");
    rules::compile_options o;
    o.params.set("trusted", rules::param_value{std::vector<std::string>{"arn:aws:iam::222222222222:root"}});
    BOOST_TEST(verdict(src, r, o) == "pass");
    rules::compile_options q;  // a value for this rule only wins over the plain name
    q.params.set("trusted", rules::param_value{std::vector<std::string>{"arn:aws:iam::222222222222:root"}});
    q.params.set("IG.P.1.trusted", rules::param_value{std::vector<std::string>{"x"}});
    BOOST_TEST(verdict(src, r, q) == "fail");
    // `-{name}` negates a number parameter (for before/after offsets)
    const std::string days = "rule IG.P.2 {\n param days: number = 90\n"
                             " logic: Role should have roleLastUsed.lastUsedDate after(-{days}, 'days')\n}";
    BOOST_TEST(verdict(days, r) == "pass");
    BOOST_TEST(iamguard::test::first_error("rule IG.P.3 {\n param s: string = 'x'\n logic: Role should have name = -{s}\n}") ==
               "3:33 R033 `-{s}` negates a number, but parameter `s` is a string");
    rules::compile_options n;
    n.params.set("limit", rules::param_value{3600.0});
    BOOST_TEST(verdict("Role should have maxSessionDuration <= {limit}", r, n) == "pass");  // host value in a bare line
}

BOOST_AUTO_TEST_CASE(rule_set_is_shared_across_threads) {
    const auto rs = iamguard::test::compile_ok(
        "Role should have trust.Statement contain [Principal.AWS regexMatch /222/] and tags with [key = 'env']");
    const auto r = role();
    std::vector<int> fails(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                std::vector<rules::finding> out;
                rs.evaluate(r, iamguard::test::fixed_now(), out);
                if (out.size() != 1 || out[0].result != rules::outcome::pass) ++fails[static_cast<std::size_t>(t)];
            }
        });
    }
    for (auto& th : threads) th.join();
    for (int f : fails) BOOST_TEST(f == 0);
    const rules::rule_set copy = rs;  // copies share the program
    BOOST_TEST(&copy.rules() == &rs.rules());
}

BOOST_AUTO_TEST_CASE(passes_are_described_only_when_asked) {
    const auto rs = iamguard::test::compile_ok(
        "rule R1 { severity: low\n logic: User should have mfaActive = true }\n"
        "rule R2 { severity: low\n logic: User where mfaActive = true should have passwordEnabled = true }\n");
    auto ok = user(R"({"mfaActive": true, "passwordEnabled": true})");
    ok.arn = "arn:aws:iam::111122223333:user/alice";
    ok.from.file = "users.json";
    auto bad = user(R"({"mfaActive": false})");
    bad.arn = ok.arn;
    bad.from.file = "users.json";
    for (const bool describe : {true, false}) {
        auto ctx = iamguard::test::fixed_now();
        ctx.describe_passes = describe;
        std::vector<iamguard::rules::finding> out;
        rs.evaluate(ok, ctx, out);
        BOOST_TEST_REQUIRE(out.size() == 2u);
        for (const auto& f : out) {
            BOOST_TEST((f.result == iamguard::rules::outcome::pass));
            BOOST_TEST(f.rule != nullptr);
            BOOST_TEST((f.entity_type == entity_type::user));
            BOOST_TEST(f.entity_name == (describe ? "alice" : ""));
            BOOST_TEST(f.entity_arn == (describe ? ok.arn : ""));
            BOOST_TEST(f.location.file == (describe ? "users.json" : ""));
            BOOST_TEST(f.message.empty() == !describe);
        }
        out.clear();
        rs.evaluate(bad, ctx, out);  // R2's `where` leaves `bad` out
        BOOST_TEST_REQUIRE(out.size() == 1u);
        BOOST_TEST((out[0].result == iamguard::rules::outcome::fail));
        BOOST_TEST(out[0].entity_name == "alice");  // failures always say what failed
        BOOST_TEST(out[0].entity_arn == bad.arn);
        BOOST_TEST(out[0].location.file == "users.json");
        BOOST_TEST(out[0].message == "`alice` should have `mfaActive = true`");
    }
}

BOOST_AUTO_TEST_SUITE_END()
