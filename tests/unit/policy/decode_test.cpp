// SPDX-License-Identifier: Apache-2.0
// The three encodings hosts meet: a JSON object, a JSON string holding a policy, URL-encoded JSON.
#include <boost/test/unit_test.hpp>

#include "policy_test_util.hpp"

using namespace iamguard;
using namespace iamguard::policy;

namespace {
constexpr std::string_view plain = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})";
constexpr std::string_view encoded =
    "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D";
}  // namespace

BOOST_AUTO_TEST_SUITE(policy_decode)

BOOST_AUTO_TEST_CASE(url_decode_basics) {
    BOOST_TEST(*url_decode("a%20b%2Fc%7e") == "a b/c~");
    BOOST_TEST(*url_decode("a+b") == "a+b");  // RFC 3986: `+` is not a space
    BOOST_TEST(!url_decode("%G1").has_value());
    BOOST_TEST(!url_decode("abc%2").has_value());
    BOOST_TEST(looks_url_encoded("  %7B%22"));
    BOOST_TEST(looks_url_encoded("%7b"));
    BOOST_TEST(!looks_url_encoded("{\"a\""));
}

BOOST_AUTO_TEST_CASE(all_three_forms_give_the_same_ast) {
    const auto a = policy::parse(plain);
    std::string as_string;
    json::append_quoted(as_string, plain);
    const auto b = policy::parse(as_string);
    const auto c = policy::parse(encoded);
    BOOST_TEST_REQUIRE(a.ok());
    BOOST_TEST_REQUIRE(b.ok());
    BOOST_TEST_REQUIRE(c.ok());
    BOOST_TEST(policy::equivalent(*a.doc, *b.doc));
    BOOST_TEST(policy::equivalent(*a.doc, *c.doc));
}

BOOST_AUTO_TEST_CASE(embedded_value_in_a_larger_document) {
    // As in Terraform plans: the policy is a JSON string inside another JSON document.
    const std::string outer = "{\n  \"policy\": \"{\\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\"}]}\"\n}";
    const auto j = json::parse(outer);
    BOOST_TEST_REQUIRE(j.ok);
    const auto r = policy::from_json(*j.root.find("policy"), {}, "values.policy");
    BOOST_TEST_REQUIRE(r.doc.has_value());
    // Errors inside the string point at the string in the outer text, with the inner position as help.
    const auto found = test::with_code(r, codes::missing_action);
    BOOST_TEST_REQUIRE(found.size() == 1u);
    BOOST_TEST(found[0].pos.line == 2u);
    BOOST_TEST(found[0].pos.column == 13u);
    BOOST_TEST(found[0].path == "values.policy.Statement[0]");
    BOOST_TEST(found[0].help == "in the decoded policy at line 1, column 16");
    // AST positions point at the string too.
    BOOST_TEST(r.doc->statements[0].pos.line == 2u);
}

BOOST_AUTO_TEST_CASE(invalid_url_encoding_is_a_diagnostic) {
    const auto r = policy::parse("\n%7B%22Version%ZZ");
    test::expect_diag(r, codes::undecodable, 2, 1);
    BOOST_TEST(!r.doc.has_value());
}

BOOST_AUTO_TEST_CASE(string_that_is_not_a_policy) {
    const auto r = policy::parse("\"hello\"");
    BOOST_TEST(!r.doc.has_value());
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 2u);
    BOOST_TEST(r.diagnostics[0].code == codes::undecodable);
    BOOST_TEST(r.diagnostics[1].code == json::codes::syntax);
    BOOST_TEST(r.diagnostics[1].pos.column == 1u);
    BOOST_TEST(r.diagnostics[1].help.find("in the decoded policy at line 1, column 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(url_encoded_policy_with_an_error_inside) {
    // {"Statement":[{"Effect":"Allow"}]} -> missing Action, reported at the encoded text.
    const auto r = policy::parse("%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%7D%5D%7D");
    test::expect_diag(r, codes::missing_action, 1, 1);
}

BOOST_AUTO_TEST_SUITE_END()
