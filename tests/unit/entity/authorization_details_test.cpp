// SPDX-License-Identifier: Apache-2.0
// Authorization-details dumps written for these tests: the three policy encodings, pages, joins
// and bad input.
#include <boost/test/unit_test.hpp>

#include <iamguard/entity/canonical.hpp>
#include <iamguard/entity/codes.hpp>
#include <iamguard/entity/load.hpp>
#include <iamguard/policy/print.hpp>

#include "support.hpp"

using namespace iamguard;
using namespace iamguard::entity;
using iamguard::test::at;
using iamguard::test::find;
using iamguard::test::text_at;

namespace {

// The user's inline policy is an object with a single Statement object, the group's a JSON
// string, the role's trust policy URL-encoded (as the raw IAM API returns it).
const char* const dump = R"({
  "UserDetailList": [
    {
      "Path": "/",
      "UserName": "alice",
      "UserId": "AIDAEXAMPLEALICE0001",
      "Arn": "arn:aws:iam::111122223333:user/alice",
      "CreateDate": "2021-03-04 10:11:12+00:00",
      "UserPolicyList": [
        {"PolicyName": "read-logs", "PolicyDocument": {"Version": "2012-10-17",
          "Statement": {"Effect": "Allow", "Action": "logs:GetLogEvents", "Resource": "*"}}}
      ],
      "GroupList": ["developers"],
      "AttachedManagedPolicies": [
        {"PolicyName": "ReadOnlyS3", "PolicyArn": "arn:aws:iam::111122223333:policy/ReadOnlyS3"}
      ],
      "Tags": [{"Key": "team", "Value": "payments"}]
    }
  ],
  "GroupDetailList": [
    {
      "Path": "/",
      "GroupName": "developers",
      "GroupId": "AGPAEXAMPLEDEVS00001",
      "Arn": "arn:aws:iam::111122223333:group/developers",
      "CreateDate": "2020-01-01T00:00:00Z",
      "GroupPolicyList": [
        {"PolicyName": "describe-ec2", "PolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\",\"Resource\":\"*\"}]}"}
      ],
      "AttachedManagedPolicies": [
        {"PolicyName": "IAMUserChangePassword", "PolicyArn": "arn:aws:iam::aws:policy/IAMUserChangePassword"}
      ]
    }
  ],
  "RoleDetailList": [
    {
      "Path": "/",
      "RoleName": "partner-audit",
      "RoleId": "AROAEXAMPLEPARTNER01",
      "Arn": "arn:aws:iam::111122223333:role/partner-audit",
      "CreateDate": "2023-10-04T20:08:56+02:00",
      "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22AWS%22%3A%22444455556666%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%2C%22Condition%22%3A%7B%22StringEquals%22%3A%7B%22sts%3AExternalId%22%3A%227f3c9a52-1b6e-4d8a-9c01-5e2f4b7d8a13%22%7D%7D%7D%5D%7D",
      "InstanceProfileList": [],
      "RolePolicyList": [],
      "AttachedManagedPolicies": [
        {"PolicyName": "ReadOnlyS3", "PolicyArn": "arn:aws:iam::111122223333:policy/ReadOnlyS3"}
      ],
      "Tags": [],
      "RoleLastUsed": {"LastUsedDate": "2024-05-06T07:08:09Z", "Region": "eu-west-1"},
      "MaxSessionDuration": 3600
    }
  ],
  "Policies": [
    {
      "PolicyName": "ReadOnlyS3",
      "PolicyId": "ANPAEXAMPLEREADS3001",
      "Arn": "arn:aws:iam::111122223333:policy/ReadOnlyS3",
      "Path": "/",
      "DefaultVersionId": "v2",
      "AttachmentCount": 2,
      "PermissionsBoundaryUsageCount": 0,
      "IsAttachable": true,
      "CreateDate": "2022-08-07 12:55:43+00:00",
      "UpdateDate": "2022-09-01 08:00:00+00:00",
      "PolicyVersionList": [
        {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]},
         "VersionId": "v1", "IsDefaultVersion": false, "CreateDate": "2022-08-07 12:55:43+00:00"},
        {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}]},
         "VersionId": "v2", "IsDefaultVersion": true, "CreateDate": "2022-09-01 08:00:00+00:00"}
      ]
    }
  ]
})";

std::string statement_actions(const json::value& doc) {
    std::string s;
    for (const auto& st : doc.find("Statement")->items)
        for (const auto& a : st.find("Action")->items) s += a.text + " ";
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(authorization_details)

BOOST_AUTO_TEST_CASE(loads_every_entity_type) {
    auto r = load(dump, "authz.json");
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    BOOST_TEST(r.count(entity_type::user) == 1u);
    BOOST_TEST(r.count(entity_type::group) == 1u);
    BOOST_TEST(r.count(entity_type::role) == 1u);
    BOOST_TEST(r.count(entity_type::policy) == 1u);
    BOOST_TEST(r.count(entity_type::account) == 1u);
    const auto* acct = find(r, entity_type::account, "111122223333");
    BOOST_TEST_REQUIRE(acct != nullptr);
    BOOST_TEST(text_at(*acct, "stats.roles") == "1");
    BOOST_TEST(text_at(*acct, "arn") == "arn:aws:iam::111122223333:root");
}

BOOST_AUTO_TEST_CASE(copied_lists_hold_no_spare_room) {
    // One tag, one inline and one attached policy: lists of one (a first push_back would make
    // room for four; a loaded account holds tens of thousands of these lists).
    auto r = load(dump, "authz.json");
    const auto* alice = find(r, entity::entity_type::user, "alice");
    BOOST_TEST_REQUIRE(alice != nullptr);
    for (const char* field : {"tags", "inlinePolicies", "managedPolicies"}) {
        const json::value* list = alice->fields.find(field);
        BOOST_TEST_REQUIRE(list != nullptr, field);
        BOOST_TEST(list->items.size() == 1u, field);
        BOOST_TEST(list->items.capacity() == 1u, field);
    }
    const json::value* inline_policy = &alice->fields.find("inlinePolicies")->items[0];
    BOOST_TEST(inline_policy->members.size() == 2u);
    BOOST_TEST(inline_policy->members.capacity() == 2u);
}

BOOST_AUTO_TEST_CASE(three_policy_encodings_become_the_same_normalised_form) {
    auto r = load(dump, "authz.json");
    const auto* alice = find(r, entity_type::user, "alice");
    const auto* devs = find(r, entity_type::group, "developers");
    const auto* role = find(r, entity_type::role, "partner-audit");
    BOOST_TEST_REQUIRE((alice && devs && role));
    // object with a single Statement object -> Statement is a list, Action a list
    const json::value* doc = at(alice->fields, "inlinePolicies[0].document");
    BOOST_TEST_REQUIRE(doc != nullptr);
    BOOST_TEST(doc->find("Statement")->is_array());
    BOOST_TEST(statement_actions(*doc) == "logs:GetLogEvents ");
    BOOST_TEST(alice->policy_at(doc) != nullptr);
    // JSON string
    doc = at(devs->fields, "inlinePolicies[0].document");
    BOOST_TEST_REQUIRE(doc != nullptr);
    BOOST_TEST(statement_actions(*doc) == "ec2:Describe* ");
    BOOST_TEST(devs->policy_at(doc) != nullptr);
    // URL-encoded: principal account id in canonical root-ARN form
    doc = at(role->fields, "assumeRolePolicy");
    BOOST_TEST_REQUIRE(doc != nullptr);
    BOOST_TEST(text_at(*role, "assumeRolePolicy.Statement[0].Principal.AWS[0]") == "arn:aws:iam::444455556666:root");
    BOOST_TEST(text_at(*role, "assumeRolePolicy.Statement[0].Condition.StringEquals.sts:ExternalId[0]") ==
               "7f3c9a52-1b6e-4d8a-9c01-5e2f4b7d8a13");
    const policy::document* trust = role->policy_at(doc);
    BOOST_TEST_REQUIRE(trust != nullptr);
    BOOST_TEST(trust->statements.size() == 1u);
}

BOOST_AUTO_TEST_CASE(normalised_tree_matches_the_printer) {
    auto r = load(dump, "authz.json");
    for (const auto& e : r.entities) {
        for (const auto& slot : e.policies) {
            std::string mine;
            write_json(mine, *slot.node);
            const std::string printed = policy::print(*slot.doc, {.pretty = false, .normalized = true});
            BOOST_TEST(mine == printed, e.name << " " << slot.path);
        }
    }
}

BOOST_AUTO_TEST_CASE(positions_point_into_the_input) {
    auto r = load(dump, "authz.json");
    const auto* alice = find(r, entity_type::user, "alice");
    BOOST_TEST_REQUIRE(alice != nullptr);
    BOOST_TEST(alice->from.file == "authz.json");
    BOOST_TEST(alice->from.pos.line == 3u);
    BOOST_TEST(alice->from.pos.column == 5u);
    BOOST_TEST(alice->from.path == "UserDetailList[0]");
    // the Action of the object-form inline policy: line 11
    const json::value* action = at(alice->fields, "inlinePolicies[0].document.Statement[0].Action[0]");
    BOOST_TEST_REQUIRE(action != nullptr);
    BOOST_TEST(action->pos.line == 11u);
    BOOST_TEST(action->pos.column == 54u);
}

BOOST_AUTO_TEST_CASE(dates_are_normalised_to_utc) {
    auto r = load(dump, "authz.json");
    BOOST_TEST(text_at(*find(r, entity_type::user, "alice"), "createDate") == "2021-03-04T10:11:12Z");
    BOOST_TEST(text_at(*find(r, entity_type::role, "partner-audit"), "createDate") == "2023-10-04T18:08:56Z");
    BOOST_TEST(text_at(*find(r, entity_type::role, "partner-audit"), "roleLastUsed.lastUsedDate") ==
               "2024-05-06T07:08:09Z");
}

BOOST_AUTO_TEST_CASE(a_date_that_is_not_one_is_kept_with_a_warning_naming_the_field) {
    const char* text = R"({"RoleDetailList": [
  {"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r", "CreateDate": "yesterday",
   "RoleLastUsed": {"LastUsedDate": 5, "Region": "eu-west-1"}}]})";
    auto r = load(text, "dates.json");
    const auto* role = find(r, entity_type::role, "r");
    BOOST_TEST_REQUIRE(role != nullptr);
    BOOST_TEST(text_at(*role, "createDate") == "yesterday");  // kept as written
    const json::value* used = at(role->fields, "roleLastUsed.lastUsedDate");
    BOOST_TEST_REQUIRE(used != nullptr);
    BOOST_TEST(used->is_null());
    std::vector<std::string> lines;
    for (const auto& d : r.diagnostics) lines.push_back(render_short(d));
    BOOST_TEST_REQUIRE(lines.size() == 2u, iamguard::test::all_diags(r));
    BOOST_TEST(lines[0] == "dates.json:2:78: warning[L011]: `yesterday` is not an ISO-8601 date (for "
                           "`RoleDetailList[0].CreateDate`); kept as written");
    BOOST_TEST(lines[1] == "dates.json:3:37: warning[L011]: expected a date for "
                           "`RoleDetailList[0].RoleLastUsed.LastUsedDate`, found number");
}

BOOST_AUTO_TEST_CASE(default_policy_version_is_the_document) {
    auto r = load(dump, "authz.json");
    const auto* p = find(r, entity_type::policy, "ReadOnlyS3");
    BOOST_TEST_REQUIRE(p != nullptr);
    BOOST_TEST(statement_actions(*at(p->fields, "document")) == "s3:Get* s3:List* ");
    BOOST_TEST(text_at(*p, "attachmentCount") == "2");
    BOOST_TEST(text_at(*p, "isAwsManaged") == "false");
    BOOST_TEST(text_at(*p, "defaultVersionId") == "v2");
}

BOOST_AUTO_TEST_CASE(joins) {
    auto r = load(dump, "authz.json");
    const auto* alice = find(r, entity_type::user, "alice");
    const auto* devs = find(r, entity_type::group, "developers");
    const auto* role = find(r, entity_type::role, "partner-audit");
    const auto* pol = find(r, entity_type::policy, "ReadOnlyS3");
    BOOST_TEST_REQUIRE((alice && devs && role && pol));
    // policy -> attached identities
    BOOST_TEST(text_at(*pol, "users[0].name") == "alice");
    BOOST_TEST(text_at(*pol, "roles[0].name") == "partner-audit");
    BOOST_TEST(at(pol->fields, "groups")->items.empty());
    // group <-> user
    BOOST_TEST(text_at(*devs, "users[0].name") == "alice");
    BOOST_TEST(text_at(*alice, "attachedGroups[0].arn") == "arn:aws:iam::111122223333:group/developers");
    // combinedPolicies: own inline, own managed, then the group's inline (its AWS managed policy's
    // document is not in the dump, so it is not there)
    const json::value* combined = at(alice->fields, "combinedPolicies");
    BOOST_TEST_REQUIRE(combined != nullptr);
    BOOST_TEST_REQUIRE(combined->items.size() == 3u);
    BOOST_TEST(text_at(*alice, "combinedPolicies[0].source") == "inline");
    BOOST_TEST(text_at(*alice, "combinedPolicies[1].source") == "managed");
    BOOST_TEST(text_at(*alice, "combinedPolicies[1].arn") == "arn:aws:iam::111122223333:policy/ReadOnlyS3");
    BOOST_TEST(text_at(*alice, "combinedPolicies[2].source") == "group-inline");
    BOOST_TEST(text_at(*alice, "combinedPolicies[2].group") == "developers");
    for (std::size_t i = 0; i < 3; ++i)
        BOOST_TEST(alice->policy_at(&combined->items[i].find("policyDocument")[0]) != nullptr);
    BOOST_TEST(at(role->fields, "combinedPolicies")->items.size() == 1u);
    BOOST_TEST(role->account_id == "111122223333");
    BOOST_TEST(text_at(*role, "accountId") == "111122223333");
}

BOOST_AUTO_TEST_CASE(pages_in_separate_inputs_are_merged) {
    const char* page1 = R"({"UserDetailList": [{"UserName": "bob", "Arn": "arn:aws:iam::111122223333:user/bob",
        "AttachedManagedPolicies": [{"PolicyName": "Ops", "PolicyArn": "arn:aws:iam::111122223333:policy/Ops"}]}],
        "IsTruncated": true, "Marker": "abc"})";
    const char* page2 = R"({"Policies": [{"PolicyName": "Ops", "Arn": "arn:aws:iam::111122223333:policy/Ops",
        "DefaultVersionId": "v1", "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
        "Document": "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22iam%3A%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"}]}],
        "IsTruncated": false})";
    auto r = load(std::vector<input>{{"page1.json", page1}, {"page2.json", page2}});
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    const auto* bob = find(r, entity_type::user, "bob");
    BOOST_TEST_REQUIRE(bob != nullptr);
    BOOST_TEST(bob->from.file == "page1.json");
    // the join crosses pages: bob's combined policies hold the document from page 2
    BOOST_TEST(text_at(*bob, "combinedPolicies[0].policyDocument.Statement[0].Action[0]") == "iam:*");
    BOOST_TEST(text_at(*find(r, entity_type::policy, "Ops"), "users[0].name") == "bob");
    BOOST_TEST(text_at(*find(r, entity_type::policy, "Ops"), "attachmentCount") == "1");
    // positions of the joined document refer to page 2, and the entity says so
    BOOST_TEST(bob->file_of("combinedPolicies[0].policyDocument.Statement[0]") == "page2.json");
    BOOST_TEST(bob->file_of("combinedPolicies[0].name") == "page1.json");
    BOOST_TEST(find(r, entity_type::policy, "Ops")->file_of("users[0]") == "page1.json");
}

BOOST_AUTO_TEST_CASE(merged_entities_keep_the_order_of_their_first_appearance) {
    // role `a` is in all three pages (its fields spread over them), `b` and `c` once each; a
    // managed policy by ARN twice. The merged entities keep the order of their first appearance.
    const char* page1 = R"({"RoleDetailList": [
        {"RoleName": "a", "Arn": "arn:aws:iam::111122223333:role/a"},
        {"RoleName": "b", "Arn": "arn:aws:iam::111122223333:role/b", "Description": "bee"}],
        "IsTruncated": true, "Marker": "1"})";
    const char* page2 = R"({"RoleDetailList": [
        {"RoleName": "a", "Arn": "arn:aws:iam::111122223333:role/a", "Description": "first"}],
        "Policies": [{"PolicyName": "Ops", "Arn": "arn:aws:iam::111122223333:policy/Ops"}],
        "IsTruncated": true, "Marker": "2"})";
    const char* page3 = R"({"RoleDetailList": [
        {"RoleName": "c", "Arn": "arn:aws:iam::111122223333:role/c"},
        {"RoleName": "a", "Arn": "arn:aws:iam::111122223333:role/a", "Description": "second",
         "MaxSessionDuration": 7200}],
        "Policies": [{"PolicyName": "Ops", "Arn": "arn:aws:iam::111122223333:policy/Ops", "Description": "ops"}],
        "IsTruncated": false})";
    auto r = load(std::vector<input>{{"p1.json", page1}, {"p2.json", page2}, {"p3.json", page3}});
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    std::vector<std::string> order;
    for (const auto& e : r.entities) order.push_back(std::string(to_string(e.type)) + ":" + e.name);
    const std::vector<std::string> expected{"Role:a", "Role:b", "Policy:Ops", "Role:c", "Account:111122223333"};
    BOOST_TEST(order == expected, boost::test_tools::per_element());
    const auto* a = find(r, entity_type::role, "a");
    BOOST_TEST_REQUIRE(a != nullptr);
    BOOST_TEST(text_at(*a, "description") == "first");  // the first value given wins
    BOOST_TEST(text_at(*a, "maxSessionDuration") == "7200");
    BOOST_TEST(a->file_of("description") == "p2.json");
    BOOST_TEST(a->file_of("maxSessionDuration") == "p3.json");
    BOOST_TEST(text_at(*find(r, entity_type::role, "b"), "description") == "bee");
    BOOST_TEST(text_at(*find(r, entity_type::policy, "Ops"), "description") == "ops");
}

BOOST_AUTO_TEST_CASE(references_by_name_find_the_entity_of_their_own_account) {
    // Two accounts of an organisation, each with a group `admins` and a user `alice` in it; the
    // groups' inline policies differ. Loaded together, each alice joins her own account's group.
    auto dump_of = [](const std::string& acct, const std::string& action) {
        return R"({"UserDetailList": [{"UserName": "alice", "Arn": "arn:aws:iam::)" + acct +
               R"(:user/alice", "GroupList": ["admins"]}],
"GroupDetailList": [{"GroupName": "admins", "Arn": "arn:aws:iam::)" + acct + R"(:group/admins",
  "GroupPolicyList": [{"PolicyName": "all", "PolicyDocument": {"Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ")" + action + R"(", "Resource": "*"}]}}]}]})";
    };
    const std::string a = dump_of("111111111111", "s3:*"), b = dump_of("222222222222", "iam:*");
    auto r = load(std::vector<input>{{"a.json", a}, {"b.json", b}});
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    int users = 0;
    for (const auto& e : r.entities) {
        if (e.type == entity_type::user) {
            ++users;
            const std::string& acct = e.account_id;
            BOOST_TEST(text_at(e, "attachedGroups[0].arn") == "arn:aws:iam::" + acct + ":group/admins", acct);
            BOOST_TEST(text_at(e, "combinedPolicies[0].group") == "admins", acct);
            BOOST_TEST(text_at(e, "combinedPolicies[0].policyDocument.Statement[0].Action[0]") ==
                           (acct == "111111111111" ? "s3:*" : "iam:*"),
                       acct);
        } else if (e.type == entity_type::group) {
            BOOST_TEST(text_at(e, "users[0].arn") == "arn:aws:iam::" + e.account_id + ":user/alice", e.account_id);
            BOOST_TEST_REQUIRE(at(e.fields, "users") != nullptr);
            BOOST_TEST(at(e.fields, "users")->items.size() == 1u, e.account_id);
        }
    }
    BOOST_TEST(users == 2);
}

BOOST_AUTO_TEST_CASE(a_managed_policy_is_parsed_once_and_each_identity_listed_once) {
    const char* text = R"({
"UserDetailList": [
  {"UserName": "u1", "Arn": "arn:aws:iam::111122223333:user/u1", "GroupList": ["devs", "devs"]},
  {"UserName": "u2", "Arn": "arn:aws:iam::111122223333:user/u2", "GroupList": ["devs"]}],
"GroupDetailList": [{"GroupName": "devs", "Arn": "arn:aws:iam::111122223333:group/devs"}],
"RoleDetailList": [
  {"RoleName": "r1", "Arn": "arn:aws:iam::111122223333:role/r1", "AttachedManagedPolicies": [
    {"PolicyName": "Ops", "PolicyArn": "arn:aws:iam::111122223333:policy/Ops"},
    {"PolicyName": "Ops", "PolicyArn": "arn:aws:iam::111122223333:policy/Ops"}]},
  {"RoleName": "r2", "Arn": "arn:aws:iam::111122223333:role/r2", "AttachedManagedPolicies": [
    {"PolicyName": "Ops", "PolicyArn": "arn:aws:iam::111122223333:policy/Ops"}]}],
"Policies": [{"PolicyName": "Ops", "Arn": "arn:aws:iam::111122223333:policy/Ops", "DefaultVersionId": "v1",
  "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
    "Document": {"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}}]}]})";
    auto r = load(text, "authz.json");
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    const auto* ops = find(r, entity_type::policy, "Ops");
    BOOST_TEST_REQUIRE(ops != nullptr);
    // each identity once, however often it names the policy or the group
    BOOST_TEST(at(ops->fields, "roles")->items.size() == 2u);
    BOOST_TEST(text_at(*ops, "roles[1].name") == "r2");
    BOOST_TEST(text_at(*ops, "attachmentCount") == "2");
    const auto* devs = find(r, entity_type::group, "devs");
    BOOST_TEST_REQUIRE(devs != nullptr);
    BOOST_TEST(at(devs->fields, "users")->items.size() == 2u);
    BOOST_TEST(text_at(*devs, "users[1].arn") == "arn:aws:iam::111122223333:user/u2");
    // the roles' combined policies hold the policy's parsed document itself, not copies
    const iamguard::policy::document* doc = ops->policy_at(at(ops->fields, "document"));
    BOOST_TEST_REQUIRE(doc != nullptr);
    for (const char* role : {"r1", "r2"}) {
        const auto* e = find(r, entity_type::role, role);
        BOOST_TEST_REQUIRE(e != nullptr);
        BOOST_TEST(e->policy_at(at(e->fields, "combinedPolicies[0].policyDocument")) == doc, role);
    }
}

BOOST_AUTO_TEST_CASE(without_joins_inputs_stay_apart) {
    const char* report = "user,arn,mfa_active\nalice,arn:aws:iam::111122223333:user/alice,true\n";
    load_options opts;
    opts.join = false;
    auto r = load(std::vector<input>{{"authz.json", dump}, {"report.csv", report}}, opts);
    BOOST_TEST(r.count(entity_type::user) == 2u);  // alice from the dump and from the report
    BOOST_TEST(r.count(entity_type::account) == 0u);
    const auto* alice = find(r, entity_type::user, "alice");
    BOOST_TEST(at(alice->fields, "combinedPolicies") == nullptr);
    BOOST_TEST(alice->policies.size() == 1u);
    BOOST_TEST(alice->policy_at(at(alice->fields, "inlinePolicies[0].document")) != nullptr);
    auto joined = load(std::vector<input>{{"authz.json", dump}, {"report.csv", report}});
    BOOST_TEST(joined.count(entity_type::user) == 1u);
}

BOOST_AUTO_TEST_CASE(pages_as_a_list_or_a_stream_in_one_file) {
    const char* as_list = R"([{"RoleDetailList": [{"RoleName": "a", "Arn": "arn:aws:iam::111122223333:role/a"}]},
                             {"RoleDetailList": [{"RoleName": "b", "Arn": "arn:aws:iam::111122223333:role/b"}]}])";
    auto r = load(as_list, "pages.json");
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    BOOST_TEST(r.count(entity_type::role) == 2u);
    BOOST_TEST(find(r, entity_type::role, "b")->from.path == "[1].RoleDetailList[0]");
    const char* as_stream = "{\"RoleDetailList\": [{\"RoleName\": \"a\", \"Arn\": \"arn:aws:iam::111122223333:role/a\"}]}\n"
                            "{\"RoleDetailList\": [{\"RoleName\": \"b\", \"Arn\": \"arn:aws:iam::111122223333:role/b\"}]}\n";
    r = load(as_stream, "pages.jsonl");
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    BOOST_TEST(r.count(entity_type::role) == 2u);
    const auto* b = find(r, entity_type::role, "b");
    BOOST_TEST(b->from.pos.line == 2u);
    BOOST_TEST(b->from.pos.column == 21u);
}

BOOST_AUTO_TEST_CASE(stream_with_a_broken_second_value) {
    const char* text =
        "{\"RoleDetailList\": [{\"RoleName\": \"a\", \"RoleName\": \"dup\", \"Arn\": \"arn:aws:iam::111122223333:role/a\"}]}\n"
        "{\"RoleDetailList\": [{\"RoleName\": \"b\", \"Arn\": \"arn:aws:iam::111122223333:role/b\"";
    auto r = load(text, "stream.json");
    BOOST_TEST(r.count(entity_type::role) == 1u);
    BOOST_TEST(find(r, entity_type::role, "a") != nullptr);
    std::vector<std::string> lines;
    for (const auto& d : r.diagnostics) lines.push_back(render_short(d));
    BOOST_TEST_REQUIRE(lines.size() == 3u, iamguard::test::all_diags(r));
    BOOST_TEST(lines[0] == "stream.json:1:39: error[J002]: duplicate key `RoleName`");  // reported once
    BOOST_TEST(lines[1] == "stream.json:2:80: error[J001]: expected `,` or `}`, found end of input");
    BOOST_TEST(lines[2] ==
               "stream.json:2:21: warning[L004]: role `b` is cut short by the syntax error and was not loaded "
               "(at [value 1].RoleDetailList[0])");
}

BOOST_AUTO_TEST_CASE(truncated_json_keeps_the_complete_entities) {
    const std::string text = std::string(dump).substr(0, std::string(dump).find("\"RoleLastUsed\""));
    auto r = load(text, "cut.json");
    BOOST_TEST(!r.ok());
    const diagnostic* syntax = iamguard::test::diag(r, "J001");
    BOOST_TEST_REQUIRE(syntax != nullptr);
    BOOST_TEST(syntax->file == "cut.json");
    BOOST_TEST(syntax->pos.line == 49u);
    BOOST_TEST(syntax->pos.column == 7u);
    // the user and the group were complete and loaded; the role was cut short and was not
    BOOST_TEST(r.count(entity_type::user) == 1u);
    BOOST_TEST(r.count(entity_type::group) == 1u);
    BOOST_TEST(r.count(entity_type::role) == 0u);
    const diagnostic* skipped = iamguard::test::diag(r, codes::missing_field);
    BOOST_TEST_REQUIRE(skipped != nullptr);
    BOOST_TEST(skipped->message == "role `partner-audit` is cut short by the syntax error and was not loaded");
    BOOST_TEST(skipped->pos.line == 36u);
    BOOST_TEST(skipped->pos.column == 5u);
}

BOOST_AUTO_TEST_CASE(wrong_type_where_a_list_is_expected) {
    const char* text = R"({"RoleDetailList": [
  {"RoleName": "good", "Arn": "arn:aws:iam::111122223333:role/good", "RolePolicyList": []},
  {"RoleName": "bad", "Arn": "arn:aws:iam::111122223333:role/bad",
   "RolePolicyList": {"PolicyName": "p", "PolicyDocument": {"Statement": []}}}
],
"UserDetailList": {"UserName": "x"}})";
    auto r = load(text, "wrong.json");
    BOOST_TEST(r.count(entity_type::role) == 2u);  // the bad role loads without its inline policies
    std::vector<std::string> lines;
    for (const auto& d : r.diagnostics) lines.push_back(render_short(d));
    BOOST_TEST_REQUIRE(lines.size() == 2u, iamguard::test::all_diags(r));
    BOOST_TEST(lines[0] ==
               "wrong.json:6:19: error[L003]: expected a list for `UserDetailList`, found object (at UserDetailList)");
    BOOST_TEST(lines[1] ==
               "wrong.json:4:22: error[L003]: expected a list for `RolePolicyList`, found object (in role `bad`) "
               "(at RoleDetailList[1].RolePolicyList)");
}

BOOST_AUTO_TEST_CASE(invalid_url_encoding_names_the_entity) {
    const char* text = R"({"RoleDetailList": [
  {"RoleName": "broken", "Arn": "arn:aws:iam::111122223333:role/broken",
   "AssumeRolePolicyDocument": "%7B%22Version%22%3A%2Z2012-10-17%22%7D"},
  {"RoleName": "fine", "Arn": "arn:aws:iam::111122223333:role/fine",
   "AssumeRolePolicyDocument": "%7B%22Statement%22%3A%5B%5D%7D"}
]})";
    auto r = load(text, "enc.json");
    BOOST_TEST(r.count(entity_type::role) == 2u);
    const diagnostic* d = iamguard::test::diag(r, "P001");
    BOOST_TEST_REQUIRE(d != nullptr);
    BOOST_TEST(render_short(*d) ==
               "enc.json:3:32: error[P001]: policy looks URL-encoded but has a malformed `%` escape (in role `broken`) "
               "(at RoleDetailList[0].AssumeRolePolicyDocument)");
    const auto* broken = find(r, entity_type::role, "broken");
    BOOST_TEST(at(broken->fields, "assumeRolePolicy")->is_null());
    BOOST_TEST(broken->policies.empty());
    BOOST_TEST(find(r, entity_type::role, "fine")->policies.size() == 1u);
}

BOOST_AUTO_TEST_CASE(policy_diagnostics_name_the_path_in_the_input) {
    // The fields have CloudGuard's names (`inlinePolicies[0].document`), but a diagnostic's path
    // is the one the user can find in the file; a skipped list element does not shift it.
    const char* text = R"({"RoleDetailList": [
  {"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r",
   "RolePolicyList": [7, {"PolicyName": "p", "PolicyDocument": {"Statement": []}}]}],
 "Policies": [
  {"PolicyName": "m", "Arn": "arn:aws:iam::111122223333:policy/m", "DefaultVersionId": "v2",
   "PolicyVersionList": [{"VersionId": "v1", "Document": {"Version": "2012-10-17", "Statement": []}},
                         {"VersionId": "v2", "Document": {"Statement": []}}]}]})";
    auto r = load(text, "paths.json");
    std::vector<std::string> p113;
    for (const auto& d : r.diagnostics)
        if (d.code == "P113") p113.push_back(render_short(d));
    BOOST_TEST_REQUIRE(p113.size() == 2u, iamguard::test::all_diags(r));
    BOOST_TEST(p113[0] == "paths.json:3:64: warning[P113]: policy has no `Version`; policy variables such as "
                          "`${aws:username}` are not recognised (in role `r`) "
                          "(at RoleDetailList[0].RolePolicyList[1].PolicyDocument)");
    BOOST_TEST(p113[1] == "paths.json:7:58: warning[P113]: policy has no `Version`; policy variables such as "
                          "`${aws:username}` are not recognised (in policy `m`) "
                          "(at Policies[0].PolicyVersionList[1].Document)");
    BOOST_TEST(find(r, entity_type::role, "r")->policies.front().path == "inlinePolicies[0].document");
}

BOOST_AUTO_TEST_CASE(entity_without_a_name) {
    const char* text = R"({"UserDetailList": [{"UserId": "AIDA1"}, {"Arn": "arn:aws:iam::111122223333:user/ops/carol"}]})";
    auto r = load(text, "names.json");
    BOOST_TEST(r.count(entity_type::user) == 1u);
    BOOST_TEST(find(r, entity_type::user, "carol") != nullptr);
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 2u);
    BOOST_TEST(render_short(r.diagnostics[0]) ==
               "names.json:1:21: error[L004]: user without `UserName` or `Arn` was not loaded (at UserDetailList[0])");
    BOOST_TEST((r.diagnostics[1].level == severity::warning));
}

BOOST_AUTO_TEST_CASE(get_role_and_list_roles) {
    const char* get_role = R"({"Role": {"Path": "/", "RoleName": "ci", "RoleId": "AROA1",
      "Arn": "arn:aws:iam::111122223333:role/ci", "CreateDate": "2024-01-02T03:04:05+00:00",
      "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
        "Action": "sts:AssumeRoleWithWebIdentity"}]},
      "MaxSessionDuration": 3600, "RoleLastUsed": {}}})";
    auto r = load(get_role, "get-role.json");
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    const auto* ci = find(r, entity_type::role, "ci");
    BOOST_TEST_REQUIRE(ci != nullptr);
    BOOST_TEST(text_at(*ci, "assumeRolePolicy.Statement[0].Principal.Federated[0]") ==
               "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com");
    BOOST_TEST(text_at(*ci, "roleLastUsed.lastUsedDate") == "<null>");
    const char* list_roles = R"({"Roles": [
      {"RoleName": "a", "Arn": "arn:aws:iam::111122223333:role/a", "AssumeRolePolicyDocument": {"Statement": []}},
      {"RoleName": "b", "Arn": "arn:aws:iam::111122223333:role/service-role/b", "Path": "/service-role/"}],
      "IsTruncated": false})";
    r = load(list_roles, "roles.json");
    BOOST_TEST(r.count(entity_type::role) == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
