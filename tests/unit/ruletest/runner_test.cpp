// SPDX-License-Identifier: Apache-2.0
// runner_test.cpp: run_rule_tests() and run_case() on small rule files with known right and wrong
// expectations, and `iamguard test` end to end (output and exit codes).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <iamguard/rules/compile.hpp>
#include <iamguard/rules/rule_test.hpp>

#include "test_paths.hpp"

namespace rules = iamguard::rules;
namespace fs = std::filesystem;

namespace {

const fs::path data = IAMGUARD_RULETEST_DATA;

// A fresh directory under the system temp dir, removed at the end of the test.
struct temp_dir {
    fs::path path;
    explicit temp_dir(const std::string& name) : path(fs::temp_directory_path() / ("iamguard-ruletest-" + name)) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~temp_dir() { fs::remove_all(path); }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

const iamguard::diagnostic* find_code(const std::vector<iamguard::diagnostic>& diags, std::string_view code) {
    const auto it = std::find_if(diags.begin(), diags.end(), [&](const auto& d) { return d.code == code; });
    return it == diags.end() ? nullptr : &*it;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runner)

BOOST_AUTO_TEST_CASE(right_and_wrong_expectations_are_told_apart) {
    const auto report = rules::run_rule_tests({data / "sample" / "names.rule"});
    BOOST_TEST(!report.has_errors());
    BOOST_TEST(report.rule_files == 1u);
    BOOST_TEST(report.passed == 1u);
    BOOST_TEST(report.failed == 2u);
    BOOST_REQUIRE_EQUAL(report.failures.size(), 2u);
    const auto& f = report.failures[0];
    BOOST_TEST(f.rule_id == "T.NAME.001");
    BOOST_TEST(f.case_name == "wrong on purpose");
    BOOST_TEST(f.entity == "admin-two");
    BOOST_TEST((f.expected == rules::test_outcome::pass));
    BOOST_TEST((f.actual == rules::test_outcome::fail));
    BOOST_TEST(!f.message.empty());
    BOOST_REQUIRE(!f.evidence.empty());
    BOOST_TEST(f.evidence[0].path == "name");
    BOOST_TEST(f.evidence[0].pos.line == 16u);  // the entity's name in the tests file
    BOOST_TEST(f.file == (data / "sample" / "names.tests.json").string());
    BOOST_TEST(f.pos.line == 18u);  // the expectation
    BOOST_TEST(f.pos.column == 18u);
    // an entity the case does not list is expected to get no finding
    const auto& g = report.failures[1];
    BOOST_TEST(g.case_name == "unlisted entity with a finding");
    BOOST_TEST(g.entity == "admin-three");
    BOOST_TEST((g.expected == rules::test_outcome::skip));
    BOOST_TEST((g.actual == rules::test_outcome::fail));
}

BOOST_AUTO_TEST_CASE(a_directory_pairs_rules_with_tests_and_flags_untested_rules) {
    const auto report = rules::run_rule_tests({data / "sample"});
    BOOST_TEST(report.rule_files == 2u);
    BOOST_TEST(report.passed == 1u);
    BOOST_TEST(report.failed == 3u);  // two wrong cases and the untested rule file
    const auto* d = find_code(report.diagnostics, rules::test_codes::no_tests);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST((d->level == iamguard::severity::warning));
    BOOST_TEST(d->file == (data / "sample" / "untested.rule").string());
    BOOST_TEST(!report.has_errors());
}

BOOST_AUTO_TEST_CASE(a_tests_file_given_directly_runs_its_rule) {
    const auto report = rules::run_rule_tests({data / "sample" / "names.tests.json"});
    BOOST_TEST(report.rule_files == 1u);
    BOOST_TEST(report.passed + report.failed == 3u);
}

BOOST_AUTO_TEST_CASE(parameters_of_a_case_recompile_the_rule) {
    temp_dir dir("params");
    dir.write("age.rule",
              "rule T.AGE.001 {\n  param days: number = 90\n"
              "  logic: User should not have firstAccessKey.lastRotated before(-{days}, 'days')\n}\n");
    dir.write("age.tests.json",
              R"({"rule": "T.AGE.001", "now": "2024-06-30T00:00:00Z", "cases": [
 {"name": "default", "entities": [{"type": "User", "name": "u", "firstAccessKey": {"isActive": true, "lastRotated": "2024-05-01T00:00:00Z"}}], "expect": {"u": "pass"}},
 {"name": "stricter", "params": {"days": 30}, "entities": [{"type": "User", "name": "u", "firstAccessKey": {"isActive": true, "lastRotated": "2024-05-01T00:00:00Z"}}], "expect": {"u": "fail"}},
 {"name": "qualified", "params": {"T.AGE.001.days": 30}, "entities": [{"type": "User", "name": "u", "firstAccessKey": {"isActive": true, "lastRotated": "2024-05-01T00:00:00Z"}}], "expect": {"u": "fail"}},
 {"name": "later", "now": "2024-12-31T00:00:00Z", "entities": [{"type": "User", "name": "u", "firstAccessKey": {"isActive": true, "lastRotated": "2024-05-01T00:00:00Z"}}], "expect": {"u": "fail"}}
]})");
    const auto report = rules::run_rule_tests({dir.path});
    BOOST_TEST(!report.has_errors());
    BOOST_TEST(report.passed == 4u);
    BOOST_TEST(report.failed == 0u);
}

BOOST_AUTO_TEST_CASE(a_parameter_of_the_wrong_type_fails_the_case_with_the_compiler_s_diagnostic) {
    temp_dir dir("badparam");
    dir.write("p.rule", "rule T.P.001 {\n  param days: number = 90\n"
                        "  logic: User should not have firstAccessKey.lastRotated before(-{days}, 'days')\n}\n");
    dir.write("p.tests.json", R"({"cases": [{"name": "text", "params": {"days": "thirty"},
 "entities": [{"type": "User", "name": "u"}], "expect": {"u": "pass"}}]})");
    const auto report = rules::run_rule_tests({dir.path});
    BOOST_TEST(report.failed == 1u);
    BOOST_TEST(report.has_errors());
    const auto* d = find_code(report.diagnostics, "R051");
    BOOST_TEST((d != nullptr || find_code(report.diagnostics, "R033") != nullptr));
}

BOOST_AUTO_TEST_CASE(a_case_naming_an_unknown_rule_is_T008) {
    temp_dir dir("unknownrule");
    dir.write("n.rule", "rule T.N.001 {\n  logic: Role should have name\n}\n");
    dir.write("n.tests.json", R"({"rule": "T.N.999", "cases": [{"name": "c", "entities": [{"type": "Role", "name": "r"}], "expect": {"r": "pass"}}]})");
    const auto report = rules::run_rule_tests({dir.path});
    const auto* d = find_code(report.diagnostics, rules::test_codes::unknown_rule);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->message == "case `c` names rule `T.N.999`, which `" + (dir.path / "n.rule").string() + "` does not define");
    BOOST_TEST(report.failed == 1u);
}

BOOST_AUTO_TEST_CASE(rules_that_do_not_compile_are_reported_and_their_tests_not_run) {
    temp_dir dir("nocompile");
    dir.write("bad.rule", "rule T.B.001 {\n  logic: Role should have nmae\n}\n");
    dir.write("bad.tests.json", R"({"cases": []})");
    const auto report = rules::run_rule_tests({dir.path});
    BOOST_TEST(report.has_errors());
    const auto* d = find_code(report.diagnostics, "R021");
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->pos.line == 2u);
    BOOST_TEST(report.passed + report.failed == 0u);
}

BOOST_AUTO_TEST_CASE(missing_paths_and_orphan_tests_files_are_errors) {
    temp_dir dir("orphan");
    dir.write("alone.tests.json", R"({"cases": []})");
    const auto report = rules::run_rule_tests({dir.path, dir.path / "nothing-here"});
    BOOST_TEST(report.has_errors());
    BOOST_TEST(report.diagnostics.size() == 2u);
    BOOST_TEST(find_code(report.diagnostics, rules::test_codes::unreadable) != nullptr);
}

BOOST_AUTO_TEST_CASE(aggregate_rules_are_expected_under_their_list_name) {
    temp_dir dir("aggregate");
    dir.write("agg.rule", "rule T.A.001 {\n  logic: List<Role> should not have items groupBy [path] contain [values length() > 1]\n}\n");
    dir.write("agg.tests.json", R"({"cases": [
 {"name": "shared path", "entities": [{"type": "Role", "name": "a", "path": "/x/"}, {"type": "Role", "name": "b", "path": "/x/"}], "expect": {"List<Role>": "fail"}},
 {"name": "distinct paths", "entities": [{"type": "Role", "name": "a", "path": "/x/"}, {"type": "Role", "name": "b", "path": "/y/"}], "expect": {"List<Role>": "pass"}},
 {"name": "wrong", "entities": [{"type": "Role", "name": "a", "path": "/x/"}], "expect": {"List<Role>": "fail"}}
]})");
    const auto report = rules::run_rule_tests({dir.path});
    BOOST_TEST(!report.has_errors());
    BOOST_TEST(report.passed == 2u);
    BOOST_TEST(report.failed == 1u);
    BOOST_REQUIRE_EQUAL(report.failures.size(), 1u);
    BOOST_TEST(report.failures[0].entity == "List<Role>");
}

BOOST_AUTO_TEST_CASE(run_case_reports_every_entity_of_a_case) {
    const std::string text = iamguard::test::read_file(data / "sample" / "names.tests.json");
    const auto parsed = rules::parse_rule_tests(text, "names.tests.json");
    BOOST_REQUIRE(parsed.ok());
    const auto compiled = rules::compile(iamguard::test::read_file(data / "sample" / "names.rule"), "names.rule");
    BOOST_REQUIRE(compiled);
    const std::vector<std::string> ids = {"T.NAME.001"};
    const auto results = rules::run_case(*compiled.rules, parsed.tests.cases[0], ids);
    // the three entities of the case and the Account entity the loader adds for their account
    BOOST_REQUIRE_EQUAL(results.size(), 4u);
    std::map<std::string, rules::test_outcome> by_name;
    for (const auto& r : results) by_name[r.entity] = r.actual;
    BOOST_TEST((by_name["admin-all"] == rules::test_outcome::fail));
    BOOST_TEST((by_name["reader"] == rules::test_outcome::pass));
    BOOST_TEST((by_name["admin-user"] == rules::test_outcome::skip));
    BOOST_TEST((by_name["111122223333"] == rules::test_outcome::skip));
    const auto skipped = std::find_if(results.begin(), results.end(), [](const auto& r) { return r.entity == "admin-user"; });
    BOOST_TEST(skipped->message.empty());
}

#ifdef IAMGUARD_CLI
namespace {
struct cli_result {
    int code = -1;
    std::string out;
    std::string err;
};
cli_result run_cli(const std::string& args) {
    temp_dir dir("cli-out");
    const std::string cmd = std::string(IAMGUARD_CLI) + " " + args + " > '" + (dir.path / "out").string() + "' 2> '" +
                            (dir.path / "err").string() + "'";
    const int status = std::system(cmd.c_str());
    cli_result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = iamguard::test::read_file(dir.path / "out");
    r.err = iamguard::test::read_file(dir.path / "err");
    return r;
}
}  // namespace

BOOST_AUTO_TEST_CASE(cli_prints_failing_cases_and_the_final_line) {
    const auto r = run_cli("test --no-color '" + (data / "sample" / "names.rule").string() + "'");
    BOOST_TEST(r.code == 1);
    const std::string tests = (data / "sample" / "names.tests.json").string();
    BOOST_TEST(r.out.find("FAIL T.NAME.001 `wrong on purpose` (" + tests + ":18:18)\n"
                          "  admin-two: expected pass, got fail\n") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("    evidence: name at 16:") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("  admin-three: expected skip, got fail\n") != std::string::npos, r.out);
    BOOST_TEST(r.out.ends_with("\n1 passed, 2 failed\n"), r.out);
}

BOOST_AUTO_TEST_CASE(cli_exit_codes) {
    temp_dir dir("cli-codes");
    dir.write("ok.rule", "rule T.OK.001 {\n  logic: Role should have name\n}\n");
    dir.write("ok.tests.json", R"({"cases": [{"name": "c", "entities": [{"type": "Role", "name": "r"}], "expect": {"r": "pass"}}]})");
    const auto ok = run_cli("test '" + dir.path.string() + "'");
    BOOST_TEST(ok.code == 0);
    BOOST_TEST(ok.out == "1 passed, 0 failed\n");
    dir.write("bad.rule", "rule T.BAD.001 {\n  logic: Role should have nmae\n}\n");
    const auto bad = run_cli("test '" + dir.path.string() + "'");
    BOOST_TEST(bad.code == 2);
    BOOST_TEST(bad.err.find("error[R021]") != std::string::npos, bad.err);
    const auto usage = run_cli("test --no-such-option");
    BOOST_TEST(usage.code == 2);
}

BOOST_AUTO_TEST_CASE(cli_defaults_to_the_shipped_pack) {
    const auto r = run_cli("test --no-color -v");
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(r.err.empty(), r.err);
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(IAMGUARD_PACK_DIR)) files += e.path().extension() == ".rule";
    BOOST_TEST(r.out.starts_with(std::to_string(files) + " rule files tested\n"), r.out);
    BOOST_TEST(r.out.ends_with(" passed, 0 failed\n"), r.out);
}
#endif

BOOST_AUTO_TEST_SUITE_END()

// `-{name}` (used by IG.IAM.008 as `before(-{maxKeyAgeDays}, 'days')`) negates number parameters only.
BOOST_AUTO_TEST_SUITE(negated_parameters)

BOOST_AUTO_TEST_CASE(a_negated_string_parameter_is_R033_at_the_reference) {
    const auto res = rules::compile("rule T.N.001 {\n  param unit: string = 'days'\n"
                                    "  logic: User should not have name = -{unit}\n}\n",
                                    "n.rule");
    BOOST_TEST(!res);
    BOOST_REQUIRE(!res.diagnostics.empty());
    BOOST_TEST(res.diagnostics[0].code == "R033");
    BOOST_TEST(res.diagnostics[0].pos.line == 3u);
    BOOST_TEST(res.diagnostics[0].pos.column == 38u);
    BOOST_TEST(res.diagnostics[0].message == "`-{unit}` negates a number, but parameter `unit` is a string");
}

BOOST_AUTO_TEST_CASE(a_negated_number_parameter_prints_back_as_written) {
    const auto parsed = rules::parse("rule T.N.002 {\n  param d: number = 5\n  logic: User should not have passwordLastUsed before(-{d}, 'days')\n}\n", "n.rule");
    BOOST_REQUIRE_EQUAL(parsed.rules.size(), 1u);
    BOOST_REQUIRE(parsed.rules[0].body.condition.has_value());
    BOOST_TEST(rules::ast::to_string(*parsed.rules[0].body.condition) == "passwordLastUsed before(-{d}, 'days')");
}

BOOST_AUTO_TEST_SUITE_END()
