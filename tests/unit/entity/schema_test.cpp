// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>

#include <iamguard/entity/schema.hpp>

using namespace iamguard::entity;

namespace {
lookup_result look(entity_type t, std::vector<std::string> path) { return schema::get().lookup(t, path); }
}  // namespace

BOOST_AUTO_TEST_SUITE(entity_schema)

BOOST_AUTO_TEST_CASE(cloudguard_role_fields) {
    auto r = look(entity_type::role, {"roleLastUsed", "lastUsedDate"});
    BOOST_TEST_REQUIRE(r.target != nullptr);
    BOOST_TEST((r.target->type == field_type::date));
    r = look(entity_type::role, {"assumeRolePolicy"});
    BOOST_TEST_REQUIRE(r.target != nullptr);
    BOOST_TEST((r.target->type == field_type::policy));
    r = look(entity_type::role, {"managedPolicies", "arn"});
    BOOST_TEST_REQUIRE(r.target != nullptr);
    BOOST_TEST((r.target->type == field_type::string));
}

BOOST_AUTO_TEST_CASE(trust_alias_resolves_to_canonical_path) {
    auto r = look(entity_type::role, {"trust", "Statement", "Principal", "AWS"});
    BOOST_TEST_REQUIRE(r.target != nullptr);
    BOOST_TEST((r.target->type == field_type::list));
    BOOST_TEST((r.canonical == std::vector<std::string>{"assumeRolePolicy", "Statement", "Principal", "AWS"}));
}

BOOST_AUTO_TEST_CASE(condition_is_a_map_of_maps) {
    auto r = look(entity_type::role, {"assumeRolePolicy", "Statement", "Condition", "StringEquals", "sts:ExternalId"});
    BOOST_TEST_REQUIRE(r.target != nullptr);
    BOOST_TEST((r.target->type == field_type::list));
    BOOST_TEST(r.canonical.back() == "sts:ExternalId");
}

BOOST_AUTO_TEST_CASE(user_access_keys_both_forms) {
    auto r = look(entity_type::user, {"firstAccessKey", "isActive"});
    BOOST_TEST_REQUIRE(r.target != nullptr);
    BOOST_TEST((r.target->type == field_type::boolean));
    r = look(entity_type::user, {"accessKeys", "lastRotated"});
    BOOST_TEST_REQUIRE(r.target != nullptr);
    BOOST_TEST((r.target->type == field_type::date));
    r = look(entity_type::user, {"groups"});  // alias of attachedGroups
    BOOST_TEST_REQUIRE(r.target != nullptr);
    BOOST_TEST(r.canonical.front() == "attachedGroups");
}

BOOST_AUTO_TEST_CASE(combined_policies_document_alias) {
    auto r = look(entity_type::user, {"combinedPolicies", "document", "Statement", "Effect"});
    BOOST_TEST_REQUIRE(r.target != nullptr);
    BOOST_TEST((r.canonical == std::vector<std::string>{"combinedPolicies", "policyDocument", "Statement", "Effect"}));
}

BOOST_AUTO_TEST_CASE(policy_and_account_fields) {
    BOOST_TEST(look(entity_type::policy, {"attachmentCount"}).target != nullptr);
    BOOST_TEST(look(entity_type::policy, {"document", "Statement", "NotAction"}).target != nullptr);
    BOOST_TEST(look(entity_type::policy, {"roles", "name"}).target != nullptr);
    BOOST_TEST(look(entity_type::account, {"passwordPolicy", "requireUppercaseCharacter"}).target != nullptr);
    BOOST_TEST(look(entity_type::account, {"stats", "accountMfaEnabled"}).target != nullptr);
    BOOST_TEST(look(entity_type::account, {"rootUser", "firstAccessKey", "isActive"}).target != nullptr);
    BOOST_TEST(look(entity_type::group, {"users", "name"}).target != nullptr);
}

BOOST_AUTO_TEST_CASE(unknown_field_suggests_the_closest_name) {
    auto r = look(entity_type::user, {"firstAccessKey", "isActiv"});
    BOOST_TEST(r.target == nullptr);
    BOOST_TEST(r.failed_at == 1u);
    BOOST_TEST(r.suggestion == "isActive");
    r = look(entity_type::policy, {"attachementCount"});
    BOOST_TEST(r.target == nullptr);
    BOOST_TEST(r.failed_at == 0u);
    BOOST_TEST(r.suggestion == "attachmentCount");
    r = look(entity_type::role, {"completelyDifferent"});
    BOOST_TEST(r.target == nullptr);
    BOOST_TEST(r.suggestion.empty());
}

BOOST_AUTO_TEST_CASE(names_are_case_sensitive) {
    // GSL field names are exact JSON keys; a wrong case is unknown, with the right spelling suggested.
    auto r = look(entity_type::role, {"assumeRolePolicy", "statement"});
    BOOST_TEST(r.target == nullptr);
    BOOST_TEST(r.suggestion == "Statement");
}

BOOST_AUTO_TEST_CASE(lookup_relative_to_a_field) {
    const auto base = look(entity_type::role, {"assumeRolePolicy", "Statement"});
    BOOST_TEST_REQUIRE(base.target != nullptr);
    auto r = schema::get().lookup(*base.target, {"Principal", "Service"});
    BOOST_TEST_REQUIRE(r.target != nullptr);
    BOOST_TEST((r.target->type == field_type::list));
    r = schema::get().lookup(*base.target, {"Efect"});
    BOOST_TEST(r.target == nullptr);
    BOOST_TEST(r.suggestion == "Effect");
}

BOOST_AUTO_TEST_CASE(field_type_names) {
    BOOST_TEST(to_string(field_type::policy) == "policy");
    BOOST_TEST(to_string(field_type::date) == "date");
}

BOOST_AUTO_TEST_SUITE_END()
