// SPDX-License-Identifier: Apache-2.0
// The grammar forms of iam-semantics.md §1 and the normalised AST they produce.
#include <boost/test/unit_test.hpp>

#include "policy_test_util.hpp"

using namespace iamguard;
using namespace iamguard::policy;

BOOST_AUTO_TEST_SUITE(policy_parse)

BOOST_AUTO_TEST_CASE(full_document) {
    const auto r = policy::parse(R"({
  "Version": "2012-10-17",
  "Id": "doc-1",
  "Statement": [
    {
      "Sid": "AllowRead",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": "arn:aws:s3:::b/*",
      "Condition": {"StringEquals": {"aws:PrincipalTag/Team": ["a", "b"]},
                    "NumericLessThan": {"aws:MultiFactorAuthAge": 3600},
                    "Bool": {"aws:SecureTransport": true}}
    },
    {"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:aws:iam::*:role/x"]}
  ]
})");
    BOOST_TEST_REQUIRE(r.ok());
    const auto& d = *r.doc;
    BOOST_TEST((d.ver == version::v2012_10_17));
    BOOST_TEST(d.id->text == "doc-1");
    BOOST_TEST(d.statement_list_form);
    BOOST_TEST_REQUIRE(d.statements.size() == 2u);
    const auto& s0 = d.statements[0];
    BOOST_TEST(s0.index == 0u);
    BOOST_TEST(s0.sid->text == "AllowRead");
    BOOST_TEST((*s0.eff == effect::allow));
    BOOST_TEST(s0.effect_pos.line == 7u);
    BOOST_TEST(s0.effect_pos.column == 17u);
    BOOST_TEST(!s0.action->negated);
    BOOST_TEST(s0.action->list_form);
    BOOST_TEST(s0.action->values.size() == 2u);
    BOOST_TEST(s0.action->values[1].text == "s3:ListBucket");
    BOOST_TEST(s0.action->values[1].pos.line == 8u);
    BOOST_TEST(s0.action->values[1].pos.column == 34u);
    BOOST_TEST(!s0.resource->list_form);  // a scalar in the JSON, a list in the AST
    BOOST_TEST(s0.resource->values.size() == 1u);
    BOOST_TEST_REQUIRE(s0.conditions.size() == 3u);
    const auto& c0 = s0.conditions[0];
    BOOST_TEST((c0.op.base == condition_base::string_equals));
    BOOST_TEST(c0.key.text == "aws:PrincipalTag/Team");
    BOOST_TEST(c0.key_lower == "aws:principaltag/team");
    BOOST_TEST(c0.values.size() == 2u);
    const auto& c1 = s0.conditions[1];
    BOOST_TEST((c1.op.base == condition_base::numeric_less_than));
    BOOST_TEST(c1.values[0].text == "3600");
    BOOST_TEST((c1.values[0].form == scalar_form::number));
    BOOST_TEST(!c1.list_form);
    const auto& c2 = s0.conditions[2];
    BOOST_TEST(c2.values[0].text == "true");
    BOOST_TEST((c2.values[0].form == scalar_form::boolean));
    const auto& s1 = d.statements[1];
    BOOST_TEST((*s1.eff == effect::deny));
    BOOST_TEST(s1.action->negated);
    BOOST_TEST(s1.resource->negated);
    BOOST_TEST(s1.resource->list_form);
}

BOOST_AUTO_TEST_CASE(statement_as_single_object) {
    const auto r = policy::parse(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})");
    BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST(!r.doc->statement_list_form);
    BOOST_TEST(r.doc->statements.size() == 1u);
}

BOOST_AUTO_TEST_CASE(version_2008_and_absent) {
    auto r = policy::parse(R"({"Version":"2008-10-17","Statement":[]})");
    BOOST_TEST((r.doc->ver == version::v2008_10_17));
    BOOST_TEST(!variables_enabled(r.doc->ver));
    r = policy::parse(R"({"Statement":[]})");
    BOOST_TEST((r.doc->ver == version::none));
    BOOST_TEST(!r.doc->version_text.has_value());
}

BOOST_AUTO_TEST_CASE(principal_forms) {
    const auto r = test::parse_as(R"({"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},
 {"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"},
 {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root","arn:aws:iam::444455556666:role/R"],
   "Service":"ec2.amazonaws.com","Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRole"},
 {"Effect":"Deny","NotPrincipal":{"AWS":"*"},"Action":"sts:AssumeRole"},
 {"Effect":"Allow","Principal":{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},"Action":"sts:AssumeRole"}
]})", policy_kind::resource);
    BOOST_TEST_REQUIRE(r.doc.has_value());
    const auto& st = r.doc->statements;
    BOOST_TEST(st[0].principal->wildcard);
    BOOST_TEST(st[0].principal->groups.empty());
    const auto& g1 = st[1].principal->groups.at(0);
    BOOST_TEST((g1.type == principal_type::aws));
    BOOST_TEST(g1.values[0].text == "123456789012");
    // A bare account id and the account's root ARN are the same principal.
    BOOST_TEST(g1.values[0].canonical == "arn:aws:iam::123456789012:root");
    const auto& groups = st[2].principal->groups;
    BOOST_TEST_REQUIRE(groups.size() == 3u);
    BOOST_TEST(groups[0].list_form);
    BOOST_TEST(groups[0].values[0].canonical == g1.values[0].canonical);
    BOOST_TEST((groups[1].type == principal_type::service));
    BOOST_TEST((groups[2].type == principal_type::federated));
    BOOST_TEST(st[3].principal->negated);
    BOOST_TEST((st[4].principal->groups[0].type == principal_type::canonical_user));
}

BOOST_AUTO_TEST_CASE(principal_string_form_is_an_error_unless_lenient) {
    const std::string text = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::1:user/x","Action":"s3:*","Resource":"*"}]})";
    auto r = policy::parse(text);
    test::expect_diag(r, codes::principal_string_form, 1, 68);
    BOOST_TEST(r.doc->statements[0].principal->groups.empty());
    policy::parse_options o;
    o.lenient_principal_string = true;
    r = policy::parse(text, o);
    test::expect_diag(r, codes::principal_string_form, 1, 68, severity::warning);
    BOOST_TEST(r.doc->statements[0].principal->groups.at(0).values.at(0).text == "arn:aws:iam::1:user/x");
}

BOOST_AUTO_TEST_CASE(condition_qualifiers_and_suffixes) {
    const auto r = policy::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
 "Condition":{"ForAllValues:StringLike":{"aws:TagKeys":["a*"]},
              "ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":"b"},
              "BoolIfExists":{"aws:MultiFactorAuthPresent":"false"},
              "Null":{"aws:TokenIssueTime":"true"}}}]})");
    BOOST_TEST_REQUIRE(r.ok());
    const auto& c = r.doc->statements[0].conditions;
    BOOST_TEST_REQUIRE(c.size() == 4u);
    BOOST_TEST((c[0].op.qualifier == set_qualifier::for_all_values));
    BOOST_TEST((c[0].op.base == condition_base::string_like));
    BOOST_TEST(!c[0].op.if_exists);
    BOOST_TEST((c[1].op.qualifier == set_qualifier::for_any_value));
    BOOST_TEST(c[1].op.if_exists);
    BOOST_TEST((c[2].op.base == condition_base::bool_));
    BOOST_TEST(c[2].op.if_exists);
    BOOST_TEST((c[3].op.base == condition_base::null_));
}

BOOST_AUTO_TEST_CASE(several_keys_per_operator_keep_document_order) {
    const auto r = policy::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
 "Condition":{"StringEquals":{"k1":"a","k2":"b"},"StringLike":{"k3":"c"}}}]})");
    const auto& c = r.doc->statements[0].conditions;
    BOOST_TEST_REQUIRE(c.size() == 3u);
    BOOST_TEST(c[0].key.text == "k1");
    BOOST_TEST(c[1].key.text == "k2");
    BOOST_TEST(c[1].op_text.text == "StringEquals");
    BOOST_TEST(c[2].op_text.text == "StringLike");
}

BOOST_AUTO_TEST_CASE(number_lexeme_is_kept) {
    const auto r = policy::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
 "Condition":{"NumericEquals":{"k":[1.50, 10, -3]}}}]})");
    const auto& v = r.doc->statements[0].conditions[0].values;
    BOOST_TEST(v[0].text == "1.50");
    BOOST_TEST(v[1].text == "10");
    BOOST_TEST(v[2].text == "-3");
}

BOOST_AUTO_TEST_CASE(whitespace_in_values_is_not_trimmed) {
    const auto r = policy::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetBucket ","Resource":"*"}]})");
    BOOST_TEST(r.doc->statements[0].action->values[0].text == "s3:GetBucket ");
}

BOOST_AUTO_TEST_CASE(bad_statement_does_not_hide_the_others) {
    const auto r = policy::parse(R"({"Version":"2012-10-17","Statement":[42, {"Effect":"Allow","Action":"*","Resource":"*"}]})");
    BOOST_TEST(!r.ok());
    BOOST_TEST_REQUIRE(r.doc.has_value());
    BOOST_TEST(r.doc->statements.size() == 1u);
    BOOST_TEST(r.doc->statements[0].index == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
