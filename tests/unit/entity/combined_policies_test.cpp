// SPDX-License-Identifier: Apache-2.0
// load_options::combined_policies: with it off, no identity gets `combinedPolicies` (nor its
// policy slots or file notes) and everything else is loaded exactly as with it on; the
// canonical adapter drops the field unread.
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <iamguard/entity/load.hpp>
#include <iamguard/json/value.hpp>

using namespace iamguard;
using iamguard::entity::entity_type;
using iamguard::entity::input_format;
using iamguard::entity::load;
using iamguard::entity::load_options;
using iamguard::entity::load_result;

namespace {

// Two pages: the managed policy (page 2) is attached to identities of page 1, so with the joins
// the identities get parts from another input (file notes under `combinedPolicies`).
const char* const page1 = R"({
 "UserDetailList": [
  {"UserName": "u1", "Arn": "arn:aws:iam::111122223333:user/u1", "GroupList": ["g"],
   "UserPolicyList": [{"PolicyName": "mine", "PolicyDocument": {"Version": "2012-10-17",
     "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}}],
   "AttachedManagedPolicies": [{"PolicyName": "P", "PolicyArn": "arn:aws:iam::111122223333:policy/P"}]}],
 "GroupDetailList": [
  {"GroupName": "g", "Arn": "arn:aws:iam::111122223333:group/g",
   "GroupPolicyList": [{"PolicyName": "gp", "PolicyDocument": {"Version": "2012-10-17",
     "Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}}]}],
 "RoleDetailList": [
  {"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r",
   "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
     "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}]},
   "RolePolicyList": [{"PolicyName": "own", "PolicyDocument": {"Version": "2012-10-17",
     "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
   "AttachedManagedPolicies": [{"PolicyName": "P", "PolicyArn": "arn:aws:iam::111122223333:policy/P"}]}],
 "Policies": [], "IsTruncated": true, "Marker": "m1"})";

const char* const page2 = R"({
 "UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [],
 "Policies": [
  {"PolicyName": "P", "Arn": "arn:aws:iam::111122223333:policy/P", "DefaultVersionId": "v1",
   "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17",
     "Statement": [{"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*"}]}}]}],
 "IsTruncated": false})";

load_result load_pages(bool combined) {
    load_options o;
    o.combined_policies = combined;
    return load({{"page-1.json", page1}, {"page-2.json", page2}}, o);
}

bool under_combined(std::string_view path) { return path.rfind("combinedPolicies", 0) == 0; }

// The compact JSON of `fields` without its `combinedPolicies` member.
std::string without_combined(const json::value& fields) {
    json::value copy = fields;
    json::value rest;
    rest.type = json::kind::object;
    rest.pos = copy.pos;
    for (const auto& m : std::as_const(copy).members)
        if (m.key != "combinedPolicies") rest.members.push_back(m);
    std::string out;
    json::append_compact(out, rest);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(combined_policies_option)

BOOST_AUTO_TEST_CASE(is_on_by_default) {
    BOOST_TEST(load_options{}.combined_policies);
    const auto on = load_pages(true);
    BOOST_TEST_REQUIRE(on.ok());
    std::size_t identities = 0;
    for (const auto& e : on.entities) {
        if (e.type != entity_type::role && e.type != entity_type::user && e.type != entity_type::group) continue;
        ++identities;
        BOOST_TEST(e.fields.find("combinedPolicies") != nullptr, e.name);
    }
    BOOST_TEST(identities == 3u);
}

BOOST_AUTO_TEST_CASE(off_leaves_out_only_combined_policies) {
    const auto on = load_pages(true);
    const auto off = load_pages(false);
    BOOST_TEST_REQUIRE(on.ok());
    BOOST_TEST_REQUIRE(off.ok());
    BOOST_TEST(off.diagnostics.size() == on.diagnostics.size());
    BOOST_TEST_REQUIRE(off.entities.size() == on.entities.size());
    std::size_t combined_slots = 0, combined_notes = 0;
    for (std::size_t i = 0; i < on.entities.size(); ++i) {
        const entity::entity& a = on.entities[i];
        const entity::entity& b = off.entities[i];
        BOOST_TEST(a.name == b.name);
        BOOST_TEST(b.fields.find("combinedPolicies") == nullptr, b.name);
        BOOST_TEST(without_combined(a.fields) == without_combined(b.fields), a.name);
        // the same slots but those under combinedPolicies, pointing at their own nodes
        std::vector<std::string> expected;
        for (const auto& s : a.policies) {
            if (under_combined(s.path)) {
                ++combined_slots;
            } else {
                expected.push_back(s.path);
            }
        }
        std::vector<std::string> got;
        for (const auto& s : b.policies) {
            got.push_back(s.path);
            BOOST_TEST(b.policy_at(s.node) == s.doc.get(), b.name << " " << s.path);
        }
        BOOST_TEST(got == expected, a.name);
        std::vector<std::pair<std::string, std::string>> notes;
        for (const auto& n : a.field_files) {
            if (under_combined(n.first)) {
                ++combined_notes;
            } else {
                notes.push_back(n);
            }
        }
        BOOST_TEST((b.field_files == notes), a.name);
    }
    // u1: its own inline, the group's inline and P; g: its inline; r: its own inline and P
    BOOST_TEST(combined_slots == 6u);
    BOOST_TEST(combined_notes > 0u);  // P came from page 2
}

BOOST_AUTO_TEST_CASE(off_drops_the_field_of_canonical_input_unparsed) {
    // The joined document is not a policy (`Statement` is a number): parsed, it is an error.
    const std::string line =
        R"({"type":"User","name":"u","arn":"arn:aws:iam::111122223333:user/u","tags":[],)"
        R"("combinedPolicies":[{"name":"P","source":"managed","policyDocument":{"Version":"2012-10-17","Statement":5}}]})"
        "\n";
    load_options on;
    on.format = input_format::canonical;
    on.join = false;  // as `iamguard scan` reads JSON Lines: the lines carry their joins
    const auto with = load(line, "users.jsonl", on);
    BOOST_TEST(!with.ok());
    BOOST_TEST_REQUIRE(with.entities.size() == 1u);
    BOOST_TEST(with.entities[0].fields.find("combinedPolicies") != nullptr);

    load_options off = on;
    off.combined_policies = false;
    const auto without = load(line, "users.jsonl", off);
    BOOST_TEST(without.ok());
    BOOST_TEST(without.diagnostics.empty());
    BOOST_TEST_REQUIRE(without.entities.size() == 1u);
    BOOST_TEST(without.entities[0].fields.find("combinedPolicies") == nullptr);
    BOOST_TEST(without.entities[0].fields.find("tags") != nullptr);
    BOOST_TEST(without.entities[0].policies.empty());
}

BOOST_AUTO_TEST_SUITE_END()
