// SPDX-License-Identifier: Apache-2.0
// The decision algorithm (iam-semantics.md §5): every policy slot, same- versus cross-account,
// principal classes, boundaries, session policies, SCP/RCP levels, VPC endpoints, trust policies.
#include <boost/test/unit_test.hpp>

#include "eval_util.hpp"

using namespace iamguard::eval;
using iamguard::test::prepare;

namespace {

constexpr std::string_view A = "111111111111";
constexpr std::string_view B = "222222222222";

std::string user(std::string_view acct, std::string_view name = "alice") {
    return "arn:aws:iam::" + std::string(acct) + ":user/" + std::string(name);
}
std::string session(std::string_view acct, std::string_view role = "app", std::string_view s = "s1") {
    return "arn:aws:sts::" + std::string(acct) + ":assumed-role/" + std::string(role) + "/" + std::string(s);
}

request make(std::string principal, std::string action, std::string resource, std::string_view account) {
    request r;
    r.principal = std::move(principal);
    r.action = std::move(action);
    r.resource = std::move(resource);
    r.resource_account = std::string(account);
    return r;
}

const std::string allow_all = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})";
const std::string allow_s3 = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})";
const std::string allow_ec2 = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}})";
const std::string deny_s3 = R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}})";

std::string bucket_policy(std::string_view principal_json, std::string_view effect = "Allow") {
    return R"({"Version":"2012-10-17","Statement":{"Effect":")" + std::string(effect) + R"(","Principal":)" +
           std::string(principal_json) + R"(,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}})";
}

const std::string obj = "arn:aws:s3:::b/k";

}  // namespace

BOOST_AUTO_TEST_SUITE(evaluate_requests)

BOOST_AUTO_TEST_CASE(no_policies_is_an_implicit_deny) {
    trace t;
    BOOST_TEST((evaluate({}, make(user(A), "s3:GetObject", obj, A), &t) == decision::implicit_deny));
    BOOST_TEST((t.failed_gate == gate::identity));
}

BOOST_AUTO_TEST_CASE(identity_allow_and_explicit_deny_wins) {
    const auto allow = prepare(allow_s3), deny = prepare(deny_s3);
    policy_set set;
    set.identity = {&allow};
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::allow));
    BOOST_TEST((evaluate(set, make(user(A), "ec2:RunInstances", "*", A)) == decision::implicit_deny));
    set.identity = {&allow, &deny};
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::explicit_deny));
}

BOOST_AUTO_TEST_CASE(a_shared_document_is_compiled_in_place_and_kept_alive) {
    auto r = iamguard::policy::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"S3:Get*","Resource":"*"},
        {"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/secret/*"}]})");
    BOOST_TEST_REQUIRE(static_cast<bool>(r.doc));
    auto shared = std::make_shared<const iamguard::policy::document>(std::move(*r.doc));
    const prepared_policy p(shared, "shared");
    const prepared_policy copy(*shared, "copy");
    shared.reset();  // the compiled form holds the document; its patterns point into it
    BOOST_TEST(p.name() == "shared");
    BOOST_TEST(p.statement_count() == 2u);
    for (const char* resource : {"arn:aws:s3:::b/k", "arn:aws:s3:::b/secret/k"}) {
        policy_set a, b;
        a.identity = {&p};
        b.identity = {&copy};
        const auto rq = make(user(A), "s3:GetObject", resource, A);
        BOOST_TEST((evaluate(a, rq) == evaluate(b, rq)), resource);
    }
    policy_set set;
    set.identity = {&p};
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", "arn:aws:s3:::b/k", A)) == decision::allow));
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", "arn:aws:s3:::b/secret/k", A)) == decision::explicit_deny));
}

BOOST_AUTO_TEST_CASE(a_null_shared_document_is_rejected) {
    BOOST_CHECK_THROW(prepared_policy(std::shared_ptr<const iamguard::policy::document>{}, "null"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(not_action_allow_covers_other_services) {
    const auto p = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}})");
    policy_set set;
    set.identity = {&p};
    BOOST_TEST((evaluate(set, make(user(A), "ec2:RunInstances", "*", A)) == decision::allow));
    BOOST_TEST((evaluate(set, make(user(A), "iam:CreateUser", "*", A)) == decision::implicit_deny));
}

BOOST_AUTO_TEST_CASE(not_resource_excludes_listed_resources) {
    const auto p = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::hr/*"}})");
    policy_set set;
    set.identity = {&p};
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", "arn:aws:s3:::hr/x", A)) == decision::implicit_deny));
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", "arn:aws:s3:::other/x", A)) == decision::allow));
}

BOOST_AUTO_TEST_CASE(wildcard_only_actions_need_resource_star) {
    const auto p = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::*"}})");
    policy_set set;
    set.identity = {&p};
    BOOST_TEST((evaluate(set, make(user(A), "s3:ListAllMyBuckets", "*", A)) == decision::implicit_deny));
}

BOOST_AUTO_TEST_CASE(same_account_resource_policy_naming_the_user_needs_no_identity_allow) {
    const auto rp = prepare(bucket_policy(R"({"AWS":")" + user(A) + R"("})"));
    policy_set set;
    set.resource = &rp;
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::allow));
    BOOST_TEST((evaluate(set, make(user(A, "bob"), "s3:GetObject", obj, A)) == decision::implicit_deny));
}

BOOST_AUTO_TEST_CASE(account_principal_delegates_and_needs_identity_allow) {
    const auto rp = prepare(bucket_policy(R"({"AWS":")" + std::string(A) + R"("})"));
    const auto id = prepare(allow_s3);
    policy_set set;
    set.resource = &rp;
    trace t;
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A), &t) == decision::implicit_deny));
    BOOST_TEST((t.failed_gate == gate::identity));
    set.identity = {&id};
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::allow));
}

BOOST_AUTO_TEST_CASE(cross_account_needs_both_sides) {
    const auto rp = prepare(bucket_policy(R"({"AWS":"arn:aws:iam::)" + std::string(A) + R"(:root"})"));
    const auto id = prepare(allow_s3);
    policy_set set;
    set.identity = {&id};
    trace t;
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, B), &t) == decision::implicit_deny));
    BOOST_TEST((t.failed_gate == gate::resource));
    set.resource = &rp;
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, B)) == decision::allow));
    set.identity.clear();
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, B)) == decision::implicit_deny));
    // Naming the user directly does not shortcut cross-account either.
    const auto direct = prepare(bucket_policy(R"({"AWS":")" + user(A) + R"("})"));
    set.resource = &direct;
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, B)) == decision::implicit_deny));
}

BOOST_AUTO_TEST_CASE(resource_policy_deny_wins_cross_account) {
    const auto rp = prepare(bucket_policy(R"({"AWS":")" + std::string(A) + R"("})", "Deny"));
    const auto id = prepare(allow_s3);
    policy_set set;
    set.identity = {&id};
    set.resource = &rp;
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, B)) == decision::explicit_deny));
}

BOOST_AUTO_TEST_CASE(anonymous_is_allowed_only_by_a_star_principal) {
    const auto star = prepare(bucket_policy(R"("*")"));
    const auto aws_star = prepare(bucket_policy(R"({"AWS":"*"})"));
    const auto acct = prepare(bucket_policy(R"({"AWS":")" + std::string(A) + R"("})"));
    policy_set set;
    set.resource = &star;
    BOOST_TEST((evaluate(set, make("", "s3:GetObject", obj, A)) == decision::allow));
    set.resource = &aws_star;
    BOOST_TEST((evaluate(set, make("", "s3:GetObject", obj, A)) == decision::allow));
    set.resource = &acct;
    BOOST_TEST((evaluate(set, make("", "s3:GetObject", obj, A)) == decision::implicit_deny));
    set.resource = nullptr;
    BOOST_TEST((evaluate(set, make("", "s3:GetObject", obj, A)) == decision::implicit_deny));
}

BOOST_AUTO_TEST_CASE(star_principal_same_account_needs_no_identity_but_cross_account_does) {
    const auto star = prepare(bucket_policy(R"("*")"));
    policy_set set;
    set.resource = &star;
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::allow));
    BOOST_TEST((evaluate(set, make(user(B), "s3:GetObject", obj, A)) == decision::implicit_deny));
}

BOOST_AUTO_TEST_CASE(resource_policy_statement_without_principal_never_applies) {
    const auto rp = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})");
    policy_set set;
    set.resource = &rp;
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::implicit_deny));
}

BOOST_AUTO_TEST_CASE(service_principals_use_only_direct_grants) {
    const auto rp = prepare(bucket_policy(R"({"Service":"cloudtrail.amazonaws.com"})"));
    policy_set set;
    set.resource = &rp;
    BOOST_TEST((evaluate(set, make("cloudtrail.amazonaws.com", "s3:GetObject", obj, A)) == decision::allow));
    BOOST_TEST((evaluate(set, make("config.amazonaws.com", "s3:GetObject", obj, A)) == decision::implicit_deny));
}

BOOST_AUTO_TEST_CASE(boundary_intersects_identity) {
    const auto id = prepare(allow_all), bnd = prepare(allow_s3);
    policy_set set;
    set.identity = {&id};
    set.boundaries = {&bnd};
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::allow));
    trace t;
    BOOST_TEST((evaluate(set, make(user(A), "ec2:RunInstances", "*", A), &t) == decision::implicit_deny));
    BOOST_TEST((t.failed_gate == gate::boundary));
    const auto bdeny = prepare(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]})");
    set.boundaries = {&bdeny};
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::explicit_deny));
}

BOOST_AUTO_TEST_CASE(boundary_is_bypassed_by_user_and_session_arns_but_not_role_arns) {
    const auto bnd = prepare(allow_ec2);
    const auto by_user = prepare(bucket_policy(R"({"AWS":")" + user(A) + R"("})"));
    const auto by_session = prepare(bucket_policy(R"({"AWS":")" + session(A) + R"("})"));
    const auto by_role = prepare(bucket_policy(R"({"AWS":"arn:aws:iam::)" + std::string(A) + R"(:role/path/app"})"));
    policy_set set;
    set.boundaries = {&bnd};
    set.resource = &by_user;
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::allow));
    set.resource = &by_session;
    BOOST_TEST((evaluate(set, make(session(A), "s3:GetObject", obj, A)) == decision::allow));
    set.resource = &by_role;
    BOOST_TEST((evaluate(set, make(session(A), "s3:GetObject", obj, A)) == decision::implicit_deny));
    set.boundaries.clear();
    BOOST_TEST((evaluate(set, make(session(A), "s3:GetObject", obj, A)) == decision::allow));
}

BOOST_AUTO_TEST_CASE(session_policy_limits_identity_and_role_grants_but_not_session_grants) {
    const auto id = prepare(allow_s3);
    const auto sp = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}})");
    const auto by_role = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/app"},"Action":"s3:PutObject","Resource":"*"}})");
    const auto by_session = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:sts::111111111111:assumed-role/app/s1"},"Action":"s3:PutObject","Resource":"*"}})");
    policy_set set;
    set.identity = {&id};
    set.session = &sp;
    BOOST_TEST((evaluate(set, make(session(A), "s3:GetObject", obj, A)) == decision::allow));
    trace t;
    BOOST_TEST((evaluate(set, make(session(A), "s3:PutObject", obj, A), &t) == decision::implicit_deny));
    BOOST_TEST((t.failed_gate == gate::session));
    set.resource = &by_role;
    BOOST_TEST((evaluate(set, make(session(A), "s3:PutObject", obj, A)) == decision::implicit_deny));
    set.resource = &by_session;
    BOOST_TEST((evaluate(set, make(session(A), "s3:PutObject", obj, A)) == decision::allow));
}

BOOST_AUTO_TEST_CASE(federated_user_sessions_need_a_session_policy) {
    const auto id = prepare(allow_s3);
    policy_set set;
    set.identity = {&id};
    const std::string fed = "arn:aws:sts::111111111111:federated-user/bob";
    BOOST_TEST((evaluate(set, make(fed, "s3:GetObject", obj, A)) == decision::implicit_deny));
    set.session = &id;
    BOOST_TEST((evaluate(set, make(fed, "s3:GetObject", obj, A)) == decision::allow));
}

BOOST_AUTO_TEST_CASE(root_user_has_implicit_identity_allow_but_denies_apply) {
    const std::string root = "arn:aws:iam::111111111111:root";
    BOOST_TEST((evaluate({}, make(root, "s3:GetObject", obj, A)) == decision::allow));
    const auto deny = prepare(deny_s3);
    policy_set set;
    set.scp_levels = {{&deny}};
    BOOST_TEST((evaluate(set, make(root, "s3:GetObject", obj, A)) == decision::explicit_deny));
}

BOOST_AUTO_TEST_CASE(scp_levels_must_each_allow_and_never_grant) {
    const auto id = prepare(allow_s3), all = prepare(allow_all), ec2 = prepare(allow_ec2), deny = prepare(deny_s3);
    policy_set set;
    set.identity = {&id};
    set.scp_levels = {{&all}, {&all}};
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::allow));
    set.scp_levels = {{&all}, {&ec2}};
    trace t;
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A), &t) == decision::implicit_deny));
    BOOST_TEST((t.failed_gate == gate::scp));
    set.scp_levels = {{&all, &deny}};
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::explicit_deny));
    set.identity.clear();
    set.scp_levels = {{&all}};
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::implicit_deny));
}

BOOST_AUTO_TEST_CASE(scps_do_not_apply_to_anonymous_or_service_principals) {
    const auto star = prepare(bucket_policy(R"("*")"));
    const auto deny = prepare(deny_s3);
    policy_set set;
    set.resource = &star;
    set.scp_levels = {{&deny}};
    BOOST_TEST((evaluate(set, make("", "s3:GetObject", obj, A)) == decision::allow));
    BOOST_TEST((evaluate(set, make("cloudtrail.amazonaws.com", "s3:GetObject", obj, A)) == decision::allow));
}

BOOST_AUTO_TEST_CASE(rcp_levels_filter_resources_and_apply_to_anonymous) {
    const auto full = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}})");
    const auto rdeny = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-1"}}}})");
    const auto star = prepare(bucket_policy(R"("*")"));
    policy_set set;
    set.resource = &star;
    set.rcp_levels = {{&full}};
    BOOST_TEST((evaluate(set, make("", "s3:GetObject", obj, A)) == decision::allow));
    set.rcp_levels = {{&full, &rdeny}};
    BOOST_TEST((evaluate(set, make("", "s3:GetObject", obj, A)) == decision::explicit_deny));
    auto in_org = make(user(B), "s3:GetObject", obj, A);
    in_org.context.set("aws:PrincipalOrgID", "o-1");
    const auto id = prepare(allow_s3);
    set.identity = {&id};
    BOOST_TEST((evaluate(set, in_org) == decision::allow));
    set.rcp_levels = {{&rdeny}};  // no RCPFullAWSAccess: the level does not allow
    trace t;
    BOOST_TEST((evaluate(set, in_org, &t) == decision::implicit_deny));
    BOOST_TEST((t.failed_gate == gate::rcp));
}

BOOST_AUTO_TEST_CASE(vpc_endpoint_policy_must_allow) {
    const auto id = prepare(allow_s3);
    const auto vpce_get = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}})");
    policy_set set;
    set.identity = {&id};
    set.vpc_endpoint = {&vpce_get};
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::allow));
    trace t;
    BOOST_TEST((evaluate(set, make(user(A), "s3:PutObject", obj, A), &t) == decision::implicit_deny));
    BOOST_TEST((t.failed_gate == gate::vpc_endpoint));
    const auto vdeny = prepare(deny_s3);
    set.vpc_endpoint = {&vpce_get, &vdeny};
    BOOST_TEST((evaluate(set, make(user(A), "s3:GetObject", obj, A)) == decision::explicit_deny));
}

BOOST_AUTO_TEST_CASE(get_caller_identity_is_always_allowed) {
    const auto deny = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}})");
    policy_set set;
    set.identity = {&deny};
    BOOST_TEST((evaluate(set, make(user(A), "sts:GetCallerIdentity", "*", A)) == decision::allow));
    evaluate_options o;
    o.service_rules = false;
    BOOST_TEST((evaluate(set, make(user(A), "sts:GetCallerIdentity", "*", A), nullptr, o) == decision::explicit_deny));
}

BOOST_AUTO_TEST_CASE(kms_key_policy_must_allow_explicitly) {
    const auto id = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kms:*","Resource":"*"}})");
    const auto key_other = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/bob"},"Action":"kms:*","Resource":"*"}})");
    const auto key_root = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"}})");
    const std::string key = "arn:aws:kms:us-east-1:111111111111:key/1";
    policy_set set;
    set.identity = {&id};
    BOOST_TEST((evaluate(set, make(user(A), "kms:Decrypt", key, A)) == decision::implicit_deny));  // no key policy
    BOOST_TEST((evaluate(set, make(user(A), "kms:ListAliases", "*", A)) == decision::allow));       // not a key
    set.resource = &key_other;
    BOOST_TEST((evaluate(set, make(user(A), "kms:Decrypt", key, A)) == decision::implicit_deny));
    set.resource = &key_root;
    BOOST_TEST((evaluate(set, make(user(A), "kms:Decrypt", key, A)) == decision::allow));
}

BOOST_AUTO_TEST_SUITE_END()
