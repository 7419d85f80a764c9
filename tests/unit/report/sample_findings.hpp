// SPDX-License-Identifier: Apache-2.0
// sample_findings.hpp: hand-built rules and findings shared by the report writer tests.
#pragma once

#include <vector>

#include <iamguard/rules/finding.hpp>

namespace iamguard::test {

/// Three rules (one without findings) and four findings: a fail with evidence, a pass, an error
/// on an entity without ARN, and a fail whose entity name needs escaping in every format.
struct sample_report {
    rules::rule_info trust, keys, unused;
    std::vector<const rules::rule_info*> listed;
    std::vector<rules::finding> findings;

    sample_report() {
        trust.id = "IG.IAM.001";
        trust.title = "Cross-account role without an external ID";
        trust.severity = rules::rule_severity::high;
        trust.description = "A role that another account can assume should require an external ID.";
        trust.remediation = "Add a `sts:ExternalId` condition to the trust policy.";
        trust.references = {"CIS benchmark 1.2",
                            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html"};
        trust.compliance = {"CIS AWS 1.14", "NIST4", "CIS AWS 1.14"};
        trust.file = "rules/trust.rule";
        trust.pos = {0, 3, 1};

        keys.id = "IG.IAM.003";
        keys.title = "Users without active access keys";
        keys.severity = rules::rule_severity::low;
        keys.file = "rules/keys.rule";
        keys.pos = {10, 1, 1};

        unused.id = "IG.IAM.009";
        unused.title = "Unused rule";
        unused.severity = rules::rule_severity::medium;

        listed = {&trust, &keys, &unused};

        rules::finding f1;
        f1.rule = &trust;
        f1.entity_type = entity::entity_type::role;
        f1.entity_name = "admin";
        f1.entity_arn = "arn:aws:iam::111111111111:role/admin";
        f1.location = {"account.json", {120, 12, 7}, "RoleDetailList[0]"};
        f1.result = rules::outcome::fail;
        f1.message = "the trust policy admits `222222222222` without an external ID";
        f1.evidence.push_back({"assumeRolePolicy.Statement[0]", R"({"Effect":"Allow"})", {200, 14, 9}, ""});
        findings.push_back(std::move(f1));

        rules::finding f2;
        f2.rule = &keys;
        f2.entity_type = entity::entity_type::user;
        f2.entity_name = "alice";
        f2.entity_arn = "arn:aws:iam::111111111111:user/alice";
        f2.location = {"account.json", {30, 3, 5}, "UserDetailList[0]"};
        f2.result = rules::outcome::pass;
        f2.message = "no active access key";
        findings.push_back(std::move(f2));

        rules::finding f3;
        f3.rule = &trust;
        f3.entity_type = entity::entity_type::role;
        f3.entity_name = "broken";
        f3.location = {"account.json", {400, 40, 7}, "RoleDetailList[1]"};
        f3.result = rules::outcome::error;
        f3.message = "cannot evaluate `trust`: not a policy";
        findings.push_back(std::move(f3));

        rules::finding f4;
        f4.rule = &keys;
        f4.entity_type = entity::entity_type::user;
        f4.entity_name = "bob<&\"'>";
        f4.entity_arn = "arn:aws:iam::111111111111:user/bob";
        f4.location = {"account.json", {50, 5, 5}, ""};
        f4.result = rules::outcome::fail;
        f4.message = "access key `AKIA...` is active";
        f4.evidence.push_back({"firstAccessKey.isActive", "true", {0, 0, 1}, ""});
        findings.push_back(std::move(f4));
    }
};

}  // namespace iamguard::test

namespace iamguard::test {

/// A user whose decisive field was joined from the credential report: the evidence position is
/// in that input, not in the entity's own file.
inline std::vector<rules::finding> joined_evidence(const rules::rule_info& rule) {
    std::vector<rules::finding> fs(1);
    fs[0].rule = &rule;
    fs[0].entity_type = entity::entity_type::user;
    fs[0].entity_name = "dave";
    fs[0].location = {"account.json", {60, 7, 9}, "UserDetailList[1]"};
    fs[0].result = rules::outcome::fail;
    fs[0].message = "an access key is active";
    rules::evidence e;
    e.path = "firstAccessKey.isActive";
    e.value = "true";
    e.pos = {300, 3, 40};
    e.file = "credential-report.csv";
    fs[0].evidence.push_back(e);
    return fs;
}

}  // namespace iamguard::test
