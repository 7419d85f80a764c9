// SPDX-License-Identifier: Apache-2.0
// End-to-end tests of `iamguard eval`: the decision and its exit code, text and JSON output, the
// request given inline, as a file or on standard input, and located errors for a request or a
// policy that is not what it should be (exit 2, nothing evaluated).
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_run.hpp"

namespace fs = std::filesystem;

namespace {

fs::path temp_dir() { return iamguard::test::scratch_dir("eval-test"); }

fs::path write(const std::string& name, const std::string& text) {
    const auto p = temp_dir() / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

iamguard::test::cli_result run(const std::string& args, const std::string& stdin_file = "/dev/null") {
    return iamguard::test::run_cli(IAMGUARD_CLI, "eval " + args, temp_dir(), stdin_file);
}

std::string q(const fs::path& p) { return iamguard::test::quoted(p); }
// Inline JSON as one shell word (the requests here hold no single quote).
std::string js(const std::string& s) { return "'" + s + "'"; }

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// Reads objects of one bucket, over TLS only.
fs::path reader_policy() {
    return write("reader.json", R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::reports/*",
    "Condition": {"Bool": {"aws:SecureTransport": "true"}}
  }]
}
)");
}

const std::string alice = R"("principal": "arn:aws:iam::111122223333:user/alice")";
const std::string get_report = R"("action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv")";

}  // namespace

BOOST_AUTO_TEST_SUITE(eval_cli)

BOOST_AUTO_TEST_CASE(an_allowed_request_exits_zero_and_names_the_deciding_statement) {
    const auto r = run("--policy " + q(reader_policy()) + " --request " +
                       js("{" + alice + ", " + get_report + R"(, "context": {"aws:SecureTransport": true}})"));
    BOOST_TEST(r.code == 0, iamguard::test::describe(r));
    BOOST_TEST(has(r.out, "decision: allow (an identity-based policy allows the request)\n"), r.out);
    BOOST_TEST(has(r.out, "statement 0 Allow: applies"), r.out);
    BOOST_TEST(r.err.empty(), r.err);
}

BOOST_AUTO_TEST_CASE(denied_requests_exit_one_with_the_reason) {
    // Without the context key the condition is false: implicitly denied.
    const auto implicit = run("--policy " + q(reader_policy()) + " --request " + js("{" + alice + ", " + get_report + "}"));
    BOOST_TEST(implicit.code == 1, iamguard::test::describe(implicit));
    BOOST_TEST(has(implicit.out, "decision: implicit_deny"), implicit.out);
    BOOST_TEST(has(implicit.out, "condition `Bool aws:SecureTransport [\"true\"]` is false"), implicit.out);
    // An explicit Deny wins over the Allow.
    const auto deny = write("deny.json", R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]})");
    const auto r = run("--policy " + q(reader_policy()) + " --policy " + q(deny) + " --request " +
                       js("{" + alice + ", " + get_report + R"(, "context": {"aws:SecureTransport": "true"}})"));
    BOOST_TEST(r.code == 1, iamguard::test::describe(r));
    BOOST_TEST(has(r.out, "decision: explicit_deny"), r.out);
}

BOOST_AUTO_TEST_CASE(json_output_lists_every_statement_with_its_outcome) {
    const auto r = run("--format json --policy " + q(reader_policy()) + " --request " +
                       js("{" + alice + ", " + get_report + R"(, "context": {"aws:SecureTransport": true}})"));
    BOOST_TEST(r.code == 0, iamguard::test::describe(r));
    const auto j = nlohmann::json::parse(r.out);
    BOOST_TEST(j["decision"] == "allow");
    BOOST_TEST(j["statements"].size() == 1u);
    BOOST_TEST(j["statements"][0]["outcome"] == "applied");
    BOOST_TEST(j["statements"][0]["deciding"] == true);
    BOOST_TEST(run("--format yaml --policy " + q(reader_policy()) + " --request " + js("{" + get_report + "}")).code == 2);
}

BOOST_AUTO_TEST_CASE(the_request_may_be_a_file_or_standard_input) {
    const auto request = write("request.json", "{" + alice + ",\n " + get_report + R"(, "context": {"aws:SecureTransport": true}})");
    BOOST_TEST(run("--policy " + q(reader_policy()) + " --request " + q(request)).code == 0);
    BOOST_TEST(run("--policy " + q(reader_policy()) + " --request -", request.string()).code == 0);
    // An anonymous (unsigned) request, allowed by a bucket policy for everyone.
    const auto bucket = write("bucket.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]})");
    const auto anonymous = run("--resource-policy " + q(bucket) + " --request " +
                               js(R"({"principal": {"type": "Anonymous"}, )" + get_report + "}"));
    BOOST_TEST(anonymous.code == 0, iamguard::test::describe(anonymous));
}

BOOST_AUTO_TEST_CASE(request_problems_are_located_and_nothing_is_evaluated) {
    // A misspelt key and a principal of the wrong type: both reported, with line and column.
    const auto request = write("typo.json", "{" + get_report + ",\n \"contxt\": {}, \"principal\": 5}");
    auto r = run("--policy " + q(reader_policy()) + " --request " + q(request));
    BOOST_TEST(r.code == 2, iamguard::test::describe(r));
    BOOST_TEST(r.out.empty(), r.out);
    BOOST_TEST(has(r.err, request.string() + ":2:2: error[E001]: unknown key `contxt` in the request"), r.err);
    BOOST_TEST(has(r.err, request.string() + ":2:29: error[E002]: expected an ARN string, or {\"type\": \"Anonymous\"} "
                          "for an unsigned request, found number (at principal)"), r.err);
    // A context value that is neither a string, a boolean, a number nor a list of them.
    r = run("--policy " + q(reader_policy()) + " --request -", write("ctx.json", "{" + get_report + R"(, "context": {"k": [1, null]}})").string());
    BOOST_TEST(r.code == 2);
    BOOST_TEST(has(r.err, "<stdin>:1:92: error[E002]: expected a string, a boolean, a number, or a list of them, "
                          "found null (at context.k)"), r.err);
    // No action; malformed JSON (inline requests are named `--request`).
    r = run("--policy " + q(reader_policy()) + " --request " + js(R"({"resource": "*"})"));
    BOOST_TEST(r.code == 2);
    BOOST_TEST(has(r.err, "--request:1:1: error[E003]: the request has no `action`"), r.err);
    r = run("--policy " + q(reader_policy()) + " --request " + js(R"({"action": "s3:GetObject",)"));
    BOOST_TEST(r.code == 2);
    BOOST_TEST(has(r.err, "--request:1:27: error[J001]: expected a key or `}`, found end of input"), r.err);
    r = run("--policy " + q(reader_policy()) + " --request " + js("[1]"));
    BOOST_TEST(r.code == 2);
    BOOST_TEST(has(r.err, "--request:1:1: error[E002]: expected the request: an object"), r.err);
}

BOOST_AUTO_TEST_CASE(policy_problems_are_located_and_unreadable_files_named) {
    const auto bad = write("bad.json", R"({"Statement": [{"Effect": "Alow", "Action": "s3:*", "Resource": "*"}]})");
    auto r = run("--policy - --request " + js("{" + get_report + "}"), bad.string());
    BOOST_TEST(r.code == 2, iamguard::test::describe(r));
    BOOST_TEST(has(r.err, "<stdin>:1:27: error[P106]: invalid `Effect` `Alow`"), r.err);
    BOOST_TEST(r.out.empty(), r.out);  // not evaluated: IAM would not store such a policy
    r = run("--policy " + q(temp_dir() / "missing.json") + " --request " + js("{" + get_report + "}"));
    BOOST_TEST(r.code == 2);
    BOOST_TEST(has(r.err, "missing.json: cannot open"), r.err);
}

BOOST_AUTO_TEST_SUITE_END()
