// SPDX-License-Identifier: Apache-2.0
// The linear glob matcher agrees with the two-pointer matcher, and stays fast where the latter
// is quadratic (a long literal segment between stars against a long value).
#include <boost/test/unit_test.hpp>

#include <random>
#include <string>

#include <iamguard/eval/glob.hpp>

#include "eval/glob_linear.hpp"

using namespace iamguard::eval;

BOOST_AUTO_TEST_SUITE(glob_linear)

BOOST_AUTO_TEST_CASE(agrees_with_the_two_pointer_matcher_on_random_inputs) {
    std::mt19937 rng(20261122);
    const std::string alphabet = "abA*?\\\xC3\xA9";  // includes a 2-byte UTF-8 character
    auto random_string = [&](std::size_t max_len, bool pattern) {
        std::string s;
        const std::size_t n = rng() % (max_len + 1);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t k = rng() % (pattern ? alphabet.size() : 3);
            if (alphabet[k] == '\xC3') {
                s += "\xC3\xA9";
            } else if (alphabet[k] != '\xA9') {
                s += alphabet[k];
            }
        }
        return s;
    };
    for (int i = 0; i < 20000; ++i) {
        const std::string p = random_string(8, true);
        const std::string t = random_string(10, false) + (rng() % 4 == 0 ? "\xC3\xA9" : "");
        for (const auto mode : {case_mode::sensitive, case_mode::ascii_fold}) {
            for (const auto syntax : {pattern_syntax::raw, pattern_syntax::escaped}) {
                // Small inputs take the two-pointer path in glob_match().
                const bool reference = glob_match(p, t, mode, syntax);
                const bool linear = detail::glob_match_linear(p, t, mode == case_mode::ascii_fold,
                                                              syntax == pattern_syntax::escaped);
                BOOST_TEST_REQUIRE(reference == linear, "pattern `" << p << "` text `" << t << "`");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(long_segments_against_long_values_finish) {
    // Quadratic for the two-pointer matcher (minutes); linear here. CTest's timeout guards it.
    const std::string value(1 << 20, 'a');
    BOOST_TEST(!glob_match("*" + std::string(4000, 'a') + "b", value));
    BOOST_TEST(glob_match("*" + std::string(4000, 'a') + "*", value));
    BOOST_TEST(!glob_match("*" + std::string(2000, 'a') + "?" + std::string(2000, 'a') + "b", value));
    std::string stars;
    for (int i = 0; i < 4000; ++i) stars += "*a";
    BOOST_TEST(!glob_match(stars + "*b", value));
    BOOST_TEST(glob_match(stars + "*", value));
}

BOOST_AUTO_TEST_SUITE_END()
