// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "eval_util.hpp"

using namespace iamguard::eval;
using iamguard::test::prepare;

namespace {
struct fixture {
    prepared_policy id = prepare(R"({"Version":"2012-10-17","Statement":[
        {"Sid":"AllowS3","Effect":"Allow","Action":"s3:*","Resource":"*"},
        {"Sid":"NeedsMfa","Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"x"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}},
        {"Sid":"DenyLogs","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::logs/*"}]})",
                                 "alice-inline");
    policy_set set;
    fixture() { set.identity = {&id}; }
    request req(std::string action, std::string resource) {
        request r;
        r.principal = "arn:aws:iam::111111111111:user/alice";
        r.action = std::move(action);
        r.resource = std::move(resource);
        r.resource_account = "111111111111";
        r.context.set("aws:username", "x");
        return r;
    }
};
}  // namespace

BOOST_FIXTURE_TEST_SUITE(traces, fixture)

BOOST_AUTO_TEST_CASE(records_every_statement_with_its_outcome) {
    trace t;
    BOOST_TEST((evaluate(set, req("ec2:RunInstances", "*"), &t) == decision::implicit_deny));
    BOOST_TEST_REQUIRE(t.statements.size() == 3u);
    BOOST_TEST((t.statements[0].outcome == statement_outcome::action_mismatch));
    BOOST_TEST((t.statements[1].outcome == statement_outcome::condition_false));
    BOOST_TEST(t.statements[1].failed_clause == 1);  // the Bool clause; StringEquals held
    BOOST_TEST((t.statements[2].outcome == statement_outcome::action_mismatch));
    BOOST_TEST((t.failed_gate == gate::identity));
    BOOST_TEST(t.deciding.empty());
}

BOOST_AUTO_TEST_CASE(deciding_statements_are_marked) {
    trace t;
    BOOST_TEST((evaluate(set, req("s3:GetObject", "arn:aws:s3:::logs/a"), &t) == decision::explicit_deny));
    BOOST_TEST_REQUIRE(t.deciding.size() == 1u);
    BOOST_TEST(t.statements[t.deciding[0]].statement == 2u);
    BOOST_TEST((evaluate(set, req("s3:GetObject", "arn:aws:s3:::data/a"), &t) == decision::allow));
    BOOST_TEST_REQUIRE(t.deciding.size() == 1u);
    BOOST_TEST(t.statements[t.deciding[0]].statement == 0u);
    BOOST_TEST((t.statements[2].outcome == statement_outcome::resource_mismatch));
}

BOOST_AUTO_TEST_CASE(record_all_false_keeps_only_applying_statements) {
    trace t;
    t.record_all = false;
    BOOST_TEST((evaluate(set, req("s3:GetObject", "arn:aws:s3:::data/a"), &t) == decision::allow));
    BOOST_TEST(t.statements.size() == 1u);
}

BOOST_AUTO_TEST_CASE(text_rendering_names_policy_sid_and_failing_clause) {
    trace t;
    (void)evaluate(set, req("ec2:RunInstances", "*"), &t);
    const std::string text = to_text(t);
    BOOST_TEST(text.find("decision: implicit_deny (no identity-based policy allows the request)") == 0u);
    BOOST_TEST(text.find("failed requirement: identity") != std::string::npos);
    BOOST_TEST(text.find("identity `alice-inline` statement 1 (Sid NeedsMfa) Allow: does not apply: condition "
                         "`Bool aws:MultiFactorAuthPresent [\"true\"]` is false") != std::string::npos);
    (void)evaluate(set, req("s3:GetObject", "arn:aws:s3:::logs/a"), &t);
    BOOST_TEST(to_text(t).find("* identity `alice-inline` statement 2 (Sid DenyLogs) Deny: applies") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_rendering) {
    trace t;
    (void)evaluate(set, req("ec2:RunInstances", "*"), &t);
    nlohmann::json j;
    to_json(j, t);
    BOOST_TEST(j["decision"] == "implicit_deny");
    BOOST_TEST(j["failed_gate"] == "identity");
    BOOST_TEST_REQUIRE(j["statements"].size() == 3u);
    BOOST_TEST(j["statements"][1]["sid"] == "NeedsMfa");
    BOOST_TEST(j["statements"][1]["outcome"] == "condition_false");
    BOOST_TEST(j["statements"][1]["failed_clause"] == 1);
    BOOST_TEST(j["statements"][1]["failed_condition"] == "Bool aws:MultiFactorAuthPresent [\"true\"]");
    BOOST_TEST(j["statements"][1]["policy"] == "alice-inline");
    BOOST_TEST(j["statements"][0]["deciding"] == false);
}

BOOST_AUTO_TEST_CASE(resource_side_records_carry_principal_classes) {
    const auto rp = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}})", "bucket");
    set.resource = &rp;
    trace t;
    BOOST_TEST((evaluate(set, req("s3:GetObject", "arn:aws:s3:::data/a"), &t) == decision::allow));
    const std::string text = to_text(t);
    BOOST_TEST(text.find("resource `bucket` statement 0 Allow: applies [principal: account]") != std::string::npos);
    nlohmann::json j;
    to_json(j, t);
    BOOST_TEST(j["statements"][3]["principal_classes"][0] == "account");
}

BOOST_AUTO_TEST_CASE(enum_names) {
    BOOST_TEST(to_string(decision::explicit_deny) == "explicit_deny");
    BOOST_TEST(to_string(policy_slot::vpc_endpoint) == "vpc_endpoint");
    BOOST_TEST(to_string(gate::scp) == "scp");
    BOOST_TEST(to_string(statement_outcome::principal_mismatch) == "principal_mismatch");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(single_policy_api)

// Both questions are asked of a prepared policy or of the parsed document (not compiled): the
// answers must be the same.
BOOST_AUTO_TEST_CASE(statement_covers_action_ignores_resource_and_condition) {
    const std::string text = R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"arn:aws:iam::1:user/x","Condition":{"Bool":{"k":"true"}}},
        {"Effect":"Allow","NotAction":"iam:*","Resource":"*"},
        {"Effect":"Allow","Action":["*:GetUser","iam:"],"Resource":"*"},
        {"Action":"iam:GetUser","Resource":"*"}]})";
    const auto p = prepare(text);
    const auto doc = iamguard::test::parse_doc(text);
    for (const bool prepared : {true, false}) {
        const auto covers = [&](std::size_t i, std::string_view a) {
            return prepared ? statement_covers_action(p, i, a) : statement_covers_action(doc, i, a);
        };
        BOOST_TEST(covers(0, "IAM:GetUser"), prepared);
        BOOST_TEST(!covers(0, "iam:CreateUser"), prepared);
        BOOST_TEST(covers(1, "s3:GetObject"), prepared);
        BOOST_TEST(!covers(1, "iam:GetUser"), prepared);
        BOOST_TEST(!covers(2, "iam:GetUser"), prepared);  // no wildcard in the service; `iam:` names nothing
        BOOST_TEST(!covers(3, "iam:GetUser"), prepared);  // no Effect: never applies
        BOOST_TEST(!covers(9, "s3:GetObject"), prepared);
    }
}

BOOST_AUTO_TEST_CASE(allows_action_counts_unconditional_denies) {
    const std::string text = R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:*","Resource":"*"},
        {"Effect":"Deny","Action":"iam:Delete*","Resource":"*"},
        {"Effect":"Deny","Action":"iam:Create*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}},
        {"Effect":"Deny","Action":"iam:Update*","Resource":"arn:aws:iam::1:user/x"},
        {"Effect":"Deny","Action":"iam:Tag*","NotResource":"*"},
        {"Effect":"Allow","NotAction":"iam:*","Resource":"*"},
        {"Effect":"Deny","Action":"s3:Delete*","Resource":["arn:aws:s3:::b","*"]}]})";
    const auto p = prepare(text);
    const auto doc = iamguard::test::parse_doc(text);
    for (const bool prepared : {true, false}) {
        const auto allows = [&](std::string_view a) { return prepared ? allows_action(p, a) : allows_action(doc, a); };
        BOOST_TEST(allows("iam:GetUser"), prepared);
        BOOST_TEST(!allows("iam:DeleteUser"), prepared);
        BOOST_TEST(allows("iam:CreateUser"), prepared);  // the deny is conditional
        BOOST_TEST(allows("iam:UpdateUser"), prepared);  // denied on one resource only
        BOOST_TEST(allows("iam:TagUser"), prepared);     // NotResource: not every resource
        BOOST_TEST(allows("s3:GetObject"), prepared);    // through the NotAction
        BOOST_TEST(!allows("s3:DeleteObject"), prepared);  // `*` among the denied resources
        BOOST_TEST(!allows_action(iamguard::test::parse_doc(R"({"Statement":{"Effect":"Allow","Action":"iam:*","Resource":"*"}})"),
                                  "s3:GetObject"), prepared);
    }
}

BOOST_AUTO_TEST_CASE(evaluate_policy_answers_for_one_trust_policy) {
    const auto trust = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"e"}}}})");
    request r;
    r.principal = "arn:aws:iam::111111111111:user/u";
    r.action = "sts:AssumeRole";
    r.resource = "arn:aws:iam::222222222222:role/R";
    BOOST_TEST((evaluate_policy(trust, r, policy_slot::resource).effect == policy_effect::none));
    r.context.set("sts:ExternalId", "e");
    const auto res = evaluate_policy(trust, r, policy_slot::resource);
    BOOST_TEST((res.effect == policy_effect::allow));
    BOOST_TEST((res.classes == class_account));
}

BOOST_AUTO_TEST_CASE(invalid_statements_never_apply) {
    iamguard::policy::document doc;
    doc.ver = iamguard::policy::version::v2012_10_17;
    doc.statements.emplace_back();  // no Effect, no Action
    const prepared_policy p(doc, "broken");
    policy_set set;
    set.identity = {&p};
    request r;
    r.principal = "arn:aws:iam::1:user/u";
    r.action = "s3:GetObject";
    trace t;
    BOOST_TEST((evaluate(set, r, &t) == decision::implicit_deny));
    BOOST_TEST_REQUIRE(t.statements.size() == 1u);
    BOOST_TEST((t.statements[0].outcome == statement_outcome::invalid));
    BOOST_TEST(p.statement_count() == 1u);
    BOOST_TEST(p.clause_text(0, 0).empty());
    BOOST_TEST(p.sid(5).empty());
}

BOOST_AUTO_TEST_SUITE_END()
