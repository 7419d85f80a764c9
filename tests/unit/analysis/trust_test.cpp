// SPDX-License-Identifier: Apache-2.0
// Assumability of trust policies, decided by evaluation: every spelling that means the same
// thing gets the same answer.
#include <boost/test/unit_test.hpp>

#include <iamguard/analysis/trust.hpp>
#include <iamguard/eval/prepared_policy.hpp>
#include <iamguard/policy/parse.hpp>

using namespace iamguard;
using namespace iamguard::analysis;

namespace {

constexpr std::string_view own = "111122223333";
constexpr std::string_view role = "arn:aws:iam::111122223333:role/Partner";
const std::vector<protection> ext{protection::external_id};
const std::vector<protection> mfa{protection::mfa};
const std::vector<protection> both{protection::external_id, protection::mfa};

policy::document trust(std::string_view statements) {
    const auto r = policy::parse(std::string(R"({"Version":"2012-10-17","Statement":)") + std::string(statements) + "}");
    BOOST_TEST_REQUIRE(r.ok(), "test policy has errors");
    return *r.doc;
}

std::string allow_from(std::string_view principal, std::string_view condition = {}) {
    std::string s = R"({"Effect":"Allow","Principal":)" + std::string(principal) + R"(,"Action":"sts:AssumeRole")";
    if (!condition.empty()) s += R"(,"Condition":)" + std::string(condition);
    return s + "}";
}

bool without(const policy::document& d, const std::vector<protection>& missing, caller_scope scope = {}) {
    return assumable_without(d, role, own, scope, missing).assumable;
}

constexpr std::string_view partner = R"({"AWS":"arn:aws:iam::444455556666:root"})";
constexpr std::string_view uuid = "7f3c2a9e-4b1d-4c8e-9a6f-2d5e8b1c0f47";

}  // namespace

BOOST_AUTO_TEST_SUITE(trust_assumability)

BOOST_AUTO_TEST_CASE(no_condition_lets_the_partner_in_without_anything) {
    const auto d = trust("[" + allow_from(partner) + "]");
    const auto r = assumable_without(d, role, own, {}, both);
    BOOST_TEST(r.assumable);
    BOOST_TEST_REQUIRE(r.witness.has_value());
    BOOST_TEST(r.witness->account == "444455556666");
    BOOST_TEST(r.witness->statement == 0u);
}

// The rule functions ask only which statement let the caller in: the same answer, no strings.
BOOST_AUTO_TEST_CASE(a_statement_only_witness_names_the_same_statement_and_nothing_else) {
    const auto d = trust("[" + allow_from(R"({"Service":"ec2.amazonaws.com"})") + "," + allow_from(partner) + "]");
    const eval::prepared_policy p(d, "trust");
    const auto full = assumable_without(d, p, role, own, {}, both);
    const auto brief = assumable_without(d, p, role, own, {}, both, witness_detail::statement_only);
    BOOST_TEST_REQUIRE(full.assumable);
    BOOST_TEST_REQUIRE(brief.assumable);
    BOOST_TEST_REQUIRE(brief.witness.has_value());
    BOOST_TEST(brief.witness->statement == 1u);
    BOOST_TEST(brief.witness->statement == full.witness->statement);
    BOOST_TEST(!full.witness->context.empty());
    BOOST_TEST(full.witness->account == "444455556666");
    BOOST_TEST(brief.witness->context.empty());
    BOOST_TEST(brief.witness->principal.empty());
    BOOST_TEST(brief.witness->account.empty());
    const auto pinned = trust("[" + allow_from(partner, std::string(R"({"StringEquals":{"sts:ExternalId":")") +
                                                            std::string(uuid) + "\"}}") + "]");
    const auto none = assumable_without(pinned, eval::prepared_policy(pinned, "trust"), role, own, {}, ext,
                                        witness_detail::statement_only);
    BOOST_TEST(!none.assumable);
}

BOOST_AUTO_TEST_CASE(string_equals_external_id_requires_it) {
    const auto d = trust("[" + allow_from(partner, std::string(R"({"StringEquals":{"sts:ExternalId":")") + std::string(uuid) + "\"}}") + "]");
    BOOST_TEST(!without(d, ext));
    BOOST_TEST(without(d, mfa));   // the external ID alone protects it; MFA is not needed
    BOOST_TEST(!without(d, both));
    BOOST_TEST(without(d, {}));    // with the right external ID the partner gets in
}

BOOST_AUTO_TEST_CASE(lowercase_key_and_single_statement_object_mean_the_same) {
    const auto d = trust(allow_from(R"({"AWS":"444455556666"})", std::string(R"({"StringEquals":{"sts:externalid":")") + std::string(uuid) + "\"}}"));
    BOOST_TEST(!without(d, ext));
    BOOST_TEST(without(d, {}));
}

BOOST_AUTO_TEST_CASE(string_like_star_is_presence_only) {
    const auto d = trust("[" + allow_from(partner, R"({"StringLike":{"sts:ExternalId":"*"}})") + "]");
    BOOST_TEST(without(d, ext));  // an arbitrary external ID gets in: no confused-deputy protection
}

BOOST_AUTO_TEST_CASE(string_equals_if_exists_is_no_requirement) {
    const auto d = trust("[" + allow_from(partner, std::string(R"({"StringEqualsIfExists":{"sts:ExternalId":")") + std::string(uuid) + "\"}}") + "]");
    BOOST_TEST(without(d, ext));  // absent key: IfExists makes the clause true
}

BOOST_AUTO_TEST_CASE(mfa_present_true_requires_mfa) {
    const auto d = trust("[" + allow_from(partner, R"({"Bool":{"aws:MultiFactorAuthPresent":"true"}})") + "]");
    BOOST_TEST(!without(d, mfa));
    BOOST_TEST(without(d, ext));
    BOOST_TEST(!without(d, both));
}

BOOST_AUTO_TEST_CASE(mfa_age_requires_mfa) {
    const auto d = trust("[" + allow_from(partner, R"({"NumericLessThan":{"aws:MultiFactorAuthAge":3600}})") + "]");
    BOOST_TEST(!without(d, mfa));
}

BOOST_AUTO_TEST_CASE(deny_with_bool_if_exists_false_enforces_mfa) {
    const auto d = trust("[" + allow_from(partner) +
                         R"(,{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}])");
    BOOST_TEST(!without(d, mfa));
}

BOOST_AUTO_TEST_CASE(deny_with_plain_bool_false_misses_long_term_keys) {
    // Bool on a missing key is false, so callers with long-term access keys are not denied.
    const auto d = trust("[" + allow_from(partner) +
                         R"(,{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}])");
    const auto r = assumable_without(d, role, own, {}, mfa);
    BOOST_TEST(r.assumable);
    BOOST_TEST(r.witness->principal == "arn:aws:iam::444455556666:user/iamguard-probe-user");
}

BOOST_AUTO_TEST_CASE(for_all_values_on_a_missing_key_protects_nothing) {
    const auto d = trust("[" + allow_from(partner, R"({"ForAllValues:StringEquals":{"sts:ExternalId":["abc"]}})") + "]");
    BOOST_TEST(without(d, ext));  // vacuously true when the key is absent
}

BOOST_AUTO_TEST_CASE(service_and_federated_principals_are_not_cross_account) {
    const auto d = trust(R"([{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
                            {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/Okta"},"Action":"sts:AssumeRoleWithSAML"}])");
    BOOST_TEST(!without(d, {}));
    BOOST_TEST(admitted_accounts(d, role, own).empty());
}

BOOST_AUTO_TEST_CASE(own_account_is_not_cross_account) {
    const auto d = trust("[" + allow_from(R"({"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::111122223333:role/Ops"]})") + "]");
    BOOST_TEST(!without(d, {}));
    caller_scope all;
    all.cross_account = false;
    BOOST_TEST(assumable_without(d, role, own, all, both).assumable);
}

BOOST_AUTO_TEST_CASE(user_role_and_session_principals) {
    const auto d = trust("[" + allow_from(R"({"AWS":["arn:aws:iam::444455556666:user/ci","arn:aws:iam::555566667777:role/path/Deployer","arn:aws:sts::666677778888:assumed-role/Ops/alice"]})") + "]");
    const auto accounts = admitted_accounts(d, role, own);
    BOOST_TEST(accounts == (std::vector<std::string>{"444455556666", "555566667777", "666677778888"}), boost::test_tools::per_element());
    caller_scope scope;
    scope.excluded_accounts = {"444455556666", "555566667777"};
    const auto r = assumable_without(d, role, own, scope, {});
    BOOST_TEST(r.assumable);
    BOOST_TEST(r.witness->principal == "arn:aws:sts::666677778888:assumed-role/Ops/alice");
}

BOOST_AUTO_TEST_CASE(star_principal_admits_everyone) {
    const auto d = trust("[" + allow_from(R"("*")") + "]");
    BOOST_TEST(admitted_accounts(d, role, own) == std::vector<std::string>{"*"});
    caller_scope scope;
    scope.excluded_accounts = {"444455556666"};
    BOOST_TEST(assumable_without(d, role, own, scope, {}).assumable);
}

BOOST_AUTO_TEST_CASE(star_narrowed_by_principal_account) {
    const auto d = trust("[" + allow_from(R"({"AWS":"*"})", R"({"StringEquals":{"aws:PrincipalAccount":["444455556666"]}})") + "]");
    BOOST_TEST(admitted_accounts(d, role, own) == std::vector<std::string>{"444455556666"});
    caller_scope trusted;
    trusted.excluded_accounts = {"444455556666"};
    BOOST_TEST(!assumable_without(d, role, own, trusted, {}).assumable);
    BOOST_TEST(assumable_without(d, role, own, {}, both).assumable);
}

BOOST_AUTO_TEST_CASE(star_narrowed_by_organization) {
    const auto d = trust("[" + allow_from(R"("*")", R"({"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}})") + "]");
    BOOST_TEST(admitted_accounts(d, role, own) == std::vector<std::string>{"org:o-a1b2c3d4e5"});
    caller_scope org_trusted;
    org_trusted.excluded_orgs = {"o-a1b2c3d4e5"};
    BOOST_TEST(!assumable_without(d, role, own, org_trusted, {}).assumable);
    BOOST_TEST(assumable_without(d, role, own, {}, {}).assumable);
}

BOOST_AUTO_TEST_CASE(not_action_allow_counts_as_assume) {
    const auto d = trust(R"([{"Effect":"Allow","Principal":{"AWS":"444455556666"},"NotAction":"sts:TagSession"}])");
    BOOST_TEST(without(d, both));
}

BOOST_AUTO_TEST_CASE(pinned_external_ids_any_spelling) {
    const auto d = trust("[" + allow_from(partner, R"({"StringEquals":{"sts:externalid":["b-id","a-id"]}})") + "," +
                         allow_from(R"({"AWS":"555566667777"})", R"({"StringLike":{"STS:ExternalID":"c-*"}})") + "]");
    BOOST_TEST(pinned_external_ids(d) == (std::vector<std::string>{"a-id", "b-id", "c-*"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(protection_names) {
    BOOST_TEST((parse_protection("sts:ExternalId") == protection::external_id));
    BOOST_TEST((parse_protection("externalId") == protection::external_id));
    BOOST_TEST((parse_protection("MFA") == protection::mfa));
    BOOST_TEST(!parse_protection("password").has_value());
}

BOOST_AUTO_TEST_CASE(witness_context_lists_the_keys_of_the_probe_that_got_in) {
    // The key that must be absent is tried with a value first and then removed again, so this
    // also checks that a key taken out of the probe's context does not linger.
    const auto d = trust("[" + allow_from(partner, std::string(R"({"StringEquals":{"sts:ExternalId":")") +
                                                       std::string(uuid) + R"("},"Null":{"aws:RequestTag/team":"true"}})") +
                         "]");
    const auto r = assumable_without(d, role, own, {}, mfa);
    BOOST_TEST_REQUIRE(r.witness.has_value());
    BOOST_TEST(r.witness->principal == "arn:aws:sts::444455556666:assumed-role/iamguard-probe-role/iamguard-probe");
    BOOST_TEST(r.witness->context ==
               "aws:PrincipalAccount=444455556666, aws:PrincipalArn=arn:aws:iam::444455556666:role/iamguard-probe-role, "
               "aws:PrincipalType=AssumedRole, aws:MultiFactorAuthPresent=false, sts:externalid=" +
                   std::string(uuid) + ", aws:requesttag/team absent");
}

BOOST_AUTO_TEST_CASE(witness_context_writes_a_multivalued_key_as_a_list) {
    const auto d = trust("[" + allow_from(partner, R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}})") + "]");
    const auto r = assumable_without(d, role, own, {}, {});
    BOOST_TEST_REQUIRE(r.witness.has_value());
    BOOST_TEST(r.witness->context ==
               "aws:PrincipalAccount=444455556666, aws:PrincipalArn=arn:aws:iam::444455556666:role/iamguard-probe-role, "
               "aws:PrincipalType=AssumedRole, aws:tagkeys=[team]");
}

BOOST_AUTO_TEST_CASE(only_aws_principals_and_star_name_callers) {
    // Each of these admits some account (or may, depending on its conditions)...
    for (const std::string& st : {allow_from(partner), allow_from(R"("*")"), allow_from(R"({"AWS":"*"})"),
                                  allow_from(R"({"AWS":"444455556666"})", R"({"Bool":{"aws:MultiFactorAuthPresent":"true"}})"),
                                  allow_from(R"({"Service":"ec2.amazonaws.com","AWS":"arn:aws:iam::444455556666:user/u"})")}) {
        BOOST_TEST(names_aws_callers(trust("[" + st + "]")), st);
    }
    // ... and these admit none: services, identity providers, Deny, NotPrincipal
    const std::string service = allow_from(R"({"Service":["lambda.amazonaws.com","ec2.amazonaws.com"]})");
    const std::string federated = allow_from(R"({"Federated":"arn:aws:iam::111122223333:saml-provider/idp"})");
    const std::string deny = R"({"Effect":"Deny","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"})";
    const std::string not_principal =
        R"({"Effect":"Allow","NotPrincipal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"})";
    for (const std::string& st : {service, federated, deny, not_principal}) {
        const auto d = trust("[" + st + "]");
        BOOST_TEST(!names_aws_callers(d), st);
        // the short cut gives the answers the full analysis gives
        BOOST_TEST(!without(d, {}), st);
        BOOST_TEST(admitted_accounts(d, role, own).empty(), st);
    }
    BOOST_TEST(!names_aws_callers(trust("[" + service + "," + federated + "]")));
    BOOST_TEST(names_aws_callers(trust("[" + service + "," + allow_from(partner) + "]")));
}

BOOST_AUTO_TEST_SUITE_END()
