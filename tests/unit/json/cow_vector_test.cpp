// SPDX-License-Identifier: Apache-2.0
// json::cow_vector: copies share their elements until one is changed, and behave exactly as deep
// copies would; json::value copies are O(1) per level; unshared_copy shares nothing.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <iamguard/json/cow_vector.hpp>
#include <iamguard/json/value.hpp>

using iamguard::json::cow_vector;
namespace json = iamguard::json;

namespace {

std::vector<std::string> as_vector(const cow_vector<std::string>& v) { return {v.begin(), v.end()}; }

// An element whose copy constructor throws on demand, and a count of live elements.
struct fragile {
    static inline int live = 0;
    static inline int copies_left = 1000;
    int n = 0;
    explicit fragile(int v) : n(v) { ++live; }
    fragile(const fragile& o) : n(o.n) {
        if (copies_left-- <= 0) throw std::runtime_error("copy failed");
        ++live;
    }
    fragile(fragile&& o) noexcept : n(o.n) { ++live; }
    fragile& operator=(const fragile&) = default;
    fragile& operator=(fragile&&) noexcept = default;
    ~fragile() { --live; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(cow_vector_suite)

BOOST_AUTO_TEST_CASE(a_copy_shares_until_either_side_changes) {
    cow_vector<std::string> a{"x", "y"};
    BOOST_TEST(!a.shared());
    cow_vector<std::string> b = a;
    BOOST_TEST(a.shared());
    BOOST_TEST(b.shared());
    BOOST_TEST(std::as_const(a).data() == std::as_const(b).data());  // one buffer

    b.push_back("z");  // b copies before changing; a is untouched
    BOOST_TEST(!a.shared());
    BOOST_TEST(!b.shared());
    BOOST_TEST(as_vector(a) == (std::vector<std::string>{"x", "y"}), boost::test_tools::per_element());
    BOOST_TEST(as_vector(b) == (std::vector<std::string>{"x", "y", "z"}), boost::test_tools::per_element());

    cow_vector<std::string> c = a;
    c[0] = "changed";  // non-const operator[] unshares
    BOOST_TEST(a[0] == "x");
    BOOST_TEST(c[0] == "changed");
}

BOOST_AUTO_TEST_CASE(const_access_never_copies) {
    cow_vector<int> a{1, 2, 3};
    const cow_vector<int> b = a;
    const int* before = b.data();
    int sum = 0;
    for (int v : b) sum += v;
    sum += b[1] + b.front() + b.back();
    BOOST_TEST(sum == 6 + 2 + 1 + 3);
    BOOST_TEST(b.data() == before);
    BOOST_TEST(a.shared());
}

BOOST_AUTO_TEST_CASE(growth_keeps_elements_and_accepts_an_element_of_itself) {
    cow_vector<std::string> v;
    BOOST_TEST(v.empty());
    BOOST_TEST(v.capacity() == 0u);
    for (int i = 0; i < 100; ++i) v.push_back(std::string(30, static_cast<char>('a' + i % 26)));
    BOOST_TEST(v.size() == 100u);
    BOOST_TEST(v.capacity() >= 100u);
    // the argument refers to an element of the list being grown (std::vector allows this too)
    while (v.size() < v.capacity()) v.push_back("fill");
    v.push_back(v[0]);
    BOOST_TEST(v.back() == std::string(30, 'a'));
    // and of a shared list being unshared by the same call
    cow_vector<std::string> w = v;
    w.push_back(w[1]);
    BOOST_TEST(w.back() == std::string(30, 'b'));
    BOOST_TEST(v.size() + 1 == w.size());
}

BOOST_AUTO_TEST_CASE(erase_insert_pop_clear_and_assign) {
    cow_vector<int> v{0, 1, 2, 3, 4, 5};
    const cow_vector<int> keep = v;
    v.erase(v.begin() + 1, v.begin() + 3);
    BOOST_TEST((std::vector<int>(v.begin(), v.end()) == std::vector<int>{0, 3, 4, 5}));
    v.erase(v.begin());
    v.insert(v.begin() + 1, 9);
    BOOST_TEST((std::vector<int>(v.begin(), v.end()) == std::vector<int>{3, 9, 4, 5}));
    v.pop_back();
    BOOST_TEST(v.size() == 3u);
    BOOST_TEST((std::vector<int>(keep.begin(), keep.end()) == std::vector<int>{0, 1, 2, 3, 4, 5}));

    cow_vector<int> shared = keep;
    shared.clear();  // lets the shared buffer go instead of copying it
    BOOST_TEST(shared.empty());
    BOOST_TEST(keep.size() == 6u);
    BOOST_TEST(!keep.shared());

    std::vector<int> src{7, 8};
    v.assign(src.begin(), src.end());
    BOOST_TEST((std::vector<int>(v.begin(), v.end()) == src));
    v.reserve(50);
    BOOST_TEST(v.capacity() >= 50u);
    BOOST_TEST(v.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_failed_copy_leaves_both_lists_whole) {
    fragile::live = 0;
    {
        cow_vector<fragile> a;
        for (int i = 0; i < 5; ++i) a.emplace_back(i);
        cow_vector<fragile> b = a;
        fragile::copies_left = 2;  // unsharing copies 5 elements: the third copy throws
        BOOST_CHECK_THROW(b.push_back(fragile(9)), std::runtime_error);
        fragile::copies_left = 1000;
        BOOST_TEST(a.size() == 5u);
        BOOST_TEST(b.size() == 5u);
        BOOST_TEST(std::as_const(b)[4].n == 4);  // const: a non-const [] would unshare
        BOOST_TEST(fragile::live == 5);  // the partial copy was destroyed; a and b share the 5
    }
    BOOST_TEST(fragile::live == 0);
}

BOOST_AUTO_TEST_CASE(copies_are_read_and_dropped_from_many_threads) {
    cow_vector<std::string> original;
    for (int i = 0; i < 64; ++i) original.push_back(std::to_string(i));
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 2000; ++round) {
                cow_vector<std::string> mine = original;  // shared
                if (round % 2 == t % 2) mine.push_back("own");  // unshares this copy only
                if (std::as_const(mine)[63] != "63") ++wrong;
            }
        });
    }
    for (auto& th : threads) th.join();
    BOOST_TEST(wrong.load() == 0);
    BOOST_TEST(!original.shared());
    BOOST_TEST(original.size() == 64u);
}

BOOST_AUTO_TEST_CASE(json_value_copies_share_children_and_keep_value_semantics) {
    auto parsed = json::parse(R"({"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"]}]})");
    BOOST_TEST_REQUIRE(parsed.ok);
    const json::value& original = parsed.root;
    json::value copy = original;
    BOOST_TEST(original.members.shared());
    const json::value* statement_list = std::as_const(copy).find("Statement");
    BOOST_TEST(statement_list == original.find("Statement"));  // the same node: nothing was copied

    // changing the copy deep inside changes nothing in the original
    copy.find("Statement")->items[0].find("Action")->items[0].text = "s3:PutObject";
    BOOST_TEST(original.find("Statement")->items[0].find("Action")->items[0].text == "s3:GetObject");
    BOOST_TEST(std::as_const(copy).find("Statement")->items[0].find("Action")->items[0].text == "s3:PutObject");
}

BOOST_AUTO_TEST_CASE(unshared_copy_shares_nothing) {
    auto parsed = json::parse(R"({"a": [1, {"b": [true, null]}], "c": "s"})");
    BOOST_TEST_REQUIRE(parsed.ok);
    const json::value deep = json::unshared_copy(parsed.root);
    BOOST_TEST(!parsed.root.members.shared());
    BOOST_TEST(!deep.members.shared());
    BOOST_TEST(!deep.find("a")->items.shared());
    BOOST_TEST(deep.find("a") != parsed.root.find("a"));
    std::string a, b;
    json::append_compact(a, parsed.root);
    json::append_compact(b, deep);
    BOOST_TEST(a == b);
    BOOST_TEST(deep.find("a")->items[1].pos.offset == parsed.root.find("a")->items[1].pos.offset);
    BOOST_TEST(deep.find("a")->items[1].pos.line == parsed.root.find("a")->items[1].pos.line);
}

BOOST_AUTO_TEST_SUITE_END()
