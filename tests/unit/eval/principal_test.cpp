// SPDX-License-Identifier: Apache-2.0
// Principal / NotPrincipal matching, match classes, and role trust policies (iam-semantics.md
// §3.3, §5.3).
#include <boost/test/unit_test.hpp>

#include "eval_util.hpp"

using namespace iamguard::eval;
using iamguard::test::prepare;

namespace {

prepared_policy principal_policy(std::string_view principal_json, std::string_view effect = "Allow",
                                 std::string_view element = "Principal") {
    return prepare(R"({"Version":"2012-10-17","Statement":{"Effect":")" + std::string(effect) + R"(",")" +
                   std::string(element) + R"(":)" + std::string(principal_json) + R"(,"Action":"*","Resource":"*"}})");
}

policy_result check(const prepared_policy& p, std::string principal, const evaluate_options& o = {}) {
    request r;
    r.principal = std::move(principal);
    r.action = "s3:GetObject";
    r.resource = "arn:aws:s3:::b/k";
    return evaluate_policy(p, r, policy_slot::resource, nullptr, o);
}

constexpr std::string_view larry = "arn:aws:iam::555555555555:user/Larry";
constexpr std::string_view sess = "arn:aws:sts::555555555555:assumed-role/super-admin/session-name";

}  // namespace

BOOST_AUTO_TEST_SUITE(principals)

BOOST_AUTO_TEST_CASE(star_forms_match_everyone_with_class_any) {
    for (const char* p : {R"("*")", R"({"AWS":"*"})"}) {
        const auto pol = principal_policy(p);
        BOOST_TEST((check(pol, "").classes == class_any));
        BOOST_TEST((check(pol, std::string(larry)).classes == class_any));
        BOOST_TEST((check(pol, "ec2.amazonaws.com").effect == policy_effect::allow));
    }
}

BOOST_AUTO_TEST_CASE(account_principals_cover_every_principal_of_the_account) {
    for (const char* p : {R"({"AWS":"555555555555"})", R"({"AWS":"arn:aws:iam::555555555555:root"})"}) {
        const auto pol = principal_policy(p);
        BOOST_TEST((check(pol, std::string(larry)).classes == class_account));
        BOOST_TEST((check(pol, std::string(sess)).classes == class_account));
        BOOST_TEST((check(pol, "arn:aws:iam::555555555555:root").classes == class_account));
        BOOST_TEST((check(pol, "arn:aws:iam::999999999999:user/Paul").effect == policy_effect::none));
        BOOST_TEST((check(pol, "").effect == policy_effect::none));
    }
}

BOOST_AUTO_TEST_CASE(user_and_session_arns_match_exactly) {
    const auto u = principal_policy(R"({"AWS":"arn:aws:iam::555555555555:user/Larry"})");
    BOOST_TEST((check(u, std::string(larry)).classes == class_direct));
    BOOST_TEST((check(u, "arn:aws:iam::555555555555:user/larry").effect == policy_effect::none));  // case-sensitive
    const auto s = principal_policy(R"({"AWS":"arn:aws:sts::555555555555:assumed-role/super-admin/session-name"})");
    BOOST_TEST((check(s, std::string(sess)).classes == class_direct));
    BOOST_TEST((check(s, "arn:aws:sts::555555555555:assumed-role/super-admin/other").effect == policy_effect::none));
}

BOOST_AUTO_TEST_CASE(role_arns_match_sessions_of_the_role_ignoring_the_path) {
    const auto r = principal_policy(R"({"AWS":"arn:aws:iam::555555555555:role/org/team/super-admin"})");
    BOOST_TEST((check(r, std::string(sess)).classes == class_role));
    BOOST_TEST((check(r, "arn:aws:iam::555555555555:role/super-admin").classes == class_role));
    BOOST_TEST((check(r, "arn:aws:sts::555555555555:assumed-role/normie-admin/s").effect == policy_effect::none));
    BOOST_TEST((check(r, "arn:aws:sts::444444444444:assumed-role/super-admin/s").effect == policy_effect::none));
}

BOOST_AUTO_TEST_CASE(role_name_case_is_an_option) {
    const auto r = principal_policy(R"({"AWS":"arn:aws:iam::555555555555:role/team/Super-Admin"})");
    BOOST_TEST((check(r, std::string(sess)).effect == policy_effect::none));
    evaluate_options o;
    o.role_name_ignore_case = true;
    BOOST_TEST((check(r, std::string(sess), o).classes == class_role));
}

BOOST_AUTO_TEST_CASE(service_federated_and_canonical_entries_match_exactly) {
    const auto p = principal_policy(R"({"Service":["ec2.amazonaws.com"],"Federated":"accounts.google.com","CanonicalUser":"abc123"})");
    BOOST_TEST((check(p, "ec2.amazonaws.com").classes == class_direct));
    BOOST_TEST((check(p, "accounts.google.com").classes == class_direct));
    BOOST_TEST((check(p, "abc123").classes == class_direct));
    BOOST_TEST((check(p, "lambda.amazonaws.com").effect == policy_effect::none));
    BOOST_TEST((check(p, "").effect == policy_effect::none));
}

BOOST_AUTO_TEST_CASE(several_entries_combine_with_or_and_classes_accumulate) {
    const auto p = principal_policy(R"({"AWS":["arn:aws:iam::555555555555:user/Larry","555555555555"]})");
    BOOST_TEST((check(p, std::string(larry)).classes == (class_direct | class_account)));
}

BOOST_AUTO_TEST_CASE(not_principal_deny_exempts_only_a_fully_listed_chain) {
    const auto both = principal_policy(R"({"AWS":["arn:aws:iam::555555555555:user/Larry","arn:aws:iam::555555555555:root"]})",
                                       "Deny", "NotPrincipal");
    BOOST_TEST((check(both, std::string(larry)).effect == policy_effect::none));  // exempt
    BOOST_TEST((check(both, "arn:aws:iam::555555555555:user/Alice").effect == policy_effect::deny));
    BOOST_TEST((check(both, "").effect == policy_effect::deny));  // anonymous is never exempt
    const auto user_only = principal_policy(R"({"AWS":"arn:aws:iam::555555555555:user/Larry"})", "Deny", "NotPrincipal");
    BOOST_TEST((check(user_only, std::string(larry)).effect == policy_effect::deny));
    const auto session_chain = principal_policy(
        R"({"AWS":["arn:aws:iam::555555555555:root","arn:aws:iam::555555555555:role/super-admin","arn:aws:sts::555555555555:assumed-role/super-admin/session-name"]})",
        "Deny", "NotPrincipal");
    BOOST_TEST((check(session_chain, std::string(sess)).effect == policy_effect::none));
    const auto session_no_role = principal_policy(
        R"({"AWS":["arn:aws:iam::555555555555:root","arn:aws:sts::555555555555:assumed-role/super-admin/session-name"]})",
        "Deny", "NotPrincipal");
    BOOST_TEST((check(session_no_role, std::string(sess)).effect == policy_effect::deny));
    const auto service = principal_policy(R"({"Service":"ec2.amazonaws.com"})", "Deny", "NotPrincipal");
    BOOST_TEST((check(service, "ec2.amazonaws.com").effect == policy_effect::none));
    const auto star = principal_policy(R"("*")", "Deny", "NotPrincipal");
    BOOST_TEST((check(star, "").effect == policy_effect::none));
}

BOOST_AUTO_TEST_CASE(not_principal_allow_exempts_any_named_caller) {
    const auto acct = principal_policy(R"({"AWS":"555555555555"})", "Allow", "NotPrincipal");
    BOOST_TEST((check(acct, std::string(larry)).effect == policy_effect::none));
    BOOST_TEST((check(acct, "").classes == class_any));
    const auto user_only = principal_policy(R"({"AWS":"arn:aws:iam::555555555555:user/Larry"})", "Allow", "NotPrincipal");
    BOOST_TEST((check(user_only, std::string(larry)).effect == policy_effect::none));
    BOOST_TEST((check(user_only, "arn:aws:iam::555555555555:user/Curly").effect == policy_effect::allow));
}

BOOST_AUTO_TEST_CASE(not_principal_deny_always_denies_principals_with_a_boundary) {
    const auto rp = prepare(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::123456789012:user/alice","arn:aws:iam::123456789012:root"]},"Action":"s3:*","Resource":"*"},
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"s3:GetObject","Resource":"*"}]})");
    const auto bnd = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})");
    policy_set set;
    set.resource = &rp;
    request r;
    r.principal = "arn:aws:iam::123456789012:user/alice";
    r.action = "s3:GetObject";
    r.resource = "arn:aws:s3:::b/k";
    r.resource_account = "123456789012";
    BOOST_TEST((evaluate(set, r) == decision::allow));
    set.boundaries = {&bnd};
    BOOST_TEST((evaluate(set, r) == decision::explicit_deny));
}

BOOST_AUTO_TEST_SUITE(trust_policies)

namespace {
request assume(std::string principal, std::string_view role_account = "222222222222") {
    request r;
    r.principal = std::move(principal);
    r.action = "sts:AssumeRole";
    r.resource = "arn:aws:iam::" + std::string(role_account) + ":role/Target";
    r.resource_account = std::string(role_account);
    return r;
}
const std::string allow_assume = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}})";
}  // namespace

BOOST_AUTO_TEST_CASE(identity_allow_alone_never_suffices) {
    const auto id = prepare(allow_assume);
    policy_set set;
    set.identity = {&id};
    trace t;
    BOOST_TEST((evaluate(set, assume("arn:aws:iam::111111111111:user/u"), &t) == decision::implicit_deny));
    BOOST_TEST((t.failed_gate == gate::resource));
    BOOST_TEST((evaluate(set, assume("arn:aws:iam::222222222222:user/u"), &t) == decision::implicit_deny));
}

BOOST_AUTO_TEST_CASE(same_account_direct_trust_needs_no_identity_allow_but_account_trust_does) {
    const auto direct = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:user/u"},"Action":"sts:AssumeRole"}})");
    const auto acct = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sts:AssumeRole"}})");
    const auto id = prepare(allow_assume);
    policy_set set;
    set.resource = &direct;
    BOOST_TEST((evaluate(set, assume("arn:aws:iam::222222222222:user/u")) == decision::allow));
    set.resource = &acct;
    BOOST_TEST((evaluate(set, assume("arn:aws:iam::222222222222:user/u")) == decision::implicit_deny));
    set.identity = {&id};
    BOOST_TEST((evaluate(set, assume("arn:aws:iam::222222222222:user/u")) == decision::allow));
}

BOOST_AUTO_TEST_CASE(cross_account_external_id_and_mfa) {
    const auto trust = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole",
        "Condition":{"StringEquals":{"sts:ExternalId":"secret-1"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}}})");
    const auto id = prepare(allow_assume);
    policy_set set;
    set.resource = &trust;
    set.identity = {&id};
    auto r = assume("arn:aws:iam::111111111111:user/u");
    trace t;
    BOOST_TEST((evaluate(set, r, &t) == decision::implicit_deny));  // no ExternalId, no MFA key
    r.context.set("sts:ExternalId", "secret-1");
    BOOST_TEST((evaluate(set, r) == decision::implicit_deny));      // long-term keys: MFA key absent
    r.context.set("aws:MultiFactorAuthPresent", "true");
    BOOST_TEST((evaluate(set, r) == decision::allow));
    r.context.set("sts:ExternalId", "guess");
    BOOST_TEST((evaluate(set, r) == decision::implicit_deny));
    set.identity.clear();
    r.context.set("sts:ExternalId", "secret-1");
    BOOST_TEST((evaluate(set, r) == decision::implicit_deny));      // cross-account: identity must allow too
}

BOOST_AUTO_TEST_CASE(service_principals_assume_through_the_service_entry) {
    const auto trust = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":["ecs.amazonaws.com","ec2.amazonaws.com"]},"Action":"sts:AssumeRole"}})");
    policy_set set;
    set.resource = &trust;
    BOOST_TEST((evaluate(set, assume("ec2.amazonaws.com")) == decision::allow));
    BOOST_TEST((evaluate(set, assume("lambda.amazonaws.com")) == decision::implicit_deny));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()
