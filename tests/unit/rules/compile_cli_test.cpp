// SPDX-License-Identifier: Apache-2.0
// compile_cli_test.cpp: end-to-end tests of `iamguard compile`: rendered diagnostics with carets,
// the summary line, --syntax-only, --skip-unknown-types, --params, --list, stdin, exit codes.
#define BOOST_TEST_MODULE rules_cli
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_run.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;

namespace {

fs::path temp_dir() { return iamguard::test::scratch_dir("compile-test"); }

fs::path write(const std::string& name, const std::string& text) {
    const auto p = temp_dir() / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

using run_result = iamguard::test::cli_result;

run_result run(const std::string& args, const std::string& stdin_file = "/dev/null") {
    return iamguard::test::run_cli(IAMGUARD_CLI, "compile " + args, temp_dir(), stdin_file);
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(good_file_exits_zero_with_a_summary) {
    const auto f = write("good.rule", "rule A { title: 'a' severity: low logic: Role should have name }\n"
                                      "rule B { logic: User should have mfaActive }\n");
    const auto r = run("--list " + q(f));
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(has(r.out, "A  low  a\n"));
    BOOST_TEST(has(r.out, "B  medium  B\n"));
    BOOST_TEST(has(r.out, "1 file, 2 rules compiled, 0 errors, 0 warnings\n"));
}

BOOST_AUTO_TEST_CASE(errors_are_rendered_with_caret_and_exit_one) {
    const auto f = write("bad.rule", "Role should have trust.Statment\nUser shuld have name\n");
    const auto r = run(q(f));
    BOOST_TEST(r.code == 1);
    BOOST_TEST(has(r.out, f.string() + ":1:24: error[R021]: unknown field `Statment`"), r.out);
    BOOST_TEST(has(r.out, " 1 | Role should have trust.Statment\n   |                        ^~~~~~~~\n"), r.out);
    BOOST_TEST(has(r.out, "= help: did you mean `Statement`?"));
    BOOST_TEST(has(r.out, f.string() + ":2:6: error[R001]: expected `where` or `should`, found `shuld`"), r.out);
    BOOST_TEST(has(r.out, "1 file, 0 rules compiled, 2 errors, 0 warnings\n"), r.out);
}

BOOST_AUTO_TEST_CASE(syntax_only_and_skip_unknown_types) {
    const auto f = write("mixed.gsl", "S3Bucket should have logging.enabled=true\nUser should have mfaActive\n");
    BOOST_TEST(run(q(f)).code == 1);
    const auto s = run("--syntax-only " + q(f));
    BOOST_TEST(s.code == 0, s.out);
    BOOST_TEST(has(s.out, "2 rules compiled (syntax only), 0 errors"));
    const auto k = run("--skip-unknown-types " + q(f));
    BOOST_TEST(k.code == 0, k.out);
    BOOST_TEST(has(k.out, "warning[R020]: unknown entity type `S3Bucket`"));
}

BOOST_AUTO_TEST_CASE(parameter_file_overrides_and_is_checked) {
    const auto rule = write("p.rule", "rule P { param max: number = 3600 logic: Role should have maxSessionDuration <= {max} }\n");
    const auto good = write("good.yaml", "max: 7200\n");
    const auto bad = write("bad.json", R"({"max": "long"})");
    BOOST_TEST(run("--params " + q(good) + " " + q(rule)).code == 0);
    const auto r = run("--params " + q(bad) + " " + q(rule));
    BOOST_TEST(r.code == 1);
    BOOST_TEST(has(r.out, "error[R051]: parameter `max` of rule `P` is declared number but was set to a string"), r.out);
}

BOOST_AUTO_TEST_CASE(a_misspelt_parameter_is_a_warning_at_its_name) {
    const auto rule = write("age.rule", "rule AGE { param maxAgeDays: number = 90\n"
                                        "  logic: User should not have createDate before(-{maxAgeDays}, 'days') }\n");
    const auto params = write("params.yaml", "# overrides\nmaxAgeDay: 30\n");
    const auto r = run("--params " + q(params) + " " + q(rule));
    BOOST_TEST(r.code == 0, r.out << r.err);  // a warning: the rules compile
    BOOST_TEST(has(r.out, params.string() + ":2:1: warning[R054]: parameter `maxAgeDay` is set, but no rule declares or "
                                            "uses it; it has no effect"), r.out);
    BOOST_TEST(has(r.out, "= help: did you mean `maxAgeDays`?"), r.out);
    BOOST_TEST(has(r.out, "1 file, 1 rule compiled, 0 errors, 1 warning\n"), r.out);
    // used by another file of the same run: no warning
    const auto other = write("other.rule", "rule OTHER { param maxAgeDay: number = 1\n  logic: User should have name }\n");
    BOOST_TEST(!has(run("--params " + q(params) + " " + q(rule) + " " + q(other)).out, "R054"));
}

BOOST_AUTO_TEST_CASE(directories_stdin_and_unreadable_paths) {
    const auto dir = temp_dir() / "pack";
    fs::create_directories(dir);
    std::ofstream(dir / "one.rule") << "rule ONE { logic: Role should have name }\n";
    std::ofstream(dir / "two.rule") << "rule ONE { logic: User should have name }\n";
    const auto r = run(q(dir));
    BOOST_TEST(r.code == 1);
    BOOST_TEST(has(r.out, "error[R010]: duplicate rule id `ONE`"), r.out);
    const auto in = write("stdin.gsl", "Role should have name\n");
    BOOST_TEST(run("-", in.string()).code == 0);
    const auto typo = run("-", write("stdin-typo.gsl", "Role should have nam = 1\n").string());
    BOOST_TEST(typo.code == 1);
    BOOST_TEST(has(typo.out, "<stdin>:1:18: error[R021]: unknown field `nam`"), typo.out);  // named as scan names it
    const auto missing = run(q(temp_dir() / "nope.rule"));
    BOOST_TEST(missing.code == 2);
    BOOST_TEST(has(missing.err, "nope.rule"));
    BOOST_TEST(run("").code == 2);  // no path: usage error
}
