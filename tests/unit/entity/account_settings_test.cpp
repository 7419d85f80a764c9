// SPDX-License-Identifier: Apache-2.0
// Account-wide settings: password policy, account summary and aliases.
#include <boost/test/unit_test.hpp>

#include <iamguard/entity/codes.hpp>
#include <iamguard/entity/load.hpp>

#include "support.hpp"

using namespace iamguard;
using namespace iamguard::entity;
using iamguard::test::find;
using iamguard::test::text_at;

namespace {

const char* const password_policy = R"({
    "PasswordPolicy": {
        "MinimumPasswordLength": 8,
        "RequireSymbols": false,
        "RequireNumbers": true,
        "RequireUppercaseCharacters": true,
        "RequireLowercaseCharacters": true,
        "AllowUsersToChangePassword": true,
        "ExpirePasswords": false
    }
})";

const char* const roles = R"({"Roles": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r"}]})";

}  // namespace

BOOST_AUTO_TEST_SUITE(account_settings)

BOOST_AUTO_TEST_CASE(detected_by_content) {
    BOOST_TEST((detect_format(password_policy) == input_format::account_settings));
    BOOST_TEST((detect_format(R"({"SummaryMap": {"AccountMFAEnabled": 1}})") == input_format::account_settings));
    BOOST_TEST((detect_format(R"({"AccountAliases": ["prod"]})") == input_format::account_settings));
}

BOOST_AUTO_TEST_CASE(settings_go_to_the_account_of_the_other_inputs) {
    auto r = load(std::vector<input>{{"roles.json", roles},
                                     {"password-policy.json", password_policy},
                                     {"summary.json", R"({"SummaryMap": {"AccountMFAEnabled": 0, "Users": 3}})"},
                                     {"aliases.json", R"({"AccountAliases": ["example-prod"]})"}});
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    BOOST_TEST(r.diagnostics.empty(), iamguard::test::all_diags(r));
    const auto* acct = find(r, entity_type::account, "example-prod");
    BOOST_TEST_REQUIRE(acct != nullptr);
    BOOST_TEST(acct->account_id == "111122223333");
    BOOST_TEST(text_at(*acct, "alias") == "example-prod");
    BOOST_TEST(text_at(*acct, "passwordPolicy.enabledInAccount") == "true");
    BOOST_TEST(text_at(*acct, "passwordPolicy.minPasswordLength") == "8");
    BOOST_TEST(text_at(*acct, "passwordPolicy.requireSymbols") == "false");
    BOOST_TEST(text_at(*acct, "passwordPolicy.requireUppercaseCharacter") == "true");
    BOOST_TEST(text_at(*acct, "passwordPolicy.maxPasswordAge") == "<missing>");
    BOOST_TEST(text_at(*acct, "stats.accountMfaEnabled") == "false");
    BOOST_TEST(text_at(*acct, "stats.roles") == "1");
}

BOOST_AUTO_TEST_CASE(no_password_policy_recorded_as_null) {
    load_options opts;
    opts.account_id = "111122223333";
    auto r = load(R"({"PasswordPolicy": null})", "pp.json", opts);
    const auto* acct = find(r, entity_type::account, "111122223333");
    BOOST_TEST_REQUIRE(acct != nullptr, iamguard::test::all_diags(r));
    BOOST_TEST(text_at(*acct, "passwordPolicy.enabledInAccount") == "false");
    BOOST_TEST(acct->from.file == "pp.json");
}

BOOST_AUTO_TEST_CASE(settings_without_an_account) {
    auto r = load(password_policy, "pp.json");
    BOOST_TEST(r.entities.empty());
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(render_short(r.diagnostics[0]) ==
               "pp.json:1:1: warning[L014]: account settings were loaded but no account is known; give the account id");
}

BOOST_AUTO_TEST_CASE(wrong_type) {
    auto r = load("{\n  \"PasswordPolicy\": [1]\n}", "pp.json");
    BOOST_TEST_REQUIRE(!r.diagnostics.empty());
    BOOST_TEST(render_short(r.diagnostics[0]) ==
               "pp.json:2:21: error[L003]: expected an object for `PasswordPolicy`, found array (at PasswordPolicy)");
}

BOOST_AUTO_TEST_SUITE_END()
