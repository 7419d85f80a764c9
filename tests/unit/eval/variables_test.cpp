// SPDX-License-Identifier: Apache-2.0
// Policy variables (iam-semantics.md §4.7): substitution, defaults, special forms, unresolved
// variables, literal substituted text, and Version gating.
#include <boost/test/unit_test.hpp>

#include "eval_util.hpp"

using namespace iamguard::eval;
using iamguard::test::condition_policy;
using iamguard::test::holds;
using iamguard::test::prepare;

namespace {
request_context ctx2(std::string_view k1, std::string v1, std::string_view k2, std::string v2) {
    request_context c;
    c.set(k1, std::move(v1));
    c.set(k2, std::move(v2));
    return c;
}

bool resource_allowed(std::string_view policy, std::string_view resource, const request_context& ctx) {
    const auto p = prepare(policy);
    request req;
    req.principal = "arn:aws:iam::123456789012:user/David";
    req.action = "s3:GetObject";
    req.resource = std::string(resource);
    req.resource_account = "123456789012";
    req.context = ctx;
    policy_set set;
    set.identity = {&p};
    return evaluate(set, req) == decision::allow;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(variables)

BOOST_AUTO_TEST_CASE(variables_substitute_in_string_conditions) {
    const auto c = ctx2("aws:username", "Bob", "k", "arn:aws:iam::1:user/Bob");
    BOOST_TEST(holds(R"({"StringEquals":{"k":"arn:aws:iam::1:user/${aws:username}"}})", c));
    BOOST_TEST(holds(R"({"StringEquals":{"k":"arn:aws:iam::1:user/${AWS:UserName}"}})", c));  // names are case-insensitive
    BOOST_TEST(holds(R"({"StringLike":{"k":"*/${aws:username}"}})", c));
    BOOST_TEST(holds(R"({"ArnLike":{"k":"arn:aws:iam::*:user/${aws:username}"}})", c));
    BOOST_TEST(holds(R"({"StringEqualsIgnoreCase":{"k":"ARN:AWS:IAM::1:USER/${aws:username}"}})", c));
    BOOST_TEST(!holds(R"({"StringNotEquals":{"k":"arn:aws:iam::1:user/${aws:username}"}})", c));
}

BOOST_AUTO_TEST_CASE(bool_takes_variables) {
    const auto c = ctx2("aws:SecureTransport", "TRUE", "k", "true");
    BOOST_TEST(holds(R"({"Bool":{"k":"${aws:SecureTransport}"}})", c));
}

BOOST_AUTO_TEST_CASE(numeric_date_ip_and_binary_values_take_no_variables) {
    const auto c = ctx2("n", "5", "k", "5");
    BOOST_TEST(!holds(R"({"NumericEquals":{"k":"${n}"}})", c));
    BOOST_TEST(!holds(R"({"DateEquals":{"k":"${n}"}})", ctx2("n", "2024", "k", "2024")));
    BOOST_TEST(!holds(R"({"IpAddress":{"k":"${n}"}})", ctx2("n", "10.0.0.1", "k", "10.0.0.1")));
}

BOOST_AUTO_TEST_CASE(substituted_text_is_literal) {
    const auto c = ctx2("aws:username", "Bob*", "k", "testBobTwo");
    BOOST_TEST(!holds(R"({"StringLike":{"k":"test${aws:username}"}})", c));
    BOOST_TEST(holds(R"({"StringLike":{"k":"test${aws:username}"}})", ctx2("aws:username", "Bob*", "k", "testBob*")));
    BOOST_TEST(holds(R"({"StringNotLike":{"k":"test${aws:username}"}})", c));
}

BOOST_AUTO_TEST_CASE(special_forms_are_literal_characters) {
    request_context c;
    c.set("k", "a*b?c$");
    BOOST_TEST(holds(R"({"StringLike":{"k":"a${*}b${?}c${$}"}})", c));
    c.set("k", "aXbYc$");
    BOOST_TEST(!holds(R"({"StringLike":{"k":"a${*}b${?}c${$}"}})", c));
    BOOST_TEST(holds(R"({"StringLike":{"k":"a*b?c${$}"}})", c));
}

BOOST_AUTO_TEST_CASE(defaults_apply_when_the_key_is_absent) {
    request_context c;
    c.set("k", "company-wide");
    BOOST_TEST(holds(R"({"StringEquals":{"k":"${aws:PrincipalTag/team, 'company-wide'}"}})", c));
    BOOST_TEST(holds(R"({"StringEquals":{"k":"${aws:PrincipalTag/team,'company-wide'}"}})", c));
    c.set("aws:PrincipalTag/team", "yellow");
    BOOST_TEST(!holds(R"({"StringEquals":{"k":"${aws:PrincipalTag/team, 'company-wide'}"}})", c));
}

BOOST_AUTO_TEST_CASE(unresolved_variables_never_match_positive_and_always_match_negated) {
    request_context c;
    c.set("k", "test");
    BOOST_TEST(!holds(R"({"StringEquals":{"k":"${aws:username}"}})", c));
    BOOST_TEST(!holds(R"({"StringLike":{"k":"t${aws:username}*"}})", c));
    BOOST_TEST(!holds(R"({"ArnLike":{"k":"arn:aws:iam::1:user/${aws:username}"}})", c));
    BOOST_TEST(!holds(R"({"Bool":{"k":"${aws:SecureTransport}"}})", c));
    // AWS: inverted operators do match against a null value.
    BOOST_TEST(holds(R"({"StringNotEquals":{"k":"${aws:username}"}})", c));
    BOOST_TEST(holds(R"({"StringNotLike":{"k":"${aws:username}*"}})", c));
    BOOST_TEST(holds(R"({"StringNotEqualsIgnoreCase":{"k":"${aws:username}"}})", c));
    // A multivalued key is no value.
    c.set_list("aws:PrincipalOrgPaths", {"a", "b"});
    BOOST_TEST(!holds(R"({"StringLike":{"k":"${aws:PrincipalOrgPaths}"}})", c));
}

BOOST_AUTO_TEST_CASE(unterminated_variable_is_literal_text) {
    request_context c;
    c.set("k", "${aws:username");
    BOOST_TEST(holds(R"({"StringEquals":{"k":"${aws:username"}})", c));
}

BOOST_AUTO_TEST_CASE(version_2008_and_absent_mean_no_variables) {
    request_context c;
    c.set("aws:username", "Bob");
    c.set("k", "Bob");
    const auto v2008 = condition_policy(R"({"StringEquals":{"k":"${aws:username}"}})", "2008-10-17");
    const auto none = condition_policy(R"({"StringEquals":{"k":"${aws:username}"}})", "");
    BOOST_TEST(!conditions_hold(v2008, 0, c));
    BOOST_TEST(!conditions_hold(none, 0, c));
    c.set("k", "${aws:username}");
    BOOST_TEST(conditions_hold(v2008, 0, c));
    BOOST_TEST(conditions_hold(none, 0, c));
}

BOOST_AUTO_TEST_CASE(variables_in_resource_patterns) {
    const std::string_view p12 = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}})";
    request_context c;
    c.set("aws:username", "David");
    BOOST_TEST(resource_allowed(p12, "arn:aws:s3:::b/David/f", c));
    BOOST_TEST(!resource_allowed(p12, "arn:aws:s3:::b/Bob/f", c));
    BOOST_TEST(!resource_allowed(p12, "arn:aws:s3:::b/David/f", request_context{}));  // no value: no match
    c.set("aws:username", "*");
    BOOST_TEST(!resource_allowed(p12, "arn:aws:s3:::b/Bob/f", c));  // no wildcard injection
    const std::string_view p08 = R"({"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}})";
    c.set("aws:username", "David");
    BOOST_TEST(!resource_allowed(p08, "arn:aws:s3:::b/David/f", c));
    BOOST_TEST(resource_allowed(p08, "arn:aws:s3:::b/${aws:username}/f", c));
}

BOOST_AUTO_TEST_CASE(unresolved_not_resource_pattern_excludes_nothing) {
    const std::string_view p = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::b/${aws:username}/*"}})";
    BOOST_TEST(resource_allowed(p, "arn:aws:s3:::b/David/f", request_context{}));
    request_context c;
    c.set("aws:username", "David");
    BOOST_TEST(!resource_allowed(p, "arn:aws:s3:::b/David/f", c));
}

BOOST_AUTO_TEST_CASE(long_substitutions_spill_to_the_heap_correctly) {
    request_context c;
    const std::string big(2000, 'x');
    c.set("v", big);
    c.set("k", "pre" + big + "post");
    BOOST_TEST(holds(R"({"StringEquals":{"k":"pre${v}post"}})", c));
    BOOST_TEST(holds(R"({"StringLike":{"k":"pre${v}*"}})", c));
}

BOOST_AUTO_TEST_SUITE_END()
