// SPDX-License-Identifier: Apache-2.0
// CloudFormation templates (JSON and YAML) written for these tests.
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

const char* const yaml_template = R"(AWSTemplateFormatVersion: '2010-09-09'
Description: partner access
Resources:
  PartnerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: partner-readonly
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub 'arn:${AWS::Partition}:iam::444455556666:root'
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                sts:ExternalId: !Ref ExternalIdParam
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
        - !Ref AuditPolicy
      Policies:
        - PolicyName: deny-iam
          PolicyDocument:
            Statement:
              - Effect: Deny
                Action: 'iam:*'
                Resource: '*'
  AuditPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: audit-read
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [cloudtrail:LookupEvents]
            Resource: !Sub 'arn:aws:cloudtrail:*:${AWS::AccountId}:trail/*'
  Operators:
    Type: AWS::IAM::Group
    Properties:
      GroupName: operators
  Ops:
    Type: AWS::IAM::User
    Properties:
      UserName: ops
      Groups: [!Ref Operators]
      LoginProfile:
        Password: '{{resolve:secretsmanager:ops}}'
  OpsPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: ops-inline
      Users: [!Ref Ops]
      Roles: [!Ref PartnerRole]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: iam:DeactivateMFADevice
            Resource: !GetAtt PartnerRole.Arn
  Bucket:
    Type: AWS::S3::Bucket
  Typo:
    Type: AWS::IAM::Rol
    Properties: {}
  OpsKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Ops
)";

}  // namespace

BOOST_AUTO_TEST_SUITE(cloudformation)

BOOST_AUTO_TEST_CASE(yaml_template_entities_and_joins) {
    load_options opts;
    opts.account_id = "111122223333";
    auto r = load(yaml_template, "stack.yaml", opts);
    BOOST_TEST(r.ok(), iamguard::test::all_diags(r));
    BOOST_TEST(r.count(entity_type::role) == 1u);
    BOOST_TEST(r.count(entity_type::user) == 1u);
    BOOST_TEST(r.count(entity_type::group) == 1u);
    BOOST_TEST(r.count(entity_type::policy) == 1u);
    const auto* role = find(r, entity_type::role, "partner-readonly");
    BOOST_TEST_REQUIRE(role != nullptr);
    BOOST_TEST(role->arn == "arn:aws:iam::111122223333:role/partner-readonly");
    BOOST_TEST(text_at(*role, "assumeRolePolicy.Statement[0].Principal.AWS[0]") == "arn:aws:iam::444455556666:root");
    // a parameter is not known from the template: unresolved, with a warning
    BOOST_TEST(text_at(*role, "assumeRolePolicy.Statement[0].Condition.StringEquals.sts:ExternalId[0]") ==
               "!Ref ExternalIdParam");
    // managed policy of the template joined by Ref (its ARN built from the account)
    BOOST_TEST(text_at(*role, "managedPolicies[1].arn") == "arn:aws:iam::111122223333:policy/audit-read");
    BOOST_TEST(text_at(*role, "inlinePolicies[0].name") == "deny-iam");
    BOOST_TEST(text_at(*role, "inlinePolicies[1].name") == "ops-inline");  // from AWS::IAM::Policy
    BOOST_TEST(text_at(*role, "inlinePolicies[1].document.Statement[0].Resource[0]") ==
               "arn:aws:iam::111122223333:role/partner-readonly");
    const auto* pol = find(r, entity_type::policy, "audit-read");
    BOOST_TEST(text_at(*pol, "document.Statement[0].Resource[0]") == "arn:aws:cloudtrail:*:111122223333:trail/*");
    BOOST_TEST(text_at(*pol, "roles[0].name") == "partner-readonly");
    BOOST_TEST(text_at(*pol, "attachmentCount") == "1");
    const auto* ops = find(r, entity_type::user, "ops");
    BOOST_TEST(text_at(*ops, "passwordEnabled") == "true");
    BOOST_TEST(text_at(*ops, "attachedGroups[0].name") == "operators");
    BOOST_TEST(text_at(*find(r, entity_type::group, "operators"), "users[0].name") == "ops");
    BOOST_TEST(text_at(*ops, "combinedPolicies[0].name") == "ops-inline");
    // a declared access key: a long-term key, active by default, dates unknown
    BOOST_TEST(text_at(*ops, "firstAccessKey.isActive") == "true");
    BOOST_TEST(text_at(*ops, "accessKeys[0].slot") == "1");
    BOOST_TEST(text_at(*ops, "hasActiveAccessKeys") == "true");
    BOOST_TEST(text_at(*ops, "secondAccessKey.isActive") == "<missing>");
    BOOST_TEST(find(r, entity_type::account, "111122223333") != nullptr);
}

BOOST_AUTO_TEST_CASE(yaml_positions_are_one_based) {
    auto r = load(yaml_template, "stack.yaml");
    const auto* role = find(r, entity_type::role, "partner-readonly");
    BOOST_TEST_REQUIRE(role != nullptr);
    const json::value* action = at(role->fields, "assumeRolePolicy.Statement[0].Action[0]");
    BOOST_TEST_REQUIRE(action != nullptr);
    BOOST_TEST(action->pos.line == 14u);
    BOOST_TEST(action->pos.column == 21u);
}

BOOST_AUTO_TEST_CASE(intrinsics_without_an_account_stay_unresolved) {
    auto r = load(yaml_template, "stack.yaml");
    const auto* pol = find(r, entity_type::policy, "audit-read");
    BOOST_TEST_REQUIRE(pol != nullptr);
    BOOST_TEST(text_at(*pol, "document.Statement[0].Resource[0]") == "!Sub arn:aws:cloudtrail:*:${AWS::AccountId}:trail/*");
    std::vector<std::string> unresolved;
    for (const auto& d : r.diagnostics)
        if (d.code == codes::unresolved_intrinsic) unresolved.push_back(render_short(d));
    BOOST_TEST_REQUIRE(!unresolved.empty());
    BOOST_TEST(unresolved[0] ==
               "stack.yaml:17:33: warning[L009]: intrinsic function `Ref` kept unresolved as `!Ref ExternalIdParam` "
               "(in role `partner-readonly`)");
}

BOOST_AUTO_TEST_CASE(unknown_resource_type) {
    auto r = load(yaml_template, "stack.yaml");
    const diagnostic* d = iamguard::test::diag(r, codes::unknown_resource_type);
    BOOST_TEST_REQUIRE(d != nullptr);
    BOOST_TEST(render_short(*d) ==
               "stack.yaml:63:11: warning[L008]: unknown CloudFormation resource type `AWS::IAM::Rol` (resource `Typo` "
               "was not loaded) (at Resources.Typo.Type)");
    BOOST_TEST(d->help == "did you mean `AWS::IAM::Role`?");
    BOOST_TEST(r.count(entity_type::role) == 1u);  // the rest loads
}

BOOST_AUTO_TEST_CASE(json_template_and_malformed_type) {
    const char* text = R"({
  "Resources": {
    "Admin": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
        "Policies": [{"PolicyName": "all", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
        "MaxSessionDuration": "7200",
        "Tags": [{"Key": "env", "Value": "prod"}]
      }
    },
    "Weird": {"Type": "not a type"},
    "Bad": {"Type": "AWS::IAM::User", "Properties": {"Groups": "admins"}}
  }
})";
    auto r = load(text, "t.json");
    const auto* admin = find(r, entity_type::role, "Admin");  // no RoleName: the logical id
    BOOST_TEST_REQUIRE(admin != nullptr);
    BOOST_TEST(admin->arn.empty());
    BOOST_TEST(text_at(*admin, "maxSessionDuration") == "7200");
    BOOST_TEST(text_at(*admin, "tags[0].key") == "env");
    BOOST_TEST(text_at(*admin, "assumeRolePolicy.Statement[0].Principal.Service[0]") == "ec2.amazonaws.com");
    BOOST_TEST(admin->policies.size() == 3u);  // trust, inline, inline in combinedPolicies
    std::vector<std::string> lines;
    for (const auto& d : r.diagnostics) lines.push_back(render_short(d));
    BOOST_TEST_REQUIRE(lines.size() == 2u, iamguard::test::all_diags(r));
    BOOST_TEST(lines[0] ==
               "t.json:12:23: warning[L008]: unknown CloudFormation resource type `not a type` (resource `Weird` was "
               "not loaded) (at Resources.Weird.Type)");
    BOOST_TEST(lines[1] ==
               "t.json:13:64: error[L003]: expected a list for `Groups`, found string (in user `Bad`) "
               "(at Resources.Bad.Properties.Groups)");
    BOOST_TEST(find(r, entity_type::user, "Bad") != nullptr);
}

BOOST_AUTO_TEST_CASE(yaml_syntax_error) {
    auto r = load("Resources:\n  R:\n    Type: AWS::IAM::Role\n   bad: [unclosed\n", "broken.yaml");
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(r.diagnostics[0].code == "L010");
    BOOST_TEST(r.diagnostics[0].file == "broken.yaml");
    BOOST_TEST(r.diagnostics[0].pos.line == 4u);
}

BOOST_AUTO_TEST_SUITE_END()
