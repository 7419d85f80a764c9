// SPDX-License-Identifier: Apache-2.0
// load_options::threads: several inputs read on several threads give exactly what a sequential
// read gives (entities, their order, fields, origins, per-field files, diagnostics and their
// order), with joins across inputs, a broken input in the middle and account settings from two
// inputs.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <iamguard/entity/canonical.hpp>
#include <iamguard/entity/load.hpp>

#include "support.hpp"
#include "test_paths.hpp"

using namespace iamguard;
using namespace iamguard::entity;
using iamguard::test::find;
using iamguard::test::text_at;

namespace {

// A user on one page whose managed policy is on another, a role split over two pages, a page cut
// short, the sample account's three files and two account-settings inputs.
struct inputs_fixture {
    std::vector<std::string> texts;
    std::vector<std::string> names;

    inputs_fixture() {
        add("page1.json", R"({"UserDetailList": [{"UserName": "bob", "Arn": "arn:aws:iam::111122223333:user/bob",
            "AttachedManagedPolicies": [{"PolicyName": "Ops", "PolicyArn": "arn:aws:iam::111122223333:policy/Ops"}]}],
            "RoleDetailList": [{"RoleName": "split", "Arn": "arn:aws:iam::111122223333:role/split",
            "AssumeRolePolicyDocument": {"Statement": {"Effect": "Allow", "Principal": {"AWS": "444455556666"},
            "Action": "sts:AssumeRole"}}}], "IsTruncated": true, "Marker": "a"})");
        add("page2.json", R"({"Policies": [{"PolicyName": "Ops", "Arn": "arn:aws:iam::111122223333:policy/Ops",
            "DefaultVersionId": "v1", "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
            "Document": {"Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}}]}],
            "RoleDetailList": [{"RoleName": "split", "Arn": "arn:aws:iam::111122223333:role/split",
            "RolePolicyList": [{"PolicyName": "in", "PolicyDocument": {"Statement": {"Effect": "Allow",
            "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": true}}}}}]}],
            "IsTruncated": true, "Marker": "b"})");
        add("broken.json", "{\"RoleDetailList\": [{\"RoleName\": \"cut\", \"Arn\": \"arn:aws:iam::111122223333:role/cut\"},\n"
                           "  {\"RoleName\": \"half\", \"Arn\": ");
        const auto dir = iamguard::test::source_dir() / "examples" / "data";
        for (const char* f : {"account-authorization-details.json", "credential-report.csv", "account-password-policy.json"})
            add((dir / f).string(), iamguard::test::read_file(dir / f));
        add("summary.json", R"({"SummaryMap": {"AccountMFAEnabled": 0, "Users": 3}})");
        add("aliases.json", R"({"AccountAliases": ["example-prod"]})");
    }

    void add(std::string name, std::string text) {
        names.push_back(std::move(name));
        texts.push_back(std::move(text));
    }

    [[nodiscard]] load_result load_with(unsigned threads) const {
        std::vector<input> in;
        for (std::size_t i = 0; i < texts.size(); ++i) in.push_back({names[i], texts[i]});
        load_options o;
        o.threads = threads;
        return load(in, o);
    }
};

// Everything a consumer can see of an entity, as text.
std::string describe(const entity::entity& e) {
    std::string s = to_canonical_json(e) + "\nfrom " + e.from.file + ":" + std::to_string(e.from.pos.line) + ":" +
                    std::to_string(e.from.pos.column) + " " + e.from.path + "\n";
    for (const auto& [path, file] : e.field_files) s += "  " + path + " <- " + file + "\n";
    for (const auto& slot : e.policies) s += "  slot " + slot.path + (slot.doc ? " parsed\n" : " unparsed\n");
    return s;
}

std::string describe(const load_result& r) {
    std::string s;
    for (const auto& e : r.entities) s += describe(e);
    return s + iamguard::test::all_diags(r);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(parallel_load, inputs_fixture)

BOOST_AUTO_TEST_CASE(the_fixture_exercises_joins_merges_settings_and_errors) {
    const auto r = load_with(1);
    const auto* bob = find(r, entity_type::user, "bob");
    BOOST_TEST_REQUIRE(bob != nullptr);
    BOOST_TEST(text_at(*bob, "combinedPolicies[0].policyDocument.Statement[0].Action[0]") == "iam:*");
    BOOST_TEST(bob->file_of("combinedPolicies[0].policyDocument") == "page2.json");
    const auto* split = find(r, entity_type::role, "split");
    BOOST_TEST_REQUIRE(split != nullptr);
    BOOST_TEST(split->from.file == "page1.json");
    std::size_t splits = 0;
    for (const auto& e : r.entities) splits += e.type == entity_type::role && e.name == "split" ? 1 : 0;
    BOOST_TEST(splits == 1u);  // the two pages' entries are merged
    const auto* account = find(r, entity_type::account, "example-prod");  // named by its alias
    BOOST_TEST_REQUIRE(account != nullptr);
    BOOST_TEST(text_at(*account, "alias") == "example-prod");
    BOOST_TEST(account->file_of("alias") == "aliases.json");
    BOOST_TEST(account->file_of("name") == "aliases.json");
    // the root user's row in the credential report wins over the summary, at the account's position
    BOOST_TEST(account->file_of("stats.accountMfaEnabled") == account->from.file);
    BOOST_TEST(account->file_of("passwordPolicy.minPasswordLength") ==
               (iamguard::test::source_dir() / "examples" / "data" / "account-password-policy.json").string());
    BOOST_TEST(find(r, entity_type::role, "cut") != nullptr);
    const auto* broken = iamguard::test::diag(r, "J001");
    BOOST_TEST_REQUIRE(broken != nullptr, iamguard::test::all_diags(r));
    BOOST_TEST(broken->file == "broken.json");
    BOOST_TEST(broken->pos.line == 2u);
}

BOOST_AUTO_TEST_CASE(any_thread_count_gives_the_sequential_result) {
    const std::string sequential = describe(load_with(1));
    for (unsigned threads : {2u, 3u, 4u, 16u, 0u}) {
        const auto r = load_with(threads);
        BOOST_TEST(describe(r) == sequential, "threads = " << threads);
    }
}

BOOST_AUTO_TEST_CASE(one_input_or_none_needs_no_thread) {
    inputs_fixture one;
    one.texts.resize(1);
    one.names.resize(1);
    BOOST_TEST(describe(one.load_with(4)) == describe(one.load_with(1)));
    inputs_fixture none;
    none.texts.clear();
    none.names.clear();
    const auto r = none.load_with(4);
    BOOST_TEST(r.entities.empty());
    BOOST_TEST(r.diagnostics.empty());
}

BOOST_AUTO_TEST_SUITE_END()
