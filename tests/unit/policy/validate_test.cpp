// SPDX-License-Identifier: Apache-2.0
// Kind-specific and value diagnostics (P2xx), with exact line and column.
#include <boost/test/unit_test.hpp>

#include <iamguard/policy/validate.hpp>

#include "policy_test_util.hpp"

using namespace iamguard;
using namespace iamguard::policy;
using test::expect_diag;
using test::parse_as;

namespace {
std::string doc_with(std::string_view body) {
    return std::string("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [") + std::string(body) + "]\n}";
}
constexpr std::string_view trust_ok =
    R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"})";
}  // namespace

BOOST_AUTO_TEST_SUITE(policy_validate)

BOOST_AUTO_TEST_CASE(valid_policies_of_each_kind) {
    BOOST_TEST(parse_as(doc_with(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})"), policy_kind::identity).ok());
    BOOST_TEST(parse_as(doc_with(trust_ok), policy_kind::trust).ok());
    BOOST_TEST(parse_as(doc_with(R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})"),
                        policy_kind::resource).ok());
    BOOST_TEST(parse_as(doc_with(R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"})"), policy_kind::rcp).ok());
    BOOST_TEST(parse_as(doc_with(R"({"Effect": "Deny", "Action": "*", "NotResource": "arn:aws:s3:::b"})"), policy_kind::scp).ok());
}

BOOST_AUTO_TEST_CASE(p201_principal_in_identity_side_policies) {
    const std::string text = doc_with(R"({"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"})");
    for (auto k : {policy_kind::identity, policy_kind::boundary, policy_kind::session, policy_kind::scp}) {
        expect_diag(parse_as(text, k), codes::principal_not_allowed, 3, 50);
    }
    BOOST_TEST(test::with_code(parse_as(text, policy_kind::resource), codes::principal_not_allowed).empty());
}

BOOST_AUTO_TEST_CASE(p202_principal_required) {
    const std::string text = doc_with(R"({"Effect": "Allow", "Action": "sts:AssumeRole"})");
    expect_diag(parse_as(text, policy_kind::trust), codes::principal_required, 3, 17);
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})"), policy_kind::resource),
                codes::principal_required, 3, 17);
}

BOOST_AUTO_TEST_CASE(p203_not_principal_with_allow) {
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"})"),
                         policy_kind::resource),
                codes::not_principal_with_allow, 3, 53);
}

BOOST_AUTO_TEST_CASE(p204_not_principal_in_trust) {
    expect_diag(parse_as(doc_with(R"({"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"})"),
                         policy_kind::trust),
                codes::not_principal_in_trust, 3, 52);
}

BOOST_AUTO_TEST_CASE(p205_resource_in_trust) {
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Resource": "*"})"),
                         policy_kind::trust),
                codes::resource_in_trust, 3, 95);
}

BOOST_AUTO_TEST_CASE(p206_missing_resource) {
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Action": "s3:*"})"), policy_kind::identity), codes::missing_resource, 3, 17);
}

BOOST_AUTO_TEST_CASE(p207_id_in_identity_policy) {
    const auto r = parse_as("{\"Version\": \"2012-10-17\", \"Id\": \"x\", \"Statement\": []}", policy_kind::identity);
    expect_diag(r, codes::id_not_allowed, 1, 33, severity::warning);
    BOOST_TEST(test::with_code(parse_as("{\"Version\": \"2012-10-17\", \"Id\": \"x\", \"Statement\": []}", policy_kind::resource),
                               codes::id_not_allowed).empty());
}

BOOST_AUTO_TEST_CASE(p208_invalid_action) {
    const auto r = parse_as(doc_with(R"({"Effect": "Allow", "Action": ["s3:GetObject", "GetObject", "s3:"], "Resource": "*"})"),
                            policy_kind::identity);
    const auto found = test::with_code(r, codes::invalid_action);
    BOOST_TEST_REQUIRE(found.size() == 2u);
    BOOST_TEST(found[0].pos.column == 64u);
    BOOST_TEST(found[0].path == "Statement[0].Action[1]");
    BOOST_TEST(found[1].pos.column == 77u);
}

BOOST_AUTO_TEST_CASE(p209_wildcard_service) {
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Action": "*:GetObject", "Resource": "*"})"), policy_kind::identity),
                codes::wildcard_service, 3, 47);
}

BOOST_AUTO_TEST_CASE(p210_malformed_arn) {
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3"})"), policy_kind::identity),
                codes::malformed_arn, 3, 67);
}

BOOST_AUTO_TEST_CASE(p211_variables_where_not_allowed) {
    // In the ARN before the resource part: an error.
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:${aws:region}::b"})"),
                         policy_kind::identity),
                codes::variable_not_allowed, 3, 67);
    // In the resource part: fine.
    BOOST_TEST(parse_as(doc_with(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:username}/*"})"),
                        policy_kind::identity).ok());
    // In an action: an error.
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Action": "s3:${x}", "Resource": "*"})"), policy_kind::identity),
                codes::variable_not_allowed, 3, 47);
    // In a numeric condition: literal text, a warning.
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NumericEquals": {"k": "${x}"}}})"),
                         policy_kind::identity),
                codes::variable_not_allowed, 3, 109, severity::warning);
    // In a principal: an error.
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Principal": {"AWS": "${aws:username}"}, "Action": "sts:AssumeRole"})"),
                         policy_kind::trust),
                codes::variable_not_allowed, 3, 58);
}

BOOST_AUTO_TEST_CASE(p212_partial_principal_wildcard) {
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/*"}, "Action": "sts:AssumeRole"})"),
                         policy_kind::trust),
                codes::partial_principal_wildcard, 3, 58);
}

BOOST_AUTO_TEST_CASE(p213_invalid_principal) {
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Principal": {"AWS": "bob"}, "Action": "sts:AssumeRole"})"), policy_kind::trust),
                codes::invalid_principal, 3, 58);
    BOOST_TEST(parse_as(doc_with(R"({"Effect": "Allow", "Principal": {"AWS": ["123456789012", "arn:aws:sts::123456789012:assumed-role/R/s"]}, "Action": "sts:AssumeRole"})"),
                        policy_kind::trust).ok());
}

BOOST_AUTO_TEST_CASE(p214_duplicate_sid) {
    expect_diag(parse_as(doc_with(R"({"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "s3:*", "Resource": "*"})"),
                         policy_kind::identity),
                codes::duplicate_sid, 3, 93, severity::warning);
}

BOOST_AUTO_TEST_CASE(p215_rcp_principal) {
    expect_diag(parse_as(doc_with(R"({"Effect": "Deny", "Principal": {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"})"),
                         policy_kind::rcp),
                codes::rcp_principal, 3, 49);
}

BOOST_AUTO_TEST_CASE(p216_invalid_bool_value) {
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "yes"}}})"),
                         policy_kind::identity),
                codes::invalid_operator_value, 3, 118);
    BOOST_TEST(parse_as(doc_with(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "True"}}})"),
                        policy_kind::identity).ok());
}

BOOST_AUTO_TEST_CASE(p217_variables_without_version) {
    const auto r = parse_as(R"({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:username}"}]})",
                            policy_kind::identity);
    expect_diag(r, codes::variables_without_version, 1, 66, severity::warning);
}

BOOST_AUTO_TEST_CASE(p218_service_principal_format) {
    expect_diag(parse_as(doc_with(R"({"Effect": "Allow", "Principal": {"Service": "ec2"}, "Action": "sts:AssumeRole"})"), policy_kind::trust),
                codes::service_principal_format, 3, 62, severity::warning);
}

BOOST_AUTO_TEST_CASE(validate_can_run_alone) {
    const auto r = policy::parse(doc_with(R"({"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"})"));
    BOOST_TEST(r.ok());
    const auto diags = policy::validate(*r.doc, policy_kind::identity);
    BOOST_TEST_REQUIRE(diags.size() == 1u);
    BOOST_TEST(diags[0].code == codes::principal_not_allowed);
    BOOST_TEST(diags[0].path == "Statement[0].Principal");
}

BOOST_AUTO_TEST_SUITE_END()
