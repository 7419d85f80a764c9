// SPDX-License-Identifier: Apache-2.0
// End-to-end tests of `iamguard entities` and `conformance` options: the repeatable options that
// precede positional inputs (`entities --type`, `conformance --exclude-tag`) take one value per
// occurrence, so the input after them stays an input; `entities --threads` changes no output.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>

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
