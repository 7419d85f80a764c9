// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>

#include <iamguard/diagnostic.hpp>

using namespace iamguard;

BOOST_AUTO_TEST_SUITE(diagnostics)

BOOST_AUTO_TEST_CASE(locate_is_one_based_in_line_and_column) {
    const std::string_view src = "ab\ncd\n\nx";
    BOOST_TEST(locate(src, 0).line == 1u);
    BOOST_TEST(locate(src, 0).column == 1u);
    BOOST_TEST(locate(src, 4).line == 2u);
    BOOST_TEST(locate(src, 4).column == 2u);
    BOOST_TEST(locate(src, 7).line == 4u);
    BOOST_TEST(locate(src, 7).column == 1u);
}

BOOST_AUTO_TEST_CASE(locate_newline_first_input) {
    // A text that starts with a newline: the first character of line 2 is at column 1.
    const auto p = locate("\n{", 1);
    BOOST_TEST(p.line == 2u);
    BOOST_TEST(p.column == 1u);
}

BOOST_AUTO_TEST_CASE(locate_clamps_past_the_end) {
    BOOST_TEST(locate("abc", 99).offset == 3u);
    BOOST_TEST(locate("abc", 99).column == 4u);
}

BOOST_AUTO_TEST_CASE(render_short_format) {
    diagnostic d;
    d.code = "P105";
    d.message = "statement has no `Effect`";
    d.file = "p.json";
    d.path = "Statement[0]";
    d.pos = {10, 3, 5};
    BOOST_TEST(render_short(d) == "p.json:3:5: error[P105]: statement has no `Effect` (at Statement[0])");
    d.file.clear();
    d.path.clear();
    d.level = severity::warning;
    BOOST_TEST(render_short(d) == "3:5: warning[P105]: statement has no `Effect`");
}

BOOST_AUTO_TEST_CASE(a_diagnostic_at_line_0_is_about_the_whole_input_and_has_no_position) {
    diagnostic d;
    d.code = "L001";
    d.message = "cannot read `a.json`: it cannot be opened";
    d.file = "a.json";
    d.pos.line = 0;
    d.pos.column = 0;
    BOOST_TEST(render_short(d) == "a.json: error[L001]: cannot read `a.json`: it cannot be opened");
    BOOST_TEST(render(d, "{}\n") == "a.json: error[L001]: cannot read `a.json`: it cannot be opened\n");  // no excerpt
    d.file.clear();
    BOOST_TEST(render_short(d) == "error[L001]: cannot read `a.json`: it cannot be opened");
}

BOOST_AUTO_TEST_CASE(render_draws_caret_under_the_span) {
    const std::string src = "line one\n  bad token here\n";
    diagnostic d;
    d.code = "X1";
    d.message = "m";
    d.pos = locate(src, 11);
    d.length = 3;
    d.help = "try again";
    const std::string expected = "2:3: error[X1]: m\n"
                                 " 2 |   bad token here\n"
                                 "   |   ^~~\n"
                                 "  = help: try again\n";
    BOOST_TEST(render(d, src) == expected);
}

BOOST_AUTO_TEST_CASE(render_at_start_of_text) {
    diagnostic d;
    d.code = "X2";
    d.message = "m";
    d.pos = locate("{}", 0);
    BOOST_TEST(render(d, "{}") == "1:1: error[X2]: m\n 1 | {}\n   | ^\n");
}

BOOST_AUTO_TEST_CASE(render_clips_a_long_line_to_a_window_around_the_caret) {
    // Minified JSON holds a whole account on one line; an excerpt shows 60 bytes before the
    // caret and 120 in all, so thousands of diagnostics on that line stay readable (and small).
    const std::string src = std::string(1000, 'a') + "BAD" + std::string(1000, 'z') + "\nnext";
    diagnostic d;
    d.code = "X3";
    d.message = "m";
    d.pos = locate(src, 1000);
    d.length = 3;
    BOOST_TEST(d.pos.column == 1001u);
    const std::string expected = "1:1001: error[X3]: m\n"
                                 " 1 | ..." + std::string(60, 'a') + "BAD" + std::string(57, 'z') + "...\n"
                                 "   |    " + std::string(60, ' ') + "^~~\n";
    BOOST_TEST(render(d, src) == expected);
}

BOOST_AUTO_TEST_CASE(render_clips_only_the_side_that_is_long) {
    const std::string src = "{\"k\":" + std::string(300, 'v');
    diagnostic d;
    d.code = "X4";
    d.message = "m";
    d.pos = locate(src, 1);
    BOOST_TEST(render(d, src) == "1:2: error[X4]: m\n 1 | {\"k\":" + std::string(115, 'v') + "...\n   |  ^\n");
}

BOOST_AUTO_TEST_CASE(render_never_cuts_a_utf8_character_in_two) {
    // "\xC3\xA9" (e acute) is two bytes. Byte 141, 60 before the caret, is the second byte of one,
    // and byte 262, where the 120-byte window ends, is the second byte of another: both edges move
    // to the character boundary (142 and 261).
    std::string e2;
    for (int i = 0; i < 29; ++i) e2 += "\xC3\xA9";
    std::string src;
    for (int i = 0; i < 100; ++i) src += "\xC3\xA9";  // bytes 0..199
    src += "bXc";                                      // X at 201
    for (int i = 0; i < 100; ++i) src += "\xC3\xA9";
    diagnostic d;
    d.code = "X5";
    d.message = "m";
    d.pos = locate(src, 201);
    BOOST_TEST(render(d, src) == "1:202: error[X5]: m\n 1 | ..." + e2 + "bXc" + e2 + "...\n   |    " +
                                     std::string(59, ' ') + "^\n");
}

BOOST_AUTO_TEST_CASE(set_file_fills_only_empty_names) {
    std::vector<diagnostic> v(2);
    v[1].file = "keep";
    set_file(v, "f");
    BOOST_TEST(v[0].file == "f");
    BOOST_TEST(v[1].file == "keep");
    BOOST_TEST(!has_errors({}));
    BOOST_TEST(has_errors(v));
}

BOOST_AUTO_TEST_SUITE_END()
