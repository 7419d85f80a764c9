// SPDX-License-Identifier: Apache-2.0
// The IAM-aware functions inside compiled rules, on entities in the canonical form.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include <iamguard/analysis/functions.hpp>
#include <iamguard/entity/load.hpp>
#include <iamguard/rules/compile.hpp>
#include <iamguard/rules/rule_set.hpp>

using namespace iamguard;

namespace {

const rules::function_registry& registry() {
    static const rules::function_registry r = analysis::standard_functions();
    return r;
}

// The outcome of a one-rule source on the single entity of `entity_json`.
std::string outcome_of(std::string_view rule, const std::string& entity_json, std::string* message = nullptr) {
    rules::compile_options o;
    o.functions = &registry();
    const auto c = rules::compile(rule, "test.rule", o);
    BOOST_TEST_REQUIRE(c.rules.has_value(), "rule does not compile: " << (c.diagnostics.empty() ? "" : render_short(c.diagnostics[0])));
    const auto loaded = entity::load(entity_json, "entity.jsonl");
    // The loader also derives the Account from accountId; the entity under test is the other one.
    const auto it = std::find_if(loaded.entities.begin(), loaded.entities.end(),
                                 [](const entity::entity& e) { return e.type != entity::entity_type::account; });
    BOOST_TEST_REQUIRE((it != loaded.entities.end()));
    std::vector<rules::finding> out;
    c.rules->evaluate(*it, {}, out);
    if (out.empty()) return "skip";
    if (message) *message = out[0].message;
    return std::string(rules::to_string(out[0].result));
}

std::string role(std::string_view trust) {
    return R"({"type":"Role","name":"Partner","arn":"arn:aws:iam::111122223333:role/Partner","accountId":"111122223333","assumeRolePolicy":)" +
           std::string(trust) + "}";
}

std::string policy_entity(std::string_view doc) {
    return R"({"type":"Policy","name":"P","arn":"arn:aws:iam::111122223333:policy/P","attachmentCount":1,"document":)" + std::string(doc) + "}";
}

constexpr std::string_view cross_rule = "Role where trust isCrossAccount() should not have trust assumableWithout('sts:ExternalId', 'mfa')";

}  // namespace

BOOST_AUTO_TEST_SUITE(iam_functions)

BOOST_AUTO_TEST_CASE(cross_account_without_protection_fails) {
    BOOST_TEST(outcome_of(cross_rule, role(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"}]})")) == "fail");
}

BOOST_AUTO_TEST_CASE(cross_account_with_external_id_or_mfa_passes) {
    BOOST_TEST(outcome_of(cross_rule, role(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:externalid":"7f3c2a9e-4b1d-4c8e-9a6f-2d5e8b1c0f47"}}}})")) == "pass");
    BOOST_TEST(outcome_of(cross_rule, role(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":false}}}]})")) == "pass");
}

BOOST_AUTO_TEST_CASE(presence_only_external_id_fails) {
    BOOST_TEST(outcome_of(cross_rule, role(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole","Condition":{"StringLike":{"sts:ExternalId":"*"}}}]})")) == "fail");
}

BOOST_AUTO_TEST_CASE(service_roles_are_skipped_by_where) {
    BOOST_TEST(outcome_of(cross_rule, role(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})")) == "skip");
}

BOOST_AUTO_TEST_CASE(untrusted_accounts_with_a_list_parameter) {
    const std::string rule = "rule U {\n param trusted: list = ['444455556666']\n logic: Role should not have trust assumableByAccountOutside({trusted})\n}\n";
    BOOST_TEST(outcome_of(rule, role(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"}]})")) == "pass");
    BOOST_TEST(outcome_of(rule, role(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["444455556666","999988887777"]},"Action":"sts:AssumeRole"}]})")) == "fail");
}

BOOST_AUTO_TEST_CASE(allows_follows_wildcards_and_not_action) {
    const std::string rule = "Policy where attachmentCount > 0 should not have document allows('iam:DeactivateMFADevice', 'iam:ResyncMFADevice')";
    BOOST_TEST(outcome_of(rule, policy_entity(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]})")) == "fail");
    BOOST_TEST(outcome_of(rule, policy_entity(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})")) == "fail");
    BOOST_TEST(outcome_of(rule, policy_entity(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"IAM:resyncmfadevice","Resource":"*"}]})")) == "fail");
    BOOST_TEST(outcome_of(rule, policy_entity(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}]})")) == "fail");
    BOOST_TEST(outcome_of(rule, policy_entity(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:List*","Resource":"*"}]})")) == "pass");
    BOOST_TEST(outcome_of(rule, policy_entity(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"iam:*MFA*","Resource":"*"}]})")) == "pass");
    // decided on the parsed document when no Allow statement names the actions (not compiled)
    BOOST_TEST(outcome_of(rule, policy_entity(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","iam:Get*"],"Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]})")) == "pass");
    BOOST_TEST(outcome_of(rule, policy_entity(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Allow","Action":"iam:?esyncmfa*","Resource":"arn:aws:iam::111122223333:user/x"}]})")) == "fail");
}

BOOST_AUTO_TEST_CASE(allows_on_statements) {
    const std::string rule = "Policy should not have document.Statement contain [ $ allows('iam:DeactivateMFADevice') ]";
    BOOST_TEST(outcome_of(rule, policy_entity(R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"},{"Effect":"Allow","Action":"iam:Deactivate*","Resource":"*"}]})")) == "fail");
    BOOST_TEST(outcome_of(rule, policy_entity(R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]})")) == "pass");
}

BOOST_AUTO_TEST_CASE(external_ids_and_their_weakness) {
    const std::string rule = "Role should not have trust externalIds() contain [ $ isWeakExternalId(16) ]";
    BOOST_TEST(outcome_of(rule, role(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"444455556666"}}}]})")) == "fail");
    BOOST_TEST(outcome_of(rule, role(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"7f3c2a9e-4b1d-4c8e-9a6f-2d5e8b1c0f47"}}}]})")) == "pass");
}

BOOST_AUTO_TEST_CASE(wrong_receiver_is_a_compile_error) {
    rules::compile_options o;
    o.functions = &registry();
    const auto c = rules::compile("Role should have name isCrossAccount()", "t.rule", o);
    BOOST_TEST(!c.rules.has_value());
    BOOST_TEST_REQUIRE(!c.diagnostics.empty());
    BOOST_TEST(render_short(c.diagnostics[0]) == "t.rule:1:23: error[R042]: `isCrossAccount` cannot apply to `name`, which is a string");
}

BOOST_AUTO_TEST_CASE(unknown_protection_is_an_error_outcome) {
    std::string message;
    BOOST_TEST(outcome_of("Role should not have trust assumableWithout('password')",
                          role(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"}]})"),
                          &message) == "error");
    BOOST_TEST(message.find("unknown protection `password`") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(iam_function_evidence)

BOOST_AUTO_TEST_CASE(evidence_is_the_statement_that_decided) {
    rules::compile_options o;
    o.functions = &registry();
    const auto c = rules::compile(cross_rule, "t.rule", o);
    BOOST_TEST_REQUIRE(c.rules.has_value());
    // Statement 0 is protected by an external ID; statement 1 lets the other account in bare.
    const auto loaded = entity::load(role(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"7f3c2a9e-4b1d-4c8e-9a6f-2d5e8b1c0f47"}}},
        {"Effect":"Allow","Principal":{"AWS":"555566667777"},"Action":"sts:AssumeRole"}]})"),
                                     "entity.jsonl");
    const auto it = std::find_if(loaded.entities.begin(), loaded.entities.end(),
                                 [](const entity::entity& e) { return e.type == entity::entity_type::role; });
    BOOST_TEST_REQUIRE((it != loaded.entities.end()));
    std::vector<rules::finding> out;
    c.rules->evaluate(*it, {}, out);
    BOOST_TEST_REQUIRE(out.size() == 1u);
    BOOST_TEST((out[0].result == rules::outcome::fail));
    BOOST_TEST_REQUIRE(!out[0].evidence.empty());
    BOOST_TEST(out[0].evidence[0].path == "assumeRolePolicy.Statement[1]");
    BOOST_TEST(out[0].evidence[0].value.find("555566667777") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(allows_points_at_the_granting_statement) {
    rules::compile_options o;
    o.functions = &registry();
    const auto c = rules::compile("Policy should not have document allows('iam:DeactivateMFADevice')", "t.rule", o);
    BOOST_TEST_REQUIRE(c.rules.has_value());
    const auto loaded = entity::load(policy_entity(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Allow","Action":"iam:*","Resource":"*"}]})"),
                                     "entity.jsonl");
    const auto it = std::find_if(loaded.entities.begin(), loaded.entities.end(),
                                 [](const entity::entity& e) { return e.type == entity::entity_type::policy; });
    BOOST_TEST_REQUIRE((it != loaded.entities.end()));
    std::vector<rules::finding> out;
    c.rules->evaluate(*it, {}, out);
    BOOST_TEST_REQUIRE(out.size() == 1u);
    BOOST_TEST_REQUIRE(!out[0].evidence.empty());
    BOOST_TEST(out[0].evidence[0].path == "document.Statement[1]");
}

BOOST_AUTO_TEST_SUITE_END()
