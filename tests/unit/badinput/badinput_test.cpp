// SPDX-License-Identifier: Apache-2.0
// The bad-input matrix (issue 8): each hostile or broken input gets a clear, located error and
// exit code 2 (or a diagnostic for that entity), nothing crashes or hangs (CTest's timeout
// guards the hangs), and the good input given beside it is still scanned.
#define BOOST_TEST_MODULE badinput
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {

struct run_result {
    int code = -1;
    std::string out;
    std::string err;
};

fs::path work_dir() {
    static const fs::path dir = [] {
        auto d = fs::temp_directory_path() / "iamguard-badinput-test";
        fs::remove_all(d);
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

std::string write(const std::string& name, const std::string& content) {
    const auto p = work_dir() / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

run_result run(const std::string& args) {
    const auto out = work_dir() / "stdout.txt";
    const auto err = work_dir() / "stderr.txt";
    const std::string cmd = std::string(IAMGUARD_CLI) + " " + args + " > " + out.string() + " 2> " + err.string();
    const int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// A rule and a good input: the good role must show up in every scan below.
const std::string& rules() {
    static const std::string path = write("names.rule",
                                          "rule T.1 {\n  title: 'roles are named ok-*'\n  severity: high\n"
                                          "  logic: Role should have name like 'ok%'\n}\n");
    return path;
}
const std::string& good() {
    static const std::string path = write(
        "good.jsonl", R"({"type":"Role","name":"ok-role","arn":"arn:aws:iam::111122223333:role/ok-role"})"
                      "\n");
    return path;
}

// Scans `bad` beside the good input; checks exit code 2, the message and the good finding.
void expect_input_error(const std::string& bad, const std::string& message) {
    const auto r = run("scan --rules " + rules() + " --include-passes --fail-on none " + bad + " " + good());
    BOOST_TEST(r.code == 2);
    BOOST_TEST(contains(r.err, message), "stderr was:\n" << r.err);
    BOOST_TEST(contains(r.out, "pass  Role ok-role"), "stdout was:\n" << r.out);
}

}  // namespace

BOOST_AUTO_TEST_CASE(empty_file) {
    const auto f = write("empty.json", "");
    expect_input_error(f, f + ":1:1: error[J006]: the input is empty");
}

BOOST_AUTO_TEST_CASE(binary_garbage) {
    std::string bytes;
    for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 7919 + 13) % 256);
    const auto f = write("garbage.bin", bytes);  // starts with `\r`: the first non-space byte is at column 2
    expect_input_error(f, f + ":1:2: error[L002]: cannot tell what kind of input this is");
}

BOOST_AUTO_TEST_CASE(invalid_utf8) {
    const auto f = write("badutf8.jsonl", "{\"type\":\"Role\",\"name\":\"r\xff\xfe\"}\n");
    expect_input_error(f, f + ":1:25: error[J005]: invalid UTF-8 in string");
}

BOOST_AUTO_TEST_CASE(json_nested_100000_levels) {
    const auto f = write("deep.json", std::string(100000, '[') + std::string(100000, ']'));
    expect_input_error(f, f + ":1:513: error[J003]: JSON nested deeper than 512 levels");
}

BOOST_AUTO_TEST_CASE(a_100_megabyte_string) {
    std::string big = "{\"type\":\"Role\",\"name\":\"";
    big.append(std::size_t{100} << 20, 'a');
    big += "\"}\n";
    const auto f = write("bigstring.jsonl", big);
    big.clear();
    big.shrink_to_fit();
    expect_input_error(f, f + ":1:23: error[J007]: string longer than the limit of 16777216 bytes");
    fs::remove(f);
}

BOOST_AUTO_TEST_CASE(json_lines_whose_first_line_has_an_unknown_type) {
    // The first line decides that the input is JSON Lines; its error does not hide the others.
    const auto f = write("first-bad.jsonl", "{\"type\":\"Rol\",\"name\":\"r1\"}\n"
                                            "{\"type\":\"Role\",\"name\":\"second\"}\n");
    const auto r = run("scan --rules " + rules() + " --include-passes --fail-on none " + f);
    BOOST_TEST(r.code == 1);  // an input with an error that still gave entities (2: none at all)
    BOOST_TEST(contains(r.err, f + ":1:9: error[L013]: unknown entity type `Rol`"), "stderr was:\n" << r.err);
    BOOST_TEST(contains(r.out, "fail  Role second at " + f + ":2:1"), "stdout was:\n" << r.out);  // line 2 was scanned
}

BOOST_AUTO_TEST_CASE(unknown_input_format) {
    const auto f = write("notes.txt", "hello: [this is not an IAM input\n");
    expect_input_error(f, f + ":1:1: error[L002]: cannot tell what kind of input this is");
}

BOOST_AUTO_TEST_CASE(unreadable_inputs) {
    expect_input_error((work_dir() / "no-such-file.json").string(),
                       "iamguard scan: " + (work_dir() / "no-such-file.json").string() + ": cannot open: No such file or directory");
    fs::create_directories(work_dir() / "a-directory");
    expect_input_error((work_dir() / "a-directory").string(),
                       "iamguard scan: " + (work_dir() / "a-directory").string() +
                           ": is a directory without *.json, *.jsonl, *.ndjson, *.yaml, *.yml, *.template or *.csv files");
}

BOOST_AUTO_TEST_CASE(missing_rules_directory) {
    const auto r = run("scan --rules " + (work_dir() / "no-rules-here").string() + " " + good());
    BOOST_TEST(r.code == 2);
    BOOST_TEST(contains(r.err, "error[R004]"), r.err);
    BOOST_TEST(contains(r.err, "no-rules-here"), r.err);
}

BOOST_AUTO_TEST_CASE(rule_referencing_an_undefined_parameter) {
    const auto f = write("undefined-param.rule", "rule T.2 {\n  logic: Role should have name in {trustedNames}\n}\n");
    const auto r = run("scan --rules " + f + " " + good());
    BOOST_TEST(r.code == 2);
    BOOST_TEST(contains(r.err, f + ":2:35: error[R050]: undefined parameter `trustedNames`"), r.err);
    BOOST_TEST(contains(r.err, "trustedNames"), r.err);
}

BOOST_AUTO_TEST_CASE(catastrophic_regex_runs_in_linear_time) {
    // (a+)+b against a long run of a's: exponential with a backtracking engine, linear with RE2.
    const auto rule = write("regex.rule", "rule T.3 {\n  severity: low\n  logic: Role should not have name regexMatch /^(a+)+b$/\n}\n");
    const auto f = write("long-name.jsonl", "{\"type\":\"Role\",\"name\":\"" + std::string(200000, 'a') + "\"}\n");
    const auto r = run("scan --rules " + rule + " --include-passes " + f + " " + good());
    BOOST_TEST(r.code == 0);
    BOOST_TEST(contains(r.out, "pass  Role ok-role"), r.out);
}

BOOST_AUTO_TEST_CASE(crafted_glob_in_a_trust_policy) {
    // A trust policy whose external-ID pattern is `*aaaa...ab` (4,000 characters): the witness
    // search instantiates and matches it (a 4,001-character value) through the linear matcher.
    std::string pattern = "*" + std::string(4000, 'a') + "b";
    const std::string role = R"({"type":"Role","name":"glob","arn":"arn:aws:iam::111122223333:role/glob","accountId":"111122223333",)"
                             R"("assumeRolePolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},)"
                             R"("Action":"sts:AssumeRole","Condition":{"StringLike":{"sts:ExternalId":")" + pattern + R"("}}}]}})";
    const auto f = write("glob.jsonl", role + "\n");
    const auto rule = write("glob.rule", "rule T.4 {\n  severity: low\n  logic: Role where trust isCrossAccount() should not have trust assumableWithout('sts:ExternalId')\n}\n");
    const auto r = run("scan --rules " + rule + " --include-passes " + f);
    BOOST_TEST(r.code == 0);
    BOOST_TEST(contains(r.out, "pass  Role glob"), r.out);
}

BOOST_AUTO_TEST_CASE(crafted_like_pattern_against_a_long_value) {
    // `like '%aaaa...ab'` (4,000 a's) against a 1 MiB name: quadratic for a two-pointer matcher
    // (minutes), linear for the glob matcher the rules use.
    const auto rule = write("like.rule", "rule T.5 {\n  severity: low\n  logic: Role should not have name like '%" +
                                             std::string(4000, 'a') + "b'\n}\n");
    const auto f = write("long-like.jsonl", "{\"type\":\"Role\",\"name\":\"" + std::string(1 << 20, 'a') + "\"}\n");
    const auto r = run("scan --rules " + rule + " --include-passes " + f + " " + good());
    BOOST_TEST(r.code == 0);
    BOOST_TEST(contains(r.out, "pass  Role ok-role"), r.out);
}

BOOST_AUTO_TEST_CASE(statements_quantified_one_by_one_in_a_policy_of_10000) {
    // `Statement contain [ $ allows(...) ]` over the largest policy the parser accepts, whose last
    // statement is the one that grants: each statement is compiled alone (compiling the whole
    // document for each took 30 s here), and the finding points at that statement.
    std::string statements;
    for (int i = 0; i < 9999; ++i)
        statements += R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b)" + std::to_string(i) + R"(/*"},)";
    statements += R"({"Effect":"Allow","Action":"iam:CreateVirtualMFADevice","Resource":"*"})";
    const auto f = write("many-statements.jsonl", R"({"type":"Policy","name":"big","arn":"arn:aws:iam::111122223333:policy/big",)"
                                                  R"("document":{"Version":"2012-10-17","Statement":[)" + statements + "]}}\n");
    const auto rule = write("statements.rule", "rule T.6 {\n  severity: low\n  logic: Policy should not have document.Statement "
                                               "contain [ $ allows('iam:CreateVirtualMFADevice') ]\n}\n");
    const auto r = run("scan --rules " + rule + " --fail-on none " + f);
    BOOST_TEST(r.code == 0);
    BOOST_TEST(contains(r.out, "fail  Policy big"), r.out);
    BOOST_TEST(contains(r.out, "evidence: document.Statement[9999]"), r.out);
}

BOOST_AUTO_TEST_CASE(a_role_with_20000_inline_policies_on_one_line) {
    // Joins and lookups by hash and by address: a scan per inline policy made this quadratic.
    // The documents have no `Version`, so each draws warning P113, all on one 2.3 MB line: the
    // excerpt under each warning is clipped to 120 bytes (printing the whole line under each
    // of them once wrote 60 GB to stderr).
    constexpr int n = 20000;
    std::string policies;
    for (int i = 0; i < n; ++i)
        policies += std::string(i == 0 ? "" : ",") + R"({"PolicyName":"p)" + std::to_string(i) +
                    R"(","PolicyDocument":{"Statement":[{"Effect":"Allow","Action":")" +
                    (i == n - 1 ? "iam:CreateVirtualMFADevice" : "s3:GetObject") + R"(","Resource":"*"}]}})";
    const auto f = write("many-inline.json", R"({"RoleDetailList":[{"RoleName":"wide","Arn":"arn:aws:iam::111122223333:role/wide",)"
                                             R"("RolePolicyList":[)" + policies + "]}]}");
    const auto rule = write("inline.rule", "rule T.7 {\n  severity: low\n  logic: Role should not have combinedPolicies "
                                           "contain [ policyDocument allows('iam:CreateVirtualMFADevice') ]\n}\n");
    const auto r = run("scan --rules " + rule + " --fail-on none " + f + " " + good());
    BOOST_TEST(r.code == 0);
    BOOST_TEST(contains(r.out, "fail  Role wide"), r.out);
    BOOST_TEST(contains(r.out, "evidence: combinedPolicies[19999] at "), r.out);
    BOOST_TEST(contains(r.err, "warning[P113]: policy has no `Version`"));
    BOOST_TEST(r.err.size() < static_cast<std::size_t>(n) * 1000, "stderr holds " << r.err.size() << " bytes");
}
