// SPDX-License-Identifier: Apache-2.0
// load_options::threads: several inputs read on several threads give exactly what a sequential
// read gives (entities, their order, fields, origins, per-field files, diagnostics and their
// order), with joins across inputs, a broken input in the middle and account settings from two
// inputs; and joins over thousands of entities, which run in pieces on those threads too. The
// inputs differ in size and are read largest first: the result still keeps their order.
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

// Pages of an account large enough for the joins to run in several pieces (of 512 entities):
// groups on the first page, managed policies on the last, users and roles between, each user in
// two groups (sometimes the same one twice) and attached to a policy of its own and to the first
// (twice for some), and a group of a canonical input that lists users who do not list it.
inputs_fixture many_pages() {
    inputs_fixture f;
    f.texts.clear();
    f.names.clear();
    const std::string acct = "arn:aws:iam::111122223333:";
    auto policy = [&](int i) { return "pol-" + std::to_string(i); };
    auto group = [&](int i) { return "grp-" + std::to_string(i); };
    std::string groups = R"({"GroupDetailList": [)";
    for (int g = 0; g < 20; ++g)
        groups += std::string(g ? "," : "") + R"({"GroupName": ")" + group(g) + R"(", "Arn": ")" + acct + "group/" +
                  group(g) + R"(", "AttachedManagedPolicies": [{"PolicyName": ")" + policy(g) + R"(", "PolicyArn": ")" +
                  acct + "policy/" + policy(g) + R"("}]})";
    f.add("groups.json", groups + "]}");
    for (int page = 0; page < 3; ++page) {
        std::string users, roles;
        for (int k = 0; k < 400; ++k) {
            const int i = page * 400 + k;
            const std::string u = "user-" + std::to_string(i);
            users += std::string(k ? "," : "") + R"({"UserName": ")" + u + R"(", "Arn": ")" + acct + "user/" + u +
                     R"(", "GroupList": [")" + group(i % 20) + R"(", ")" + group(i * 7 % 20) +
                     R"("], "AttachedManagedPolicies": [{"PolicyName": ")" + policy(i % 30) + R"(", "PolicyArn": ")" +
                     acct + "policy/" + policy(i % 30) + R"("}, {"PolicyName": ")" + policy(0) + R"(", "PolicyArn": ")" +
                     acct + "policy/" + policy(0) + R"("}]})";
            const std::string r = "role-" + std::to_string(i);
            roles += std::string(k ? "," : "") + R"({"RoleName": ")" + r + R"(", "Arn": ")" + acct + "role/" + r +
                     R"(", "AttachedManagedPolicies": [{"PolicyName": ")" + policy(i * 11 % 30) + R"(", "PolicyArn": ")" +
                     acct + "policy/" + policy(i * 11 % 30) + R"("}]})";
        }
        f.add("page" + std::to_string(page) + ".json",
              R"({"UserDetailList": [)" + users + R"(], "RoleDetailList": [)" + roles + "]}");
    }
    std::string policies = R"({"Policies": [)";
    for (int i = 0; i < 30; ++i)
        policies += std::string(i ? "," : "") + R"({"PolicyName": ")" + policy(i) + R"(", "Arn": ")" + acct + "policy/" +
                    policy(i) + R"(", "DefaultVersionId": "v1", "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, )" +
                    R"("Document": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}]})";
    f.add("policies.json", policies + "]}");
    f.add("extra.json", R"({"format": "iamguard-entities/1", "entities": [{"type": "Group", "name": "ops",
        "arn": ")" + acct + R"(group/ops", "users": [{"name": "user-1199", "arn": ""}, {"name": "user-3"}, {"name": "nobody"}]}]})");
    return f;
}

BOOST_AUTO_TEST_CASE(joins_over_thousands_of_entities_give_the_sequential_result) {
    const inputs_fixture f = many_pages();
    const auto one = f.load_with(1);
    BOOST_TEST_REQUIRE(one.entities.size() > 2400u);  // several pieces
    // the joins were made: the first policy lists every user once and the roles attached to it,
    // in input order, and counts them
    const auto* first = find(one, entity_type::policy, "pol-0");
    BOOST_TEST_REQUIRE(first != nullptr);
    BOOST_TEST(text_at(*first, "users[0].name") == "user-0");
    BOOST_TEST(text_at(*first, "users[1199].name") == "user-1199");
    BOOST_TEST(first->fields.find("users")->items.size() == 1200u);
    BOOST_TEST(text_at(*first, "roles[0].name") == "role-0");
    BOOST_TEST(first->fields.find("roles")->items.size() == 40u);  // i * 11 % 30 == 0: i % 30 == 0
    BOOST_TEST(text_at(*first, "groups[0].name") == "grp-0");
    BOOST_TEST(first->fields.find("attachmentCount")->text == "1241");
    BOOST_TEST(first->file_of("users[0]") == "page0.json");
    const auto* grp = find(one, entity_type::group, "grp-7");
    BOOST_TEST_REQUIRE(grp != nullptr);
    BOOST_TEST(text_at(*grp, "users[0].name") == "user-1");  // 1 * 7 % 20 == 7
    const auto* ops = find(one, entity_type::group, "ops");
    BOOST_TEST_REQUIRE(ops != nullptr);
    BOOST_TEST(text_at(*ops, "users[0].arn") == "arn:aws:iam::111122223333:user/user-1199");
    const auto* last = find(one, entity_type::user, "user-1199");
    BOOST_TEST_REQUIRE(last != nullptr);
    BOOST_TEST(text_at(*last, "attachedGroups[2].name") == "ops");
    BOOST_TEST(last->file_of("attachedGroups[2]") == "extra.json");
    const std::string sequential = describe(one);
    for (unsigned threads : {2u, 3u, 0u}) BOOST_TEST(describe(f.load_with(threads)) == sequential, "threads = " << threads);
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
