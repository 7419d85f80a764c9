// SPDX-License-Identifier: Apache-2.0
// The sample account in examples/data loads cleanly and joins its two files.
#include <boost/test/unit_test.hpp>

#include <iamguard/entity/load.hpp>

#include "support.hpp"
#include "test_paths.hpp"

using namespace iamguard;
using namespace iamguard::entity;
using iamguard::test::at;
using iamguard::test::find;
using iamguard::test::text_at;

namespace {

load_result sample() {
    const auto dir = iamguard::test::source_dir() / "examples" / "data";
    return load_files({dir / "account-authorization-details.json", dir / "credential-report.csv",
                       dir / "account-password-policy.json"});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sample_account)

BOOST_AUTO_TEST_CASE(loads_without_diagnostics) {
    auto r = sample();
    BOOST_TEST(r.diagnostics.empty(), iamguard::test::all_diags(r));
    BOOST_TEST(r.count(entity_type::role) == 21u);
    BOOST_TEST(r.count(entity_type::user) == 10u);  // nine users and the root user
    BOOST_TEST(r.count(entity_type::group) == 4u);
    BOOST_TEST(r.count(entity_type::policy) == 9u);
    BOOST_TEST(r.count(entity_type::account) == 1u);
}

BOOST_AUTO_TEST_CASE(credential_report_is_joined) {
    auto r = sample();
    const auto* legacy = find(r, entity_type::user, "legacy-backup");
    BOOST_TEST_REQUIRE(legacy != nullptr);
    BOOST_TEST(text_at(*legacy, "firstAccessKey.isActive") == "true");
    BOOST_TEST(text_at(*legacy, "firstAccessKey.lastUsedDate") == "<null>");
    BOOST_TEST(text_at(*legacy, "inlinePolicies[0].name") == "put-backups");
    const auto* acct = find(r, entity_type::account, "111122223333");
    BOOST_TEST_REQUIRE(acct != nullptr);
    BOOST_TEST(text_at(*acct, "stats.accountMfaEnabled") == "true");
    BOOST_TEST(text_at(*acct, "stats.users") == "9");
    BOOST_TEST(text_at(*acct, "passwordPolicy.minPasswordLength") == "10");
    BOOST_TEST(text_at(*acct, "passwordPolicy.requireSymbols") == "false");
}

BOOST_AUTO_TEST_CASE(policy_attachments_and_combined_policies) {
    auto r = sample();
    const auto* admin = find(r, entity_type::policy, "AdministratorAccess");
    BOOST_TEST_REQUIRE(admin != nullptr);
    BOOST_TEST(text_at(*admin, "isAwsManaged") == "true");
    BOOST_TEST(at(admin->fields, "roles")->items.size() == 1u);
    BOOST_TEST(at(admin->fields, "users")->items.size() == 1u);
    BOOST_TEST(at(admin->fields, "groups")->items.size() == 1u);
    BOOST_TEST(text_at(*find(r, entity_type::policy, "mfa-deactivator-unused"), "attachmentCount") == "0");
    // bob: no own policies; his group's inline and managed documents
    const auto* bob = find(r, entity_type::user, "bob");
    BOOST_TEST_REQUIRE(bob != nullptr);
    BOOST_TEST(at(bob->fields, "combinedPolicies")->items.size() == 3u);
    BOOST_TEST(text_at(*bob, "combinedPolicies[0].source") == "group-inline");
    // the service-linked role's AWS managed policy is not in the dump: no document to combine
    const auto* slr = find(r, entity_type::role, "AWSServiceRoleForSupport");
    BOOST_TEST_REQUIRE(slr != nullptr);
    BOOST_TEST(text_at(*slr, "isServiceLinked") == "true");
    BOOST_TEST(at(slr->fields, "combinedPolicies")->items.empty());
}

BOOST_AUTO_TEST_SUITE_END()
