// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>

#include <iamguard/policy/arn.hpp>

using namespace iamguard::policy;

BOOST_AUTO_TEST_SUITE(arn_helpers)

BOOST_AUTO_TEST_CASE(split_at_first_five_colons) {
    const auto p = split_arn("arn:aws:s3:::bucket/a:b:c");
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST(p->partition == "aws");
    BOOST_TEST(p->service == "s3");
    BOOST_TEST(p->region.empty());
    BOOST_TEST(p->account.empty());
    BOOST_TEST(p->resource == "bucket/a:b:c");
    BOOST_TEST(!split_arn("arn:aws:sqs:us-east-1").has_value());
    BOOST_TEST(!split_arn("nope:aws:s3:::b").has_value());
}

BOOST_AUTO_TEST_CASE(accounts) {
    BOOST_TEST(is_account_id("123456789012"));
    BOOST_TEST(!is_account_id("12345678901"));
    BOOST_TEST(!is_account_id("12345678901a"));
    BOOST_TEST(account_of("123456789012") == "123456789012");
    BOOST_TEST(account_of("arn:aws:sts::444455556666:assumed-role/R/s") == "444455556666");
    BOOST_TEST(account_of("ec2.amazonaws.com").empty());
    BOOST_TEST(canonical_aws_principal("123456789012") == "arn:aws:iam::123456789012:root");
    BOOST_TEST(canonical_aws_principal("arn:aws:iam::123456789012:user/x") == "arn:aws:iam::123456789012:user/x");
}

BOOST_AUTO_TEST_SUITE_END()
