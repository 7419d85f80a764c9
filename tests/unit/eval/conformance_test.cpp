// SPDX-License-Identifier: Apache-2.0
// The conformance runner over vectors written for these tests (every record kind).
#include <boost/test/unit_test.hpp>

#include <iamguard/eval/conformance.hpp>

using namespace iamguard::eval;

namespace {
const char* const vectors = R"({"kind":"condition","id":"c1","condition":{"StringEquals":{"k":"v"}},"context":{"K":"v"},"expect":true}
{"kind":"condition","id":"c2-wrong","condition":{"StringEquals":{"k":"v"}},"context":{},"expect":true}
{"kind":"action_match","id":"a1","element":"NotAction","policy_values":["iam:*"],"action":"s3:GetObject","expect":true}
{"kind":"resource_match","id":"r1","element":"Resource","policy_values":"arn:aws:sqs:us-east-1","effect":"Allow","policy_type":"identity","resource":"arn:aws:sqs:us-east-1:1:q","resource_account":"1","context":{},"expect":true,"tags":["short-arn"]}
{"kind":"resource_match","id":"r2","element":"NotResource","policy_values":["arn:aws:s3:::b/${aws:username}"],"effect":"Allow","policy_type":"identity","resource":"arn:aws:s3:::b/bob","resource_account":"1","context":{"aws:username":"bob"},"expect":false}
{"kind":"principal_match","id":"p1","element":"Principal","policy_value":{"AWS":"555555555555"},"principal":"arn:aws:iam::555555555555:user/J","expect":true}
{"kind":"principal_match","id":"p2","element":"Principal","policy_value":"*","principal":{"type":"Anonymous"},"expect":true}
{"kind":"evaluation","id":"e1","policies":{"identity":[],"resource":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::1:user/u","Action":"s3:*","Resource":"*"}]},"permission_boundaries":null,"scps":[],"rcps":[],"session":null,"vpc_endpoint":null},"request":{"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","resource_account":"1","context":{}},"expect":"Allow","tags":["lenient:principal-string-form"]}
{"kind":"evaluation","id":"e2","policies":{"identity":[{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}],"scps":[{"level":"r","policies":[{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}]}]},"request":{"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","resource":"*","resource_account":"1","context":{}},"expect":"ExplicitDeny"}
{"kind":"condition","id":"skip-me","tags":["service:kms"],"condition":{},"context":{},"expect":false}
{"kind":"condition","id":"disputed","review":{"status":"disputed"},"condition":{},"context":{},"expect":false}
not json
{"kind":"mystery","id":"m1"}
)";
}  // namespace

BOOST_AUTO_TEST_SUITE(conformance)

BOOST_AUTO_TEST_CASE(runs_every_kind_and_reports_failures_by_id) {
    conformance_options o;
    o.exclude_tags = {"service:*"};
    conformance_report r;
    run_conformance(vectors, o, r, "mine.jsonl");
    BOOST_TEST(r.passed == 8u);
    BOOST_TEST(r.skipped == 2u);
    BOOST_TEST_REQUIRE(r.failures.size() == 3u);
    BOOST_TEST(r.failed == 3u);
    BOOST_TEST(r.failures[0].id == "c2-wrong");
    BOOST_TEST(r.failures[0].message == "expected true, got false");
    BOOST_TEST(r.failures[1].id == "mine.jsonl:12");
    BOOST_TEST(r.failures[1].message == "malformed JSON record");
    BOOST_TEST(r.failures[2].id == "m1");
    BOOST_TEST(r.failures[2].message == "unknown record kind `mystery`");
}

BOOST_AUTO_TEST_CASE(disputed_cases_can_be_included) {
    conformance_options o;
    o.skip_disputed = false;
    conformance_report r;
    run_conformance(R"({"kind":"condition","id":"d","review":{"status":"disputed"},"condition":{"Null":{"k":"true"}},"context":{},"expect":true})", o, r);
    BOOST_TEST(r.passed == 1u);
    BOOST_TEST(r.skipped == 0u);
}

BOOST_AUTO_TEST_CASE(evaluation_failure_messages_give_both_decisions) {
    conformance_report r;
    run_conformance(R"({"kind":"evaluation","id":"x","policies":{},"request":{"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","resource":"*","resource_account":"1"},"expect":"Allow"})", {}, r);
    BOOST_TEST_REQUIRE(r.failures.size() == 1u);
    BOOST_TEST(r.failures[0].message == "expected Allow, got ImplicitDeny (no identity-based policy allows the request)");
}

BOOST_AUTO_TEST_CASE(tag_patterns) {
    BOOST_TEST(tag_matches("service:*", "service:sts"));
    BOOST_TEST(tag_matches("short-arn", "short-arn"));
    BOOST_TEST(!tag_matches("short-arn", "short-arn-x"));
    BOOST_TEST(!tag_matches("service:*", "extension:x"));
}

BOOST_AUTO_TEST_SUITE_END()
