// SPDX-License-Identifier: Apache-2.0
// located_policy_test.cpp: an already-normalised policy tree is kept (relocate_as_policy) only
// when it is exactly what located_policy() would build, positions included, so that rules and
// their evidence cannot tell whether the input was normalised or rebuilt.
#include <boost/test/unit_test.hpp>

#include <iterator>
#include <string>
#include <vector>

#include <iamguard/json/value.hpp>
#include <iamguard/policy/parse.hpp>
#include <iamguard/policy/print.hpp>

#include "entity/detail.hpp"  // private to the library: the test is white-box

namespace json = iamguard::json;
namespace policy = iamguard::policy;
namespace detail = iamguard::entity::detail;

namespace {

// Policies in the spellings IAM accepts; each has a normalised form that differs from it.
const char* const policies[] = {
    R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}})",
    R"({"Version":"2012-10-17","Id":"p1","Statement":[{"Sid":"A","Effect":"Deny","NotAction":["iam:*","sts:*"],
        "NotResource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":false},
        "StringLike":{"aws:userid":["AID*","AROA*"],"s3:prefix":""},"Null":{"aws:TokenIssueTime":"true"}}}]})",
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole",
        "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}},
        {"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:role/r"],
        "Service":"ec2.amazonaws.com","Federated":"cognito-identity.amazonaws.com"},"Action":["sts:AssumeRole"],
        "Condition":{"StringEquals":{"sts:ExternalId":"x"},"ForAnyValue:StringLike":{"aws:TagKeys":["a","b"]},
        "NumericLessThan":{"aws:MultiFactorAuthAge":3600}}},
        {"Effect":"Allow","NotPrincipal":{"AWS":"*"},"Action":"*"}]})",
    R"({"Statement":[]})",
};

// Every node of `a` and `b` the same: kinds, strings, keys, and the positions of values and keys.
void same_tree(const json::value& a, const json::value& b, const std::string& path) {
    BOOST_TEST_CONTEXT("at `" << path << "`") {
        BOOST_TEST(static_cast<int>(a.type) == static_cast<int>(b.type));
        BOOST_TEST(a.text == b.text);
        BOOST_TEST(a.pos.offset == b.pos.offset);
        BOOST_TEST(a.pos.line == b.pos.line);
        BOOST_TEST(a.pos.column == b.pos.column);
        BOOST_REQUIRE_EQUAL(a.items.size(), b.items.size());
        BOOST_REQUIRE_EQUAL(a.members.size(), b.members.size());
    }
    for (std::size_t i = 0; i < a.items.size(); ++i) same_tree(a.items[i], b.items[i], path + "[" + std::to_string(i) + "]");
    for (std::size_t i = 0; i < a.members.size(); ++i) {
        const auto& ma = a.members[i];
        const auto& mb = b.members[i];
        BOOST_TEST_CONTEXT("at `" << path << "." << ma.key << "`") {
            BOOST_TEST(ma.key == mb.key);
            BOOST_TEST(ma.key_pos.offset == mb.key_pos.offset);
            BOOST_TEST(ma.key_pos.line == mb.key_pos.line);
            BOOST_TEST(ma.key_pos.column == mb.key_pos.column);
        }
        same_tree(ma.val, mb.val, path + "." + ma.key);
    }
}

struct parsed {
    json::value tree;
    policy::document doc;
};

parsed parse(const std::string& text) {
    auto j = json::parse(text);
    BOOST_REQUIRE(j.ok);
    auto p = policy::from_json(j.root);
    BOOST_REQUIRE(p.doc.has_value());
    return {std::move(j.root), std::move(*p.doc)};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(located_policy)

BOOST_AUTO_TEST_CASE(a_normalised_tree_is_kept_with_the_positions_located_policy_gives) {
    for (const char* text : policies) {
        BOOST_TEST_CONTEXT(text) {
            const parsed original = parse(text);
            for (const bool pretty : {false, true}) {
                const std::string normalised = policy::print(original.doc, {.pretty = pretty, .normalized = true});
                parsed n = parse(normalised);
                const json::value expected = detail::located_policy(n.doc, n.tree.pos);
                json::value kept = n.tree;
                BOOST_TEST(detail::relocate_as_policy(kept, n.doc, n.tree.pos));
                same_tree(kept, expected, "");
            }
        }
    }
}

// The AWS CLI prints policies as they were written: `"Action": "s3:GetObject"`, a lone
// statement object, `"Principal": "*"`, account ids, booleans and numbers in conditions, members
// in any order. Those are normalised in place, and the tree is the one located_policy builds.
BOOST_AUTO_TEST_CASE(other_spellings_are_normalised_in_place_into_the_same_tree) {
    std::vector<std::string> texts(std::begin(policies), std::end(policies));
    texts.emplace_back(R"({"Statement":[{"Resource":"*","Action":"s3:*","Effect":"Allow","Sid":"Reordered"}],
        "Version":"2012-10-17"})");
    for (const std::string& text : texts) {
        BOOST_TEST_CONTEXT(text) {
            parsed p = parse(text);
            const json::value expected = detail::located_policy(p.doc, p.tree.pos);
            json::value kept = p.tree;
            BOOST_TEST(detail::relocate_as_policy(kept, p.doc, p.tree.pos));
            same_tree(kept, expected, "");
            // the member order is the normalised one too
            BOOST_TEST(policy::print(p.doc, {.pretty = false, .normalized = true}) == [&] {
                std::string out;
                json::append_compact(out, kept);
                return out;
            }());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_lone_statement_or_scalar_becomes_a_list_of_one_without_spare_room) {
    // A loaded account holds about 50,000 such lists per 10^4 roles: room for four elements in
    // each (the growth of a first push_back) was 10 MB of the account.
    parsed p = parse(policies[0]);  // "Statement": {...}, "Action": "s3:GetObject", "Resource": "*"
    json::value kept = p.tree;
    BOOST_TEST_REQUIRE(detail::relocate_as_policy(kept, p.doc, p.tree.pos));
    const json::value* statements = kept.find("Statement");
    BOOST_TEST_REQUIRE(statements != nullptr);
    BOOST_TEST(statements->items.size() == 1u);
    BOOST_TEST(statements->items.capacity() == 1u);
    for (const char* key : {"Action", "Resource"}) {
        const json::value* list = statements->items[0].find(key);
        BOOST_TEST_REQUIRE(list != nullptr, key);
        BOOST_TEST(list->items.size() == 1u, key);
        BOOST_TEST(list->items.capacity() == 1u, key);
    }
}

// What cannot be fixed in place is left to located_policy: the function says so.
BOOST_AUTO_TEST_CASE(spellings_it_does_not_fix_are_rebuilt) {
    std::string many_keys = R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{)";
    for (int i = 0; i < 9; ++i) many_keys += (i ? "," : "") + std::string("\"k") + std::to_string(i) + "\":\"v\"";
    many_keys += "}}}]}";
    for (const std::string& text : {many_keys,
                                    // a policy document given as a JSON string
                                    std::string(R"("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}")")}) {
        BOOST_TEST_CONTEXT(text) {
            parsed p = parse(text);
            json::value t = p.tree;
            BOOST_TEST(!detail::relocate_as_policy(t, p.doc, p.tree.pos));
        }
    }
}

BOOST_AUTO_TEST_CASE(an_extra_member_or_a_changed_value_is_rebuilt) {
    const std::string base = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]})";
    parsed ok = parse(base);
    BOOST_TEST(detail::relocate_as_policy(ok.tree, ok.doc, ok.tree.pos));
    // the document of one text against the tree of another: a different value, an extra member
    const parsed other = parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject"],"Resource":["*"]}]})");
    json::value t1 = ok.tree;
    BOOST_TEST(!detail::relocate_as_policy(t1, other.doc, t1.pos));
    auto extra = json::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}],"X":1})");
    BOOST_REQUIRE(extra.ok);
    BOOST_TEST(!detail::relocate_as_policy(extra.root, ok.doc, extra.root.pos));
}

BOOST_AUTO_TEST_SUITE_END()
