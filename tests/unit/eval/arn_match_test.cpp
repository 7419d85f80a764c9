// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>

#include <iamguard/eval/arn_match.hpp>

using namespace iamguard::eval;

BOOST_AUTO_TEST_SUITE(arn_match)

BOOST_AUTO_TEST_CASE(action_star_alone_matches_every_action) {
    BOOST_TEST(action_matches("*", "s3:GetObject"));
    BOOST_TEST(action_matches("*", "anything"));
}

BOOST_AUTO_TEST_CASE(actions_are_case_insensitive_with_wildcards) {
    BOOST_TEST(action_matches("IAM:listaccesskeys", "iam:ListAccessKeys"));
    BOOST_TEST(action_matches("s3:Get*", "S3:GETOBJECT"));
    BOOST_TEST(action_matches("s3:Get??????", "s3:GetBucket"));
    BOOST_TEST(!action_matches("s3:Get*", "s3:PutObject"));
    BOOST_TEST(!action_matches("s3:GetObject", "s3:GetObjectAcl"));
}

BOOST_AUTO_TEST_CASE(malformed_actions_match_nothing) {
    BOOST_TEST(!action_matches("*:GetBucket", "s3:GetBucket"));  // wildcard service
    BOOST_TEST(!action_matches("s?:GetBucket", "s3:GetBucket"));
    BOOST_TEST(!action_matches("s3:", "s3:GetBucket"));          // empty name
    BOOST_TEST(!action_matches("s3", "s3:GetBucket"));           // no colon
    BOOST_TEST(!action_matches("s3:GetBucket ", "s3:GetBucket")); // whitespace is not trimmed
    BOOST_TEST(!action_matches(" s3:GetBucket", "s3:GetBucket"));
}

BOOST_AUTO_TEST_CASE(resource_star_matches_everything_including_wildcard_only) {
    BOOST_TEST((resource_matches("*", "arn:aws:s3:::b") == match_result::match));
    BOOST_TEST((resource_matches("*", "*") == match_result::match));
}

BOOST_AUTO_TEST_CASE(wildcard_only_request_needs_a_bare_star) {
    BOOST_TEST((resource_matches("arn:aws:s3:::*", "*") == match_result::no_match));
    BOOST_TEST((resource_matches("arn:*", "*") == match_result::no_match));
}

BOOST_AUTO_TEST_CASE(resource_fields_one_to_five_glob_per_segment) {
    BOOST_TEST((resource_matches("arn:*:s3:::b", "arn:aws:s3:::b") == match_result::match));
    BOOST_TEST((resource_matches("arn:???:s3:::b", "arn:aws:s3:::b") == match_result::match));
    BOOST_TEST((resource_matches("arn:aws:*:::b", "arn:aws:s3:::b") == match_result::match));
    BOOST_TEST((resource_matches("arn:aws:ec2:*:123456789012:instance/1", "arn:aws:ec2:us-east-1:123456789012:instance/1") == match_result::match));
    BOOST_TEST((resource_matches("arn:aws:ec2:us-east-1:*:instance/1", "arn:aws:ec2:us-east-1:123456789012:instance/1") == match_result::match));
    BOOST_TEST((resource_matches("arn:aws:s3:::b", "arn:aws-us-gov:s3:::b") == match_result::no_match));
    BOOST_TEST((resource_matches("arn:aws:s3:::b", "arn:aws:sqs:::b") == match_result::no_match));
    BOOST_TEST((resource_matches("arn:aws:ec2:us-east-1:1:i", "arn:aws:ec2:us-west-1:1:i") == match_result::no_match));
    // A wildcard in the region cannot swallow the colon into the account.
    BOOST_TEST((resource_matches("arn:aws:ec2:*:9:instance/1", "arn:aws:ec2:us-east-1:123:instance/1") == match_result::no_match));
}

BOOST_AUTO_TEST_CASE(resource_field_six_spans_slashes_and_colons) {
    const std::string_view p = "arn:aws:s3:::B/*/test/*";
    BOOST_TEST((resource_matches(p, "arn:aws:s3:::B/1/test/object.jpg") == match_result::match));
    BOOST_TEST((resource_matches(p, "arn:aws:s3:::B//test/object.jpg") == match_result::match));
    BOOST_TEST((resource_matches(p, "arn:aws:s3:::B/1/2/test/3/object.jpg") == match_result::match));
    BOOST_TEST((resource_matches(p, "arn:aws:s3:::B/1-test/object.jpg") == match_result::no_match));
    BOOST_TEST((resource_matches(p, "arn:aws:s3:::B/test/object.jpg") == match_result::no_match));
    BOOST_TEST((resource_matches("arn:aws:ec2:r:1:instance:*", "arn:aws:ec2:r:1:instance:12:x") == match_result::match));
}

BOOST_AUTO_TEST_CASE(resources_are_case_sensitive) {
    BOOST_TEST((resource_matches("arn:aws:s3:::bucket/key", "arn:aws:s3:::Bucket/Key") == match_result::no_match));
}

BOOST_AUTO_TEST_CASE(short_arns_are_invalid_by_default) {
    BOOST_TEST((resource_matches("arn:aws:sqs", "arn:aws:sqs:us-east-1:1:q") == match_result::no_match));
    BOOST_TEST((resource_matches("arn:aws:sqs:*", "arn:aws:sqs:us-east-1:1:q") == match_result::no_match));
}

BOOST_AUTO_TEST_CASE(short_arns_follow_the_iam_simulate_table_on_request) {
    const auto m = short_arn_mode::iam_simulate;
    const std::string_view q = "arn:aws:sqs:us-east-1:111111111111:test-queue";
    // identity-side kinds pad with `*`; a padded mismatch is an error.
    BOOST_TEST((resource_matches("arn:aws:sqs", q, pattern_syntax::raw, m, pattern_origin::identity) == match_result::match));
    BOOST_TEST((resource_matches("arn:aws:sqs:us-east-1:111111111111", q, pattern_syntax::raw, m, pattern_origin::session) == match_result::match));
    BOOST_TEST((resource_matches("arn:aws:sqs:us-west-2", q, pattern_syntax::raw, m, pattern_origin::boundary) == match_result::error));
    BOOST_TEST((resource_matches("arn:aws:sqs:*:111111111111", q, pattern_syntax::raw, m, pattern_origin::vpc_endpoint) == match_result::match));
    // resource policies pad only patterns with a wildcard.
    BOOST_TEST((resource_matches("arn:aws:sqs:us-east-1", q, pattern_syntax::raw, m, pattern_origin::resource) == match_result::no_match));
    BOOST_TEST((resource_matches("arn:aws:sqs:*", q, pattern_syntax::raw, m, pattern_origin::resource) == match_result::match));
    BOOST_TEST((resource_matches("arn:aws:sqs:*:222222222222", q, pattern_syntax::raw, m, pattern_origin::resource) == match_result::error));
    // SCPs pad only patterns ending in `*`; RCPs reject them.
    BOOST_TEST((resource_matches("arn:aws:sqs:us-east-1:*", q, pattern_syntax::raw, m, pattern_origin::scp) == match_result::match));
    BOOST_TEST((resource_matches("arn:aws:sqs:*:111111111111", q, pattern_syntax::raw, m, pattern_origin::scp) == match_result::error));
    BOOST_TEST((resource_matches("arn:aws:sqs:*", q, pattern_syntax::raw, m, pattern_origin::rcp) == match_result::error));
}

BOOST_AUTO_TEST_CASE(non_arn_patterns_glob_the_whole_string) {
    BOOST_TEST((resource_matches("my-*", "my-thing") == match_result::match));
    BOOST_TEST((resource_matches("arn:aws:s3:::b", "not-an-arn") == match_result::no_match));
}

BOOST_AUTO_TEST_CASE(arn_like_confines_wildcards_to_segments) {
    const std::string_view p = "arn:aws:someservice:*:111122223333:finance/*";
    const std::string_view v = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
    BOOST_TEST(!arn_like(p, v));
    BOOST_TEST(iamguard::eval::glob_match(p, v));  // StringLike would say yes
    BOOST_TEST(arn_like("arn:???:*:*:*:*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1"));
    BOOST_TEST(arn_like("arn:aws:s3:::my_corporate_bucket", "arn:aws:s3:::my_corporate_bucket"));
    BOOST_TEST(!arn_like("arn:aws:ec2:us-east-1:1:instance/i-1", "arn:aws:ec2:us-east-1:1:INSTANCE/I-1"));
}

BOOST_AUTO_TEST_CASE(arn_like_needs_six_fields_on_both_sides) {
    BOOST_TEST(!arn_like("arn:::bucket-name", "arn:::bucket-name"));
    BOOST_TEST(!arn_like("arn:aws:s3:::b", "arn:::b"));
    BOOST_TEST(!arn_like("*", "arn:aws:s3:::b"));
}

BOOST_AUTO_TEST_SUITE_END()
