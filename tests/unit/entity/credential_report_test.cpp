// SPDX-License-Identifier: Apache-2.0
// Credential reports written for these tests (CSV and the GetCredentialReport response).
#include <boost/test/unit_test.hpp>

#include <iamguard/entity/codes.hpp>
#include <iamguard/entity/load.hpp>

#include "support.hpp"

using namespace iamguard;
using namespace iamguard::entity;
using iamguard::test::at;
using iamguard::test::find;
using iamguard::test::text_at;

namespace {

const char* const header =
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,"
    "mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
    "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
    "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
    "cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n";

const char* const rows =
    "<root_account>,arn:aws:iam::111122223333:root,2019-02-01T10:00:00+00:00,not_supported,2024-06-01T08:00:00+00:00,"
    "not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
    "alice,arn:aws:iam::111122223333:user/alice,2021-03-04T10:11:12+00:00,true,2024-06-10T09:00:00+00:00,"
    "2024-01-01T00:00:00+00:00,N/A,false,true,2021-03-04T10:20:00+00:00,2024-06-11T12:00:00+00:00,us-east-1,s3,"
    "false,2022-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A\n"
    "ci-bot,arn:aws:iam::111122223333:user/ci-bot,2020-05-05T05:05:05+00:00,false,no_information,N/A,N/A,false,"
    "true,2020-05-05T05:06:00+00:00,N/A,N/A,N/A,true,2023-02-02T02:02:02+00:00,2024-06-12T00:00:00+00:00,"
    "eu-west-1,sts,false,N/A,false,N/A\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(credential_report)

BOOST_AUTO_TEST_CASE(rows_become_users_with_both_key_forms) {
    auto r = load(std::string(header) + rows, "report.csv");
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    BOOST_TEST(r.count(entity_type::user) == 3u);
    const auto* alice = find(r, entity_type::user, "alice");
    BOOST_TEST_REQUIRE(alice != nullptr);
    BOOST_TEST(text_at(*alice, "passwordEnabled") == "true");
    BOOST_TEST(text_at(*alice, "passwordNextRotation") == "<null>");
    BOOST_TEST(text_at(*alice, "mfaActive") == "false");
    BOOST_TEST(text_at(*alice, "firstAccessKey.isActive") == "true");
    BOOST_TEST(text_at(*alice, "firstAccessKey.lastRotated") == "2021-03-04T10:20:00Z");
    BOOST_TEST(text_at(*alice, "firstAccessKey.lastUsedService") == "s3");
    BOOST_TEST(text_at(*alice, "secondAccessKey.isActive") == "false");
    // the second key exists (it was rotated once) but is inactive: listed, not active
    BOOST_TEST(at(alice->fields, "accessKeys")->items.size() == 2u);
    BOOST_TEST(text_at(*alice, "accessKeys[1].slot") == "2");
    BOOST_TEST(text_at(*alice, "accessKeys[1].isActive") == "false");
    BOOST_TEST(text_at(*alice, "hasActiveAccessKeys") == "true");
    const auto* bot = find(r, entity_type::user, "ci-bot");
    BOOST_TEST(text_at(*bot, "passwordLastUsed") == "<null>");
    BOOST_TEST(text_at(*bot, "firstAccessKey.lastUsedDate") == "<null>");
    BOOST_TEST(text_at(*bot, "secondAccessKey.lastUsedRegion") == "eu-west-1");
    // positions: alice's row is line 3
    BOOST_TEST(alice->from.pos.line == 3u);
    BOOST_TEST(at(alice->fields, "mfaActive")->pos.line == 3u);
}

BOOST_AUTO_TEST_CASE(root_row_becomes_the_accounts_root_user) {
    auto r = load(std::string(header) + rows, "report.csv");
    const auto* root = find(r, entity_type::user, "<root_account>");
    BOOST_TEST_REQUIRE(root != nullptr);
    BOOST_TEST(text_at(*root, "isRoot") == "true");
    BOOST_TEST(text_at(*root, "passwordEnabled") == "<null>");
    BOOST_TEST(at(root->fields, "accessKeys")->items.empty());
    const auto* acct = find(r, entity_type::account, "111122223333");
    BOOST_TEST_REQUIRE(acct != nullptr);
    BOOST_TEST(text_at(*acct, "rootUser.mfaActive") == "true");
    BOOST_TEST(text_at(*acct, "rootUser.firstAccessKey.isActive") == "false");
    BOOST_TEST(text_at(*acct, "stats.accountMfaEnabled") == "true");
    BOOST_TEST(text_at(*acct, "stats.users") == "2");
}

BOOST_AUTO_TEST_CASE(rows_merge_into_users_of_a_dump) {
    const char* dump = R"({"UserDetailList": [{"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice",
        "CreateDate": "2021-03-04T10:11:12Z", "GroupList": [], "AttachedManagedPolicies": [],
        "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}]}]})";
    auto r = load(std::vector<input>{{"authz.json", dump}, {"report.csv", std::string(header) + rows}});
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    BOOST_TEST(r.count(entity_type::user) == 3u);  // alice once, plus root and ci-bot from the report
    const auto* alice = find(r, entity_type::user, "alice");
    BOOST_TEST_REQUIRE(alice != nullptr);
    BOOST_TEST(alice->from.file == "authz.json");
    BOOST_TEST(text_at(*alice, "firstAccessKey.isActive") == "true");
    BOOST_TEST(text_at(*alice, "inlinePolicies[0].name") == "p");
    BOOST_TEST(alice->policies.size() == 2u);  // the inline document and its copy in combinedPolicies
    // the report's nodes keep their positions in the report, and say so
    BOOST_TEST(alice->file_of("firstAccessKey.isActive") == "report.csv");
    BOOST_TEST(at(alice->fields, "firstAccessKey.isActive")->pos.line == 3u);
    BOOST_TEST(alice->file_of("inlinePolicies[0].document") == "authz.json");
    const auto* acct = find(r, entity_type::account, "111122223333");
    BOOST_TEST_REQUIRE(acct != nullptr);
    BOOST_TEST(acct->file_of("rootUser.mfaActive") == "report.csv");
    BOOST_TEST(acct->file_of("stats.accountMfaEnabled") == "authz.json");
}

BOOST_AUTO_TEST_CASE(merge_order_does_not_lose_policies) {
    // the report first: the dump's user merges into the report's, with its policy slots
    const char* dump = R"({"UserDetailList": [{"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice",
        "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}]}]})";
    auto r = load(std::vector<input>{{"report.csv", std::string(header) + rows}, {"authz.json", dump}});
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    const auto* alice = find(r, entity_type::user, "alice");
    BOOST_TEST_REQUIRE(alice != nullptr);
    BOOST_TEST(alice->from.file == "report.csv");
    BOOST_TEST(alice->policies.size() == 2u);
    BOOST_TEST(alice->policy_at(at(alice->fields, "inlinePolicies[0].document")) != nullptr);
    BOOST_TEST(alice->file_of("inlinePolicies[0].document.Statement") == "authz.json");
    BOOST_TEST(alice->file_of("combinedPolicies[0].policyDocument") == "authz.json");
    BOOST_TEST(alice->file_of("mfaActive") == "report.csv");
}

BOOST_AUTO_TEST_CASE(missing_required_column) {
    load_options opts;
    opts.format = input_format::credential_report_csv;
    auto r = load("name,arn\nalice,arn:aws:iam::111122223333:user/alice\n", "bad.csv", opts);
    BOOST_TEST(r.entities.empty());
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(render_short(r.diagnostics[0]) ==
               "bad.csv:1:1: error[L005]: the credential report has no `user` column; no row was loaded");
}

BOOST_AUTO_TEST_CASE(missing_optional_column_is_a_warning) {
    auto r = load("user,arn,mfa_active\nbob,arn:aws:iam::111122223333:user/bob,true\n", "small.csv");
    BOOST_TEST(r.ok());
    BOOST_TEST(text_at(*find(r, entity_type::user, "bob"), "mfaActive") == "true");
    const diagnostic* d = iamguard::test::diag(r, codes::csv_missing_column);
    BOOST_TEST_REQUIRE(d != nullptr);
    BOOST_TEST(render_short(*d) ==
               "small.csv:1:1: warning[L005]: the credential report has no `user_creation_time` column; the fields it "
               "feeds are absent");
}

BOOST_AUTO_TEST_CASE(short_row_is_skipped_and_the_rest_loads) {
    const std::string text = std::string(header) +
                             "dave,arn:aws:iam::111122223333:user/dave,2021-01-01T00:00:00+00:00,true\n" + rows;
    auto r = load(text, "short.csv");
    BOOST_TEST(r.count(entity_type::user) == 3u);
    BOOST_TEST(find(r, entity_type::user, "dave") == nullptr);
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(render_short(r.diagnostics[0]) ==
               "short.csv:2:1: error[L006]: row of user `dave` has 4 cells, the header has 22; the row was not loaded");
}

BOOST_AUTO_TEST_CASE(bad_boolean_names_cell_and_user) {
    auto r = load("user,arn,mfa_active\neve,arn:aws:iam::111122223333:user/eve,maybe\n", "b.csv");
    const diagnostic* d = iamguard::test::diag(r, codes::invalid_value);
    BOOST_TEST_REQUIRE(d != nullptr);
    BOOST_TEST(render_short(*d) ==
               "b.csv:2:40: error[L011]: expected `true` or `false` in column `mfa_active`, found `maybe` (in user `eve`)");
    BOOST_TEST(text_at(*find(r, entity_type::user, "eve"), "mfaActive") == "<null>");
}

BOOST_AUTO_TEST_CASE(row_without_a_user_name) {
    auto r = load("user,arn,mfa_active\n,arn:aws:iam::111122223333:user/x,true\nyves,arn:aws:iam::111122223333:user/yves,true\n",
                  "n.csv");
    BOOST_TEST(r.count(entity_type::user) == 1u);
    const diagnostic* d = iamguard::test::diag(r, codes::missing_field);
    BOOST_TEST_REQUIRE(d != nullptr);
    BOOST_TEST(render_short(*d) == "n.csv:2:1: error[L004]: row without a user name; the row was not loaded");
}

BOOST_AUTO_TEST_CASE(quoted_cells_and_crlf) {
    auto r = load("\"user\",\"arn\",\"mfa_active\"\r\n\"x,y\",\"arn:aws:iam::111122223333:user/x\",\"true\"\r\n", "q.csv");
    const auto* u = find(r, entity_type::user, "x,y");
    BOOST_TEST_REQUIRE(u != nullptr);
    BOOST_TEST(text_at(*u, "mfaActive") == "true");
}

BOOST_AUTO_TEST_CASE(get_credential_report_response) {
    // base64 of "user,arn,mfa_active\nfrank,arn:aws:iam::111122223333:user/frank,false\n"
    const char* text = R"({"Content": "dXNlcixhcm4sbWZhX2FjdGl2ZQpmcmFuayxhcm46YXdzOmlhbTo6MTExMTIyMjIzMzMzOnVzZXIvZnJhbmssZmFsc2UK",
  "ReportFormat": "text/csv", "GeneratedTime": "2024-06-15T10:00:00+00:00"})";
    auto r = load(text, "report.json");
    const auto* frank = find(r, entity_type::user, "frank");
    BOOST_TEST_REQUIRE(frank != nullptr, iamguard::test::all_diags(r));
    BOOST_TEST(text_at(*frank, "mfaActive") == "false");
    const auto* acct = find(r, entity_type::account, "111122223333");
    BOOST_TEST_REQUIRE(acct != nullptr);
    BOOST_TEST(text_at(*acct, "credentialReportGeneratedTime") == "2024-06-15T10:00:00Z");
    // positions of decoded cells are the Content string's
    BOOST_TEST(at(frank->fields, "mfaActive")->pos.line == 1u);
    BOOST_TEST(at(frank->fields, "mfaActive")->pos.column == 13u);
}

BOOST_AUTO_TEST_CASE(invalid_base64) {
    auto r = load("{\n  \"Content\": \"not*base64\",\n  \"ReportFormat\": \"text/csv\"\n}", "r.json");
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(render_short(r.diagnostics[0]) == "r.json:2:14: error[L007]: `Content` is not valid base64 (at Content)");
}

BOOST_AUTO_TEST_CASE(decoded_report_problems_give_the_inner_position) {
    // base64 of "user,arn,mfa_active\nzed,arn:aws:iam::111122223333:user/zed\n" (a short row)
    auto r = load(R"({"Content": "dXNlcixhcm4sbWZhX2FjdGl2ZQp6ZWQsYXJuOmF3czppYW06OjExMTEyMjIyMzMzMzp1c2VyL3plZAo=", "ReportFormat": "text/csv"})",
                  "r.json");
    const diagnostic* d = iamguard::test::diag(r, codes::csv_short_row);
    BOOST_TEST_REQUIRE(d != nullptr);
    BOOST_TEST(d->pos.line == 1u);
    BOOST_TEST(d->pos.column == 13u);
    BOOST_TEST(d->help == "at line 2, column 1 of the decoded report");
}

BOOST_AUTO_TEST_SUITE_END()
