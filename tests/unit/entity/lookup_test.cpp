// SPDX-License-Identifier: Apache-2.0
// Finding the parsed policy behind a node of an entity: entity::policy_at and entity::statement_at,
// through the index the loader builds and, for entities built by hand, without it.
#include <boost/test/unit_test.hpp>

#include <utility>

#include <iamguard/entity/load.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/policy/parse.hpp>

#include "support.hpp"

using namespace iamguard;
using namespace iamguard::entity;
using iamguard::test::at;
using iamguard::test::find;

namespace {

const char* const role_json = R"({"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r",
  "RolePolicyList": [
    {"PolicyName": "one", "PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}},
    {"PolicyName": "three", "PolicyDocument": {"Statement": [
      {"Sid": "a", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
      {"Sid": "b", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"},
      {"Sid": "c", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}}]}]})";

}  // namespace

BOOST_AUTO_TEST_SUITE(lookup)

BOOST_AUTO_TEST_CASE(policy_and_statement_of_a_node_in_a_loaded_entity) {
    auto r = load(role_json, "authz.json");
    BOOST_TEST_REQUIRE(r.ok(), iamguard::test::all_diags(r));
    const entity::entity* role = find(r, entity_type::role, "r");
    BOOST_TEST_REQUIRE(role != nullptr);
    BOOST_TEST_REQUIRE(role->policies.size() == 4u);  // two inline documents and their combinedPolicies copies

    const json::value* three = at(role->fields, "inlinePolicies[1].document");
    const policy::document* doc = role->policy_at(three);
    BOOST_TEST_REQUIRE(doc != nullptr);
    BOOST_TEST(doc->statements.size() == 3u);
    BOOST_TEST(role->policy_at(at(role->fields, "name")) == nullptr);
    BOOST_TEST(role->policy_at(nullptr) == nullptr);

    const auto st = role->statement_at(at(role->fields, "inlinePolicies[1].document.Statement[2]"));
    BOOST_TEST_REQUIRE(st.has_value());
    BOOST_TEST(st->slot->path == "inlinePolicies[1].document");
    BOOST_TEST(st->index == 2u);
    // the same statement seen through combinedPolicies: its own slot, the same parsed document
    const auto combined = role->statement_at(at(role->fields, "combinedPolicies[1].policyDocument.Statement[1]"));
    BOOST_TEST_REQUIRE(combined.has_value());
    BOOST_TEST(combined->slot->path == "combinedPolicies[1].policyDocument");
    BOOST_TEST(combined->index == 1u);
    BOOST_TEST(combined->slot->doc.get() == doc);
    // a one-statement policy stays a list in the loaded (normalised) tree
    const auto first = role->statement_at(at(role->fields, "inlinePolicies[0].document.Statement[0]"));
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(first->index == 0u);
    // nodes that are not statements
    BOOST_TEST(!role->statement_at(three).has_value());
    BOOST_TEST(!role->statement_at(at(role->fields, "inlinePolicies[1].document.Statement")).has_value());
    BOOST_TEST(!role->statement_at(at(role->fields, "inlinePolicies[1].document.Statement[2].Action")).has_value());
    BOOST_TEST(!role->statement_at(nullptr).has_value());
}

BOOST_AUTO_TEST_CASE(an_entity_built_by_hand_is_searched_with_or_without_the_index) {
    auto parsed = json::parse(R"({"doc": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}, "other": {}})");
    BOOST_TEST_REQUIRE(parsed.ok);
    entity::entity e;
    e.fields = std::move(parsed.root);
    const json::value* doc_node = e.fields.find("doc");
    auto doc = policy::from_json(*doc_node);
    BOOST_TEST_REQUIRE(doc.doc.has_value());
    e.policies.push_back(policy_slot::make(doc_node, "doc", std::make_shared<const policy::document>(std::move(*doc.doc))));

    auto check = [](const entity::entity& x, const char* when) {
        const json::value* node = x.fields.find("doc");
        BOOST_TEST(x.policy_at(node) == x.policies[0].doc.get(), when);
        BOOST_TEST(x.policy_at(x.fields.find("other")) == nullptr, when);
        const auto st = x.statement_at(node->find("Statement"));  // a Statement object: statement 0
        BOOST_TEST_REQUIRE(st.has_value(), when);
        BOOST_TEST(st->index == 0u, when);
        BOOST_TEST(!x.statement_at(x.fields.find("other")).has_value(), when);
    };
    check(e, "scanning");
    e.index_policies();
    check(e, "indexed");
    const entity::entity moved = std::move(e);  // the index holds positions, not addresses
    check(moved, "moved");
}

BOOST_AUTO_TEST_SUITE_END()
