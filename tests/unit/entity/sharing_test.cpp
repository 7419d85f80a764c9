// SPDX-License-Identifier: Apache-2.0
// What the loader shares and what it does not, now that JSON copies share their children
// (json::cow_vector): a managed policy's document is stored once for the policy and every
// identity it is attached to, a group's inline document once for the group and its members;
// but no node is reachable at two paths of one entity, since policy_at/statement_at and the
// evidence paths of findings identify nodes by address.
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <iamguard/entity/load.hpp>
#include <iamguard/json/value.hpp>

#include "support.hpp"
#include "test_paths.hpp"

using namespace iamguard;
using namespace iamguard::entity;
using iamguard::test::at;
using iamguard::test::find;

namespace {

// u1 holds the managed policy P twice (directly and through group g); u2 only through g; role r
// holds P and an inline policy of its own; g has an inline policy shared by u1 and u2.
const char* const dump = R"({
 "UserDetailList": [
  {"UserName": "u1", "Arn": "arn:aws:iam::111122223333:user/u1", "GroupList": ["g"],
   "AttachedManagedPolicies": [{"PolicyName": "P", "PolicyArn": "arn:aws:iam::111122223333:policy/P"}]},
  {"UserName": "u2", "Arn": "arn:aws:iam::111122223333:user/u2", "GroupList": ["g"]}],
 "GroupDetailList": [
  {"GroupName": "g", "Arn": "arn:aws:iam::111122223333:group/g",
   "GroupPolicyList": [{"PolicyName": "gp", "PolicyDocument": {"Version": "2012-10-17",
     "Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}}],
   "AttachedManagedPolicies": [{"PolicyName": "P", "PolicyArn": "arn:aws:iam::111122223333:policy/P"}]}],
 "RoleDetailList": [
  {"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r",
   "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
     "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
   "RolePolicyList": [{"PolicyName": "own", "PolicyDocument": {"Version": "2012-10-17",
     "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
   "AttachedManagedPolicies": [{"PolicyName": "P", "PolicyArn": "arn:aws:iam::111122223333:policy/P"}]}],
 "Policies": [
  {"PolicyName": "P", "Arn": "arn:aws:iam::111122223333:policy/P", "DefaultVersionId": "v1",
   "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17",
     "Statement": [{"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*"},
                   {"Effect": "Deny", "Action": "iam:DeleteUser", "Resource": "*"}]}}]}]})";

// Every node of `v` (itself included), with the path it was reached by.
void walk(const json::value& v, const std::string& path, std::vector<std::pair<const json::value*, std::string>>& out) {
    out.emplace_back(&v, path);
    for (std::size_t i = 0; i < v.items.size(); ++i) walk(v.items[i], path + "[" + std::to_string(i) + "]", out);
    for (const auto& m : v.members) walk(m.val, path + "." + m.key, out);
}

// The first node reachable at two paths of `e`, as "path1 and path2", or empty.
std::string node_at_two_paths(const entity::entity& e) {
    std::vector<std::pair<const json::value*, std::string>> nodes;
    walk(e.fields, "", nodes);
    std::map<const json::value*, std::string> seen;
    for (const auto& [node, path] : nodes) {
        auto [it, fresh] = seen.emplace(node, path);
        if (!fresh) return it->second + " and " + path;
    }
    return {};
}

// The index of the combinedPolicies entry with `source` and `name` (or arn), or -1.
int combined_index(const entity::entity& e, std::string_view source, std::string_view name) {
    const json::value* list = e.fields.find("combinedPolicies");
    for (std::size_t i = 0; list != nullptr && i < list->items.size(); ++i) {
        const json::value& item = list->items[i];
        const json::value* s = item.find("source");
        const json::value* n = item.find("name");
        if (s != nullptr && s->text == source && n != nullptr && n->text == name) return static_cast<int>(i);
    }
    return -1;
}

const json::value& statements_of(const entity::entity& e, const std::string& doc_path) {
    const json::value* list = at(e.fields, doc_path + ".Statement");
    BOOST_TEST_REQUIRE(list != nullptr, doc_path);
    return *list;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sharing)

BOOST_AUTO_TEST_CASE(no_node_is_at_two_paths_of_one_entity) {
    const auto r = load(dump, "authz.json");
    BOOST_TEST_REQUIRE(r.ok(), iamguard::test::all_diags(r));
    BOOST_TEST_REQUIRE(r.entities.size() >= 5u);
    for (const auto& e : r.entities) BOOST_TEST(node_at_two_paths(e).empty(), e.name << ": " << node_at_two_paths(e));

    // u1's second P (through g) is a copy of the first, with its own slot and the same parsed document
    const entity::entity* u1 = find(r, entity_type::user, "u1");
    BOOST_TEST_REQUIRE(u1 != nullptr);
    const json::value* combined = u1->fields.find("combinedPolicies");
    BOOST_TEST_REQUIRE(combined != nullptr);
    std::vector<std::size_t> p_entries;
    for (std::size_t i = 0; i < combined->items.size(); ++i)
        if (const json::value* n = combined->items[i].find("name"); n != nullptr && n->text == "P") p_entries.push_back(i);
    BOOST_TEST_REQUIRE(p_entries.size() == 2u);
    const std::string first = "combinedPolicies[" + std::to_string(p_entries[0]) + "].policyDocument";
    const std::string second = "combinedPolicies[" + std::to_string(p_entries[1]) + "].policyDocument";
    const auto a = u1->statement_at(&statements_of(*u1, first).items[1]);
    const auto b = u1->statement_at(&statements_of(*u1, second).items[1]);
    BOOST_TEST_REQUIRE(a.has_value());
    BOOST_TEST_REQUIRE(b.has_value());
    BOOST_TEST(a->slot->path == first);
    BOOST_TEST(b->slot->path == second);
    BOOST_TEST(a->index == 1u);
    BOOST_TEST(b->index == 1u);
    BOOST_TEST(a->slot->doc.get() == b->slot->doc.get());

    // the role's own inline document: once under inlinePolicies, once (a copy) under combinedPolicies
    const entity::entity* role = find(r, entity_type::role, "r");
    BOOST_TEST_REQUIRE(role != nullptr);
    const int own = combined_index(*role, "inline", "own");
    BOOST_TEST_REQUIRE(own >= 0);
    const std::string own_path = "combinedPolicies[" + std::to_string(own) + "].policyDocument";
    const auto in_combined = role->statement_at(&statements_of(*role, own_path).items[0]);
    const auto in_inline = role->statement_at(&statements_of(*role, "inlinePolicies[0].document").items[0]);
    BOOST_TEST_REQUIRE(in_combined.has_value());
    BOOST_TEST_REQUIRE(in_inline.has_value());
    BOOST_TEST(in_combined->slot->path == own_path);
    BOOST_TEST(in_inline->slot->path == "inlinePolicies[0].document");
}

BOOST_AUTO_TEST_CASE(a_managed_document_is_stored_once_for_all_its_holders) {
    const auto r = load(dump, "authz.json");
    BOOST_TEST_REQUIRE(r.ok(), iamguard::test::all_diags(r));
    const entity::entity* p = find(r, entity_type::policy, "P");
    const entity::entity* role = find(r, entity_type::role, "r");
    const entity::entity* u2 = find(r, entity_type::user, "u2");
    const entity::entity* g = find(r, entity_type::group, "g");
    BOOST_TEST_REQUIRE(p != nullptr);
    BOOST_TEST_REQUIRE(role != nullptr);
    BOOST_TEST_REQUIRE(u2 != nullptr);
    BOOST_TEST_REQUIRE(g != nullptr);

    const json::value& original = statements_of(*p, "document");
    // the document's members are one list with several holders: the statements are the same nodes
    BOOST_TEST(at(p->fields, "document")->members.shared());
    const int in_role = combined_index(*role, "managed", "P");
    const int in_u2 = combined_index(*u2, "group-managed", "P");
    BOOST_TEST_REQUIRE(in_role >= 0);
    BOOST_TEST_REQUIRE(in_u2 >= 0);
    const json::value& role_copy = statements_of(*role, "combinedPolicies[" + std::to_string(in_role) + "].policyDocument");
    const json::value& u2_copy = statements_of(*u2, "combinedPolicies[" + std::to_string(in_u2) + "].policyDocument");
    BOOST_TEST(&role_copy == &original);
    BOOST_TEST(&u2_copy == &original);

    // a group's inline document: shared by the group and each member
    const int gp = combined_index(*u2, "group-inline", "gp");
    BOOST_TEST_REQUIRE(gp >= 0);
    const json::value& member_copy = statements_of(*u2, "combinedPolicies[" + std::to_string(gp) + "].policyDocument");
    BOOST_TEST(&member_copy == &statements_of(*g, "inlinePolicies[0].document"));
}

BOOST_AUTO_TEST_CASE(changing_a_shared_document_changes_only_the_copy_changed) {
    auto r = load(dump, "authz.json");
    BOOST_TEST_REQUIRE(r.ok(), iamguard::test::all_diags(r));
    entity::entity* role = nullptr;
    const entity::entity* p = find(r, entity_type::policy, "P");
    for (auto& e : r.entities)
        if (e.type == entity_type::role && e.name == "r") role = &e;
    BOOST_TEST_REQUIRE(role != nullptr);
    BOOST_TEST_REQUIRE(p != nullptr);
    const int in_role = combined_index(*role, "managed", "P");
    BOOST_TEST_REQUIRE(in_role >= 0);
    json::value* doc = role->fields.find("combinedPolicies")->items[static_cast<std::size_t>(in_role)].find("policyDocument");
    BOOST_TEST_REQUIRE(doc != nullptr);
    doc->find("Statement")->items.pop_back();
    BOOST_TEST(doc->find("Statement")->items.size() == 1u);
    BOOST_TEST(statements_of(*p, "document").items.size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_sample_account_has_no_node_at_two_paths) {
    const auto r = load_files({iamguard::test::source_dir() / "examples" / "data" / "account-authorization-details.json"});
    BOOST_TEST_REQUIRE(r.ok(), iamguard::test::all_diags(r));
    BOOST_TEST_REQUIRE(r.entities.size() > 20u);
    for (const auto& e : r.entities) BOOST_TEST(node_at_two_paths(e).empty(), e.name << ": " << node_at_two_paths(e));
}

BOOST_AUTO_TEST_CASE(a_document_is_compiled_once_for_every_slot_that_holds_it) {
    const auto r = load(dump, "authz.json");
    BOOST_TEST_REQUIRE(r.ok(), iamguard::test::all_diags(r));
    const entity::entity* p = find(r, entity_type::policy, "P");
    const entity::entity* role = find(r, entity_type::role, "r");
    BOOST_TEST_REQUIRE(p != nullptr);
    BOOST_TEST_REQUIRE(role != nullptr);
    const int in_role = combined_index(*role, "managed", "P");
    BOOST_TEST_REQUIRE(in_role >= 0);
    const policy_slot* original = p->policy_slot_at(at(p->fields, "document"));
    const policy_slot* joined =
        role->policy_slot_at(at(role->fields, "combinedPolicies[" + std::to_string(in_role) + "].policyDocument"));
    BOOST_TEST_REQUIRE(original != nullptr);
    BOOST_TEST_REQUIRE(joined != nullptr);
    BOOST_TEST(joined->cache == original->cache);

    // first calls from several threads at once: one compiled form for all of them
    std::vector<const void*> seen(4, nullptr);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < seen.size(); ++t)
        threads.emplace_back([&, t] { seen[t] = &(t % 2 ? joined : original)->prepared().compiled(); });
    for (auto& t : threads) t.join();
    for (const void* c : seen) BOOST_TEST(c == seen[0]);
    BOOST_TEST(original->prepared().statement_count() == 2u);

    // a slot built by hand without make() has no cache: each call compiles anew
    policy_slot bare{nullptr, "doc", original->doc, nullptr};
    BOOST_TEST(&bare.prepared().compiled() != &bare.prepared().compiled());
    const policy_slot made = policy_slot::make(nullptr, "doc", original->doc);
    BOOST_TEST(&made.prepared().compiled() == &made.prepared().compiled());
}

BOOST_AUTO_TEST_SUITE_END()
