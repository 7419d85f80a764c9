// SPDX-License-Identifier: Apache-2.0
// pack_corpus_test.cpp: the shipped rule pack (dsl/rules) run over ../shared/corpora:
//  - the 1,523 AWS managed policies, each as an attached Policy entity: which allow MFA-device
//    management (IG.IAM.003), compared with CloudGuard's published D9.AWS.IAM.86;
//  - the roles of the six cloudsplaining account dumps: which can be assumed from another account
//    without an external ID or MFA (IG.IAM.001), compared with the published D9.AWS.IAM.61.
// The figures are written into dsl/rules/README.md by this test (IAMGUARD_UPDATE_DOCS=1) and
// checked against it otherwise.
#define BOOST_TEST_MODULE corpus_pack
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <iamguard/analysis/functions.hpp>
#include <iamguard/entity/canonical.hpp>
#include <iamguard/entity/load.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/rules/compile.hpp>
#include <iamguard/rules/rule_test.hpp>

#include "docs_section.hpp"
#include "test_paths.hpp"

namespace rules = iamguard::rules;
namespace entity = iamguard::entity;
namespace fs = std::filesystem;

namespace {

const fs::path pack = IAMGUARD_PACK_DIR;

const std::string iam86 =
    "rule D9.AWS.IAM.86 {\n  logic: IamPolicy where attachmentCount >0 should not have document.Statement contain [ "
    "Effect='Allow' and (Action='iam:DeactivateMFADevice' or Action='iam:EnableMFADevice' or "
    "Action='iam:ResyncMFADevicem' or Action='iam:DeleteVirtualMFADevice' or Action='iam:CreateVirtualMFADevice' or "
    "Action='iam:ListMFADevices' or Action='iam:ListVirtualMFADevices') ]\n}\n";
const std::string iam61 =
    "rule D9.AWS.IAM.61 {\n  logic: IamRole should not have assumeRolePolicy.Statement contain-any [ "
    "Action='sts:AssumeRole' and Effect = 'Allow' and Principal.AWS regexMatch /(root)|(user)/ and "
    "(Condition.StringEquals isEmpty() and Condition.StringLike isEmpty())]\n}\n";
// The five write actions of the seed's list (without the two List actions): management proper.
const std::string write_only =
    "rule MFA.WRITE {\n  logic: Policy where attachmentCount > 0 should not have document allows("
    "'iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:ResyncMFADevice', 'iam:DeleteVirtualMFADevice', "
    "'iam:CreateVirtualMFADevice')\n}\n";

struct fixture_rules {
    rules::function_registry functions = iamguard::analysis::standard_functions();
    rules::rule_set set;
    fixture_rules() {
        rules::compile_options co;
        co.functions = &functions;
        auto res = rules::compile_paths({pack / "IG.IAM.001.rule", pack / "IG.IAM.003.rule"}, co);
        BOOST_REQUIRE(res);
        auto extra = rules::compile(iam86 + iam61 + write_only, "literal.rule", co);
        BOOST_REQUIRE(extra);
        set = std::move(*res.rules);
        extra_ = std::move(*extra.rules);
    }
    const rules::rule_set& extra() const { return extra_; }

private:
    rules::rule_set extra_;
};

// rule id -> names of the entities it failed
using failures = std::map<std::string, std::vector<std::string>>;

void collect(const rules::rule_set& set, const std::vector<entity::entity>& all, failures& out, std::size_t& errors,
             const std::string& prefix = {}) {
    rules::eval_context ctx;
    ctx.now = rules::default_test_time();
    std::vector<rules::finding> findings;
    for (const auto& e : all) set.evaluate(e, ctx, findings);
    for (const auto& f : findings) {
        if (f.result == rules::outcome::error) ++errors;
        if (f.result == rules::outcome::fail) out[f.rule->id].push_back(prefix + f.entity_name);
    }
}

std::vector<entity::entity> managed_policies(std::size_t& files) {
    std::string lines;
    std::vector<fs::path> paths;
    for (const auto& e : fs::directory_iterator(iamguard::test::shared_dir() / "corpora/aws-managed-policies-mamip/policies"))
        if (e.path().extension() == ".json") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    files = paths.size();
    for (const auto& p : paths) {
        const auto parsed = iamguard::json::parse(iamguard::test::read_file(p));
        BOOST_REQUIRE(parsed.ok);
        const auto* version = parsed.root.find("PolicyVersion");
        BOOST_REQUIRE(version != nullptr);
        const auto* doc = version->find("Document");
        BOOST_REQUIRE(doc != nullptr);
        const std::string name = p.stem().string();
        std::string line = "{\"type\":\"Policy\",\"name\":";
        iamguard::json::append_quoted(line, name);
        line += ",\"arn\":";
        iamguard::json::append_quoted(line, "arn:aws:iam::aws:policy/" + name);
        line += ",\"isAwsManaged\":true,\"attachmentCount\":1,\"document\":";
        entity::write_json(line, *doc);
        line += "}\n";
        lines += line;
    }
    auto loaded = entity::load(lines, "managed-policies.jsonl");
    BOOST_TEST(loaded.ok());
    return std::move(loaded.entities);
}

std::string list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "`" : ", `") + n + "`";
    return out.empty() ? "none" : out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(pack_over_the_corpora) {
    if (!iamguard::test::shared_available("corpora/aws-managed-policies-mamip/policies")) return;
    if (!iamguard::test::shared_available("corpora/authz-details-cloudsplaining")) return;
    fixture_rules r;
    std::size_t errors = 0;

    // ---- managed policies ----
    std::size_t files = 0;
    const auto policies = managed_policies(files);
    BOOST_TEST(files == 1523u);
    BOOST_TEST(policies.size() == files);
    failures mp;
    collect(r.set, policies, mp, errors);
    collect(r.extra(), policies, mp, errors);
    auto& mfa = mp["IG.IAM.003"];
    auto& write = mp["MFA.WRITE"];
    std::sort(mfa.begin(), mfa.end());
    std::sort(write.begin(), write.end());
    for (const char* expected : {"AdministratorAccess", "IAMFullAccess", "AWSMcpServiceActionsFullAccess"}) {
        BOOST_TEST(std::binary_search(mfa.begin(), mfa.end(), expected), expected);
        BOOST_TEST(std::binary_search(write.begin(), write.end(), expected), expected);
    }
    // the published literal rule finds only policies naming the List actions, and misses all three
    // policies that grant the write actions through wildcards
    auto& literal = mp["D9.AWS.IAM.86"];
    std::sort(literal.begin(), literal.end());
    for (const auto& w : write) BOOST_TEST(!std::binary_search(literal.begin(), literal.end(), w), w);
    for (const auto& l : literal) BOOST_TEST(std::binary_search(mfa.begin(), mfa.end(), l), l);

    // ---- cloudsplaining dumps ----
    std::vector<fs::path> dumps;
    for (const auto& e : fs::directory_iterator(iamguard::test::shared_dir() / "corpora/authz-details-cloudsplaining"))
        if (e.path().extension() == ".json") dumps.push_back(e.path());
    std::sort(dumps.begin(), dumps.end());
    BOOST_TEST(dumps.size() == 6u);
    std::ostringstream roles_md;
    std::size_t total_roles = 0, total_cross = 0, total_fail = 0, total_61 = 0;
    roles_md << "| dump | roles | cross-account | IG.IAM.001 fails (no external ID, no MFA) | D9.AWS.IAM.61 fails |\n"
             << "|---|---|---|---|---|\n";
    for (const auto& d : dumps) {
        auto loaded = entity::load_files({d});
        std::vector<entity::entity> roles;
        for (auto& e : loaded.entities)
            if (e.type == entity::entity_type::role) roles.push_back(std::move(e));
        failures f;
        collect(r.set, roles, f, errors);
        collect(r.extra(), roles, f, errors);
        // roles the cross-account rule looked at: those its `where` selected
        rules::eval_context ctx;
        ctx.now = rules::default_test_time();
        std::vector<rules::finding> all;
        for (const auto& e : roles) r.set.evaluate(e, ctx, all);
        const auto cross = std::count_if(all.begin(), all.end(), [](const rules::finding& x) { return x.rule->id == "IG.IAM.001"; });
        auto& fails = f["IG.IAM.001"];
        std::sort(fails.begin(), fails.end());
        total_roles += roles.size();
        total_cross += static_cast<std::size_t>(cross);
        total_fail += fails.size();
        total_61 += f["D9.AWS.IAM.61"].size();
        auto& lit61 = f["D9.AWS.IAM.61"];
        std::sort(lit61.begin(), lit61.end());
        roles_md << "| `" << d.filename().string() << "` | " << roles.size() << " | " << cross << " | " << fails.size()
                 << (fails.empty() ? "" : ": " + list(fails)) << " | " << lit61.size()
                 << (lit61.empty() ? "" : ": " + list(lit61)) << " |\n";
    }
    roles_md << "| total | " << total_roles << " | " << total_cross << " | " << total_fail << " | " << total_61 << " |\n";
    BOOST_TEST(errors == 0u);

    std::ostringstream md;
    md << "Managed policies (`corpora/aws-managed-policies-mamip`, " << files
       << " documents, each scanned as a Policy attached once):\n\n"
       << "- IG.IAM.003 (the seven actions of the seed, listing included): **" << mfa.size() << "** policies allow "
       << "MFA-device management: " << list(mfa) << "\n"
       << "- of which the five write actions (create, enable, resync, deactivate, delete): **" << write.size()
       << "**: " << list(write) << "\n"
       << "- CloudGuard D9.AWS.IAM.86 as published: **" << literal.size() << "**, all through the List actions named "
          "literally (none of the policies granting the write actions): " << list(literal) << "\n\n"
       << "Roles of the cloudsplaining dumps (`corpora/authz-details-cloudsplaining`) that another account can assume "
          "without an external ID or MFA:\n\n"
       << roles_md.str();
    const fs::path readme = pack / "README.md";
    if (iamguard::test::updating_docs()) {
        BOOST_REQUIRE(iamguard::test::write_section(readme, "corpus", md.str()));
        return;
    }
    BOOST_TEST(iamguard::test::read_section(readme, "corpus") == md.str(),
               "dsl/rules/README.md is out of date: run test_corpus_pack with IAMGUARD_UPDATE_DOCS=1\n" << md.str());
}
