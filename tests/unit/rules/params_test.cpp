// SPDX-License-Identifier: Apache-2.0
// params_test.cpp: parameter values, lookup by rule, and parameter files in JSON and YAML.
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

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

BOOST_AUTO_TEST_CASE(a_rule_nested_under_its_id_gets_a_hint) {
    std::vector<iamguard::diagnostic> d;
    (void)rules::load_parameters("IG.IAM.008:\n  maxKeyAgeDays: 30\n", "p.yaml", d);
    BOOST_TEST_REQUIRE(d.size() == 1u);
    BOOST_TEST(d[0].code == "R053");
    BOOST_TEST(d[0].help == "to set a parameter of one rule, write its name after the rule id: `IG.IAM.008.NAME: VALUE`");
    d.clear();
    (void)rules::load_parameters(R"({"IG.IAM.008": {"maxKeyAgeDays": 30}})", "p.json", d);
    BOOST_TEST_REQUIRE(d.size() == 1u);
    BOOST_TEST(d[0].help == "to set a parameter of one rule, write its name after the rule id: `IG.IAM.008.NAME: VALUE`");
}

BOOST_AUTO_TEST_CASE(files_record_where_each_parameter_was_set) {
    std::vector<iamguard::diagnostic> d;
    const auto y = rules::load_parameters("# params\nminLength: 16\n  # indented comment\nR.1.n: [a]\n", "p.yaml", d);
    BOOST_TEST_REQUIRE(y.origin("R.1.n") != nullptr);
    BOOST_TEST(y.origin("R.1.n")->file == "p.yaml");
    BOOST_TEST(y.origin("R.1.n")->pos.line == 4u);
    BOOST_TEST(y.origin("R.1.n")->pos.column == 1u);
    const auto j = rules::load_parameters("{\n  \"a\": 1,\n    \"b\": true}", "p.json", d);
    BOOST_TEST_REQUIRE(j.origin("b") != nullptr);
    BOOST_TEST(j.origin("b")->pos.line == 3u);
    BOOST_TEST(j.origin("b")->pos.column == 5u);
    BOOST_TEST(d.empty(), iamguard::test::dump(d));
    rules::parameters p = j;
    p.set("b", rules::param_value{false});  // set by the host: where it was written no longer holds
    BOOST_TEST(p.origin("b") == nullptr);
}

BOOST_AUTO_TEST_CASE(parameters_no_rule_uses_are_warnings_with_a_suggestion) {
    const auto r = rules::compile("rule R.1 { param minLength: number = 8\n"
                                  "  logic: Role should have name length() >= {minLength} }\n"
                                  "rule R.2 { logic: Role should have name in {allowed} }\n",
                                  "t.rule", [] {
                                      rules::compile_options o;
                                      o.params.set("allowed", rules::param_value{std::vector<std::string>{"a"}});
                                      return o;
                                  }());
    BOOST_TEST_REQUIRE(r.rules.has_value(), iamguard::test::dump(r.diagnostics));
    // declared (R.1) and referred to without a declaration (R.2, a host value): both count
    using name = std::pair<std::string, std::string>;
    const auto names = r.rules->parameter_names();
    BOOST_TEST((std::vector<name>(names.begin(), names.end()) ==
                std::vector<name>{{"R.1", "minLength"}, {"R.2", "allowed"}}));

    std::vector<iamguard::diagnostic> d;
    const auto p = rules::load_parameters("minLength: 12\nminLenght: 12\nR.1.minLength: 10\nR.2.minLength: 10\n"
                                          "allowed: [b]\nR.3.allowed: [c]\n",
                                          "p.yaml", d);
    BOOST_TEST_REQUIRE(d.empty(), iamguard::test::dump(d));
    const rules::rule_set* sets[] = {&*r.rules};
    const auto unused = rules::unused_parameters(p, sets);
    BOOST_TEST_REQUIRE(unused.size() == 3u, iamguard::test::dump(unused));
    // in the map's (sorted) order: R.2.minLength, R.3.allowed, minLenght
    BOOST_TEST(iamguard::render_short(unused[0]) ==
               "p.yaml:4:1: warning[R054]: parameter `R.2.minLength` is set, but no rule declares or uses it; it has no effect");
    BOOST_TEST(unused[0].help == "did you mean `R.1.minLength`?");
    BOOST_TEST(iamguard::render_short(unused[1]) ==
               "p.yaml:6:1: warning[R054]: parameter `R.3.allowed` is set, but no rule declares or uses it; it has no effect");
    BOOST_TEST(unused[1].help == "did you mean `R.2.allowed`?");
    BOOST_TEST(unused[2].pos.line == 2u);
    BOOST_TEST(unused[2].length == 9u);
    BOOST_TEST(unused[2].help == "did you mean `minLength`?");

    // set by a host, not from a file: no position
    rules::parameters host;
    host.set("zzz", rules::param_value{true});
    const auto one = rules::unused_parameters(host, sets);
    BOOST_TEST_REQUIRE(one.size() == 1u);
    BOOST_TEST(one[0].pos.line == 0u);
    BOOST_TEST(one[0].help == "the rules' parameters are `allowed`, `minLength`");
}

BOOST_AUTO_TEST_CASE(compile_paths_warns_about_unused_parameters_and_compile_does_not) {
    const auto dir = std::filesystem::temp_directory_path() / ("iamguard-params-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "a.rule") << "rule A { param n: number = 1\n logic: Role should have name length() > {n} }\n";
    rules::compile_options o;
    o.params.set("m", rules::param_value{2.0});
    o.params.set("n", rules::param_value{2.0});
    const auto whole = rules::compile_paths({dir}, o);
    std::filesystem::remove_all(dir);
    BOOST_TEST_REQUIRE(whole.rules.has_value(), iamguard::test::dump(whole.diagnostics));  // a warning only
    BOOST_TEST_REQUIRE(whole.diagnostics.size() == 1u, iamguard::test::dump(whole.diagnostics));
    BOOST_TEST(whole.diagnostics[0].code == "R054");
    BOOST_TEST(whole.diagnostics[0].message.find("`m`") != std::string::npos);
    const auto one = rules::compile("rule A { logic: Role should have name }", "a.rule", o);
    BOOST_TEST(one.diagnostics.empty(), iamguard::test::dump(one.diagnostics));
}

BOOST_AUTO_TEST_SUITE_END()
