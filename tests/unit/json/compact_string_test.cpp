// SPDX-License-Identifier: Apache-2.0
// json::compact_string: 16 bytes, inline up to 15 bytes, one exact heap block beyond; reads like a
// const std::string (NUL-terminated, comparisons, conversions), and JSON values and members are
// 48 and 80 bytes with it.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <iamguard/json/compact_string.hpp>
#include <iamguard/json/value.hpp>

namespace json = iamguard::json;
using json::compact_string;

BOOST_AUTO_TEST_SUITE(compact_string_suite)

BOOST_AUTO_TEST_CASE(values_and_members_are_small) {
    BOOST_TEST(sizeof(compact_string) == 16U);
    BOOST_TEST(sizeof(json::value) == 48U);
    BOOST_TEST(sizeof(json::member) == 80U);
}

BOOST_AUTO_TEST_CASE(every_length_round_trips_across_the_inline_limit) {
    // 0..15 bytes inline, 16 and more on the heap: each keeps its bytes, its size and its NUL
    for (std::size_t n = 0; n <= 40; ++n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('a' + i % 26));
        const compact_string c(s);
        BOOST_TEST(c.size() == n);
        BOOST_TEST(c.empty() == (n == 0));
        BOOST_TEST(std::string_view(c) == s);
        BOOST_TEST(c.c_str()[n] == '\0');
        BOOST_TEST(std::string(c.c_str()) == s);
        const compact_string copy = c;
        BOOST_TEST(copy == c);
        BOOST_TEST(static_cast<const void*>(copy.data()) != static_cast<const void*>(c.data()));  // a copy owns its bytes, inline or not
    }
}

BOOST_AUTO_TEST_CASE(embedded_nul_bytes_are_kept) {
    const std::string s("a\0b", 3);
    const std::string long_s("0123456789\0abcdefghij", 21);
    BOOST_TEST(compact_string(s).size() == 3U);
    BOOST_TEST(compact_string(s) == std::string_view(s));
    BOOST_TEST(compact_string(long_s).size() == 21U);
    BOOST_TEST(compact_string(long_s) == long_s);
}

BOOST_AUTO_TEST_CASE(moving_leaves_the_source_empty_and_keeps_the_block) {
    compact_string a("arn:aws:iam::123456789012:role/long-enough");
    const char* block = a.data();
    compact_string b(std::move(a));
    BOOST_TEST(static_cast<const void*>(b.data()) == static_cast<const void*>(block));  // the heap block changed hands, no copy
    BOOST_TEST(a.empty());          // NOLINT(bugprone-use-after-move): the documented state
    BOOST_TEST(a.c_str()[0] == '\0');
    compact_string c("short");
    c = std::move(b);
    BOOST_TEST(static_cast<const void*>(c.data()) == static_cast<const void*>(block));
    BOOST_TEST(b.empty());  // NOLINT(bugprone-use-after-move)
}

BOOST_AUTO_TEST_CASE(assignment_from_itself_or_its_own_bytes_is_safe) {
    compact_string a("a string longer than fifteen bytes");
    const compact_string& same = a;
    a = same;
    BOOST_TEST(a == "a string longer than fifteen bytes");
    a.assign(a.data() + 2, 6);  // from its own (heap) bytes, which the assignment frees
    BOOST_TEST(a == "string");
    a.assign(a.data() + 1, 3);  // from its own (inline) bytes
    BOOST_TEST(a == "tri");
}

BOOST_AUTO_TEST_CASE(appending_crosses_the_inline_limit) {
    compact_string a("0123456789");
    a += "abcde";  // 15: still inline
    BOOST_TEST(a.size() == 15U);
    a += 'f';  // 16: moves to the heap
    a.push_back('g');
    a.append(std::string_view("hij"));
    BOOST_TEST(a == "0123456789abcdefghij");
    BOOST_TEST(a.c_str()[20] == '\0');
    a.clear();
    BOOST_TEST(a.empty());
    BOOST_TEST(a == "");
}

BOOST_AUTO_TEST_CASE(compares_and_orders_like_std_string) {
    const compact_string a("Action");
    const compact_string b("Effect");
    const std::string s = "Action";
    BOOST_TEST((a == s));
    BOOST_TEST((a == "Action"));
    BOOST_TEST((a == std::string_view("Action")));
    BOOST_TEST((s == a));          // rewritten candidates: either side works
    BOOST_TEST(("Action" == a));
    BOOST_TEST((a != b));
    BOOST_TEST((a < b));
    BOOST_TEST((a < "Actions"));  // a prefix orders first, as in std::string
    BOOST_TEST((b > s));
    std::vector<compact_string> v{"b", "a long key that is not inline", "a"};
    std::sort(v.begin(), v.end());
    BOOST_TEST(v[0] == "a");
    BOOST_TEST(v[1] == "a long key that is not inline");
    BOOST_TEST(v[2] == "b");
}

BOOST_AUTO_TEST_CASE(reads_like_a_const_std_string) {
    const compact_string arn("arn:aws:iam::123456789012:role/Admin");
    BOOST_TEST(arn.starts_with("arn:"));
    BOOST_TEST(arn.ends_with("Admin"));
    BOOST_TEST(arn.find(':') == 3U);
    BOOST_TEST(arn.rfind('/') == 30U);
    BOOST_TEST(arn.find("nothing") == compact_string::npos);
    BOOST_TEST(arn.substr(13, 12) == "123456789012");
    BOOST_CHECK_THROW((void)arn.substr(99), std::out_of_range);
    BOOST_TEST(arn.front() == 'a');
    BOOST_TEST(arn.back() == 'n');
    BOOST_TEST(arn[4] == 'a');
    BOOST_TEST(std::string(arn.begin(), arn.end()) == std::string(arn));
    // concatenation gives a std::string, from either side
    BOOST_TEST(("`" + arn + "`") == "`arn:aws:iam::123456789012:role/Admin`");
    BOOST_TEST((std::string("x:") + compact_string("y")) == "x:y");
    std::ostringstream out;
    out << compact_string("printed");
    BOOST_TEST(out.str() == "printed");
}

BOOST_AUTO_TEST_CASE(converts_to_std_string_and_string_view) {
    const compact_string key("Statement");
    const std::string copy = key;  // copy-initialisation through the conversion
    const std::string_view view = key;
    BOOST_TEST(copy == "Statement");
    BOOST_TEST(static_cast<const void*>(view.data()) == static_cast<const void*>(key.data()));  // a view, not a copy
    json::value v;
    v.text = copy;                 // from std::string
    BOOST_TEST(v.text == "Statement");
    v.text = std::string_view("a view of sixteen+ bytes");
    BOOST_TEST(v.text.size() == 24U);
}

BOOST_AUTO_TEST_SUITE_END()
