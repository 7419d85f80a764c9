// SPDX-License-Identifier: Apache-2.0
// Every structural diagnostic code (P0xx, P1xx), with its exact line and column.
#include <boost/test/unit_test.hpp>

#include "policy_test_util.hpp"

using namespace iamguard;
using namespace iamguard::policy;
using test::expect_diag;

namespace {
// A statement placed on line 3 of a small document; `body` is the statement's JSON.
std::string doc_with(std::string_view body) {
    return std::string("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [") + std::string(body) + "]\n}";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(policy_diagnostics)

BOOST_AUTO_TEST_CASE(p002_not_an_object) {
    const auto r = policy::parse("\n  [1, 2]");
    expect_diag(r, codes::not_an_object, 2, 3);
    BOOST_TEST(!r.doc.has_value());
}

BOOST_AUTO_TEST_CASE(p101_unknown_element_with_hint) {
    const auto r = policy::parse(doc_with(R"({"Effect": "Allow", "Actions": "s3:*", "Resource": "*"})"));
    expect_diag(r, codes::unknown_element, 3, 37);
    BOOST_TEST(test::with_code(r, codes::unknown_element)[0].help == "did you mean `Action`?");
    BOOST_TEST(test::with_code(r, codes::unknown_element)[0].path == "Statement[0].Actions");
    const auto top = policy::parse("{\"Statement\": [], \"Verison\": \"x\"}");
    expect_diag(top, codes::unknown_element, 1, 19);
}

BOOST_AUTO_TEST_CASE(p102_wrong_type) {
    const auto r = policy::parse(doc_with(R"({"Effect": 1, "Action": "s3:*", "Resource": "*"})"));
    expect_diag(r, codes::wrong_type, 3, 28);
    BOOST_TEST(test::with_code(r, codes::wrong_type)[0].message ==
               "expected \"Allow\" or \"Deny\" for `Effect`, found number");
    const auto r2 = policy::parse(doc_with(R"({"Effect": "Allow", "Action": ["s3:*", 7], "Resource": "*"})"));
    expect_diag(r2, codes::wrong_type, 3, 56);
    BOOST_TEST(test::with_code(r2, codes::wrong_type)[0].path == "Statement[0].Action[1]");
    const auto r3 = policy::parse("{\"Statement\": \"x\"}");
    expect_diag(r3, codes::wrong_type, 1, 15);
}

BOOST_AUTO_TEST_CASE(p103_missing_statement) {
    expect_diag(policy::parse("{\n \"Version\": \"2012-10-17\"}"), codes::missing_statement, 1, 1);
}

BOOST_AUTO_TEST_CASE(p104_empty_statement_is_a_warning) {
    const auto r = policy::parse("{\"Version\": \"2012-10-17\", \"Statement\": []}");
    expect_diag(r, codes::empty_statement, 1, 40, severity::warning);
    BOOST_TEST(r.ok());
}

BOOST_AUTO_TEST_CASE(p105_missing_effect) {
    expect_diag(policy::parse(doc_with(R"({"Action": "s3:*", "Resource": "*"})")), codes::missing_effect, 3, 17);
}

BOOST_AUTO_TEST_CASE(p106_invalid_effect) {
    const auto r = policy::parse(doc_with(R"({"Effect": "Permit", "Action": "s3:*", "Resource": "*"})"));
    expect_diag(r, codes::invalid_effect, 3, 28);
    BOOST_TEST(!r.doc->statements[0].eff.has_value());
}

BOOST_AUTO_TEST_CASE(p107_action_and_not_action) {
    expect_diag(policy::parse(doc_with(R"({"Effect": "Allow", "Action": "a:b", "NotAction": "c:d", "Resource": "*"})")),
                codes::action_and_not_action, 3, 54);
}

BOOST_AUTO_TEST_CASE(p108_missing_action) {
    expect_diag(policy::parse(doc_with(R"({"Effect": "Allow", "Resource": "*"})")), codes::missing_action, 3, 17);
}

BOOST_AUTO_TEST_CASE(p109_resource_and_not_resource) {
    expect_diag(policy::parse(doc_with(R"({"Effect": "Allow", "Action": "a:b", "Resource": "*", "NotResource": "*"})")),
                codes::resource_and_not_resource, 3, 71);
}

BOOST_AUTO_TEST_CASE(p110_principal_and_not_principal) {
    expect_diag(policy::parse(doc_with(R"({"Effect": "Deny", "Principal": "*", "NotPrincipal": "*", "Action": "a:b"})")),
                codes::principal_and_not_principal, 3, 54);
}

BOOST_AUTO_TEST_CASE(p111_empty_arrays) {
    expect_diag(policy::parse(doc_with(R"({"Effect": "Allow", "Action": [], "Resource": "*"})")), codes::empty_array, 3, 47);
    expect_diag(policy::parse(doc_with(R"({"Effect": "Allow", "Principal": {"AWS": []}, "Action": "a:b"})")),
                codes::empty_array, 3, 58);
    expect_diag(policy::parse(doc_with(
                    R"({"Effect": "Allow", "Action": "a:b", "Resource": "*", "Condition": {"StringEquals": {"k": []}}})")),
                codes::empty_array, 3, 107);
}

BOOST_AUTO_TEST_CASE(p112_invalid_version) {
    const auto r = policy::parse("{\n  \"Version\": \"2012-10-18\", \"Statement\": []}");
    expect_diag(r, codes::invalid_version, 2, 14);
    BOOST_TEST((r.doc->ver == version::none));
}

BOOST_AUTO_TEST_CASE(p113_missing_version_is_a_warning) {
    const auto r = policy::parse("  {\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}");
    expect_diag(r, codes::missing_version, 1, 3, severity::warning);
    BOOST_TEST(r.ok());
}

BOOST_AUTO_TEST_CASE(p114_unknown_principal_type) {
    const auto r = policy::parse(doc_with(R"({"Effect": "Allow", "Principal": {"aws": "*"}, "Action": "a:b"})"));
    expect_diag(r, codes::unknown_principal_type, 3, 51);
    BOOST_TEST(test::with_code(r, codes::unknown_principal_type)[0].help == "did you mean `AWS`?");
}

BOOST_AUTO_TEST_CASE(p115_invalid_condition_value) {
    expect_diag(policy::parse(doc_with(
                    R"({"Effect": "Allow", "Action": "a:b", "Resource": "*", "Condition": {"StringEquals": {"k": null}}})")),
                codes::invalid_condition_value, 3, 107);
    expect_diag(policy::parse(doc_with(
                    R"({"Effect": "Allow", "Action": "a:b", "Resource": "*", "Condition": {"StringEquals": {"k": ["a", ["b"]]}}})")),
                codes::invalid_condition_value, 3, 113);
}

BOOST_AUTO_TEST_CASE(p116_unknown_operator_with_suggestion) {
    const auto r = policy::parse(doc_with(
        R"({"Effect": "Allow", "Action": "a:b", "Resource": "*", "Condition": {"StringLyke": {"k": "v"}}})"));
    expect_diag(r, codes::unknown_operator, 3, 85);
    const auto d = test::with_code(r, codes::unknown_operator)[0];
    BOOST_TEST(d.message == "unknown condition operator `StringLyke`");
    BOOST_TEST(d.help == "did you mean `StringLike`?");
    BOOST_TEST(d.path == "Statement[0].Condition.StringLyke");
    // The clause is kept with an unknown base, so that evaluation fails closed.
    BOOST_TEST((r.doc->statements[0].conditions.at(0).op.base == condition_base::unknown));
}

BOOST_AUTO_TEST_CASE(p117_null_if_exists) {
    expect_diag(policy::parse(doc_with(
                    R"({"Effect": "Allow", "Action": "a:b", "Resource": "*", "Condition": {"NullIfExists": {"k": "true"}}})")),
                codes::null_if_exists, 3, 85);
}

BOOST_AUTO_TEST_CASE(p118_invalid_sid_is_a_warning) {
    expect_diag(policy::parse(doc_with(R"({"Sid": "my-sid", "Effect": "Allow", "Action": "a:b", "Resource": "*"})")),
                codes::invalid_sid, 3, 25, severity::warning);
}

BOOST_AUTO_TEST_CASE(p120_empty_condition_operator_is_a_warning) {
    expect_diag(policy::parse(doc_with(
                    R"({"Effect": "Allow", "Action": "a:b", "Resource": "*", "Condition": {"StringEquals": {}}})")),
                codes::empty_condition, 3, 101, severity::warning);
}

BOOST_AUTO_TEST_CASE(all_errors_of_a_document_are_reported) {
    const auto r = policy::parse(doc_with(R"({"Effect": "allow", "Actions": "a:b"}, {"Action": "x", "Resource": 5})"));
    BOOST_TEST(test::with_code(r, codes::invalid_effect).size() == 1u);
    BOOST_TEST(test::with_code(r, codes::unknown_element).size() == 1u);
    BOOST_TEST(test::with_code(r, codes::missing_action).size() == 1u);
    BOOST_TEST(test::with_code(r, codes::missing_effect).size() == 1u);
    BOOST_TEST(test::with_code(r, codes::wrong_type).size() == 1u);
}

BOOST_AUTO_TEST_CASE(json_errors_come_through_with_positions) {
    const auto r = policy::parse("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\",}\n  ]\n}");
    BOOST_TEST(!r.doc.has_value());
    expect_diag(r, json::codes::syntax, 4, 24);
}

BOOST_AUTO_TEST_CASE(duplicate_keys_invalidate_the_policy) {
    const auto r = policy::parse(doc_with(
        R"({"Effect": "Allow", "Action": "a:b", "Resource": "*", "Condition": {"StringEquals": {"k": "a"}, "StringEquals": {"k": "b"}}})"));
    expect_diag(r, json::codes::duplicate_key, 3, 113);
    BOOST_TEST(!r.ok());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(policy_limits)

BOOST_AUTO_TEST_CASE(p121_too_many_statements) {
    policy::parse_options o;
    o.max_statements = 2;
    const std::string st = R"({"Effect":"Allow","Action":"a:b","Resource":"*"})";
    const auto r = policy::parse("{\"Statement\":[" + st + ",\n" + st + ",\n" + st + "]}", o);
    test::expect_diag(r, codes::too_many_statements, 3, 1);
    BOOST_TEST(r.doc->statements.size() == 2u);
}

BOOST_AUTO_TEST_CASE(p122_too_many_values) {
    policy::parse_options o;
    o.max_values = 2;
    const auto r = policy::parse(
        R"({"Statement":[{"Effect":"Allow","Action":["a:b","a:c","a:d"],"Resource":"*","Condition":{"StringEquals":{"k":["1","2","3"]}}}]})", o);
    const auto found = test::with_code(r, codes::too_many_values);
    BOOST_TEST_REQUIRE(found.size() == 2u);
    BOOST_TEST(found[0].pos.column == 55u);
    BOOST_TEST(found[0].path == "Statement[0].Action[2]");
    BOOST_TEST(found[1].pos.column == 119u);
    BOOST_TEST(r.doc->statements[0].action->values.size() == 2u);
    BOOST_TEST(r.doc->statements[0].conditions[0].values.size() == 2u);
}

BOOST_AUTO_TEST_CASE(p123_value_too_long) {
    policy::parse_options o;
    o.max_pattern_length = 8;
    const auto r = policy::parse(R"({"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})", o);
    test::expect_diag(r, codes::value_too_long, 1, 42);
    BOOST_TEST(r.doc->statements[0].action->values.empty());
}

BOOST_AUTO_TEST_CASE(a_100_megabyte_string_is_handled_by_the_size_limit) {
    std::string big = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"";
    big.append(100u << 20, 'a');
    big += "\",\"Resource\":\"*\"}]}";
    // Default limits: the JSON layer refuses strings over 16 MiB before the policy is built.
    auto r = policy::parse(big);
    test::expect_diag(r, json::codes::string_too_long, 1, 42);
    BOOST_TEST(!r.doc.has_value());
    // With that limit raised, the policy layer refuses values over 8 KiB.
    policy::parse_options o;
    o.json.max_string = std::size_t{256} << 20;
    r = policy::parse(big, o);
    test::expect_diag(r, codes::value_too_long, 1, 42);
    // And an input over the size limit is refused before anything is parsed.
    o.json.max_size = 64u << 20;
    r = policy::parse(big, o);
    test::expect_diag(r, json::codes::too_large, 1, 1);
}

BOOST_AUTO_TEST_SUITE_END()
