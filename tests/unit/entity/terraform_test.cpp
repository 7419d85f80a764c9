// SPDX-License-Identifier: Apache-2.0
// A Terraform plan (`terraform show -json`) written for these tests.
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

const char* const plan = R"({
  "format_version": "1.2",
  "terraform_version": "1.6.0",
  "planned_values": {
    "root_module": {
      "resources": [
        {"address": "aws_iam_role.vendor", "mode": "managed", "type": "aws_iam_role", "name": "vendor",
         "values": {"name": "vendor-access", "path": "/", "max_session_duration": 3600,
           "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},\"Action\":\"sts:AssumeRole\"}]}",
           "inline_policy": [{"name": "", "policy": ""}],
           "managed_policy_arns": ["arn:aws:iam::aws:policy/SecurityAudit"],
           "tags": {"owner": "secops"}}},
        {"address": "aws_iam_policy.mfa_admin", "mode": "managed", "type": "aws_iam_policy", "name": "mfa_admin",
         "values": {"name": "mfa-admin", "path": "/", "description": null,
           "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*MFADevice\",\"Resource\":\"*\"}]}"}},
        {"address": "aws_iam_role_policy_attachment.vendor_mfa", "mode": "managed", "type": "aws_iam_role_policy_attachment",
         "name": "vendor_mfa", "values": {"role": "vendor-access"}},
        {"address": "aws_iam_user.deployer", "mode": "managed", "type": "aws_iam_user", "name": "deployer",
         "values": {"name": "deployer", "path": "/"}},
        {"address": "aws_iam_user_policy.deployer", "mode": "managed", "type": "aws_iam_user_policy", "name": "deployer",
         "values": {"name": "deploy", "user": "deployer",
           "policy": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"lambda:*\", \"Resource\": \"*\"}]\n}"}},
        {"address": "aws_iam_group.ops", "mode": "managed", "type": "aws_iam_group", "name": "ops",
         "values": {"name": "ops", "path": "/"}},
        {"address": "aws_iam_group_membership.ops", "mode": "managed", "type": "aws_iam_group_membership", "name": "ops",
         "values": {"name": "ops-members", "group": "ops", "users": ["deployer"]}},
        {"address": "data.aws_iam_policy_document.x", "mode": "data", "type": "aws_iam_policy_document", "name": "x",
         "values": {"statement": [{"actions": ["s3:*"]}]}}
      ],
      "child_modules": [
        {"address": "module.app", "resources": [
          {"address": "module.app.aws_iam_role.task[\"web\"]", "mode": "managed", "type": "aws_iam_role", "name": "task",
           "index": "web", "values": {"path": "/",
             "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"}},
          {"address": "module.app.aws_iam_role_policy.task[\"web\"]", "mode": "managed", "type": "aws_iam_role_policy",
           "name": "task", "index": "web", "values": {"name": "task-s3",
             "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"}}
        ]}
      ]
    }
  },
  "configuration": {
    "root_module": {
      "resources": [
        {"address": "aws_iam_role_policy_attachment.vendor_mfa", "mode": "managed", "type": "aws_iam_role_policy_attachment",
         "name": "vendor_mfa", "expressions": {"role": {"references": ["aws_iam_role.vendor.name", "aws_iam_role.vendor"]},
           "policy_arn": {"references": ["aws_iam_policy.mfa_admin.arn", "aws_iam_policy.mfa_admin"]}}}
      ],
      "module_calls": {"app": {"source": "./app", "module": {"resources": [
        {"address": "aws_iam_role_policy.task", "mode": "managed", "type": "aws_iam_role_policy", "name": "task",
         "expressions": {"role": {"references": ["aws_iam_role.task.id", "aws_iam_role.task"]}}}
      ]}}}
    }
  }
})";

}  // namespace

BOOST_AUTO_TEST_SUITE(terraform)

BOOST_AUTO_TEST_CASE(plan_entities) {
    auto r = load(plan, "plan.json");
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    BOOST_TEST(r.count(entity_type::role) == 2u);
    BOOST_TEST(r.count(entity_type::user) == 1u);
    BOOST_TEST(r.count(entity_type::group) == 1u);
    BOOST_TEST(r.count(entity_type::policy) == 1u);
    const auto* vendor = find(r, entity_type::role, "vendor-access");
    BOOST_TEST_REQUIRE(vendor != nullptr);
    BOOST_TEST(text_at(*vendor, "assumeRolePolicy.Statement[0].Principal.AWS[0]") == "arn:aws:iam::999988887777:root");
    BOOST_TEST(at(vendor->fields, "assumeRolePolicy")->pos.line == 9u);  // the JSON string's position
    BOOST_TEST(text_at(*vendor, "tags[0].key") == "owner");
    BOOST_TEST(text_at(*vendor, "managedPolicies[0].name") == "SecurityAudit");
    BOOST_TEST(at(vendor->fields, "inlinePolicies")->items.empty());  // `inline_policy {}` with empty strings
}

BOOST_AUTO_TEST_CASE(attachments_follow_configuration_references) {
    auto r = load(plan, "plan.json");
    const auto* vendor = find(r, entity_type::role, "vendor-access");
    const auto* pol = find(r, entity_type::policy, "mfa-admin");
    BOOST_TEST_REQUIRE((vendor && pol));
    // the policy ARN is unknown until apply; the configuration says which policy it is
    BOOST_TEST(text_at(*vendor, "managedPolicies[1].name") == "mfa-admin");
    BOOST_TEST(text_at(*pol, "roles[0].name") == "vendor-access");
    BOOST_TEST(text_at(*pol, "attachmentCount") == "1");
    BOOST_TEST(text_at(*vendor, "combinedPolicies[0].policyDocument.Statement[0].Action[0]") == "iam:*MFADevice");
}

BOOST_AUTO_TEST_CASE(child_module_role_named_by_address_gets_its_inline_policy) {
    auto r = load(plan, "plan.json");
    const auto* task = find(r, entity_type::role, "module.app.aws_iam_role.task[\"web\"]");
    BOOST_TEST_REQUIRE(task != nullptr, iamguard::test::all_diags(r));
    BOOST_TEST(text_at(*task, "inlinePolicies[0].name") == "task-s3");
    BOOST_TEST(text_at(*task, "inlinePolicies[0].document.Statement[0].Action[0]") == "s3:GetObject");
    BOOST_TEST(task->from.path == "planned_values.root_module.child_modules[0].resources[0]");
}

BOOST_AUTO_TEST_CASE(user_policies_and_membership) {
    auto r = load(plan, "plan.json");
    const auto* deployer = find(r, entity_type::user, "deployer");
    BOOST_TEST_REQUIRE(deployer != nullptr);
    BOOST_TEST(text_at(*deployer, "inlinePolicies[0].name") == "deploy");
    BOOST_TEST(text_at(*deployer, "attachedGroups[0].name") == "ops");
    BOOST_TEST(text_at(*find(r, entity_type::group, "ops"), "users[0].name") == "deployer");
}

BOOST_AUTO_TEST_CASE(declared_access_keys) {
    const char* text = R"({"format_version": "1.0", "planned_values": {"root_module": {"resources": [
  {"address": "aws_iam_user.svc", "mode": "managed", "type": "aws_iam_user", "name": "svc", "values": {"name": "svc"}},
  {"address": "aws_iam_access_key.old", "mode": "managed", "type": "aws_iam_access_key", "name": "old",
   "values": {"user": "svc", "status": "Inactive"}},
  {"address": "aws_iam_access_key.new", "mode": "managed", "type": "aws_iam_access_key", "name": "new",
   "values": {"user": "svc"}}
]}}})";
    auto r = load(text, "keys.json");
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    const auto* svc = find(r, entity_type::user, "svc");
    BOOST_TEST_REQUIRE(svc != nullptr);
    BOOST_TEST(text_at(*svc, "firstAccessKey.isActive") == "false");
    BOOST_TEST(text_at(*svc, "secondAccessKey.isActive") == "true");
    BOOST_TEST(text_at(*svc, "hasActiveAccessKeys") == "true");
    BOOST_TEST(at(svc->fields, "secondAccessKey.isActive")->pos.line == 6u);
}

BOOST_AUTO_TEST_CASE(policy_for_an_unknown_identity_is_reported) {
    const char* text = R"({"format_version": "1.0", "planned_values": {"root_module": {"resources": [
  {"address": "aws_iam_role_policy.orphan", "mode": "managed", "type": "aws_iam_role_policy", "name": "orphan",
   "values": {"name": "orphan", "role": "ghost", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"}}
]}}})";
    auto r = load(text, "orphan.json");
    const diagnostic* d = iamguard::test::diag(r, codes::unknown_reference);
    BOOST_TEST_REQUIRE(d != nullptr);
    BOOST_TEST(render_short(*d) ==
               "orphan.json:3:14: warning[L014]: inline policy `orphan` names role `ghost`, which is not in the input");
}

BOOST_AUTO_TEST_CASE(bad_policy_string_names_resource_and_position) {
    const char* text = R"({"format_version": "1.0", "planned_values": {"root_module": {"resources": [
  {"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "name": "p",
   "values": {"name": "p", "policy": "{\"Statement\": [ }"}}
]}}})";
    auto r = load(text, "badpol.json");
    BOOST_TEST(r.count(entity_type::policy) == 1u);
    BOOST_TEST(!r.ok());
    const diagnostic* d = iamguard::test::diag(r, "P001");
    BOOST_TEST_REQUIRE(d != nullptr, iamguard::test::all_diags(r));
    BOOST_TEST(d->file == "badpol.json");
    BOOST_TEST(d->pos.line == 3u);
    BOOST_TEST(d->pos.column == 38u);
    BOOST_TEST(d->message.find("(in policy `p`)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(policy_documents_from_data_sources) {
    // Trust policies written with data.aws_iam_policy_document: the plan knows the statements
    // (HCL-shaped), the role only refers to them; instances pair up by their for_each key.
    const char* text = R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": [
  {"address": "aws_iam_role.ci[\"a\"]", "mode": "managed", "type": "aws_iam_role", "name": "ci", "index": "a",
   "values": {"name": "ci-a"}},
  {"address": "aws_iam_role.ci[\"b\"]", "mode": "managed", "type": "aws_iam_role", "name": "ci", "index": "b",
   "values": {"name": "ci-b"}},
  {"address": "data.aws_iam_policy_document.trust[\"a\"]", "mode": "data", "type": "aws_iam_policy_document",
   "name": "trust", "index": "a", "values": {"version": "2012-10-17", "statement": [
     {"sid": null, "effect": "Allow", "actions": ["sts:AssumeRole"], "not_actions": null, "resources": null,
      "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::444455556666:root"]}],
      "condition": [{"test": "StringEquals", "variable": "sts:ExternalId", "values": ["0f6e4a1c-9b2d-4c8e-a7f3-5d1b2c3e4f60"]}]}]}},
  {"address": "data.aws_iam_policy_document.trust[\"b\"]", "mode": "data", "type": "aws_iam_policy_document",
   "name": "trust", "index": "b", "values": {"statement": [
     {"effect": "Allow", "actions": ["sts:AssumeRole"], "principals": [{"type": "AWS", "identifiers": [null]}]}]}}
]}},
"configuration": {"root_module": {"resources": [
  {"address": "aws_iam_role.ci", "mode": "managed", "type": "aws_iam_role", "name": "ci",
   "expressions": {"assume_role_policy": {"references": ["data.aws_iam_policy_document.trust", "each.key"]}}}
]}}})";
    auto r = load(text, "ds.json");
    const auto* a = find(r, entity_type::role, "ci-a");
    const auto* b = find(r, entity_type::role, "ci-b");
    BOOST_TEST_REQUIRE((a && b));
    BOOST_TEST(text_at(*a, "assumeRolePolicy.Statement[0].Principal.AWS[0]") == "arn:aws:iam::444455556666:root");
    BOOST_TEST(text_at(*a, "assumeRolePolicy.Statement[0].Condition.StringEquals.sts:ExternalId[0]") ==
               "0f6e4a1c-9b2d-4c8e-a7f3-5d1b2c3e4f60");
    BOOST_TEST(a->policies.size() == 1u);
    BOOST_TEST(at(a->fields, "assumeRolePolicy.Statement[0].Action[0]")->pos.line == 8u);  // points at the data source
    BOOST_TEST(text_at(*b, "assumeRolePolicy.Statement[0].Principal.AWS[0]") == "(known after apply)");
    const diagnostic* d = iamguard::test::diag(r, codes::unresolved_intrinsic);
    BOOST_TEST_REQUIRE(d != nullptr);
    BOOST_TEST(render_short(*d) ==
               "ds.json:13:104: warning[L009]: a value in the policy of `aws_iam_role.ci[\"b\"]` is known only after "
               "apply; kept as `(known after apply)`");
}

BOOST_AUTO_TEST_SUITE_END()
