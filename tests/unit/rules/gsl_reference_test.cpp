// SPDX-License-Identifier: Apache-2.0
// gsl_reference_test.cpp: the GSL reference (../shared/design/gsl-reference.md) as a test.
//
// 1. Every rule or expression quoted in the reference parses with syntax_only. The examples are
//    read from the document at test time (it is licensed material: never copied here); the
//    reference elides parts with `…`, `...` and metavariables (`L`, `p`, `op n`), which are
//    replaced by paths before parsing, as listed in placeholder().
// 2. The examples on IAM entity types, written out here as whole rules, evaluate with the meaning
//    the reference gives them, on entities written for this test.
#include <regex>

#include <boost/test/unit_test.hpp>

#include "rules_support.hpp"
#include "test_paths.hpp"

using iamguard::entity::entity_type;
using iamguard::test::make_entity;
using iamguard::test::verdict;
namespace rules = iamguard::rules;

namespace {

/// Replaces the reference's elisions by a path, so that what remains is the construct itself.
std::string placeholder(std::string s) {
    for (const std::string ellipsis : {"\xE2\x80\xA6", "..."}) {
        for (auto at = s.find(ellipsis); at != std::string::npos; at = s.find(ellipsis, at))
            s.replace(at, ellipsis.size(), " x ");
    }
    s = std::regex_replace(s, std::regex(R"(\bop n\b)"), "= n");
    s = std::regex_replace(s, std::regex(R"(\((n|otherDateProp),\s*'unit'\))"), "(-1, 'days')");
    // `'{ ($.errorcode = ..UnauthorizedOperation.. x'`: an unterminated quote after elision
    if (std::count(s.begin(), s.end(), '\'') % 2 == 1) s += "'";
    // an elided operand after an operator or keyword (`regexMatch x`, `= x and x`) is fine; an
    // elided predicate after `and`/`or` too; an elided `should` clause becomes a path
    s = std::regex_replace(s, std::regex(R"(should\s+x\s*$)"), "should have x");
    s = std::regex_replace(s, std::regex(R"(regexMatch\s+x)"), "regexMatch /x/");
    s = std::regex_replace(s, std::regex(R"(like\s+'(.*?)\s*x\s*')"), "like '$1'");
    return s;
}

/// The form in which a quoted span is parsed as a whole rule, or empty to skip it (a bare
/// operator name such as `like` or `=`, or a grammar template such as `<Target> should <Condition>`).
std::string as_rule(const std::string& span) {
    static const std::regex rule_start(R"(^(List<\w+>|\w+)\s+(where|should)\b)");
    static const std::regex has_operand(R"([A-Za-z$][\w.:$-]*\s*(=|!=|<|>|\bin\b|\blike\b|\bregexMatch\b|\bcontain|\bwith\b|\bgroupBy\b|\(\)|\bafter|\bbefore|\bdateDifference|\bisEmpty|\blength))");
    static const std::regex keywords_only(R"(^(should|not|have|where|\s)+$)");
    static const std::regex call_only(R"(^(?!not\b)\w+\s*\(.*\)$)");
    if (std::regex_match(span, keywords_only) || span.front() == '\'' || span == "List<Entity>") return {};
    if (span.find('<') != std::string::npos && span.find("List<") == std::string::npos &&
        (span.find("<root_account>") == std::string::npos || span == "<root_account>") && span.find("<=") == std::string::npos &&
        span.find("< ") == std::string::npos)
        return {};  // a template like `<entity_type> where <expression>`
    if (std::regex_search(span, rule_start)) return placeholder(span);
    if (span.rfind("where ", 0) == 0) return "Entity " + placeholder(span) + " should have x";
    if (span.rfind("should ", 0) == 0) return "Entity " + placeholder(span);
    if (span.rfind("like ", 0) == 0 || span.rfind("regexMatch ", 0) == 0) return "Entity should have x " + placeholder(span);
    if (span.rfind("groupBy ", 0) == 0) return "Entity should have x " + placeholder(span) + " length() > 0";
    if (std::regex_match(span, call_only))
        return "Entity should have x " + placeholder(span);
    if (span == "contain-single" || span == "unlike") return "Entity should have x " + span + (span == "unlike" ? " 'y'" : " [y]");
    if (!std::regex_search(span, has_operand)) return {};
    return "Entity should have " + placeholder(span);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_gsl_reference)

BOOST_AUTO_TEST_CASE(every_quoted_example_parses_with_syntax_only) {
    if (!iamguard::test::shared_available("design/gsl-reference.md")) return;
    const std::string doc = iamguard::test::read_file(iamguard::test::shared_dir() / "design/gsl-reference.md");
    const std::regex span(R"(`([^`\n]+)`)");
    std::size_t parsed = 0;
    for (auto it = std::sregex_iterator(doc.begin(), doc.end(), span); it != std::sregex_iterator(); ++it) {
        const std::string text = (*it)[1].str();
        const std::string rule = as_rule(text);
        if (rule.empty()) continue;
        rules::compile_options o;
        o.syntax_only = true;
        o.params.set("x", rules::param_value{std::string("x")});
        const auto r = rules::compile(rule, "gsl-reference.md", o);
        BOOST_TEST(static_cast<bool>(r), "example `" << text << "` (parsed as `" << rule << "`):\n"
                                                     << iamguard::test::dump(r.diagnostics));
        ++parsed;
    }
    BOOST_TEST_MESSAGE("gsl-reference.md: " << parsed << " examples parsed");
    BOOST_TEST(parsed >= 80u);  // the reference quotes about a hundred; a regression in extraction shows here
}

// ---- the IAM examples, evaluated ----

BOOST_AUTO_TEST_CASE(root_user_used_recently) {
    // "name regexMatch /^<root_account>$/i" selects the root row; after(-90,'days') = used within 90 days
    const std::string rule = "IamUser where name regexMatch /^<root_account>$/i should not have passwordLastUsed after(-90, 'days')";
    const auto root = make_entity(entity_type::user, "<root_account>",
                                  R"({"name": "<root_account>", "passwordLastUsed": "2024-05-30T08:00:00+00:00"})");
    const auto idle_root = make_entity(entity_type::user, "<root_account>",
                                       R"({"name": "<ROOT_ACCOUNT>", "passwordLastUsed": "2023-01-30T08:00:00+00:00"})");
    const auto alice = make_entity(entity_type::user, "alice", R"({"name": "alice", "passwordLastUsed": "2024-05-30T08:00:00Z"})");
    BOOST_TEST(verdict(rule, root) == "fail");
    BOOST_TEST(verdict(rule, idle_root) == "pass");
    BOOST_TEST(verdict(rule, alice) == "skip");
    // the older `like '%root%'` form also catches ordinary users whose name contains "root"
    const auto rooty = make_entity(entity_type::user, "groot", R"({"name": "groot", "virtualMfaEnabled": false})");
    BOOST_TEST(verdict("IamUser where name like '%root%' should have virtualMfaEnabled", rooty) == "fail");
}

BOOST_AUTO_TEST_CASE(allow_with_not_action_on_attached_policies) {
    const std::string rule =
        "IamPolicy where attachmentCount >0 should not have document.Statement contain [ Effect='Allow' and NotAction ]";
    const auto bad = make_entity(entity_type::policy, "p", R"({"attachmentCount": 2, "document": {"Statement": [
        {"Effect": "Deny", "Action": ["s3:*"], "Resource": ["*"]},
        {"Effect": "Allow", "NotAction": ["iam:*"], "Resource": ["*"]}]}})");
    const auto deny_only = make_entity(entity_type::policy, "p", R"({"attachmentCount": 1, "document": {"Statement": [
        {"Effect": "Deny", "NotAction": ["iam:*"], "Resource": ["*"]}]}})");
    const auto unattached = make_entity(entity_type::policy, "p", R"({"attachmentCount": 0, "document": {"Statement": []}})");
    BOOST_TEST(verdict(rule, bad) == "fail");
    BOOST_TEST(verdict(rule, deny_only) == "pass");
    BOOST_TEST(verdict(rule, unattached) == "skip");
}

BOOST_AUTO_TEST_CASE(full_admin_policies_attached_to_nobody) {
    const std::string rule =
        "IamPolicy where (arn!='arn:aws:iam::aws:policy/AdministratorAccess') and document.Statement contain-any "
        "[Effect = 'Allow' and (Resource ='*' or Resource contain[$='*'] ) and (Action ='*' or Action contain[$='*'])] "
        "should have users isEmpty() and roles isEmpty() and groups isEmpty()";
    const auto attached = make_entity(entity_type::policy, "admin", R"({"arn": "arn:aws:iam::1:policy/admin",
        "document": {"Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]},
        "users": [], "roles": [{"name": "r", "arn": "arn:aws:iam::1:role/r"}], "groups": []})");
    const auto detached = make_entity(entity_type::policy, "admin", R"({"arn": "arn:aws:iam::1:policy/admin",
        "document": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}, "users": [], "roles": []})");
    const auto aws_managed = make_entity(entity_type::policy, "AdministratorAccess",
        R"({"arn": "arn:aws:iam::aws:policy/AdministratorAccess", "document": {"Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]}, "roles": [{"name": "r"}]})");
    BOOST_TEST(verdict(rule, attached) == "fail");
    BOOST_TEST(verdict(rule, detached) == "pass");  // scalar Action/Resource work too
    BOOST_TEST(verdict(rule, aws_managed) == "skip");
}

BOOST_AUTO_TEST_CASE(access_key_statements_require_secure_transport) {
    // with [...] contain-all [...]: of the Allow statements about access keys, all pin SecureTransport
    const std::string rule =
        "IamPolicy where document.Statement contain [Effect='Allow' and Action regexMatch /AccessKey/ ] and not ( roles "
        "isEmpty() and users isEmpty() and groups isEmpty()) should have document.Statement with [Effect='Allow' and "
        "Action regexMatch /AccessKey/ ] contain-all [Condition.Bool.aws:SecureTransport = 'true']";
    const auto secure = make_entity(entity_type::policy, "p", R"({"users": [{"name": "u"}], "document": {"Statement": [
        {"Effect": "Allow", "Action": ["iam:CreateAccessKey"], "Resource": ["*"], "Condition": {"Bool": {"aws:SecureTransport": ["true"]}}},
        {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["*"]}]}})");
    const auto insecure = make_entity(entity_type::policy, "p", R"({"users": [{"name": "u"}], "document": {"Statement": [
        {"Effect": "Allow", "Action": ["iam:CreateAccessKey"], "Resource": ["*"], "Condition": {"Bool": {"aws:SecureTransport": ["true"]}}},
        {"Effect": "Allow", "Action": ["iam:UpdateAccessKey"], "Resource": ["*"]}]}})");
    const auto unattached = make_entity(entity_type::policy, "p", R"({"users": [], "roles": [], "groups": [], "document": {"Statement": [
        {"Effect": "Allow", "Action": ["iam:UpdateAccessKey"], "Resource": ["*"]}]}})");
    BOOST_TEST(verdict(rule, secure) == "pass");
    BOOST_TEST(verdict(rule, insecure) == "fail");
    BOOST_TEST(verdict(rule, unattached) == "skip");
}

BOOST_AUTO_TEST_CASE(admin_users_without_mfa_nested_predicates) {
    const std::string rule =
        "IamUser where combinedPolicies contain [ name regexMatch /admin|fullaccess/i ] or combinedPolicies contain [ "
        "policyDocument.Statement contain[ (Effect='Allow') and (Action='*' and Resource='*') ]] should not have mfaActive=false";
    const auto by_name = make_entity(entity_type::user, "u", R"({"mfaActive": false, "combinedPolicies": [{"name": "S3FullAccess", "policyDocument": {"Statement": []}}]})");
    const auto by_statement = make_entity(entity_type::user, "u", R"({"mfaActive": "false", "combinedPolicies": [{"name": "p",
        "policyDocument": {"Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]}}]})");
    const auto with_mfa = make_entity(entity_type::user, "u", R"({"mfaActive": true, "combinedPolicies": [{"name": "AdminAccess", "policyDocument": {"Statement": []}}]})");
    const auto plain = make_entity(entity_type::user, "u", R"({"mfaActive": false, "combinedPolicies": [{"name": "ReadOnly",
        "policyDocument": {"Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": ["*"]}]}}]})");
    BOOST_TEST(verdict(rule, by_name) == "fail");
    BOOST_TEST(verdict(rule, by_statement) == "fail");
    BOOST_TEST(verdict(rule, with_mfa) == "pass");
    BOOST_TEST(verdict(rule, plain) == "skip");
}

BOOST_AUTO_TEST_CASE(trust_policy_without_condition) {
    const std::string rule =
        "IamRole should not have assumeRolePolicy.Statement contain-any [ Action='sts:AssumeRole' and Effect = 'Allow' "
        "and Principal.AWS regexMatch /(root)|(user)/ and (Condition.StringEquals isEmpty() and Condition.StringLike isEmpty())]";
    const auto open = make_entity(entity_type::role, "r", R"({"assumeRolePolicy": {"Statement": [
        {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::222222222222:root"]}, "Action": ["sts:AssumeRole"]}]}})");
    const auto pinned = make_entity(entity_type::role, "r", R"({"assumeRolePolicy": {"Statement": [
        {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::222222222222:root"]}, "Action": ["sts:AssumeRole"],
         "Condition": {"StringEquals": {"sts:ExternalId": ["x"]}}}]}})");
    const auto service = make_entity(entity_type::role, "r", R"({"assumeRolePolicy": {"Statement": [
        {"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}]}})");
    BOOST_TEST(verdict(rule, open) == "fail");
    BOOST_TEST(verdict(rule, pinned) == "pass");
    BOOST_TEST(verdict(rule, service) == "pass");
}

BOOST_AUTO_TEST_CASE(account_password_policy_and_credential_report) {
    const auto acct = make_entity(entity_type::account, "111111111111", R"({"passwordPolicy": {"enabledInAccount": true,
        "minPasswordLength": 14, "maxPasswordAge": 90, "requireUppercaseCharacter": true, "requireSymbols": false},
        "credentialReportGeneratedTime": "2024-05-31T12:00:00Z", "stats": {"accountMfaEnabled": true}})");
    BOOST_TEST(verdict("Iam should have passwordPolicy.enabledInAccount=true", acct) == "pass");
    BOOST_TEST(verdict("Iam should have passwordPolicy.minPasswordLength>=14", acct) == "pass");
    BOOST_TEST(verdict("Iam should have passwordPolicy.maxPasswordAge>0 and passwordPolicy.maxPasswordAge<91", acct) ==
               "pass");
    BOOST_TEST(verdict("Iam should have passwordPolicy.requireSymbols=true", acct) == "fail");
    BOOST_TEST(verdict("Iam should have stats.accountMfaEnabled = 1", acct) == "pass");
    BOOST_TEST(verdict("Iam should have credentialReportGeneratedTime after (-24, 'hours')", acct) == "pass");
    BOOST_TEST(verdict("Iam should have credentialReportGeneratedTime after (-6, 'hours')", acct) == "fail");
}

BOOST_AUTO_TEST_CASE(access_key_rotation_and_creation) {
    const std::string stale =
        "IamUser where firstAccessKey.isActive='true' and not firstAccessKey.lastRotated after(-90, 'days') should have "
        "firstAccessKey.lastUsedDate after(-90, 'days')";
    const auto old_unused = make_entity(entity_type::user, "u", R"({"firstAccessKey": {"isActive": true,
        "lastRotated": "2023-01-01T00:00:00Z", "lastUsedDate": "2023-02-01T00:00:00Z"}})");
    const auto old_used = make_entity(entity_type::user, "u", R"({"firstAccessKey": {"isActive": true,
        "lastRotated": "2023-01-01T00:00:00Z", "lastUsedDate": "2024-05-01T00:00:00Z"}})");
    const auto fresh = make_entity(entity_type::user, "u", R"({"firstAccessKey": {"isActive": "true",
        "lastRotated": "2024-05-01T00:00:00Z", "lastUsedDate": null}})");
    BOOST_TEST(verdict(stale, old_unused) == "fail");
    BOOST_TEST(verdict(stale, old_used) == "pass");
    BOOST_TEST(verdict(stale, fresh) == "skip");
    // keys set up with the user: created within a minute of the user
    const std::string at_creation =
        "IamUser where passwordEnabled = 'true' should not have createDate dateDifference(firstAccessKey.lastRotated, "
        "'seconds') < 60";
    const auto at_once = make_entity(entity_type::user, "u", R"({"passwordEnabled": true, "createDate": "2024-01-01T00:00:00Z",
        "firstAccessKey": {"lastRotated": "2024-01-01T00:00:20Z"}})");
    const auto later = make_entity(entity_type::user, "u", R"({"passwordEnabled": true, "createDate": "2024-01-01T00:00:00Z",
        "firstAccessKey": {"lastRotated": "2024-01-03T00:00:00Z"}})");
    BOOST_TEST(verdict(at_creation, at_once) == "fail");
    BOOST_TEST(verdict(at_creation, later) == "pass");
    // cross-field comparison of dates
    const auto rotated_then_used = make_entity(entity_type::user, "u", R"({"firstAccessKey": {"lastRotated": "2024-05-01T00:00:00Z",
        "lastUsedDate": "2024-05-02T00:00:00Z"}})");
    BOOST_TEST(verdict("IamUser should have (firstAccessKey.lastRotated after(-90, 'days') and firstAccessKey.lastUsedDate > firstAccessKey.lastRotated)",
                       rotated_then_used) == "pass");
}

BOOST_AUTO_TEST_CASE(users_get_permissions_through_groups) {
    const auto grouped = make_entity(entity_type::user, "u", R"({"name": "u", "attachedGroups": [{"name": "g"}],
        "managedPolicies": [], "inlinePolicies": []})");
    const auto direct = make_entity(entity_type::user, "u", R"({"name": "u", "attachedGroups": [],
        "managedPolicies": [{"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "name": "ReadOnlyAccess"}], "inlinePolicies": []})");
    BOOST_TEST(verdict("IamUser should have attachedGroups length()>0", grouped) == "pass");
    BOOST_TEST(verdict("IamUser should have attachedGroups length()>0", direct) == "fail");
    BOOST_TEST(verdict("IamUser should have managedPolicies contain-none[arn or name] and inlinePolicies isEmpty()", grouped) ==
               "pass");
    BOOST_TEST(verdict("IamUser should have managedPolicies contain-none[arn or name] and inlinePolicies isEmpty()", direct) ==
               "fail");
}

BOOST_AUTO_TEST_CASE(literal_gsl_misses_wildcards_that_the_schema_does_not_expand) {
    // GSL compares action text: `iam:*` grants iam:DeactivateMFADevice but a literal rule misses it.
    // (The IAM-aware functions of ARCHITECTURE.md close this gap; this records the literal meaning.)
    const std::string literal_rule =
        "IamPolicy where attachmentCount > 0 should not have document.Statement contain [Effect = 'Allow' and Action in "
        "('iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:ResyncMFADevice')]";
    const auto explicit_grant = make_entity(entity_type::policy, "p", R"({"attachmentCount": 1, "document": {"Statement": [
        {"Effect": "Allow", "Action": ["iam:DeactivateMFADevice"], "Resource": ["*"]}]}})");
    const auto wildcard_grant = make_entity(entity_type::policy, "p", R"({"attachmentCount": 1, "document": {"Statement": [
        {"Effect": "Allow", "Action": ["iam:*"], "Resource": ["*"]}]}})");
    BOOST_TEST(verdict(literal_rule, explicit_grant) == "fail");
    BOOST_TEST(verdict(literal_rule, wildcard_grant) == "pass");  // the literal rule's blind spot
}

BOOST_AUTO_TEST_SUITE_END()
