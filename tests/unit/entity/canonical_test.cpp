// SPDX-License-Identifier: Apache-2.0
// The canonical entity form: writing and reading round-trips for every entity type.
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

const char* const dump = R"({
  "UserDetailList": [{"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice", "GroupList": ["admins"],
    "AttachedManagedPolicies": [], "UserPolicyList": [], "CreateDate": "2021-01-01T00:00:00Z"}],
  "GroupDetailList": [{"GroupName": "admins", "Arn": "arn:aws:iam::111122223333:group/admins",
    "AttachedManagedPolicies": [{"PolicyName": "Admin", "PolicyArn": "arn:aws:iam::111122223333:policy/Admin"}],
    "GroupPolicyList": [{"PolicyName": "g", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
      "Action": "iam:DeleteAccountPasswordPolicy", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": false}}}]}}]}],
  "RoleDetailList": [{"RoleName": "x-acct", "Arn": "arn:aws:iam::111122223333:role/x-acct",
    "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*",
      "Action": "sts:AssumeRole", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}}},
    "RoleLastUsed": {"LastUsedDate": "2024-01-01T00:00:00Z", "Region": "us-east-1"},
    "AttachedManagedPolicies": [{"PolicyName": "Admin", "PolicyArn": "arn:aws:iam::111122223333:policy/Admin"}],
    "RolePolicyList": [], "Tags": [{"Key": "a \"quoted\" key", "Value": "line\nbreak"}]}],
  "Policies": [{"PolicyName": "Admin", "Arn": "arn:aws:iam::111122223333:policy/Admin", "DefaultVersionId": "v1",
    "AttachmentCount": 2, "IsAttachable": true, "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
      "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}}]}]
})";

const char* const report =
    "user,arn,user_creation_time,password_enabled,mfa_active,access_key_1_active,access_key_1_last_rotated\n"
    "<root_account>,arn:aws:iam::111122223333:root,2019-01-01T00:00:00+00:00,not_supported,false,true,"
    "2019-01-02T00:00:00+00:00\n";

void same(const load_result& a, const load_result& b) {
    BOOST_TEST_REQUIRE(a.entities.size() == b.entities.size());
    for (std::size_t i = 0; i < a.entities.size(); ++i) {
        const entity::entity& x = a.entities[i];
        const entity::entity& y = b.entities[i];
        BOOST_TEST((x.type == y.type));
        BOOST_TEST(x.name == y.name);
        BOOST_TEST(x.arn == y.arn);
        BOOST_TEST(x.account_id == y.account_id);
        BOOST_TEST(to_canonical_json(x) == to_canonical_json(y));
        BOOST_TEST_REQUIRE(x.policies.size() == y.policies.size(), x.name);
        for (std::size_t k = 0; k < x.policies.size(); ++k) {
            BOOST_TEST(x.policies[k].path == y.policies[k].path);
            // the slot keeps the AST of what was read; both sides must mean the same (same normalised form)
            BOOST_TEST(policy::print(*x.policies[k].doc, {.pretty = false, .normalized = true}) ==
                           policy::print(*y.policies[k].doc, {.pretty = false, .normalized = true}),
                       x.name << " " << x.policies[k].path);
            BOOST_TEST(y.policy_at(y.policies[k].node) == y.policies[k].doc.get());
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(canonical)

BOOST_AUTO_TEST_CASE(round_trip_every_entity_type_as_json_lines) {
    auto original = load(std::vector<input>{{"authz.json", dump}, {"report.csv", report}});
    BOOST_TEST(original.ok(), iamguard::test::all_diags(original));
    for (auto t : {entity_type::account, entity_type::role, entity_type::user, entity_type::group, entity_type::policy})
        BOOST_TEST(original.count(t) >= 1u, to_string(t));
    const std::string lines = to_json_lines(original.entities);
    auto again = load(lines, "entities.jsonl");
    BOOST_TEST(again.ok(), iamguard::test::all_diags(again));
    same(original, again);
    // and a second trip is a fixed point
    BOOST_TEST(to_json_lines(again.entities) == lines);
}

BOOST_AUTO_TEST_CASE(round_trip_as_document_and_array) {
    auto original = load(std::vector<input>{{"authz.json", dump}, {"report.csv", report}});
    auto doc = load(to_canonical_document(original.entities), "entities.json");
    BOOST_TEST(doc.ok(), iamguard::test::all_diags(doc));
    same(original, doc);
    std::string array = "[";
    for (std::size_t i = 0; i < original.entities.size(); ++i)
        array += (i ? ",\n" : "\n") + to_canonical_json(original.entities[i]);
    array += "]";
    auto arr = load(array, "array.json");
    BOOST_TEST(arr.ok(), iamguard::test::all_diags(arr));
    same(original, arr);
}

BOOST_AUTO_TEST_CASE(canonical_line_shape) {
    auto r = load(R"({"UserDetailList": [{"UserName": "u", "Arn": "arn:aws:iam::111122223333:user/u"}]})", "a.json");
    const auto* u = find(r, entity_type::user, "u");
    BOOST_TEST_REQUIRE(u != nullptr);
    BOOST_TEST(to_canonical_json(*u) ==
               R"({"type":"User","name":"u","arn":"arn:aws:iam::111122223333:user/u","inlinePolicies":[],)"
               R"("managedPolicies":[],"attachedGroups":[],)"
               R"("combinedPolicies":[],"accountId":"111122223333"})");
}

BOOST_AUTO_TEST_CASE(host_written_entities) {
    // a host writes the short alias `trust`, a JSON-string policy and the type alias `IamRole`
    const char* text =
        "{\"type\": \"IamRole\", \"name\": \"r\", \"arn\": \"arn:aws:iam::111122223333:role/r\", "
        "\"trust\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
        "\\\"Principal\\\":{\\\"AWS\\\":\\\"222233334444\\\"},\\\"Action\\\":\\\"sts:AssumeRole\\\"}]}\"}\n"
        "{\"type\": \"Widget\", \"name\": \"w\"}\n"
        "{\"type\": \"User\", \"name\": \"u\", \"mfaActiv\": true}\n"
        "{\"type\": \"Group\", \"name\": \"g\", \n"
        "{\"type\": \"Policy\", \"name\": \"p\", \"document\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", "
        "\"Action\": \"*\", \"Resource\": \"*\"}]}}\n";
    auto r = load(text, "host.jsonl");
    const auto* role = find(r, entity_type::role, "r");
    BOOST_TEST_REQUIRE(role != nullptr);
    BOOST_TEST(text_at(*role, "assumeRolePolicy.Statement[0].Principal.AWS[0]") == "arn:aws:iam::222233334444:root");
    BOOST_TEST(role->policies.size() == 1u);
    BOOST_TEST(role->account_id == "111122223333");
    BOOST_TEST(find(r, entity_type::user, "u") != nullptr);
    BOOST_TEST(find(r, entity_type::policy, "p") != nullptr);  // after the broken line
    BOOST_TEST(find(r, entity_type::group, "g") == nullptr);
    std::vector<std::string> lines;
    for (const auto& d : r.diagnostics) lines.push_back(render_short(d));
    BOOST_TEST_REQUIRE(lines.size() == 4u, iamguard::test::all_diags(r));
    BOOST_TEST(lines[0] == "host.jsonl:2:10: error[L013]: unknown entity type `Widget` (at type)");
    BOOST_TEST(lines[1] ==
               "host.jsonl:3:31: warning[L012]: field `mfaActiv` is not in the schema of User (in user `u`) (at mfaActiv)");
    BOOST_TEST(r.diagnostics[1].help == "did you mean `mfaActive`?");
    BOOST_TEST(lines[2].rfind("host.jsonl:4:", 0) == 0);
    BOOST_TEST(r.diagnostics[2].code == "J001");
    BOOST_TEST(lines[3] == "host.jsonl:4:1: warning[L004]: the entity is cut short by the syntax error and was not loaded");
}

BOOST_AUTO_TEST_SUITE_END()
