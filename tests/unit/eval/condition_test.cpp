// SPDX-License-Identifier: Apache-2.0
// Every condition operator, its negated, IgnoreCase and IfExists forms, Null, missing keys,
// several values and several clauses (iam-semantics.md §4).
#include <boost/test/unit_test.hpp>

#include "eval_util.hpp"

using iamguard::eval::context_value;
using iamguard::eval::request_context;
using iamguard::test::holds;

namespace {
request_context one(std::string_view key, std::string value) {
    request_context c;
    c.set(key, std::move(value));
    return c;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(condition)

BOOST_AUTO_TEST_CASE(string_equals_is_exact_and_case_sensitive) {
    BOOST_TEST(holds(R"({"StringEquals":{"k":"abc"}})", one("k", "abc")));
    BOOST_TEST(!holds(R"({"StringEquals":{"k":"abc"}})", one("k", "ABC")));
    BOOST_TEST(!holds(R"({"StringEquals":{"k":"a*"}})", one("k", "abc")));  // `*` is literal
    BOOST_TEST(holds(R"({"StringEquals":{"k":"a*"}})", one("k", "a*")));
}

BOOST_AUTO_TEST_CASE(string_not_equals_is_nor_over_values) {
    BOOST_TEST(holds(R"({"StringNotEquals":{"k":["a","b"]}})", one("k", "c")));
    BOOST_TEST(!holds(R"({"StringNotEquals":{"k":["a","b"]}})", one("k", "b")));
    BOOST_TEST(holds(R"({"StringNotEquals":{"k":"test"}})", one("k", "TEST")));
}

BOOST_AUTO_TEST_CASE(ignore_case_forms_fold_ascii) {
    BOOST_TEST(holds(R"({"StringEqualsIgnoreCase":{"k":"Test"}})", one("k", "tEST")));
    BOOST_TEST(!holds(R"({"StringEqualsIgnoreCase":{"k":"test*"}})", one("k", "test123")));
    BOOST_TEST(!holds(R"({"StringNotEqualsIgnoreCase":{"k":["x","TEST1"]}})", one("k", "test1")));
    BOOST_TEST(holds(R"({"StringNotEqualsIgnoreCase":{"k":"x"}})", one("k", "test1")));
}

BOOST_AUTO_TEST_CASE(string_like_globs_case_sensitively) {
    BOOST_TEST(holds(R"({"StringLike":{"k":"test???value"}})", one("k", "test123value")));
    BOOST_TEST(holds(R"({"StringLike":{"k":["x","home/*"]}})", one("k", "home/a/b")));
    BOOST_TEST(!holds(R"({"StringLike":{"k":"test"}})", one("k", "TEST")));
    BOOST_TEST(holds(R"({"StringLike":{"k":""}})", one("k", "")));
    BOOST_TEST(holds(R"({"StringNotLike":{"k":["A*","B*"]}})", one("k", "Cherry")));
    BOOST_TEST(!holds(R"({"StringNotLike":{"k":["A*","B*"]}})", one("k", "Apple")));
}

BOOST_AUTO_TEST_CASE(numeric_operators_compare_decimals) {
    const auto ten = one("k", "10");
    BOOST_TEST(holds(R"({"NumericEquals":{"k":"10.0"}})", ten));
    BOOST_TEST(holds(R"({"NumericEquals":{"k":10}})", ten));  // a JSON number
    BOOST_TEST(!holds(R"({"NumericNotEquals":{"k":["10","20"]}})", ten));
    BOOST_TEST(holds(R"({"NumericNotEquals":{"k":"11"}})", ten));
    BOOST_TEST(holds(R"({"NumericLessThan":{"k":"10.5"}})", ten));
    BOOST_TEST(!holds(R"({"NumericLessThan":{"k":"10"}})", ten));
    BOOST_TEST(holds(R"({"NumericLessThanEquals":{"k":"10"}})", ten));
    BOOST_TEST(holds(R"({"NumericGreaterThan":{"k":"9.99"}})", ten));
    BOOST_TEST(!holds(R"({"NumericGreaterThan":{"k":"10"}})", ten));
    BOOST_TEST(holds(R"({"NumericGreaterThanEquals":{"k":"10"}})", ten));
    BOOST_TEST(!holds(R"({"NumericGreaterThanEquals":{"k":"100"}})", ten));
}

BOOST_AUTO_TEST_CASE(unparseable_values_fail_closed_even_when_negated) {
    BOOST_TEST(!holds(R"({"NumericEquals":{"k":"a"}})", one("k", "10")));
    BOOST_TEST(!holds(R"({"NumericEquals":{"k":"10"}})", one("k", "a")));
    BOOST_TEST(!holds(R"({"NumericNotEquals":{"k":["a","b"]}})", one("k", "10")));
    BOOST_TEST(!holds(R"({"NumericNotEquals":{"k":"10"}})", one("k", "a")));
    BOOST_TEST(!holds(R"({"DateNotEquals":{"k":"2024-01-01"}})", one("k", "a")));
    BOOST_TEST(!holds(R"({"NotIpAddress":{"k":"10.0.0.0/8"}})", one("k", "abc")));
    BOOST_TEST(!holds(R"({"NotIpAddress":{"k":"123456789012"}})", one("k", "10.1.1.1")));
    BOOST_TEST(!holds(R"({"ArnNotLike":{"k":"arn:::bucket"}})", one("k", "arn:aws:s3:::b")));
    BOOST_TEST(!holds(R"({"ArnNotLike":{"k":"arn:aws:s3:::b"}})", one("k", "arn:::bucket")));
    // A valid value still matches beside an invalid one.
    BOOST_TEST(holds(R"({"NumericEquals":{"k":["a","10"]}})", one("k", "10")));
}

BOOST_AUTO_TEST_CASE(date_operators_compare_instants) {
    const auto now = one("aws:CurrentTime", "2024-06-01T12:00:00Z");
    BOOST_TEST(holds(R"({"DateGreaterThan":{"aws:CurrentTime":"2024-01-01"}})", now));
    BOOST_TEST(!holds(R"({"DateLessThan":{"aws:CurrentTime":"2024-01-01"}})", now));
    BOOST_TEST(holds(R"({"DateLessThanEquals":{"aws:CurrentTime":"2024-06-01T12:00:00Z"}})", now));
    BOOST_TEST(holds(R"({"DateGreaterThanEquals":{"aws:CurrentTime":"2024-06-01T14:00:00+02:00"}})", now));
    BOOST_TEST(holds(R"({"DateEquals":{"aws:CurrentTime":"2024-06-01T12:00:00Z"}})", now));
    BOOST_TEST(holds(R"({"DateNotEquals":{"aws:CurrentTime":["2024-01-01","2025-01-01"]}})", now));
    BOOST_TEST(!holds(R"({"DateNotEquals":{"aws:CurrentTime":["2024-06-01T12:00:00Z"]}})", now));
    // Epoch seconds on either side.
    BOOST_TEST(holds(R"({"DateEquals":{"aws:EpochTime":"2024-01-01"}})", one("aws:EpochTime", "1704067200")));
    BOOST_TEST(holds(R"({"DateLessThan":{"aws:CurrentTime":"1717250400"}})", now));
    // aws:EpochTime with numeric operators.
    BOOST_TEST(holds(R"({"NumericGreaterThan":{"aws:EpochTime":1700000000}})", one("aws:EpochTime", "1704067200")));
}

BOOST_AUTO_TEST_CASE(bool_compares_true_and_false_ignoring_case) {
    BOOST_TEST(holds(R"({"Bool":{"aws:SecureTransport":"true"}})", one("aws:SecureTransport", "TRUE")));
    BOOST_TEST(holds(R"({"Bool":{"aws:SecureTransport":true}})", one("aws:SecureTransport", "true")));
    BOOST_TEST(!holds(R"({"Bool":{"aws:SecureTransport":"false"}})", one("aws:SecureTransport", "true")));
    BOOST_TEST(holds(R"({"Bool":{"k":["true","false"]}})", one("k", "false")));
    BOOST_TEST(!holds(R"({"Bool":{"k":"true"}})", one("k", "yes")));
    BOOST_TEST(!holds(R"({"Bool":{"k":"yes"}})", one("k", "yes")));
}

BOOST_AUTO_TEST_CASE(binary_equals_compares_decoded_bytes) {
    BOOST_TEST(holds(R"({"BinaryEquals":{"k":["TWE=","eA=="]}})", one("k", "TWE")));
    BOOST_TEST(!holds(R"({"BinaryEquals":{"k":"TWE="}})", one("k", "eA==")));
    BOOST_TEST(!holds(R"({"BinaryEquals":{"k":"!!"}})", one("k", "!!")));
}

BOOST_AUTO_TEST_CASE(ip_address_and_not_ip_address) {
    const auto v4 = one("aws:SourceIp", "203.0.113.9");
    BOOST_TEST(holds(R"({"IpAddress":{"aws:SourceIp":["2001:db8::/32","203.0.113.0/24"]}})", v4));
    BOOST_TEST(!holds(R"({"IpAddress":{"aws:SourceIp":"198.51.100.0/24"}})", v4));
    BOOST_TEST(holds(R"({"NotIpAddress":{"aws:SourceIp":"198.51.100.0/24"}})", v4));
    BOOST_TEST(!holds(R"({"NotIpAddress":{"aws:SourceIp":["198.51.100.0/24","203.0.113.0/24"]}})", v4));
    // A family mismatch is no match: IpAddress false, NotIpAddress true.
    BOOST_TEST(!holds(R"({"IpAddress":{"aws:SourceIp":"2001:db8::/32"}})", v4));
    BOOST_TEST(holds(R"({"NotIpAddress":{"aws:SourceIp":"2001:db8::/32"}})", v4));
}

BOOST_AUTO_TEST_CASE(arn_operators_glob_per_segment) {
    const auto arn = one("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic");
    BOOST_TEST(holds(R"({"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:123456789012:*"}})", arn));
    BOOST_TEST(holds(R"({"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:123456789012:*"}})", arn));  // ArnEquals globs too
    BOOST_TEST(!holds(R"({"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:999999999999:*"}})", arn));
    BOOST_TEST(holds(R"({"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:999999999999:*"}})", arn));
    BOOST_TEST(!holds(R"({"ArnNotEquals":{"aws:SourceArn":["x:y","arn:aws:sns:us-east-1:123456789012:topic"]}})", arn));
    BOOST_TEST(!holds(R"({"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012"}})", arn));
}

BOOST_AUTO_TEST_CASE(missing_key_positive_false_negated_true) {
    const request_context empty;
    BOOST_TEST(!holds(R"({"StringEquals":{"k":"x"}})", empty));
    BOOST_TEST(!holds(R"({"StringLike":{"k":"*"}})", empty));
    BOOST_TEST(!holds(R"({"NumericLessThan":{"k":"3600"}})", empty));
    BOOST_TEST(!holds(R"({"Bool":{"aws:MultiFactorAuthPresent":"false"}})", empty));
    BOOST_TEST(holds(R"({"StringNotEquals":{"k":"x"}})", empty));
    BOOST_TEST(holds(R"({"StringNotLike":{"k":"x"}})", empty));
    BOOST_TEST(holds(R"({"NumericNotEquals":{"k":"1"}})", empty));
    BOOST_TEST(holds(R"({"DateNotEquals":{"k":"2024"}})", empty));
    BOOST_TEST(holds(R"({"NotIpAddress":{"k":"10.0.0.0/8"}})", empty));
    BOOST_TEST(holds(R"({"ArnNotLike":{"k":"arn:aws:s3:::b"}})", empty));
    BOOST_TEST(holds(R"({"StringNotEqualsIgnoreCase":{"k":"x"}})", empty));
}

BOOST_AUTO_TEST_CASE(if_exists_is_true_for_a_missing_key_and_normal_otherwise) {
    const request_context empty;
    BOOST_TEST(holds(R"({"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}})", empty));
    BOOST_TEST(holds(R"({"StringEqualsIfExists":{"k":"x"}})", empty));
    BOOST_TEST(holds(R"({"StringNotEqualsIfExists":{"k":"x"}})", empty));
    BOOST_TEST(holds(R"({"NumericLessThanIfExists":{"k":"1"}})", empty));
    BOOST_TEST(!holds(R"({"StringEqualsIfExists":{"k":"x"}})", one("k", "y")));
    BOOST_TEST(holds(R"({"StringEqualsIfExists":{"k":"x"}})", one("k", "x")));
    BOOST_TEST(!holds(R"({"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}})", one("aws:MultiFactorAuthPresent", "true")));
}

BOOST_AUTO_TEST_CASE(null_checks_presence) {
    const request_context empty;
    BOOST_TEST(holds(R"({"Null":{"k":"true"}})", empty));
    BOOST_TEST(!holds(R"({"Null":{"k":"false"}})", empty));
    BOOST_TEST(!holds(R"({"Null":{"k":"true"}})", one("k", "v")));
    BOOST_TEST(holds(R"({"Null":{"k":false}})", one("k", "v")));
    // The empty string and the empty list are a null data set.
    BOOST_TEST(holds(R"({"Null":{"k":"true"}})", one("k", "")));
    request_context el;
    el.set_list("k", {});
    BOOST_TEST(holds(R"({"Null":{"k":"true"}})", el));
    // Set qualifiers on Null read as plain Null.
    BOOST_TEST(holds(R"({"ForAllValues:Null":{"k":"true"}})", empty));
    BOOST_TEST(holds(R"({"ForAnyValue:Null":{"k":"true"}})", empty));
}

BOOST_AUTO_TEST_CASE(multivalued_key_without_qualifier_never_matches) {
    request_context c;
    c.set_list("aws:CalledVia", {"a", "b"});
    BOOST_TEST(!holds(R"({"StringEquals":{"aws:CalledVia":"a"}})", c));
    BOOST_TEST(!holds(R"({"StringNotEquals":{"aws:CalledVia":"z"}})", c));
}

BOOST_AUTO_TEST_CASE(for_all_values) {
    request_context c;
    c.set_list("aws:TagKeys", {"env", "team"});
    BOOST_TEST(holds(R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env","team","cost"]}})", c));
    BOOST_TEST(!holds(R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}})", c));
    BOOST_TEST(holds(R"({"ForAllValues:StringLike":{"aws:TagKeys":["e*","t*"]}})", c));
    // Negated: every request value must match none of the policy values.
    BOOST_TEST(holds(R"({"ForAllValues:StringNotEquals":{"aws:TagKeys":["x","y"]}})", c));
    BOOST_TEST(!holds(R"({"ForAllValues:StringNotEquals":{"aws:TagKeys":["env"]}})", c));
    // A single value is a one-element set.
    BOOST_TEST(holds(R"({"ForAllValues:StringEquals":{"k":["a","b"]}})", one("k", "a")));
}

BOOST_AUTO_TEST_CASE(for_all_values_is_vacuously_true_on_missing_or_empty_keys) {
    const request_context empty;
    BOOST_TEST(holds(R"({"ForAllValues:StringEquals":{"aws:TagKeys":"x"}})", empty));
    BOOST_TEST(holds(R"({"ForAllValues:StringNotEquals":{"aws:TagKeys":"x"}})", empty));  // not !(positive)
    request_context el;
    el.set_list("aws:TagKeys", {});
    BOOST_TEST(holds(R"({"ForAllValues:StringEquals":{"aws:TagKeys":"x"}})", el));
    BOOST_TEST(holds(R"({"ForAllValues:StringEquals":{"k":"x"}})", one("k", "")));
    // The documented guard: Null false.
    BOOST_TEST(!holds(R"({"ForAllValues:StringLike":{"aws:TagKeys":"x*"},"Null":{"aws:TagKeys":"false"}})", empty));
}

BOOST_AUTO_TEST_CASE(for_any_value) {
    request_context c;
    c.set_list("aws:TagKeys", {"env", "team"});
    BOOST_TEST(holds(R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["team","x"]}})", c));
    BOOST_TEST(!holds(R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["x","y"]}})", c));
    BOOST_TEST(holds(R"({"ForAnyValue:StringNotEquals":{"aws:TagKeys":"env"}})", c));   // team is not env
    BOOST_TEST(!holds(R"({"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env","team"]}})", c));
    const request_context empty;
    BOOST_TEST(!holds(R"({"ForAnyValue:StringEquals":{"aws:TagKeys":"x"}})", empty));
    BOOST_TEST(!holds(R"({"ForAnyValue:StringNotEquals":{"aws:TagKeys":"x"}})", empty));
    BOOST_TEST(holds(R"({"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":"x"}})", empty));
    request_context el;
    el.set_list("aws:TagKeys", {});
    BOOST_TEST(!holds(R"({"ForAnyValue:StringEquals":{"aws:TagKeys":"x"}})", el));
}

BOOST_AUTO_TEST_CASE(set_qualifiers_work_with_every_family) {
    request_context c;
    c.set_list("ips", {"10.0.0.1", "10.0.0.2"});
    BOOST_TEST(holds(R"({"ForAllValues:IpAddress":{"ips":"10.0.0.0/24"}})", c));
    c.set_list("n", {"1", "5"});
    BOOST_TEST(holds(R"({"ForAnyValue:NumericGreaterThan":{"n":"4"}})", c));
    BOOST_TEST(!holds(R"({"ForAllValues:NumericGreaterThan":{"n":"4"}})", c));
    c.set_list("bad", {"1", "x"});
    BOOST_TEST(!holds(R"({"ForAllValues:NumericNotEquals":{"bad":"7"}})", c));  // an unparseable element fails
}

BOOST_AUTO_TEST_CASE(clauses_and_operators_combine_with_and) {
    request_context c;
    c.set("a", "1");
    c.set("b", "2");
    BOOST_TEST(holds(R"({"StringEquals":{"a":"1","b":"2"}})", c));
    BOOST_TEST(!holds(R"({"StringEquals":{"a":"1","b":"3"}})", c));
    BOOST_TEST(holds(R"({"StringEquals":{"a":"1"},"NumericLessThan":{"b":"3"}})", c));
    BOOST_TEST(!holds(R"({"StringEquals":{"a":"1"},"NumericLessThan":{"b":"2"}})", c));
}

BOOST_AUTO_TEST_CASE(condition_keys_are_case_insensitive) {
    BOOST_TEST(holds(R"({"StringEquals":{"aws:ResourceTag/TagKey1":"v"}})", one("aws:resourcetag/tagkey1", "v")));
    BOOST_TEST(holds(R"({"StringEquals":{"AWS:PRINCIPALTAG/TEAM":"v"}})", one("aws:PrincipalTag/team", "v")));
    // Values stay case-sensitive.
    BOOST_TEST(!holds(R"({"StringEquals":{"aws:ResourceTag/TagKey1":"V"}})", one("aws:resourcetag/tagkey1", "v")));
}

BOOST_AUTO_TEST_CASE(unknown_operators_make_the_clause_false) {
    BOOST_TEST(!holds(R"({"FakeConditionOperator":{"k":"v"}})", one("k", "v")));
    BOOST_TEST(!holds(R"({"ForAnyValue:FakeOperator":{"k":"v"}})", one("k", "v")));
}

BOOST_AUTO_TEST_CASE(failed_clause_is_reported) {
    const auto p = iamguard::test::condition_policy(R"({"StringEquals":{"a":"1"},"Bool":{"b":"true"}})");
    request_context c;
    c.set("a", "1");
    int failed = 7;
    BOOST_TEST(!iamguard::eval::conditions_hold(p, 0, c, &failed));
    BOOST_TEST(failed == 1);
    c.set("b", "true");
    BOOST_TEST(iamguard::eval::conditions_hold(p, 0, c, &failed));
    BOOST_TEST(failed == -1);
}

BOOST_AUTO_TEST_SUITE_END()
