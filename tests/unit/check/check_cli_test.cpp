// SPDX-License-Identifier: Apache-2.0
// End-to-end tests of `iamguard check`: output format, exit codes, inferred kinds.
#define BOOST_TEST_MODULE check_cli
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>

#include "test_paths.hpp"

namespace {

struct run_result {
    int code = -1;
    std::string out;  // stdout and stderr together
};

run_result run(const std::string& args) {
    const std::string cmd = std::string(IAMGUARD_CLI) + " " + args + " 2>&1";
    run_result r;
    FILE* p = popen(cmd.c_str(), "r");
    BOOST_TEST_REQUIRE(p != nullptr);
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string write_temp(const std::string& name, const std::string& content) {
    const auto dir = std::filesystem::temp_directory_path() / "iamguard-check-test";
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(clean_policy_exits_zero) {
    const auto f = write_temp("ok.json", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})");
    const auto r = run("check " + f);
    BOOST_TEST(r.code == 0);
    BOOST_TEST(contains(r.out, "checked as an identity policy"));
    BOOST_TEST(contains(r.out, "1 policy checked: 0 with errors, 0 errors, 0 warnings"));
}

BOOST_AUTO_TEST_CASE(errors_are_printed_with_position_caret_and_help) {
    const auto f = write_temp("bad.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]\n}\n");
    const auto r = run("check " + f);
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.out, f + ":3:28: error[P106]: invalid `Effect` `allow` (at Statement[0].Effect)\n"
                                   " 3 |   \"Statement\": [{\"Effect\": \"allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]\n"
                                   "   |                            ^~~~~~~\n"
                                   "  = help: did you mean \"Allow\"?\n"));
    BOOST_TEST(contains(r.out, "1 policy checked: 1 with errors, 1 error, 0 warnings"));
    BOOST_TEST(run("check --exit-zero " + f).code == 0);
}

BOOST_AUTO_TEST_CASE(explicit_kind_changes_the_checks) {
    const auto f = write_temp("trust.json", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]})");
    BOOST_TEST(run("check " + f).code == 0);  // inferred: trust
    const auto r = run("check --kind identity " + f);
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.out, "error[P201]"));
    BOOST_TEST(contains(r.out, "error[P206]"));
}

BOOST_AUTO_TEST_CASE(unreadable_file_exits_two_and_others_are_checked) {
    const auto ok = write_temp("ok2.json", R"({"Version":"2012-10-17","Statement":[]})");
    const auto r = run("check /nonexistent/policy.json " + ok);
    BOOST_TEST(r.code == 2);
    BOOST_TEST(contains(r.out, "iamguard check: /nonexistent/policy.json: cannot open: No such file or directory"));
    BOOST_TEST(contains(r.out, "1 policy checked: 0 with errors, 0 errors, 1 warning, 1 unreadable"));
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_two) {
    BOOST_TEST(run("check --kind bogus x.json").code == 2);
    BOOST_TEST(run("check").code == 2);
    BOOST_TEST(run("no-such-command").code == 2);
}

BOOST_AUTO_TEST_CASE(empty_and_binary_files_get_json_errors) {
    const auto empty = write_temp("empty.json", "");
    auto r = run("check " + empty);
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.out, empty + ":1:1: error[J006]: expected a JSON value, found end of input"));
    const auto bin = write_temp("bin.json", std::string("\x7f\x45\x4c\x46\x02\x01", 6));
    r = run("check " + bin);
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.out, bin + ":1:1: error[J001]: expected a JSON value, found byte 0x7f"));
}

BOOST_AUTO_TEST_CASE(url_encoded_and_string_forms_from_stdin_and_files) {
    const auto f = (iamguard::test::source_dir() / "examples/data/policies/ec2-trust.urlencoded.txt").string();
    const auto r = run("check " + f);
    BOOST_TEST(r.code == 0);
    BOOST_TEST(contains(r.out, "checked as a trust policy"));
    const auto s = run("check - < " + f);
    BOOST_TEST(s.code == 0);
    // Standard input is named `<stdin>`, as `iamguard scan` names it.
    BOOST_TEST(contains(s.out, "<stdin>: checked as a trust policy"), s.out);
    const auto bad = write_temp("stdin-bad.json", R"({"Statement": [{"Effect": "Alow", "Action": "s3:*", "Resource": "*"}]})");
    const auto e = run("check - < " + bad);
    BOOST_TEST(e.code == 1);
    BOOST_TEST(contains(e.out, "<stdin>:1:27: error[P106]"), e.out);
}

BOOST_AUTO_TEST_CASE(bundled_examples_show_their_problems) {
    const auto dir = iamguard::test::source_dir() / "examples/data/policies";
    const auto r = run("check " + (dir / "legacy-admin.json").string() + " " + (dir / "bucket-policy.json").string());
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.out, "legacy-admin.json:5:23: error[P106]"));
    BOOST_TEST(contains(r.out, "legacy-admin.json:13:27: error[P116]: unknown condition operator `StringEqualsIgnorecase`"));
    BOOST_TEST(contains(r.out, "help: did you mean `StringEqualsIgnoreCase`?"));
    BOOST_TEST(contains(r.out, "bucket-policy.json:11:13: error[J002]: duplicate key `Effect`"));
    BOOST_TEST(contains(r.out, "bucket-policy.json:8:29: error[P203]"));
}
