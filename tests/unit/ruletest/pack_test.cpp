// SPDX-License-Identifier: Apache-2.0
// pack_test.cpp: the shipped rule pack (dsl/rules): every rule has its metadata and at least ten
// test cases, and every case passes with the IAM-aware functions.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <iamguard/analysis/functions.hpp>
#include <iamguard/entity/load.hpp>
#include <iamguard/rules/compile.hpp>
#include <iamguard/rules/rule_test.hpp>

#include "test_paths.hpp"

namespace rules = iamguard::rules;
namespace fs = std::filesystem;

namespace {

const fs::path pack = IAMGUARD_PACK_DIR;

std::vector<fs::path> rule_files() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(pack))
        if (e.path().extension() == ".rule") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pack_rules)

BOOST_AUTO_TEST_CASE(every_case_of_every_rule_passes) {
    const auto functions = iamguard::analysis::standard_functions();
    rules::test_run_options o;
    o.functions = &functions;
    const auto report = rules::run_rule_tests({pack}, o);
    for (const auto& d : report.diagnostics) BOOST_TEST_MESSAGE(iamguard::render_short(d));
    for (const auto& f : report.failures)
        BOOST_TEST_MESSAGE(f.rule_id << " `" << f.case_name << "` " << f.entity << ": expected "
                                     << rules::to_string(f.expected) << ", got " << rules::to_string(f.actual) << " ("
                                     << f.message << ")");
    BOOST_TEST(report.diagnostics.empty());
    BOOST_TEST(report.failures.empty());
    BOOST_TEST(report.failed == 0u);
    BOOST_TEST(report.rule_files == rule_files().size());
    BOOST_TEST(report.passed >= 10 * rule_files().size());
}

BOOST_AUTO_TEST_CASE(one_rule_per_file_named_for_it_with_ten_cases_and_its_metadata) {
    const auto functions = iamguard::analysis::standard_functions();
    rules::compile_options co;
    co.functions = &functions;
    const auto files = rule_files();
    BOOST_TEST(files.size() >= 5u);
    for (const auto& file : files) {
        BOOST_TEST_CONTEXT(file.filename().string()) {
            const auto compiled = rules::compile(iamguard::test::read_file(file), file.string(), co);
            BOOST_REQUIRE(compiled);
            BOOST_REQUIRE_EQUAL(compiled.rules->size(), 1u);
            const auto& info = compiled.rules->rules()[0];
            BOOST_TEST(info.id + ".rule" == file.filename().string());
            BOOST_TEST(info.id.starts_with("IG.IAM."));
            BOOST_TEST(!info.title.empty());
            BOOST_TEST(info.description.size() > 200u);
            BOOST_TEST(info.remediation.find("Console:") != std::string::npos);
            BOOST_TEST(info.remediation.find("AWS CLI:") != std::string::npos);
            BOOST_TEST(info.remediation.find("`aws iam ") != std::string::npos);
            BOOST_TEST(!info.references.empty());
            for (const auto& r : info.references) BOOST_TEST(r.starts_with("https://docs.aws.amazon.com/"), r);
            const fs::path tests = pack / (info.id + ".tests.json");
            BOOST_REQUIRE(fs::exists(tests));
            const auto parsed = rules::parse_rule_tests(iamguard::test::read_file(tests), tests.string());
            BOOST_TEST(parsed.ok());
            BOOST_TEST(parsed.tests.cases.size() >= 10u);
            std::set<std::string> names;
            std::map<rules::test_outcome, int> outcomes;
            for (const auto& c : parsed.tests.cases) {
                BOOST_TEST(names.insert(c.name).second, "case names are unique: " << c.name);
                BOOST_TEST(!c.description.empty(), c.name);
                for (const auto& e : c.expect) ++outcomes[e.expected];
            }
            // every rule is shown passing and failing
            BOOST_TEST(outcomes[rules::test_outcome::pass] > 0);
            BOOST_TEST(outcomes[rules::test_outcome::fail] > 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(severities_follow_the_seeds) {
    const auto functions = iamguard::analysis::standard_functions();
    rules::compile_options co;
    co.functions = &functions;
    const auto compiled = rules::compile_paths({pack}, co);
    BOOST_REQUIRE(compiled);
    std::map<std::string, rules::rule_severity> sev;
    std::map<std::string, std::vector<std::string>> tags;
    for (const auto& r : compiled.rules->rules()) {
        sev[r.id] = r.severity;
        tags[r.id] = r.compliance;
    }
    // seed 001 (IAM-057) and seed 004 (SEC03-BP09) say Medium, seed 002 (D9.AWS.IAM.86) Low
    BOOST_TEST((sev["IG.IAM.002"] == rules::rule_severity::medium));
    BOOST_TEST((sev["IG.IAM.003"] == rules::rule_severity::low));
    BOOST_TEST((sev["IG.IAM.009"] == rules::rule_severity::medium));
    BOOST_TEST((sev["IG.IAM.010"] == rules::rule_severity::medium));
    auto has = [&](const std::string& id, const std::string& tag) {
        return std::find(tags[id].begin(), tags[id].end(), tag) != tags[id].end();
    };
    BOOST_TEST(has("IG.IAM.001", "APRA"));
    BOOST_TEST(has("IG.IAM.001", "MAS"));
    BOOST_TEST(has("IG.IAM.001", "NIST4"));
    BOOST_TEST(has("IG.IAM.007", "CIS AWS Foundations (Level 2)"));
    BOOST_TEST(has("IG.IAM.009", "AWS WA SEC03-BP09"));
    BOOST_TEST(has("IG.IAM.003", "CloudGuard D9.AWS.IAM.86"));
}

BOOST_AUTO_TEST_CASE(the_mfa_rules_name_every_action_spelt_right) {
    for (const char* id : {"IG.IAM.003", "IG.IAM.004", "IG.IAM.005", "IG.IAM.006"}) {
        const std::string text = iamguard::test::read_file(pack / (std::string(id) + ".rule"));
        const auto logic = text.substr(text.find("logic:"));
        for (const char* a : {"'iam:DeactivateMFADevice'", "'iam:EnableMFADevice'", "'iam:ResyncMFADevice'",
                              "'iam:DeleteVirtualMFADevice'", "'iam:CreateVirtualMFADevice'", "'iam:ListMFADevices'",
                              "'iam:ListVirtualMFADevices'"})
            BOOST_TEST(logic.find(a) != std::string::npos, id << " " << a);
        BOOST_TEST(logic.find("ResyncMFADevicem") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(the_sample_account_shows_passing_and_failing_entities_for_every_rule) {
    // what the README's main command does: the pack over examples/data with its parameter file
    const fs::path data = iamguard::test::source_dir() / "examples" / "data";
    std::vector<iamguard::diagnostic> diags;
    const auto params =
        rules::load_parameters(iamguard::test::read_file(data / "params.yaml"), (data / "params.yaml").string(), diags);
    BOOST_TEST(diags.empty());
    const auto functions = iamguard::analysis::standard_functions();
    rules::compile_options co;
    co.functions = &functions;
    co.params = params;
    const auto compiled = rules::compile_paths({pack}, co);
    BOOST_REQUIRE(compiled);
    const auto loaded = iamguard::entity::load_files({data / "account-authorization-details.json", data / "credential-report.csv"});
    BOOST_TEST(loaded.ok());
    rules::eval_context ctx;
    ctx.now = rules::default_test_time();  // the sample's reference date
    std::vector<rules::finding> findings;
    for (const auto& e : loaded.entities) compiled.rules->evaluate(e, ctx, findings);
    compiled.rules->evaluate_aggregates(loaded.entities, ctx, findings);
    std::map<std::string, std::map<rules::outcome, int>> by_rule;
    for (const auto& f : findings) ++by_rule[f.rule->id][f.result];
    for (std::size_t i = 0; i < compiled.rules->size(); ++i) {
        const auto& id = compiled.rules->rules()[i].id;
        BOOST_TEST_CONTEXT(id) {
            BOOST_TEST(by_rule[id][rules::outcome::error] == 0);
            BOOST_TEST(by_rule[id][rules::outcome::fail] > 0);
            // an aggregate rule gives one finding per scan: the sample reuses an external ID
            if (!compiled.rules->is_aggregate(i)) BOOST_TEST(by_rule[id][rules::outcome::pass] > 0);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
