// SPDX-License-Identifier: Apache-2.0
// SARIF 2.1.0 output: structure checked against the schema's rules (sarif_shape.hpp) and the
// mapping of rules and findings to SARIF objects.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include <iamguard/report/writer.hpp>

#include "sample_findings.hpp"
#include "sarif_shape.hpp"

using namespace iamguard;
using njson = nlohmann::json;

namespace {

njson sarif_of(const test::sample_report& s, const report::run_summary& run = {}, const report::options& opts = {}) {
    return njson::parse(report::render(report::format::sarif, s.listed, s.findings, run, opts));
}

std::string joined(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) out += p + "\n";
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sarif_writer)

BOOST_AUTO_TEST_CASE(sample_report_is_structurally_valid_sarif) {
    const test::sample_report s;
    report::run_summary run;
    run.entities = 4;
    diagnostic d;
    d.code = "J001";
    d.file = "dir with space/bad.json";
    d.pos = {3, 1, 4};
    d.message = "expected a value";
    run.input_diagnostics.push_back(d);
    report::options with_passes;
    with_passes.include_passes = true;
    for (const auto& opts : {report::options{}, with_passes}) {
        const auto problems = test::sarif::check(sarif_of(s, run, opts));
        BOOST_TEST(problems.empty(), joined(problems));
    }
    const auto empty = test::sarif::check(njson::parse(report::render(report::format::sarif, {}, {})));
    BOOST_TEST(empty.empty(), joined(empty));
}

BOOST_AUTO_TEST_CASE(the_checker_catches_schema_violations) {
    // The structural check must itself be able to fail, or the test above proves nothing.
    njson log = sarif_of(test::sample_report{});
    BOOST_TEST(test::sarif::check(log).empty());
    njson bad = log;
    bad["runs"][0]["results"][0].erase("message");
    BOOST_TEST(joined(test::sarif::check(bad)).find("missing required property `message`") != std::string::npos);
    bad = log;
    bad["runs"][0]["results"][1]["level"] = "error";  // a review result with a level
    BOOST_TEST(joined(test::sarif::check(bad)).find("requires kind `fail`") != std::string::npos);
    bad = log;
    bad["runs"][0]["results"][0]["severity"] = "high";  // not a SARIF property
    BOOST_TEST(joined(test::sarif::check(bad)).find("`severity` is not defined") != std::string::npos);
    bad = log;
    bad["runs"][0]["results"][0]["ruleIndex"] = 1;
    BOOST_TEST(joined(test::sarif::check(bad)).find("names a rule other than") != std::string::npos);
    bad = log;
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;
    BOOST_TEST(joined(test::sarif::check(bad)).find("below the minimum 1") != std::string::npos);
    bad = log;
    bad["runs"][0]["tool"]["driver"].erase("name");
    BOOST_TEST(!test::sarif::check(bad).empty());
    bad = log;
    bad["runs"][0]["invocations"][0].erase("executionSuccessful");
    BOOST_TEST(!test::sarif::check(bad).empty());
}

BOOST_AUTO_TEST_CASE(driver_and_rule_metadata) {
    const auto log = sarif_of(test::sample_report{});
    BOOST_TEST(log["version"] == "2.1.0");
    BOOST_TEST(log["$schema"].get<std::string>().ends_with("sarif-schema-2.1.0.json"));
    const auto& driver = log["runs"][0]["tool"]["driver"];
    BOOST_TEST(driver["name"] == "iamguard");
    BOOST_TEST(driver["version"] == "0.1.0");
    BOOST_TEST(driver.contains("informationUri"));
    BOOST_TEST_REQUIRE(driver["rules"].size() == 3u);
    const auto& r = driver["rules"][0];
    BOOST_TEST(r["id"] == "IG.IAM.001");
    BOOST_TEST(r["name"] == "CrossAccountRoleWithoutAnExternalID");
    BOOST_TEST(r["shortDescription"]["text"] == "Cross-account role without an external ID");
    BOOST_TEST(r["fullDescription"]["text"] == "A role that another account can assume should require an external ID.");
    BOOST_TEST(r["help"]["text"] == "Add a `sts:ExternalId` condition to the trust policy.");
    BOOST_TEST(r["help"]["markdown"] == "Add a `sts:ExternalId` condition to the trust policy.");
    // the first reference is not a URI, so the second one is the help URI
    BOOST_TEST(r["helpUri"] == "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html");
    BOOST_TEST(r["defaultConfiguration"]["level"] == "error");
    BOOST_TEST(r["properties"]["severity"] == "high");
    BOOST_TEST(r["properties"]["tags"] == njson({"CIS AWS 1.14", "NIST4"}));  // deduplicated
    const auto& keys = driver["rules"][1];
    BOOST_TEST(keys["defaultConfiguration"]["level"] == "note");
    BOOST_TEST(!keys.contains("fullDescription"));  // empty text is left out, never written as ""
    BOOST_TEST(!keys.contains("help"));
    BOOST_TEST(!keys.contains("helpUri"));
    BOOST_TEST(driver["rules"][2]["defaultConfiguration"]["level"] == "warning");
}

BOOST_AUTO_TEST_CASE(severity_to_level) {
    BOOST_TEST(report::sarif_level(rules::rule_severity::critical) == "error");
    BOOST_TEST(report::sarif_level(rules::rule_severity::high) == "error");
    BOOST_TEST(report::sarif_level(rules::rule_severity::medium) == "warning");
    BOOST_TEST(report::sarif_level(rules::rule_severity::low) == "note");
    BOOST_TEST(report::sarif_level(rules::rule_severity::info) == "note");
}

BOOST_AUTO_TEST_CASE(results_for_failures_and_errors) {
    const auto log = sarif_of(test::sample_report{});
    const auto& results = log["runs"][0]["results"];
    BOOST_TEST_REQUIRE(results.size() == 3u);  // the pass is left out

    const auto& fail = results[0];
    BOOST_TEST(fail["ruleId"] == "IG.IAM.001");
    BOOST_TEST(fail["ruleIndex"] == 0);
    BOOST_TEST(fail["kind"] == "fail");
    BOOST_TEST(fail["level"] == "error");
    BOOST_TEST(fail["message"]["text"] == "the trust policy admits `222222222222` without an external ID");
    const auto& loc = fail["locations"][0];
    BOOST_TEST(loc["physicalLocation"]["artifactLocation"]["uri"] == "account.json");
    BOOST_TEST(loc["physicalLocation"]["region"]["startLine"] == 12);
    BOOST_TEST(loc["physicalLocation"]["region"]["startColumn"] == 7);
    BOOST_TEST(loc["logicalLocations"][0]["name"] == "admin");
    BOOST_TEST(loc["logicalLocations"][0]["fullyQualifiedName"] == "arn:aws:iam::111111111111:role/admin");
    BOOST_TEST(loc["logicalLocations"][0]["kind"] == "resource");
    const auto& ev = fail["relatedLocations"][0];
    BOOST_TEST(ev["physicalLocation"]["region"]["startLine"] == 14);
    BOOST_TEST(ev["physicalLocation"]["region"]["startColumn"] == 9);
    BOOST_TEST(ev["message"]["text"] == R"(assumeRolePolicy.Statement[0] = {"Effect":"Allow"})");
    BOOST_TEST(fail["partialFingerprints"]["iamguard/v1"] == "IG.IAM.001|arn:aws:iam::111111111111:role/admin");
    BOOST_TEST(fail["properties"]["outcome"] == "fail");

    const auto& error = results[1];
    BOOST_TEST(error["kind"] == "review");
    BOOST_TEST(error["level"] == "none");
    BOOST_TEST(error["properties"]["outcome"] == "error");
    BOOST_TEST(!error["locations"][0]["logicalLocations"][0].contains("fullyQualifiedName"));  // no ARN
    BOOST_TEST(error["partialFingerprints"]["iamguard/v1"] == "IG.IAM.001|Role/broken");

    const auto& low = results[2];
    BOOST_TEST(low["ruleIndex"] == 1);
    BOOST_TEST(low["level"] == "note");
    BOOST_TEST(!low["relatedLocations"][0].contains("physicalLocation"));  // evidence position unknown

    const auto& inv = log["runs"][0]["invocations"][0];
    BOOST_TEST(inv["executionSuccessful"] == true);
    BOOST_TEST(!inv.contains("toolExecutionNotifications"));
}

BOOST_AUTO_TEST_CASE(passes_become_pass_results_when_asked) {
    report::options opts;
    opts.include_passes = true;
    const auto log = sarif_of(test::sample_report{}, {}, opts);
    const auto& results = log["runs"][0]["results"];
    BOOST_TEST_REQUIRE(results.size() == 4u);
    BOOST_TEST(results[1]["kind"] == "pass");
    BOOST_TEST(results[1]["level"] == "none");
    BOOST_TEST(results[1]["ruleId"] == "IG.IAM.003");
}

BOOST_AUTO_TEST_CASE(input_problems_become_notifications) {
    report::run_summary run;
    diagnostic d;
    d.code = "L001";
    d.file = "/abs/dir with space/a.json";
    d.pos = {0, 0, 1};  // line unknown: no region
    d.message = "cannot open";
    run.input_diagnostics.push_back(d);
    const auto log = sarif_of(test::sample_report{}, run);
    const auto& inv = log["runs"][0]["invocations"][0];
    BOOST_TEST(inv["executionSuccessful"] == false);
    const auto& n = inv["toolExecutionNotifications"][0];
    BOOST_TEST(n["level"] == "error");
    BOOST_TEST(n["message"]["text"] == "cannot open");
    BOOST_TEST(n["properties"]["code"] == "L001");
    const auto& pl = n["locations"][0]["physicalLocation"];
    BOOST_TEST(pl["artifactLocation"]["uri"] == "file:///abs/dir%20with%20space/a.json");
    BOOST_TEST(!pl.contains("region"));
}

BOOST_AUTO_TEST_CASE(findings_of_unlisted_rules_have_no_rule_index) {
    rules::rule_info extra;
    extra.id = "X.1";
    std::vector<rules::finding> fs(1);
    fs[0].rule = &extra;
    fs[0].result = rules::outcome::fail;
    fs[0].entity_name = "e";
    const test::sample_report s;
    const auto log = njson::parse(report::render(report::format::sarif, s.listed, fs));
    const auto& r = log["runs"][0]["results"][0];
    BOOST_TEST(r["ruleId"] == "X.1");
    BOOST_TEST(!r.contains("ruleIndex"));
    BOOST_TEST(r["message"]["text"] == "Role e does not pass X.1");  // a message is required
}

// Validation with the official JSON schema through ajv (Node.js), when a developer installed it
// with tests/unit/report/install_sarif_validator.sh. Disabled by default; CTest runs it as its own
// test (test_report_sarif_schema), which reports SKIPPED when node or the packages are absent.
BOOST_AUTO_TEST_CASE(validates_against_the_official_schema, *boost::unit_test::disabled()) {
    const std::filesystem::path dir = IAMGUARD_SARIF_VALIDATOR_DIR;
    const std::filesystem::path script = std::filesystem::path(IAMGUARD_SOURCE_DIR) / "tests/unit/report/validate_sarif.js";
    if (std::system("node --version > /dev/null 2>&1") != 0 || !std::filesystem::exists(dir / "node_modules/ajv-draft-04")) {
        std::cout << "SKIPPED: node or the SARIF validator in " << dir.string()
                  << " is absent (run tests/unit/report/install_sarif_validator.sh)\n";
        return;
    }
    test::sample_report s;
    report::run_summary run;
    run.entities = 4;
    diagnostic d;
    d.code = "J001";
    d.file = "bad.json";
    d.pos = {3, 1, 4};
    d.message = "expected a value";
    run.input_diagnostics.push_back(d);
    report::options opts;
    opts.include_passes = true;
    const auto out = std::filesystem::temp_directory_path() / "iamguard_report_test.sarif";
    {
        std::ofstream f(out, std::ios::binary);
        f << report::render(report::format::sarif, s.listed, s.findings, run, opts);
    }
    const std::string cmd = "node '" + script.string() + "' '" + dir.string() + "' '" + out.string() + "'";
    BOOST_TEST(std::system(cmd.c_str()) == 0);
    std::filesystem::remove(out);
}

BOOST_AUTO_TEST_CASE(evidence_from_a_joined_input_names_that_input) {
    const test::sample_report s;
    const auto log = njson::parse(report::render(report::format::sarif, s.listed, test::joined_evidence(s.keys)));
    BOOST_TEST(test::sarif::check(log).empty());
    const auto& r = log["runs"][0]["results"][0];
    BOOST_TEST(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "account.json");
    const auto& ev = r["relatedLocations"][0]["physicalLocation"];
    BOOST_TEST(ev["artifactLocation"]["uri"] == "credential-report.csv");
    BOOST_TEST(ev["region"]["startLine"] == 3);
    BOOST_TEST(ev["region"]["startColumn"] == 40);
}

BOOST_AUTO_TEST_SUITE_END()
