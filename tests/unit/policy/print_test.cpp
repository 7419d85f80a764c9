// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>

#include <iamguard/policy/print.hpp>

#include "policy_test_util.hpp"

using namespace iamguard;
using namespace iamguard::policy;

namespace {
const char* const sample = R"({
    "Version": "2012-10-17",
    "Id": "x",
    "Statement": [
        {
            "Sid": "S1",
            "Effect": "Allow",
            "Principal": {
                "AWS": [
                    "123456789012",
                    "arn:aws:iam::444455556666:role/R"
                ],
                "Service": "ec2.amazonaws.com"
            },
            "Action": "sts:AssumeRole",
            "Condition": {
                "StringEquals": {
                    "sts:ExternalId": "abc",
                    "aws:PrincipalTag/x": [
                        "a",
                        "b"
                    ]
                },
                "NumericLessThan": {
                    "aws:MultiFactorAuthAge": 1.50
                },
                "Bool": {
                    "aws:MultiFactorAuthPresent": true
                }
            }
        },
        {
            "Effect": "Deny",
            "NotPrincipal": "*",
            "NotAction": [
                "iam:*"
            ],
            "NotResource": "*"
        }
    ]
}
)";
}  // namespace

BOOST_AUTO_TEST_SUITE(policy_print)

BOOST_AUTO_TEST_CASE(prints_the_original_shapes_byte_for_byte) {
    const auto r = policy::parse(sample);
    BOOST_TEST_REQUIRE(r.doc.has_value());
    BOOST_TEST(policy::print(*r.doc) == sample);
}

BOOST_AUTO_TEST_CASE(round_trip_is_equivalent) {
    const auto a = policy::parse(sample);
    const auto b = policy::parse(policy::print(*a.doc, {.pretty = false}));
    BOOST_TEST_REQUIRE(b.doc.has_value());
    BOOST_TEST(policy::equivalent(*a.doc, *b.doc));
}

BOOST_AUTO_TEST_CASE(equivalent_notices_differences) {
    const auto a = policy::parse(R"({"Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*"}]})");
    const auto b = policy::parse(R"({"Statement":[{"Effect":"Allow","Action":"a:c","Resource":"*"}]})");
    const auto c = policy::parse(R"({"Statement":[{"Effect":"Allow","Action":["a:b"],"Resource":"*"}]})");
    BOOST_TEST(!policy::equivalent(*a.doc, *b.doc));
    BOOST_TEST(!policy::equivalent(*a.doc, *c.doc));  // the original shape is part of the AST
    BOOST_TEST(policy::equivalent(*a.doc, *a.doc));
}

BOOST_AUTO_TEST_CASE(normalized_form_has_lists_everywhere) {
    const auto r = policy::parse(
        R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole","Condition":{"NumericLessThan":{"k":5}}}})");
    const std::string out = policy::print(*r.doc, {.pretty = false, .normalized = true});
    BOOST_TEST(out ==
               R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root"]},"Action":["sts:AssumeRole"],"Condition":{"NumericLessThan":{"k":["5"]}}}]})");
    const auto star = policy::parse(R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"a:b"}]})");
    BOOST_TEST(policy::print(*star.doc, {.pretty = false, .normalized = true}) ==
               R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["a:b"]}]})");
}

BOOST_AUTO_TEST_CASE(to_json_gives_the_same_content) {
    const auto r = policy::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]})");
    const auto j = policy::to_json(*r.doc);
    BOOST_TEST(j["Statement"][0]["Effect"] == "Deny");
    BOOST_TEST(j.dump() == R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]})");
}

BOOST_AUTO_TEST_CASE(escapes_are_printed_back) {
    const auto r = policy::parse(R"({"Statement":[{"Sid":"a\"b","Effect":"Allow","Action":"a:b\u00e9","Resource":"*"}]})");
    const auto again = policy::parse(policy::print(*r.doc));
    BOOST_TEST(policy::equivalent(*r.doc, *again.doc));
    BOOST_TEST(again.doc->statements[0].sid->text == "a\"b");
}

BOOST_AUTO_TEST_SUITE_END()
