// SPDX-License-Identifier: Apache-2.0
// Every AWS managed policy parses with no error and round-trips; every policy document in the
// authorization-details dumps parses. The corpora live in ../shared (not in the repository).
#define BOOST_TEST_MODULE corpus_policy
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include <iamguard/json/value.hpp>
#include <iamguard/policy/parse.hpp>
#include <iamguard/policy/print.hpp>

#include "test_paths.hpp"

using namespace iamguard;
namespace fs = std::filesystem;

namespace {

std::string first_error(const policy::parse_result& r) {
    for (const auto& d : r.diagnostics)
        if (d.level == severity::error) return render_short(d);
    return {};
}

// Calls `visit(value, path)` for every policy document inside an authorization-details dump.
template <class F>
void each_policy_document(const json::value& root, F visit) {
    auto docs_in = [&](const json::value* list, const char* name, std::initializer_list<const char*> doc_keys,
                       const char* inner_list) {
        if (list == nullptr || !list->is_array()) return;
        for (std::size_t i = 0; i < list->items.size(); ++i) {
            const auto& e = list->items[i];
            const std::string base = std::string(name) + "[" + std::to_string(i) + "]";
            for (const char* k : doc_keys)
                if (const auto* d = e.find(k)) visit(*d, base + "." + k);
            if (const auto* inner = e.find(inner_list); inner && inner->is_array()) {
                for (std::size_t j = 0; j < inner->items.size(); ++j) {
                    const auto& p = inner->items[j];
                    for (const char* k : {"PolicyDocument", "Document"})
                        if (const auto* d = p.find(k))
                            visit(*d, base + "." + inner_list + "[" + std::to_string(j) + "]." + k);
                }
            }
        }
    };
    docs_in(root.find("RoleDetailList"), "RoleDetailList", {"AssumeRolePolicyDocument"}, "RolePolicyList");
    docs_in(root.find("UserDetailList"), "UserDetailList", {}, "UserPolicyList");
    docs_in(root.find("GroupDetailList"), "GroupDetailList", {}, "GroupPolicyList");
    docs_in(root.find("Policies"), "Policies", {}, "PolicyVersionList");
}

}  // namespace

BOOST_AUTO_TEST_CASE(all_aws_managed_policies_parse_and_round_trip) {
    const std::string sub = "corpora/aws-managed-policies-mamip/policies";
    if (!test::shared_available(sub)) return;
    std::size_t files = 0, failures = 0;
    for (const auto& entry : fs::directory_iterator(test::shared_dir() / sub)) {
        if (entry.path().extension() != ".json") continue;
        ++files;
        const std::string text = test::read_file(entry.path());
        const auto outer = json::parse(text);
        BOOST_TEST_REQUIRE(outer.ok, entry.path().filename());
        const auto* doc = outer.root.find("PolicyVersion");
        doc = doc ? doc->find("Document") : nullptr;
        BOOST_TEST_REQUIRE(doc != nullptr, entry.path().filename());
        policy::parse_options o;
        o.kind = policy::policy_kind::identity;
        const auto r = policy::from_json(*doc, o, "PolicyVersion.Document");
        if (!r.ok()) {
            ++failures;
            BOOST_TEST(r.ok(), entry.path().filename() << ": " << first_error(r));
            continue;
        }
        // parse -> print -> parse gives the same AST, in both layouts.
        for (const bool pretty : {true, false}) {
            const auto again = policy::parse(policy::print(*r.doc, {.pretty = pretty}));
            BOOST_TEST_REQUIRE(again.doc.has_value());
            BOOST_TEST(policy::equivalent(*r.doc, *again.doc), entry.path().filename());
        }
        const auto normalized = policy::parse(policy::print(*r.doc, {.pretty = false, .normalized = true}));
        BOOST_TEST(normalized.ok(), entry.path().filename());
    }
    BOOST_TEST(files == 1523u);
    BOOST_TEST(failures == 0u);
    BOOST_TEST_MESSAGE("managed policies: " << files << " parsed, " << failures << " with errors");
}

BOOST_AUTO_TEST_CASE(every_policy_in_the_account_dumps_parses) {
    const std::string sub = "corpora/authz-details-cloudsplaining";
    if (!test::shared_available(sub)) return;
    std::size_t dumps = 0, documents = 0;
    for (const auto& entry : fs::directory_iterator(test::shared_dir() / sub)) {
        if (entry.path().extension() != ".json") continue;
        ++dumps;
        const std::string text = test::read_file(entry.path());
        const auto outer = json::parse(text);
        BOOST_TEST_REQUIRE(outer.ok, entry.path().filename());
        each_policy_document(outer.root, [&](const json::value& v, const std::string& path) {
            ++documents;
            const auto r = policy::from_json(v, {}, path);
            BOOST_TEST(r.ok(), entry.path().filename() << " " << path << ": " << first_error(r));
        });
    }
    BOOST_TEST(dumps == 6u);
    BOOST_TEST(documents == 260u);  // counted independently from the dumps
    BOOST_TEST_MESSAGE("account dumps: " << dumps << " files, " << documents << " policy documents");
}
