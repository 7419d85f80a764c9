// SPDX-License-Identifier: Apache-2.0
// params_test.cpp: parameter values, lookup by rule, and parameter files in JSON and YAML.
#include <boost/test/unit_test.hpp>

#include "rules_support.hpp"

namespace rules = iamguard::rules;

BOOST_AUTO_TEST_SUITE(rules_params)

BOOST_AUTO_TEST_CASE(types_and_printing) {
    BOOST_TEST(rules::to_string(rules::param_value{std::string("it's")}) == "'it''s'");
    BOOST_TEST(rules::to_string(rules::param_value{16.0}) == "16");
    BOOST_TEST(rules::to_string(rules::param_value{0.5}) == "0.5");
    BOOST_TEST(rules::to_string(rules::param_value{true}) == "true");
    BOOST_TEST(rules::to_string(rules::param_value{std::vector<std::string>{"a", "b"}}) == "['a', 'b']");
    BOOST_TEST((rules::parse_param_type("bool") == rules::param_type::boolean));
    BOOST_TEST((rules::parse_param_type("boolean") == rules::param_type::boolean));
    BOOST_TEST(!rules::parse_param_type("text").has_value());
}

BOOST_AUTO_TEST_CASE(qualified_names_win) {
    rules::parameters p;
    p.set("n", rules::param_value{1.0});
    p.set("R.1.n", rules::param_value{2.0});
    BOOST_TEST((*p.find("R.1", "n") == rules::param_value{2.0}));
    BOOST_TEST((*p.find("R.2", "n") == rules::param_value{1.0}));
    BOOST_TEST(p.find("R.2", "m") == nullptr);
}

BOOST_AUTO_TEST_CASE(json_file) {
    std::vector<iamguard::diagnostic> d;
    const auto p = rules::load_parameters(
        R"({"trusted": ["111122223333", 444455556666], "minLength": 16, "strict": false, "IG.X.label": "x"})",
        "p.json", d);
    BOOST_TEST(d.empty(), iamguard::test::dump(d));
    BOOST_TEST((*p.get("trusted") == rules::param_value{std::vector<std::string>{"111122223333", "444455556666"}}));
    BOOST_TEST((*p.get("minLength") == rules::param_value{16.0}));
    BOOST_TEST((*p.get("strict") == rules::param_value{false}));
    BOOST_TEST((*p.find("IG.X", "label") == rules::param_value{std::string("x")}));
}

BOOST_AUTO_TEST_CASE(yaml_file) {
    std::vector<iamguard::diagnostic> d;
    const auto p = rules::load_parameters("# params\ntrusted:\n  - '111122223333'\n  - 444455556666\nminLength: 16\n"
                                          "strict: true\nlabel: '12'\nname: plain\n",
                                          "p.yaml", d);
    BOOST_TEST(d.empty(), iamguard::test::dump(d));
    BOOST_TEST((*p.get("trusted") == rules::param_value{std::vector<std::string>{"111122223333", "444455556666"}}));
    BOOST_TEST((*p.get("minLength") == rules::param_value{16.0}));
    BOOST_TEST((*p.get("strict") == rules::param_value{true}));
    BOOST_TEST((*p.get("label") == rules::param_value{std::string("12")}));  // quoted: a string
    BOOST_TEST((*p.get("name") == rules::param_value{std::string("plain")}));
}

BOOST_AUTO_TEST_CASE(bad_files_are_diagnostics_with_positions) {
    std::vector<iamguard::diagnostic> d;
    auto p = rules::load_parameters(R"({"a": {"nested": 1}, "b": 2})", "p.json", d);
    BOOST_TEST_REQUIRE(d.size() == 1u);
    BOOST_TEST(d[0].code == "R053");
    BOOST_TEST(d[0].file == "p.json");
    BOOST_TEST(d[0].pos.column == 7u);
    BOOST_TEST(d[0].message == "parameter `a` must be a string, number, boolean or list, not object");
    BOOST_TEST((*p.get("b") == rules::param_value{2.0}));  // the rest is still read
    d.clear();
    (void)rules::load_parameters("{\"a\": [1,", "p.json", d);
    BOOST_TEST_REQUIRE(!d.empty());
    BOOST_TEST(d[0].code == "J001");
    d.clear();
    (void)rules::load_parameters("a: [1, 2\nb: 3\n", "p.yaml", d);
    BOOST_TEST_REQUIRE(d.size() == 1u);
    BOOST_TEST(d[0].code == "R053");
    BOOST_TEST(d[0].pos.line >= 1u);
    d.clear();
    (void)rules::load_parameters("- a\n- b\n", "p.yaml", d);
    BOOST_TEST_REQUIRE(d.size() == 1u);
    BOOST_TEST(d[0].message == "a parameter file must hold a mapping of names to values");
}

BOOST_AUTO_TEST_SUITE_END()
