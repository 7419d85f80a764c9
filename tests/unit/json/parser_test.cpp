// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>

#include <iamguard/json/value.hpp>

using namespace iamguard;

namespace {
// The single diagnostic of a failed parse, checked for code, line and column.
void expect_error(std::string_view text, std::string_view code, std::uint32_t line, std::uint32_t column,
                  const json::parse_options& opts = {}) {
    const auto r = json::parse(text, opts);
    BOOST_TEST_REQUIRE(!r.diagnostics.empty());
    BOOST_TEST(r.diagnostics.front().code == code);
    BOOST_TEST(r.diagnostics.front().pos.line == line);
    BOOST_TEST(r.diagnostics.front().pos.column == column);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(json_parser)

BOOST_AUTO_TEST_CASE(values_and_positions) {
    const auto r = json::parse("{\n  \"a\": [1, -2.5e3, true, null],\n  \"b\": \"x\"\n}");
    BOOST_TEST_REQUIRE(r.ok);
    const auto& root = r.root;
    BOOST_TEST(root.is_object());
    BOOST_TEST_REQUIRE(root.members.size() == 2u);
    BOOST_TEST(root.members[0].key == "a");
    BOOST_TEST(root.members[0].key_pos.line == 2u);
    BOOST_TEST(root.members[0].key_pos.column == 3u);
    const auto& a = root.members[0].val;
    BOOST_TEST(a.pos.column == 8u);
    BOOST_TEST_REQUIRE(a.items.size() == 4u);
    BOOST_TEST(a.items[0].text == "1");
    BOOST_TEST(a.items[1].text == "-2.5e3");  // numbers keep their lexeme
    BOOST_TEST(a.items[1].pos.column == 12u);
    BOOST_TEST(a.items[2].boolean);
    BOOST_TEST(a.items[3].is_null());
    const auto* b = root.find("b");
    BOOST_TEST_REQUIRE(b != nullptr);
    BOOST_TEST(b->text == "x");
    BOOST_TEST(b->pos.line == 3u);
    BOOST_TEST(root.find("missing") == nullptr);
}

BOOST_AUTO_TEST_CASE(string_escapes_and_unicode) {
    const auto r = json::parse(R"(["a\"b\\c\/\n\t", "\u00e9\u20ac", "\ud83d\ude00", "é"])");
    BOOST_TEST_REQUIRE(r.ok);
    BOOST_TEST(r.root.items[0].text == "a\"b\\c/\n\t");
    BOOST_TEST(r.root.items[1].text == "\xC3\xA9\xE2\x82\xAC");
    BOOST_TEST(r.root.items[2].text == "\xF0\x9F\x98\x80");
    BOOST_TEST(r.root.items[3].text == "\xC3\xA9");
}

BOOST_AUTO_TEST_CASE(byte_order_mark_is_tolerated) {
    const auto r = json::parse("\xEF\xBB\xBF{\"a\":1}");
    BOOST_TEST(r.ok);
}

BOOST_AUTO_TEST_CASE(syntax_errors_are_located) {
    expect_error("{\"a\": 1,}", json::codes::syntax, 1, 9);
    expect_error("{\n  \"a\" 1\n}", json::codes::syntax, 2, 7);
    expect_error("[1 2]", json::codes::syntax, 1, 4);
    expect_error("{'a': 1}", json::codes::syntax, 1, 2);
    expect_error("tru", json::codes::syntax, 1, 1);
    expect_error("01", json::codes::syntax, 1, 2);
    expect_error("1.", json::codes::syntax, 1, 3);
    expect_error("\"\\x\"", json::codes::syntax, 1, 3);
    expect_error("{} x", json::codes::syntax, 1, 4);
}

BOOST_AUTO_TEST_CASE(truncated_input_names_what_was_expected) {
    const auto r = json::parse("{\"Statement\": [");
    BOOST_TEST(!r.ok);
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(r.diagnostics[0].message == "expected a value or `]`, found end of input");
    BOOST_TEST(r.diagnostics[0].pos.column == 16u);
}

BOOST_AUTO_TEST_CASE(unterminated_string_points_at_its_start) {
    expect_error("{\"abc", json::codes::syntax, 1, 2);
    expect_error("[\"ab\ncd\"]", json::codes::syntax, 1, 5);
}

BOOST_AUTO_TEST_CASE(empty_input) {
    expect_error("", json::codes::empty_input, 1, 1);
    expect_error("  \n ", json::codes::empty_input, 2, 2);
}

BOOST_AUTO_TEST_CASE(invalid_utf8) {
    expect_error("[\"a\xFF\"]", json::codes::invalid_utf8, 1, 4);
    expect_error("[\"\xC0\xAF\"]", json::codes::invalid_utf8, 1, 3);        // overlong
    expect_error("[\"\xED\xA0\x80\"]", json::codes::invalid_utf8, 1, 3);    // encoded surrogate
    expect_error(R"(["\udc00"])", json::codes::invalid_utf8, 1, 9);          // lone low surrogate
}

BOOST_AUTO_TEST_CASE(binary_garbage_is_an_error_not_a_crash) {
    const std::string garbage("\x00\x01\x02\xff\xfe", 5);
    expect_error(garbage, json::codes::syntax, 1, 1);
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_reported_and_first_kept) {
    const auto r = json::parse("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}");
    BOOST_TEST(r.ok);  // the JSON is well-formed; the duplicate is an error diagnostic
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    const auto& d = r.diagnostics[0];
    BOOST_TEST(d.code == json::codes::duplicate_key);
    BOOST_TEST(d.pos.line == 3u);
    BOOST_TEST(d.pos.column == 2u);
    BOOST_TEST(d.help.find("line 1, column 2") != std::string::npos);
    BOOST_TEST(r.root.members.size() == 2u);
    BOOST_TEST(r.root.find("a")->text == "1");
}

BOOST_AUTO_TEST_CASE(duplicate_keys_in_large_objects) {
    std::string text = "{";
    for (int i = 0; i < 40; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
    text += "\"k7\": 99}";
    const auto r = json::parse(text);
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(r.diagnostics[0].message == "duplicate key `k7`");
    BOOST_TEST(r.root.members.size() == 40u);
    BOOST_TEST(r.root.find("k7")->text == "7");
}

BOOST_AUTO_TEST_CASE(duplicates_allowed_when_asked) {
    json::parse_options o;
    o.allow_duplicate_keys = true;
    const auto r = json::parse("{\"a\":1,\"a\":2}", o);
    BOOST_TEST(r.diagnostics.empty());
    BOOST_TEST(r.root.members.size() == 2u);
}

BOOST_AUTO_TEST_CASE(depth_limit) {
    const std::string deep(100000, '[');
    const auto r = json::parse(deep);  // 100,000 levels: a diagnostic, no stack overflow
    BOOST_TEST(!r.ok);
    BOOST_TEST(r.diagnostics.front().code == json::codes::too_deep);
    BOOST_TEST(r.diagnostics.front().pos.column == 513u);
    json::parse_options o;
    o.max_depth = 2;
    expect_error("[[[1]]]", json::codes::too_deep, 1, 3, o);
    BOOST_TEST(json::parse("[[1]]", o).ok);
}

BOOST_AUTO_TEST_CASE(size_limit) {
    json::parse_options o;
    o.max_size = 4;
    expect_error("[1,2,3]", json::codes::too_large, 1, 1, o);
}

BOOST_AUTO_TEST_CASE(string_length_limit) {
    json::parse_options o;
    o.max_string = 3;
    expect_error("[\"ab\", \n \"abcd\"]", json::codes::string_too_long, 2, 2, o);
    BOOST_TEST(json::parse("[\"abc\"]", o).ok);
    // A 100 MB string is rejected by the default limit (16 MiB) with a located error.
    std::string big = "{\"name\": \"";
    big.append(100u << 20, 'a');
    big += "\"}";
    expect_error(big, json::codes::string_too_long, 1, 10);
}

BOOST_AUTO_TEST_CASE(quoting_replaces_invalid_utf8) {
    // Found by fuzz_entity_load: a CSV cell with stray bytes must still give JSON that parses.
    std::string out;
    json::append_quoted(out, "a\xff" "b\xC3\xA9" "\xED\xA0\x80" "c");
    // each invalid byte becomes U+FFFD, written as its UTF-8 bytes EF BF BD
    BOOST_TEST(out == "\"a\xEF\xBF\xBD" "b\xC3\xA9" "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "c\"");
    const auto r = json::parse(out);
    BOOST_TEST_REQUIRE(r.ok);
    BOOST_TEST(r.root.text == "a\xEF\xBF\xBD" "b\xC3\xA9" "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "c");
}

BOOST_AUTO_TEST_CASE(quoting_escapes_between_plain_runs) {
    // Plain text is copied in runs; every character that needs an escape, at the start, between
    // runs, side by side and at the end, is still written as RFC 8259 requires.
    std::string out;
    json::append_quoted(out, "\"a \\b\n\tc\x01\x1f" "d\r\b\f\"");
    BOOST_TEST(out == R"("\"a \\b\n\tc\u0001\u001fd\r\b\f\"")");
    out.clear();
    json::append_quoted(out, "");
    BOOST_TEST(out == "\"\"");
    out.clear();
    json::append_quoted(out, "arn:aws:iam::111122223333:role/plain");
    BOOST_TEST(out == "\"arn:aws:iam::111122223333:role/plain\"");
    const auto r = json::parse(R"("\"a \\b\n\tc\u0001\u001fd\r\b\f\"")");
    BOOST_TEST_REQUIRE(r.ok);
    BOOST_TEST(r.root.text == "\"a \\b\n\tc\x01\x1f" "d\r\b\f\"");
}

BOOST_AUTO_TEST_CASE(compact_writing_keeps_lexemes_and_stops_at_the_limit) {
    const auto r = json::parse(R"({ "a" : [1.50, true, null, "x\"y"], "b" : {} })");
    BOOST_TEST_REQUIRE(r.ok);
    std::string out;
    json::append_compact(out, r.root);
    BOOST_TEST(out == R"({"a":[1.50,true,null,"x\"y"],"b":{}})");  // number lexemes as read
    // with a limit, no value is started once the text is longer than it: a preview, cut short
    // (the object starts at 10 characters; by the time "a" has a value to write, it is past 12)
    std::string preview = "0123456789";
    json::append_compact(preview, r.root, 12);
    BOOST_TEST(preview == R"(0123456789{"a":,"b":})");
}

BOOST_AUTO_TEST_CASE(quoting_round_trips) {
    std::string out;
    json::append_quoted(out, "a\"\\\n\x01");
    BOOST_TEST(out == "\"a\\\"\\\\\\n\\u0001\"");
    const auto r = json::parse(out);
    BOOST_TEST(r.root.text == "a\"\\\n\x01");
}

BOOST_AUTO_TEST_SUITE_END()
