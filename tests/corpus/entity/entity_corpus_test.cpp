// SPDX-License-Identifier: Apache-2.0
// Real dumps and plans from ../shared/corpora load without error, with the expected counts.
#define BOOST_TEST_MODULE entity_corpus
#include <boost/test/unit_test.hpp>

#include <iamguard/entity/load.hpp>

#include "test_paths.hpp"

using namespace iamguard;
using namespace iamguard::entity;

namespace {

struct expected {
    const char* file;
    std::size_t users, groups, roles, policies, accounts;
};

std::string diags_of(const load_result& r) {
    std::string s;
    for (const auto& d : r.diagnostics)
        if (d.level == severity::error) s += render_short(d) + "\n";
    return s;
}

void check(const std::string& dir, const expected& e) {
    const auto path = test::shared_dir() / dir / e.file;
    const load_result r = load_files({path});
    BOOST_TEST(r.ok(), e.file << "\n" << diags_of(r));
    BOOST_TEST(r.count(entity_type::user) == e.users, e.file);
    BOOST_TEST(r.count(entity_type::group) == e.groups, e.file);
    BOOST_TEST(r.count(entity_type::role) == e.roles, e.file);
    BOOST_TEST(r.count(entity_type::policy) == e.policies, e.file);
    BOOST_TEST(r.count(entity_type::account) == e.accounts, e.file);
    // every trust policy present in the input is parsed and attached to its slot
    for (const auto& ent : r.entities) {
        if (ent.type != entity_type::role) continue;
        const json::value* trust = ent.fields.find("assumeRolePolicy");
        if (trust != nullptr && !trust->is_null()) BOOST_TEST(ent.policy_at(trust) != nullptr, ent.name);
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(cloudsplaining_authorization_details) {
    const std::string dir = "corpora/authz-details-cloudsplaining";
    if (!test::shared_available(dir)) return;
    // counts from the corpus README; the large dump holds identities of two accounts
    const expected cases[] = {
        {"examples__files__example.json", 44, 5, 78, 84, 2},
        {"test__files__example-authz-details.json", 3, 2, 3, 32, 1},
        {"test__files__example_authz_v2.json", 1, 1, 2, 2, 1},
        {"test__files__example_authz_details_for_overrides.json", 0, 0, 0, 1, 0},
        {"test__files__example_authz_details_for_overrides_complete.json", 1, 1, 2, 3, 1},
        {"test__files__managed_policy_mismatch.json", 0, 1, 0, 1, 1},
    };
    for (const auto& e : cases) check(dir, e);
}

BOOST_AUTO_TEST_CASE(cloudsplaining_cross_account_role) {
    const std::string dir = "corpora/authz-details-cloudsplaining";
    if (!test::shared_available(dir)) return;
    const load_result r = load_files({test::shared_dir() / dir / "examples__files__example.json"});
    const entity::entity* role = nullptr;
    for (const auto& e : r.entities)
        if (e.type == entity_type::role && e.name == "OrganizationAccountAccessRole") role = &e;
    BOOST_TEST_REQUIRE(role != nullptr);
    const policy::document* trust = role->policy_at(role->fields.find("assumeRolePolicy"));
    BOOST_TEST_REQUIRE(trust != nullptr);
    BOOST_TEST(trust->statements.at(0).principal->groups.at(0).values.at(0).canonical == "arn:aws:iam::072528804237:root");
    // combinedPolicies join: the role's attached managed policies whose documents are in the dump
    const json::value* combined = role->fields.find("combinedPolicies");
    BOOST_TEST_REQUIRE(combined != nullptr);
    BOOST_TEST(!combined->items.empty());
}

BOOST_AUTO_TEST_CASE(checkov_terraform_plans) {
    const std::string dir = "corpora/tfplan-iam-checkov";
    if (!test::shared_available(dir)) return;
    // counted from the plans' planned_values (managed aws_iam_role/user/group/policy resources)
    const expected cases[] = {
        {"runner__resources__plan_with_iam_policies__tfplan.json", 1, 1, 1, 1, 0},
        {"checks__data__aws__example_GithubActionsOIDCTrustPolicy__tfplan.json", 0, 0, 4, 0, 0},
    };
    for (const auto& e : cases) check(dir, e);
}

BOOST_AUTO_TEST_CASE(checkov_trust_policies_from_data_sources) {
    const std::string dir = "corpora/tfplan-iam-checkov";
    if (!test::shared_available(dir)) return;
    const load_result r =
        load_files({test::shared_dir() / dir / "checks__data__aws__example_GithubActionsOIDCTrustPolicy__tfplan.json"});
    std::size_t with_trust = 0;
    for (const auto& e : r.entities) {
        if (e.type != entity_type::role) continue;
        const policy::document* trust = e.policy_at(e.fields.find("assumeRolePolicy"));
        BOOST_TEST_REQUIRE(trust != nullptr, e.name);
        BOOST_TEST(trust->statements.at(0).action->values.at(0).text == "sts:AssumeRoleWithWebIdentity");
        ++with_trust;
    }
    BOOST_TEST(with_trust == 4u);
}

BOOST_AUTO_TEST_CASE(checkov_plan_joins_inline_policies_through_configuration) {
    const std::string dir = "corpora/tfplan-iam-checkov";
    if (!test::shared_available(dir)) return;
    const load_result r = load_files({test::shared_dir() / dir / "runner__resources__plan_with_iam_policies__tfplan.json"});
    for (const auto& e : r.entities) {
        if (e.type == entity_type::policy || e.type == entity_type::account) continue;
        // the role (by configuration reference), the user and the group each get their inline policy
        const json::value* inl = e.fields.find("inlinePolicies");
        BOOST_TEST_REQUIRE(inl != nullptr, e.name);
        BOOST_TEST(inl->items.size() == 1u, e.name);
    }
}
