// SPDX-License-Identifier: Apache-2.0
// End-to-end tests of `iamguard entities` and `conformance` options: the repeatable options that
// precede positional inputs (`entities --type`, `conformance --exclude-tag`) take one value per
// occurrence, so the input after them stays an input; `entities --threads` changes no output.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "cli_run.hpp"

namespace fs = std::filesystem;
using iamguard::test::describe;
using iamguard::test::quoted;

namespace {

const fs::path data = IAMGUARD_CLI_DATA;

iamguard::test::cli_result run(const std::string& args) {
    return iamguard::test::run_cli(IAMGUARD_CLI, args, iamguard::test::scratch_dir("entities-test"));
}

// The two inputs the tests read; --no-join keeps each file's entities apart.
std::string inputs() { return quoted(data / "mixed.jsonl") + " " + quoted(data / "clean.jsonl"); }

// The table rows for `entities --no-join --format table ARGS mixed.jsonl clean.jsonl`.
std::string row(const std::string& type, const std::string& name, const std::string& file_line) {
    std::string r = type;
    r.resize(10, ' ');
    r += name;
    r.resize(21, ' ');
    return r + "111122223333  0         " + (data / file_line).string() + "\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(entities_and_conformance_cli)

BOOST_AUTO_TEST_CASE(type_before_the_inputs_takes_one_value) {
    const auto r = run("entities --no-join --format table --type Role " + inputs());
    BOOST_TEST(r.code == 0, describe(r));
    BOOST_TEST(r.out == "TYPE      NAME       ACCOUNT       POLICIES  FROM\n" + row("Role", "deploy", "mixed.jsonl:1") +
                            row("Role", "admin-all", "mixed.jsonl:2") + row("Role", "deploy", "clean.jsonl:1") +
                            "3 entities: 3 Role\n",
               describe(r));
}

BOOST_AUTO_TEST_CASE(standard_input_is_named_stdin) {
    const auto r = iamguard::test::run_cli(IAMGUARD_CLI, "entities --no-join --format table --type Role -",
                                           iamguard::test::scratch_dir("entities-test"), (data / "mixed.jsonl").string());
    BOOST_TEST(r.code == 0, describe(r));
    BOOST_TEST(r.out.find("Role      admin-all  111122223333  0         <stdin>:2\n") != std::string::npos, describe(r));
}

BOOST_AUTO_TEST_CASE(type_repeats_one_value_per_occurrence) {
    const auto r = run("entities --no-join --format table --type User --type Role " + inputs());
    BOOST_TEST(r.code == 0, describe(r));
    BOOST_TEST(r.out.find("6 entities: 3 Role, 3 User\n") != std::string::npos, describe(r));
}

BOOST_AUTO_TEST_CASE(threads_change_nothing_in_the_output) {
    const auto sample = iamguard::test::source_dir() / "examples" / "data";
    const std::string in = quoted(sample / "account-authorization-details.json") + " " +
                           quoted(sample / "credential-report.csv") + " " +
                           quoted(sample / "account-password-policy.json") + " " + inputs();
    const auto one = run("entities --threads 1 " + in);
    BOOST_TEST(one.code == 0, describe(one));
    BOOST_TEST(one.out.size() > 10000u, describe(one));
    for (const char* t : {"2", "3", "0"}) {
        const auto many = run("entities --threads " + std::string(t) + " " + in);
        BOOST_TEST(many.code == 0, describe(many));
        BOOST_TEST(many.out == one.out, "--threads " << t);
        BOOST_TEST(many.err == one.err, "--threads " << t);
    }
    BOOST_TEST(run("entities --threads 999 " + in).code == 2);
}

BOOST_AUTO_TEST_CASE(a_directory_stands_for_its_input_files_in_path_order) {
    const fs::path dir = iamguard::test::scratch_dir("entities-test") / "inputs";
    fs::create_directories(dir);
    fs::copy_file(data / "mixed.jsonl", dir / "1-mixed.jsonl", fs::copy_options::overwrite_existing);
    fs::copy_file(data / "clean.jsonl", dir / "2-clean.jsonl", fs::copy_options::overwrite_existing);
    std::ofstream(dir / "notes.txt") << "not an input";
    const auto whole = run("entities --no-join --format json " + quoted(dir));
    const auto listed = run("entities --no-join --format json " + quoted(dir / "1-mixed.jsonl") + " " +
                            quoted(dir / "2-clean.jsonl"));
    BOOST_TEST(whole.code == 0, describe(whole));
    BOOST_TEST(!whole.out.empty());
    BOOST_TEST(whole.out == listed.out);
    const auto empty = run("entities " + quoted(iamguard::test::scratch_dir("entities-test") / "inputs" / "nothing"));
    BOOST_TEST(empty.code == 2, describe(empty));
    fs::create_directories(dir / "none");
    const auto none = run("entities " + quoted(dir / "none"));
    BOOST_TEST(none.code == 2, describe(none));
    BOOST_TEST(none.err.find((dir / "none").string() + ": is a directory without *.json") != std::string::npos,
               describe(none));
}

BOOST_AUTO_TEST_CASE(an_organisation_is_converted_account_by_account) {
    // Two accounts, each with a group `admins` holding a user `alice`; account 1's second page
    // holds only an AWS managed policy (no account of its own: it goes with the page before).
    // Each account is loaded with its own pages: its entities, then its Account entity; each
    // alice is in her own account's group. Every format lists the same entities in that order.
    const fs::path dir = iamguard::test::scratch_dir("entities-test") / "org";
    fs::remove_all(dir);
    for (const std::string acct : {"111111111111", "222222222222"}) {
        fs::create_directories(dir / acct);
        std::ofstream(dir / acct / "page-1.json")
            << R"({"UserDetailList": [{"UserName": "alice", "Arn": "arn:aws:iam::)" << acct
            << R"(:user/alice", "GroupList": ["admins"]}], "GroupDetailList": [{"GroupName": "admins", "Arn": "arn:aws:iam::)"
            << acct << R"(:group/admins"}], "IsTruncated": true, "Marker": "m"})" << '\n';
        std::ofstream(dir / acct / "page-2.json")
            << R"({"Policies": [{"PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]})" << '\n';
    }
    const auto lines = run("entities " + quoted(dir));
    BOOST_TEST_REQUIRE(lines.code == 0, describe(lines));
    std::vector<std::string> order;
    std::size_t at = 0;
    for (std::size_t nl = lines.out.find('\n'); nl != std::string::npos; at = nl + 1, nl = lines.out.find('\n', at)) {
        const std::string line = lines.out.substr(at, nl - at);
        const auto type = line.substr(9, line.find('"', 9) - 9);  // {"type":"...
        const auto arn_at = line.find("\"arn\":\"") + 7;
        order.push_back(type + " " + line.substr(arn_at, line.find('"', arn_at) - arn_at));
        if (type == "User") {  // her group, in her account
            const std::string acct = line.substr(line.find("arn:aws:iam::") + 13, 12);
            BOOST_TEST(line.find(R"("attachedGroups":[{"arn":"arn:aws:iam::)" + acct + R"(:group/admins")") !=
                           std::string::npos,
                       line);
        }
    }
    const std::vector<std::string> expected{
        "User arn:aws:iam::111111111111:user/alice",    "Group arn:aws:iam::111111111111:group/admins",
        "Policy arn:aws:iam::aws:policy/ReadOnlyAccess", "Account arn:aws:iam::111111111111:root",
        "User arn:aws:iam::222222222222:user/alice",    "Group arn:aws:iam::222222222222:group/admins",
        "Policy arn:aws:iam::aws:policy/ReadOnlyAccess", "Account arn:aws:iam::222222222222:root"};
    BOOST_TEST(order == expected, boost::test_tools::per_element());
    const auto table = run("entities --format table " + quoted(dir));
    BOOST_TEST(table.code == 0, describe(table));
    BOOST_TEST(table.out.find("8 entities: 2 Account, 2 User, 2 Group, 2 Policy\n") != std::string::npos, table.out);
    BOOST_TEST(table.out.find("Account   111111111111") < table.out.find("User      alice           222222222222"),
               table.out);
}

BOOST_AUTO_TEST_CASE(type_without_a_value_is_a_usage_error) {
    const auto r = run("entities " + inputs() + " --type");
    BOOST_TEST(r.code == 2, describe(r));
    BOOST_TEST(r.err.find("--type") != std::string::npos, describe(r));
}

BOOST_AUTO_TEST_CASE(exclude_tag_before_the_vector_file_takes_one_value) {
    const auto dir = iamguard::test::scratch_dir("entities-test");
    std::ofstream(dir / "a.jsonl") << R"({"id":"a1","tags":["slow"],"policies":[],"request":{},"expect":"Deny"})" << '\n';
    std::ofstream(dir / "b.jsonl") << R"({"id":"b1","tags":["slow"],"policies":[],"request":{},"expect":"Deny"})" << '\n';
    const auto r = run("conformance --exclude-tag slow " + quoted(dir / "a.jsonl") + " " + quoted(dir / "b.jsonl"));
    BOOST_TEST(r.code == 0, describe(r));
    BOOST_TEST(r.out == "2 skipped\n0 passed, 0 failed\n", describe(r));
}

BOOST_AUTO_TEST_SUITE_END()
