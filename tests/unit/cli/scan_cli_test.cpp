// SPDX-License-Identifier: Apache-2.0
// End-to-end tests of `iamguard scan`: exit codes and --fail-on, formats, --output, standard
// input, unreadable and broken inputs (the others still scanned), JSON Lines streaming with
// positions and output independent of --threads.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "sarif_shape.hpp"
#include "cli_run.hpp"
#include "test_paths.hpp"
#include "xml_check.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path data = IAMGUARD_CLI_DATA;

fs::path temp_dir() { return iamguard::test::scratch_dir("scan-test"); }

using run_result = iamguard::test::cli_result;

// Runs the CLI with `args` (a shell fragment); `env` (arguments of env(1)) changes its environment.
run_result run(const std::string& args, const std::string& stdin_file = "/dev/null", const std::string& env = "") {
    return iamguard::test::run_cli(IAMGUARD_CLI, args, temp_dir(), stdin_file, env);
}

std::string d(const std::string& name) { return iamguard::test::quoted(data / name); }

std::string rules() { return "--rules " + d("names.rule"); }

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::string context(const run_result& r) { return iamguard::test::describe(r); }

}  // namespace

BOOST_AUTO_TEST_SUITE(scan_cli)

BOOST_AUTO_TEST_CASE(no_failure_exits_zero_with_a_summary) {
    const auto r = run("scan " + rules() + " " + d("clean.jsonl"));
    BOOST_TEST(r.code == 0, context(r));
    BOOST_TEST(r.out == "summary: 0 failed, 0 errors, 2 passed; 2 entities, 2 rules\n", context(r));
}

BOOST_AUTO_TEST_CASE(failures_exit_one_grouped_by_rule_with_the_entity_position) {
    const auto r = run("scan " + rules() + " " + d("mixed.jsonl"));
    BOOST_TEST(r.code == 1, context(r));
    const std::string file = (data / "mixed.jsonl").string();
    const std::string expected = "TEST.ROLE.001 [high] Roles are not named admin\n"
                                 "  fail  Role admin-all (arn:aws:iam::111122223333:role/admin-all) at " + file + ":2:1\n";
    BOOST_TEST(contains(r.out, expected), context(r));
    BOOST_TEST(contains(r.out, "TEST.USER.001 [low] Users are not named like root\n"
                               "  fail  User root2 (arn:aws:iam::111122223333:user/root2) at " + file + ":4:3\n"),
               context(r));
    BOOST_TEST(contains(r.out, "summary: 2 failed (1 high, 1 low), 0 errors, 2 passed; 4 entities, 2 rules\n"), context(r));
    BOOST_TEST(!contains(r.out, "\033["));  // not a terminal: no colour
}

BOOST_AUTO_TEST_CASE(fail_on_sets_the_threshold) {
    // mixed.jsonl fails a high and a low rule; low-only.json only the low one.
    BOOST_TEST(run("scan " + rules() + " --fail-on critical " + d("mixed.jsonl")).code == 0);
    BOOST_TEST(run("scan " + rules() + " --fail-on high " + d("mixed.jsonl")).code == 1);
    BOOST_TEST(run("scan " + rules() + " " + d("low-only.json")).code == 1);  // default: low
    BOOST_TEST(run("scan " + rules() + " --fail-on low " + d("low-only.json")).code == 1);
    BOOST_TEST(run("scan " + rules() + " --fail-on medium " + d("low-only.json")).code == 0);
    BOOST_TEST(run("scan " + rules() + " --fail-on none " + d("mixed.jsonl")).code == 0);
    const auto bad = run("scan " + rules() + " --fail-on severe " + d("mixed.jsonl"));
    BOOST_TEST(bad.code == 2);
    BOOST_TEST(contains(bad.err, "unknown --fail-on `severe`"), context(bad));
}

BOOST_AUTO_TEST_CASE(output_goes_to_the_file) {
    const auto file = temp_dir() / "report.json";
    fs::remove(file);
    const auto r = run("scan " + rules() + " --format json --output '" + file.string() + "' " + d("mixed.jsonl"));
    BOOST_TEST(r.code == 1, context(r));
    BOOST_TEST(r.out.empty());
    const auto j = nlohmann::json::parse(iamguard::test::read_file(file));
    BOOST_TEST(j["version"] == 1);
    BOOST_TEST_REQUIRE(j["findings"].size() == 2u);
    BOOST_TEST(j["findings"][0]["rule_id"] == "TEST.ROLE.001");
    BOOST_TEST(j["findings"][0]["entity"]["line"] == 2);
    BOOST_TEST(j["findings"][1]["entity"]["column"] == 3);
    BOOST_TEST(j["summary"]["entities"] == 4);
    const auto unwritable = run("scan " + rules() + " --output /nonexistent-dir/x.json " + d("mixed.jsonl"));
    BOOST_TEST(unwritable.code == 2);
    BOOST_TEST(contains(unwritable.err, "/nonexistent-dir/x.json: cannot open for writing"), context(unwritable));
}

BOOST_AUTO_TEST_CASE(an_unused_parameter_is_a_warning_and_the_scan_goes_on) {
    const auto params = temp_dir() / "typo.yaml";
    std::ofstream(params) << "nope: 3\n";
    const auto r = run("scan " + rules() + " --params " + iamguard::test::quoted(params) + " " + d("clean.jsonl"));
    BOOST_TEST(r.code == 0, context(r));
    BOOST_TEST(contains(r.err, params.string() + ":1:1: warning[R054]: parameter `nope` is set, but no rule declares or uses it"),
               context(r));
    BOOST_TEST(r.out == "summary: 0 failed, 0 errors, 2 passed; 2 entities, 2 rules\n", context(r));
}

BOOST_AUTO_TEST_CASE(standard_input_is_read_for_a_dash) {
    const auto r = run("scan " + rules() + " --format json -", (data / "mixed.jsonl").string());
    BOOST_TEST(r.code == 1, context(r));
    const auto j = nlohmann::json::parse(r.out);
    BOOST_TEST(j["findings"][0]["entity"]["file"] == "<stdin>");
    BOOST_TEST(j["summary"]["entities"] == 4);
    BOOST_TEST(run("scan " + rules() + " - -").code == 2);  // stdin once only
}

BOOST_AUTO_TEST_CASE(an_unreadable_input_is_named_and_the_others_still_scanned) {
    const auto r = run("scan " + rules() + " /nonexistent/in.json " + d("mixed.jsonl"));
    BOOST_TEST(r.code == 2, context(r));
    BOOST_TEST(contains(r.err, "iamguard scan: /nonexistent/in.json: cannot open: No such file or directory\n"), context(r));
    BOOST_TEST(contains(r.out, "Role admin-all"), context(r));  // the readable input was scanned
    BOOST_TEST(contains(r.out, "; 4 entities, 2 rules; 1 input error\n"), context(r));
    // a directory without input files is an input error too; hidden files and other
    // extensions do not count
    const fs::path empty = temp_dir() / "no-inputs";
    fs::create_directories(empty / ".hidden");
    std::ofstream(empty / ".hidden" / "roles.json") << "{}";
    std::ofstream(empty / ".roles.json") << "{}";
    std::ofstream(empty / "notes.txt") << "not an input";
    const auto dir = run("scan " + rules() + " " + iamguard::test::quoted(empty) + " " + d("clean.jsonl"));
    BOOST_TEST(dir.code == 2);
    BOOST_TEST(contains(dir.err, "iamguard scan: " + empty.string() +
                                     ": is a directory without *.json, *.jsonl, *.ndjson, *.yaml, *.yml, "
                                     "*.template or *.csv files\n"),
               context(dir));
    BOOST_TEST(contains(dir.out, "; 2 entities, 2 rules; 1 input error\n"), context(dir));
}

BOOST_AUTO_TEST_CASE(a_directory_stands_for_the_input_files_below_it_in_path_order) {
    // The same report as the files named one by one in path order: pages of a dump (joined),
    // then the JSON Lines streamed; a hidden file and a file of another kind are not read.
    const fs::path dir = temp_dir() / "account";
    fs::create_directories(dir / "sub");
    fs::copy_file(data / "users-authz.json", dir / "b-authz.JSON", fs::copy_options::overwrite_existing);
    fs::copy_file(data / "users-creds.csv", dir / "sub" / "creds.csv", fs::copy_options::overwrite_existing);
    fs::copy_file(data / "mixed.jsonl", dir / "a.jsonl", fs::copy_options::overwrite_existing);
    std::ofstream(dir / ".broken.json") << "{";
    std::ofstream(dir / "README.md") << "# not an input";
    const std::string args = "scan " + rules() + " --format json --threads 2 ";
    const auto whole = run(args + iamguard::test::quoted(dir));
    const auto listed = run(args + iamguard::test::quoted(dir / "a.jsonl") + " " +
                            iamguard::test::quoted(dir / "b-authz.JSON") + " " +
                            iamguard::test::quoted(dir / "sub" / "creds.csv"));
    BOOST_TEST(whole.code == 1, context(whole));
    BOOST_TEST(whole.err == listed.err);
    BOOST_TEST(whole.out == listed.out);
    const auto j = nlohmann::json::parse(whole.out);
    BOOST_TEST(j["summary"]["input_errors"].empty());  // the hidden broken file was not read
    BOOST_TEST(j["findings"].back()["entity"]["file"] == (dir / "a.jsonl").string());
}

BOOST_AUTO_TEST_CASE(a_broken_input_is_located_and_the_others_still_scanned) {
    const auto r = run("scan " + rules() + " " + d("broken.json") + " " + d("mixed.jsonl"));
    BOOST_TEST(r.code == 2, context(r));
    const std::string file = (data / "broken.json").string();
    // with its source line: the file's text, let go once parsed, is read again for it
    BOOST_TEST(contains(r.err, file + ":3:32: error[J001]: expected `,` or `}`, found `\"`\n"
                                      " 3 |   {\"type\": \"Role\", \"name\": \"x\" \"arn\": \"arn:aws:iam::111122223333:role/x\"}\n"
                                      "   |                                ^\n"),
               context(r));
    BOOST_TEST(contains(r.out, "Role admin-all"), context(r));
}

BOOST_AUTO_TEST_CASE(sarif_output_is_structurally_valid_and_locates_entities) {
    const auto r = run("scan " + rules() + " --format sarif " + d("mixed.jsonl"));
    BOOST_TEST(r.code == 1, context(r));
    auto log = nlohmann::json::parse(r.out);  // not const: a missing key reads as null
    const auto problems = iamguard::test::sarif::check(log);
    BOOST_TEST(problems.empty(), (problems.empty() ? std::string() : problems.front()));
    auto& run0 = log["runs"][0];
    BOOST_TEST(run0["tool"]["driver"]["rules"].size() == 2u);
    BOOST_TEST(run0["tool"]["driver"]["rules"][0]["helpUri"] == "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html");
    BOOST_TEST_REQUIRE(run0["results"].size() == 2u);
    auto& loc = run0["results"][1]["locations"][0];
    BOOST_TEST(loc["physicalLocation"]["region"]["startLine"] == 4);
    BOOST_TEST(loc["physicalLocation"]["region"]["startColumn"] == 3);
    BOOST_TEST(loc["logicalLocations"][0]["fullyQualifiedName"] == "arn:aws:iam::111122223333:user/root2");
    BOOST_TEST(run0["results"][1]["level"] == "note");
}

BOOST_AUTO_TEST_CASE(junit_output_is_well_formed) {
    const auto r = run("scan " + rules() + " --format junit " + d("mixed.jsonl"));
    BOOST_TEST(r.code == 1, context(r));
    iamguard::test::xml::reader reader(r.out);
    const auto root = reader.parse();
    BOOST_TEST_REQUIRE(root.has_value(), reader.error());
    BOOST_TEST(root->attributes.at("tests") == "4");
    BOOST_TEST(root->attributes.at("failures") == "2");
    BOOST_TEST(root->all("testsuite").size() == 2u);
}

BOOST_AUTO_TEST_CASE(json_lines_are_streamed_with_exact_positions_whatever_the_thread_count) {
    // More lines than one chunk holds, so positions must be carried across chunks.
    const auto file = temp_dir() / "many.jsonl";
    {
        std::ofstream out(file, std::ios::binary);
        for (int i = 1; i <= 3000; ++i) {
            const std::string name = i % 1000 == 0 ? "admin" + std::to_string(i) : "role" + std::to_string(i);
            out << "{\"type\":\"Role\",\"name\":\"" << name << "\",\"arn\":\"arn:aws:iam::111122223333:role/" << name
                << "\"}\n";
        }
    }
    const auto one = run("scan " + rules() + " --format json --threads 1 '" + file.string() + "'");
    const auto two = run("scan " + rules() + " --format json --threads 2 '" + file.string() + "'");
    BOOST_TEST(one.code == 1, context(one));
    BOOST_TEST(two.code == 1, context(two));
    BOOST_TEST(one.out == two.out);
    const auto j = nlohmann::json::parse(two.out);
    BOOST_TEST_REQUIRE(j["findings"].size() == 3u);
    BOOST_TEST(j["findings"][0]["entity"]["name"] == "admin1000");
    BOOST_TEST(j["findings"][0]["entity"]["line"] == 1000);
    BOOST_TEST(j["findings"][1]["entity"]["line"] == 2000);
    BOOST_TEST(j["findings"][2]["entity"]["line"] == 3000);
    BOOST_TEST(j["summary"]["entities"] == 3000);
    BOOST_TEST(j["summary"]["passed"] == 2997);
}

BOOST_AUTO_TEST_CASE(json_lines_longer_than_a_read_block_and_a_last_line_without_newline) {
    // The reader takes the input in blocks of 1 MiB and cuts chunks at newlines: a 3 MB line
    // spans several blocks, and the last line has no newline. Also from standard input.
    const auto file = temp_dir() / "long.jsonl";
    {
        std::ofstream out(file, std::ios::binary);
        out << R"({"type":"Role","name":"role1","arn":"arn:aws:iam::111122223333:role/role1"})" << "\n";
        out << R"({"type":"Role","name":"admin2","arn":"arn:aws:iam::111122223333:role/admin2","description":")"
            << std::string(3u << 20, 'x') << "\"}\n";
        out << R"({"type":"Role","name":"role3","arn":"arn:aws:iam::111122223333:role/role3"})" << "\n";
        out << R"({"type":"Role","name":"admin4","arn":"arn:aws:iam::111122223333:role/admin4"})";  // no newline
    }
    for (const std::string threads : {"1", "2"}) {
        for (const bool from_stdin : {false, true}) {
            const auto r = from_stdin ? run("scan " + rules() + " --format json --threads " + threads + " -", file.string())
                                      : run("scan " + rules() + " --format json --threads " + threads + " '" + file.string() + "'");
            BOOST_TEST(r.code == 1, context(r));
            const auto j = nlohmann::json::parse(r.out);
            BOOST_TEST(j["summary"]["entities"] == 4, threads << (from_stdin ? " stdin" : " file"));
            BOOST_TEST_REQUIRE(j["findings"].size() == 2u, threads << (from_stdin ? " stdin" : " file"));
            BOOST_TEST(j["findings"][0]["entity"]["name"] == "admin2");
            BOOST_TEST(j["findings"][0]["entity"]["line"] == 2);
            BOOST_TEST(j["findings"][1]["entity"]["name"] == "admin4");
            BOOST_TEST(j["findings"][1]["entity"]["line"] == 4);
        }
    }
}

BOOST_AUTO_TEST_CASE(joined_inputs_in_many_chunks_give_the_same_report_whatever_the_thread_count) {
    // 700 roles in two pages: the joined account is evaluated in several chunks, in parallel;
    // every third role fails TEST.ROLE.001, and the report lists them in input order.
    const fs::path dir = temp_dir() / "many-roles";
    fs::create_directories(dir);
    for (int page = 0; page < 2; ++page) {
        std::ofstream out(dir / ("page-" + std::to_string(page + 1) + ".json"));
        out << "{\"RoleDetailList\": [\n";
        for (int i = page * 350; i < (page + 1) * 350; ++i) {
            const std::string name = (i % 3 == 0 ? "admin-" : "app-") + std::to_string(i);
            out << (i % 350 == 0 ? "" : ",\n") << R"({"RoleName": ")" << name
                << R"(", "Arn": "arn:aws:iam::111122223333:role/)" << name
                << R"(", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", )"
                << R"("Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}})";
        }
        out << "\n]" << (page == 0 ? ", \"IsTruncated\": true, \"Marker\": \"m1\"" : "") << "}\n";
    }
    std::string reference[2];
    for (const unsigned threads : {1u, 2u, 3u}) {
        for (int f = 0; f < 2; ++f) {
            const auto r = run("scan " + rules() + (f == 0 ? " --format json" : " --format text") + " --threads " +
                               std::to_string(threads) + " " + iamguard::test::quoted(dir));
            BOOST_TEST(r.code == 1, context(r));
            if (threads == 1) {
                reference[f] = r.out;
            } else {
                BOOST_TEST(r.out == reference[f], threads << " threads, " << (f == 0 ? "json" : "text"));
            }
        }
    }
    const auto j = nlohmann::json::parse(reference[0]);
    BOOST_TEST(j["summary"]["failed"] == 234);  // 0, 3, ..., 699
    BOOST_TEST_REQUIRE(j["findings"].size() == 234u);
    for (std::size_t k = 0; k < 234; ++k)
        BOOST_TEST(j["findings"][k]["entity"]["name"] == "admin-" + std::to_string(3 * k), k);
}

BOOST_AUTO_TEST_CASE(joined_inputs_come_first_then_json_lines_inputs) {
    // mixed.jsonl is streamed; low-only.json is loaded with the other non-JSON Lines inputs.
    const auto r = run("scan " + rules() + " --format json --threads 2 " + d("mixed.jsonl") + " " + d("low-only.json"));
    BOOST_TEST(r.code == 1, context(r));
    const auto j = nlohmann::json::parse(r.out);
    // 2 users of low-only.json and the Account entity the joins add for their account, then the
    // 4 lines of mixed.jsonl as written (no joins across streamed lines)
    BOOST_TEST(j["summary"]["entities"] == 7);
    BOOST_TEST(j["summary"]["failed"] == 3);
    BOOST_TEST_REQUIRE(j["findings"].size() == 3u);
    BOOST_TEST(j["findings"][0]["entity"]["name"] == "rooty");
    BOOST_TEST(j["findings"][0]["entity"]["line"] == 4);
    BOOST_TEST(j["findings"][1]["entity"]["name"] == "admin-all");
    BOOST_TEST(j["findings"][2]["entity"]["name"] == "root2");
}

namespace {

std::string trusted_role(const std::string& account, const std::string& name) {
    return R"({"RoleName": ")" + name + R"(", "Arn": "arn:aws:iam::)" + account + ":role/" + name +
           R"(", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", )"
           R"("Principal": {"AWS": "arn:aws:iam::999999999999:root"}, "Action": "sts:AssumeRole"}]}})";
}

// An organisation's dumps: account 111111111111 in two pages (the second has only an AWS
// managed policy, which belongs to no account) and a credential report, listed last; account
// 222222222222 in one page, the last of which is `b_page2` (may be broken).
fs::path organisation(const std::string& label, const std::string& b_page2 = "") {
    const fs::path dir = temp_dir() / label;
    fs::remove_all(dir);
    fs::create_directories(dir / "a");
    fs::create_directories(dir / "b");
    std::ofstream(dir / "a" / "page-1.json")
        << R"({"UserDetailList": [{"UserName": "carol", "Arn": "arn:aws:iam::111111111111:user/carol"}],)"
        << "\n\"RoleDetailList\": [" << trusted_role("111111111111", "admin-a1") << ",\n"
        << trusted_role("111111111111", "app-a2") << R"(], "IsTruncated": true, "Marker": "m"})" << '\n';
    std::ofstream(dir / "a" / "page-2.json")
        << R"({"Policies": [{"PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]})" << '\n';
    std::ofstream(dir / "b" / "page-1.json") << "{\"RoleDetailList\": [" << trusted_role("222222222222", "admin-b1")
                                             << "]}\n";
    if (!b_page2.empty()) std::ofstream(dir / "b" / "page-2.json") << b_page2;
    std::ofstream(dir / "c-creds.csv")
        << "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
           "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
           "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
           "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
           "cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n"
        << "carol,arn:aws:iam::111111111111:user/carol,2019-04-02T09:00:00+00:00,false,N/A,N/A,N/A,false,true,"
           "2024-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
    std::ofstream(dir / "accounts.rule") << "rule TEST.ACCOUNT.001 {\n  title: 'Accounts are listed'\n"
                                            "  severity: low\n  logic: Account should not have name like '%'\n}\n";
    return dir;
}

// "RULE entity" for each finding of a JSON report.
std::vector<std::string> finding_list(const nlohmann::json& j) {
    std::vector<std::string> out;
    for (const auto& f : j["findings"]) out.push_back(f["rule_id"].get<std::string>() + " " + f["entity"]["name"].get<std::string>());
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_organisation_is_scanned_account_by_account_whatever_the_thread_count) {
    // Each account is loaded (with its credential report and its page without an account), joined,
    // scanned and freed apart: its findings, then its Account entity's, then the next account.
    const fs::path dir = organisation("org");
    const std::string args = "scan " + rules() + " --rules " + d("keys.rule") + " --rules " +
                             iamguard::test::quoted(dir / "accounts.rule") + " --format json ";
    std::string reference;
    for (const unsigned threads : {1u, 2u, 3u}) {
        const auto r = run(args + "--threads " + std::to_string(threads) + " " + iamguard::test::quoted(dir));
        BOOST_TEST(r.code == 1, context(r));
        if (threads == 1) reference = r.out;
        BOOST_TEST(r.out == reference, threads << " threads");
    }
    const auto j = nlohmann::json::parse(reference);
    const std::vector<std::string> expected{"TEST.KEYS.001 carol", "TEST.ROLE.001 admin-a1",
                                            "TEST.ACCOUNT.001 111111111111", "TEST.ROLE.001 admin-b1",
                                            "TEST.ACCOUNT.001 222222222222"};
    const auto found = finding_list(j);
    BOOST_TEST(found == expected, boost::test_tools::per_element());
    // carol, admin-a1, app-a2, ReadOnlyAccess, Account; admin-b1, Account
    BOOST_TEST(j["summary"]["entities"] == 7);
    BOOST_TEST(j["findings"][0]["evidence"][0]["file"] == (dir / "c-creds.csv").string());  // joined across files
}

BOOST_AUTO_TEST_CASE(a_broken_input_of_one_account_is_located_and_the_other_accounts_still_scanned) {
    const fs::path dir = organisation("org-broken", "{\"RoleDetailList\": [\n  {\"RoleName\" \"x\"}]}\n");
    const auto r = run("scan " + rules() + " --format json --threads 2 " + iamguard::test::quoted(dir));
    BOOST_TEST(r.code == 2, context(r));  // an input that gave no entity, with an error: an input error
    const std::string file = (dir / "b" / "page-2.json").string();
    BOOST_TEST(contains(r.err, file + ":2:15: error[J001]: expected `:` after key, found `\"`\n"), context(r));
    const auto j = nlohmann::json::parse(r.out);
    BOOST_TEST_REQUIRE(j["summary"]["input_errors"].size() == 1u);
    BOOST_TEST(j["summary"]["input_errors"][0]["file"] == file);
    const std::vector<std::string> expected{"TEST.ROLE.001 admin-a1", "TEST.ROLE.001 admin-b1"};
    const auto found = finding_list(j);
    BOOST_TEST(found == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(inputs_of_unknown_account_are_loaded_with_every_other_input) {
    // A template's resources belong to no account yet: everything is loaded together, as one
    // account would be, and the Account entities come after every other entity.
    const fs::path dir = organisation("org-template");
    std::ofstream(dir / "d-stack.json") << R"({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}})" << '\n';
    const auto r = run("scan " + rules() + " --rules " + iamguard::test::quoted(dir / "accounts.rule") +
                       " --format json --threads 2 " + iamguard::test::quoted(dir));
    BOOST_TEST(r.code == 1, context(r));
    const std::vector<std::string> expected{"TEST.ROLE.001 admin-a1", "TEST.ROLE.001 admin-b1",
                                            "TEST.ACCOUNT.001 111111111111", "TEST.ACCOUNT.001 222222222222"};
    const auto found = finding_list(nlohmann::json::parse(r.out));
    BOOST_TEST(found == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rules_that_do_not_compile_exit_two_with_the_diagnostic) {
    const auto r = run("scan --rules " + d("bad.rule") + " " + d("clean.jsonl"));
    BOOST_TEST(r.code == 2, context(r));
    BOOST_TEST(contains(r.err, (data / "bad.rule").string() + ":4:"), context(r));
    BOOST_TEST(contains(r.err, "the rules do not compile"), context(r));
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(rule_messages_come_before_input_errors_whatever_the_thread_count) {
    // The rules are compiled before the inputs are looked at: their messages come first, and when
    // they do not compile nothing is said about the inputs, on any number of threads.
    const auto params = temp_dir() / "order.yaml";
    std::ofstream(params) << "nope: 3\n";
    const std::string missing = "/nonexistent/order-in.json";
    for (const char* threads : {"1", "2", "4"}) {
        // rules that do not compile: their diagnostic, and nothing about the inputs
        const auto bad = run(std::string("scan --threads ") + threads + " --rules " + d("bad.rule") + " " + missing + " " +
                             d("users-authz.json"));
        BOOST_TEST(bad.code == 2, context(bad));
        BOOST_TEST(contains(bad.err, "the rules do not compile"), context(bad));
        BOOST_TEST(!contains(bad.err, missing), context(bad));
        BOOST_TEST(bad.out.empty(), context(bad));
        // a warning of the rules, then the input error, then the scan of the others
        const auto r = run(std::string("scan --threads ") + threads + " " + rules() + " --params " +
                           iamguard::test::quoted(params) + " " + missing + " " + d("users-authz.json"));
        BOOST_TEST(r.code == 2, context(r));
        const auto warning = r.err.find("warning[R054]");
        const auto input = r.err.find("iamguard scan: " + missing + ": cannot open: No such file or directory\n");
        BOOST_TEST(warning != std::string::npos, context(r));
        BOOST_TEST(input != std::string::npos, context(r));
        BOOST_TEST(warning < input, context(r));
        BOOST_TEST(contains(r.out, "1 input error\n"), context(r));
    }
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_two) {
    const auto f = run("scan " + rules() + " --format yaml " + d("clean.jsonl"));
    BOOST_TEST(f.code == 2);
    BOOST_TEST(contains(f.err, "unknown --format `yaml`"), context(f));
    const auto n = run("scan " + rules() + " --now yesterday " + d("clean.jsonl"));
    BOOST_TEST(n.code == 2);
    BOOST_TEST(contains(n.err, "--now `yesterday` is not an ISO 8601 time"), context(n));
    BOOST_TEST(run("scan " + rules() + " --now 2026-02-30 " + d("clean.jsonl")).code == 2);
    BOOST_TEST(run("scan " + rules() + " --now 2026-01-31T12:00:00+02:00 " + d("clean.jsonl")).code == 0);
    const auto i = run("scan " + rules() + " --input-format xml " + d("clean.jsonl"));
    BOOST_TEST(i.code == 2);
    BOOST_TEST(contains(i.err, "unknown --input-format `xml`"), context(i));
    BOOST_TEST(run("scan " + rules()).code == 2);  // no input
}

BOOST_AUTO_TEST_CASE(include_passes_lists_passing_entities) {
    const auto r = run("scan " + rules() + " --include-passes " + d("clean.jsonl"));
    BOOST_TEST(r.code == 0, context(r));
    BOOST_TEST(contains(r.out, "  pass  Role deploy (arn:aws:iam::111122223333:role/deploy)"), context(r));
}

BOOST_AUTO_TEST_CASE(the_default_rule_pack_is_used_without_rules) {
    // The shipped pack may still be empty while it is being written; both cases are checked.
    bool has_rules = false;
    const fs::path pack = IAMGUARD_DEFAULT_RULES_DIR;
    if (fs::is_directory(pack))
        for (const auto& e : fs::recursive_directory_iterator(pack))
            if (e.path().extension() == ".rule") has_rules = true;
    const auto r = run("scan " + d("clean.jsonl"));
    if (has_rules) {
        BOOST_TEST(r.code != 2, context(r));
        BOOST_TEST(contains(r.out, "summary: "), context(r));
    } else {
        BOOST_TEST(r.code == 2);
        BOOST_TEST(contains(r.err, "the shipped rule pack in `" + pack.string() + "` has no rules yet"), context(r));
    }
}

BOOST_AUTO_TEST_CASE(aggregate_rules_see_every_input) {
    // `shared` is the description of a1 (streamed JSON Lines) and of b1 (a JSON document): only
    // an aggregate that sees both inputs finds the duplicate.
    const std::string agg = "scan --rules " + d("aggregate.rule") + " --format json --threads 2 ";
    const auto alone = run(agg + d("shared-a.jsonl"));
    BOOST_TEST(alone.code == 0, context(alone));
    const auto both = run(agg + d("shared-a.jsonl") + " " + d("shared-b.json"));
    BOOST_TEST(both.code == 1, context(both));
    const auto j = nlohmann::json::parse(both.out);
    BOOST_TEST_REQUIRE(j["findings"].size() == 1u);
    BOOST_TEST(j["findings"][0]["rule_id"] == "TEST.AGG.001");
    BOOST_TEST(j["findings"][0]["entity"]["name"] == "List<Role>");
    BOOST_TEST(j["findings"][0]["outcome"] == "fail");
}

BOOST_AUTO_TEST_CASE(a_streamed_aggregate_names_the_roles_and_their_line_whatever_the_thread_count) {
    // 3,000 roles over several chunks; lines 1500 and 2999 pin the same external ID. The shipped
    // IG.IAM.010 keeps a digest of the roles with an external ID, not the entities.
    const auto file = temp_dir() / "trusts.jsonl";
    {
        std::ofstream out(file, std::ios::binary);
        for (int i = 1; i <= 3000; ++i) {
            const std::string name = "role" + std::to_string(i);
            std::string condition;
            if (i % 3 == 0) condition = R"(,"Condition":{"StringEquals":{"sts:ExternalId":"own-)" + std::to_string(i) + R"("}})";
            if (i == 1500 || i == 2999) condition = R"(,"Condition":{"StringEquals":{"sts:ExternalId":"dup-id"}})";
            out << R"({"type":"Role","name":")" << name << R"(","arn":"arn:aws:iam::111122223333:role/)" << name
                << R"(","assumeRolePolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole")"
                << condition << "}]}}\n";
        }
    }
    const std::string rule = "'" + (fs::path(IAMGUARD_DEFAULT_RULES_DIR) / "IG.IAM.010.rule").string() + "'";
    const auto one = run("scan --rules " + rule + " --format json --threads 1 '" + file.string() + "'");
    const auto two = run("scan --rules " + rule + " --format json --threads 2 '" + file.string() + "'");
    BOOST_TEST(one.code == 1, context(one));
    BOOST_TEST(one.out == two.out);
    const auto j = nlohmann::json::parse(two.out);
    BOOST_TEST_REQUIRE(j["findings"].size() == 1u);
    const auto& f = j["findings"][0];
    BOOST_TEST(f["outcome"] == "fail");
    BOOST_TEST_REQUIRE(f["evidence"].size() == 1u);
    BOOST_TEST(f["evidence"][0]["value"] ==
               R"({"key":"dup-id","values":[{"name":"role1500","arn":"arn:aws:iam::111122223333:role/role1500"},)"
               R"({"name":"role2999","arn":"arn:aws:iam::111122223333:role/role2999"}]})");
    BOOST_TEST(f["evidence"][0]["line"] == 1500);  // the line of the first role of the group
    BOOST_TEST(j["summary"]["entities"] == 3000);
}

BOOST_AUTO_TEST_CASE(the_allocator_setting_changes_no_result) {
    // tune_malloc() executes the program again with GLIBC_TUNABLES set, unless it is set already
    // (`GLIBC_TUNABLES=` keeps glibc's defaults): the arguments and standard input reach the
    // second execution, and the results are the same both ways.
    const std::string args = "scan " + rules() + " --format json --threads 2 -";
    const auto tuned = run(args, (data / "mixed.jsonl").string(), "-u GLIBC_TUNABLES");
    const auto plain = run(args, (data / "mixed.jsonl").string(), "GLIBC_TUNABLES=");
    BOOST_TEST(tuned.code == 1, context(tuned));
    BOOST_TEST(plain.code == 1, context(plain));
    BOOST_TEST(tuned.out == plain.out);
    BOOST_TEST(nlohmann::json::parse(tuned.out)["summary"]["entities"] == 4);
}

BOOST_AUTO_TEST_CASE(a_parameter_file_overrides_rule_defaults) {
    const std::string base = "scan --rules " + d("params.rule") + " ";
    BOOST_TEST(run(base + d("clean.jsonl")).code == 0);  // default deny list: `nobody`
    const auto r = run(base + "--params " + d("params.json") + " " + d("clean.jsonl"));
    BOOST_TEST(r.code == 1, context(r));
    BOOST_TEST(contains(r.out, "  fail  Role deploy (arn:aws:iam::111122223333:role/deploy)"), context(r));
    const auto bad = run(base + "--params " + d("params-bad.yaml") + " " + d("clean.jsonl"));
    BOOST_TEST(bad.code == 2, context(bad));
    BOOST_TEST(contains(bad.err, (data / "params-bad.yaml").string() + ":2:1: error[R053]"), context(bad));
    const auto missing = run(base + "--params /nonexistent/p.json " + d("clean.jsonl"));
    BOOST_TEST(missing.code == 2);
    BOOST_TEST(contains(missing.err, "/nonexistent/p.json: cannot open"), context(missing));
}

BOOST_AUTO_TEST_CASE(now_fixes_the_evaluation_time_with_its_zone) {
    // carol last used her password at 2024-05-01T00:00:00Z; the rule wants a use after now - 90 days.
    const std::string base = "scan --rules " + d("dates.rule") + " " + d("dates.jsonl") + " --now ";
    BOOST_TEST(run(base + "2024-06-01").code == 0);
    BOOST_TEST(run(base + "2025-06-01").code == 1);
    BOOST_TEST(run(base + "2024-07-30T00:00:00Z").code == 1);       // exactly 90 days: not after
    BOOST_TEST(run(base + "2024-07-30T01:00:00+02:00").code == 0);  // = 2024-07-29T23:00:00Z
    BOOST_TEST(run(base + "2024-07-29T21:00:00-03:00").code == 1);  // = 2024-07-30T00:00:00Z
    BOOST_TEST(run(base + "2024-07-30T00:00:00").code == 2);        // a time needs a zone
}

BOOST_AUTO_TEST_CASE(a_binary_input_is_an_input_error_without_control_characters) {
    const auto file = temp_dir() / "binary.bin";
    std::ofstream(file, std::ios::binary) << std::string("\x7f" "ELF\x01\x1b[2J\x00garbage", 15);
    const auto r = run("scan " + rules() + " '" + file.string() + "' " + d("clean.jsonl"));
    BOOST_TEST(r.code == 2, context(r));
    BOOST_TEST(contains(r.err, file.string() + ":1:1: error[L002]: cannot tell what kind of input this is"), context(r));
    BOOST_TEST(r.err.find('\x1b') == std::string::npos);
    BOOST_TEST(contains(r.out, "2 passed; 2 entities"), context(r));  // clean.jsonl was still scanned
}

BOOST_AUTO_TEST_CASE(evidence_joined_from_a_credential_report_points_into_the_report) {
    // erin comes from the dump, her access keys from the credential report (loaded together).
    const auto r = run("scan --rules " + d("keys.rule") + " --format json " + d("users-authz.json") + " " +
                       d("users-creds.csv"));
    BOOST_TEST(r.code == 1, context(r));
    const auto j = nlohmann::json::parse(r.out);
    BOOST_TEST_REQUIRE(j["findings"].size() == 1u);
    const auto& f = j["findings"][0];
    BOOST_TEST(f["entity"]["file"] == (data / "users-authz.json").string());
    BOOST_TEST(f["entity"]["line"] == 3);
    BOOST_TEST(f["evidence"][0]["path"] == "firstAccessKey.isActive");
    BOOST_TEST(f["evidence"][0]["file"] == (data / "users-creds.csv").string());
    BOOST_TEST(f["evidence"][0]["line"] == 2);
    BOOST_TEST(f["evidence"][0]["column"] == 92);  // the `true` of access_key_1_active
}

BOOST_AUTO_TEST_SUITE_END()
