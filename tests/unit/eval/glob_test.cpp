// SPDX-License-Identifier: Apache-2.0
#define BOOST_TEST_MODULE eval
#include <boost/test/unit_test.hpp>

#include <string>

#include <iamguard/eval/glob.hpp>

using iamguard::eval::append_literal;
using iamguard::eval::case_mode;
using iamguard::eval::glob_match;
using iamguard::eval::pattern_syntax;

BOOST_AUTO_TEST_SUITE(glob)

BOOST_AUTO_TEST_CASE(literal_text_must_match_whole) {
    BOOST_TEST(glob_match("abc", "abc"));
    BOOST_TEST(!glob_match("abc", "abcd"));
    BOOST_TEST(!glob_match("abc", "ab"));
    BOOST_TEST(glob_match("", ""));
    BOOST_TEST(!glob_match("", "a"));
}

BOOST_AUTO_TEST_CASE(star_matches_any_run_including_empty) {
    BOOST_TEST(glob_match("*", ""));
    BOOST_TEST(glob_match("*", "anything/at:all"));
    BOOST_TEST(glob_match("a*c", "ac"));
    BOOST_TEST(glob_match("a*c", "abbbc"));
    BOOST_TEST(!glob_match("a*c", "abbbd"));
    BOOST_TEST(glob_match("*/test/*", "1/2/test/3/x"));
    BOOST_TEST(!glob_match("*/test/*", "1-test/x"));
    BOOST_TEST(glob_match("**a**", "xxaxx"));
}

BOOST_AUTO_TEST_CASE(question_mark_matches_exactly_one_character) {
    BOOST_TEST(glob_match("Get??????", "GetBucket"));
    BOOST_TEST(!glob_match("Get???", "GetBuckets"));
    BOOST_TEST(glob_match("?", "x"));
    BOOST_TEST(!glob_match("?", ""));
    // A leading ? (which naive regex translations break).
    BOOST_TEST(glob_match("?" "?-bucket", "ab-bucket"));
}

BOOST_AUTO_TEST_CASE(question_mark_consumes_a_whole_code_point) {
    BOOST_TEST(glob_match("caf?", "caf\xC3\xA9"));        // é is two bytes
    BOOST_TEST(!glob_match("caf??", "caf\xC3\xA9"));
    BOOST_TEST(glob_match("*\xE2\x82\xAC", "price \xE2\x82\xAC"));  // €
}

BOOST_AUTO_TEST_CASE(case_sensitivity_is_chosen_by_the_caller) {
    BOOST_TEST(!glob_match("abc", "ABC"));
    BOOST_TEST(glob_match("abc", "ABC", case_mode::ascii_fold));
    BOOST_TEST(glob_match("iam:*accesskey*", "IAM:UpdateAccessKey", case_mode::ascii_fold));
}

BOOST_AUTO_TEST_CASE(backtracking_is_bounded_on_hostile_input) {
    // a*a*a*...b against aaaa...: exponential for naive recursion, quadratic here.
    std::string pattern, text(5000, 'a');
    for (int i = 0; i < 200; ++i) pattern += "a*";
    pattern += "b";
    BOOST_TEST(!glob_match(pattern, text));
    pattern.back() = 'a';
    BOOST_TEST(glob_match(pattern, text));
}

BOOST_AUTO_TEST_CASE(escaped_syntax_makes_substituted_wildcards_literal) {
    std::string p = "test";
    append_literal(p, "Bob*");
    BOOST_TEST(p == "testBob\\*");
    BOOST_TEST(!glob_match(p, "testBobTwo", case_mode::sensitive, pattern_syntax::escaped));
    BOOST_TEST(glob_match(p, "testBob*", case_mode::sensitive, pattern_syntax::escaped));
    std::string q = "a*";
    append_literal(q, "?\\");
    BOOST_TEST(glob_match(q, "axyz?\\", case_mode::sensitive, pattern_syntax::escaped));
    BOOST_TEST(!glob_match(q, "axyzQ\\", case_mode::sensitive, pattern_syntax::escaped));
    // In raw syntax a backslash is an ordinary character.
    BOOST_TEST(glob_match("a\\*", "a\\xyz"));
}

BOOST_AUTO_TEST_CASE(helpers) {
    BOOST_TEST(iamguard::eval::has_wildcard("s3:Get*"));
    BOOST_TEST(iamguard::eval::has_wildcard("a?"));
    BOOST_TEST(!iamguard::eval::has_wildcard("s3:GetObject"));
    BOOST_TEST(iamguard::eval::ascii_lower("AwS:UserName") == "aws:username");
    BOOST_TEST(iamguard::eval::iequals("aws:PrincipalTag/Team", "AWS:principaltag/team"));
    BOOST_TEST(!iamguard::eval::iequals("abc", "abd"));
}

BOOST_AUTO_TEST_SUITE_END()
