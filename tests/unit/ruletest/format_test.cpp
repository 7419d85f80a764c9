// SPDX-License-Identifier: Apache-2.0
// format_test.cpp: reading tests files: shapes, outcomes, times, parameters, entity positions, and
// every T-code with its line and column.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>

#include <iamguard/rules/rule_test.hpp>

#include "test_paths.hpp"

namespace rules = iamguard::rules;

namespace {

const iamguard::diagnostic* find_code(const std::vector<iamguard::diagnostic>& diags, std::string_view code) {
    const auto it = std::find_if(diags.begin(), diags.end(), [&](const auto& d) { return d.code == code; });
    return it == diags.end() ? nullptr : &*it;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(format)

BOOST_AUTO_TEST_CASE(a_case_loads_its_entities_with_positions_in_the_tests_file) {
    const std::string text =
        "{\"rule\": \"X.1\", \"now\": \"2025-01-02T03:04:05Z\",\n"
        " \"cases\": [{\"name\": \"c1\", \"description\": \"d\",\n"
        "   \"entities\": [\n"
        "     {\"type\": \"Role\", \"name\": \"r1\", \"arn\": \"arn:aws:iam::111122223333:role/r1\"}],\n"
        "   \"params\": {\"n\": 3, \"s\": \"x\", \"b\": true, \"l\": [\"a\", 7]},\n"
        "   \"expect\": {\"r1\": \"fail\", \"Role:r1\": \"fail\"}}]}\n";
    const auto r = rules::parse_rule_tests(text, "dir/X.tests.json");
    BOOST_TEST(r.ok());
    BOOST_TEST(r.tests.rule_file == "dir/X.rule");
    BOOST_REQUIRE_EQUAL(r.tests.cases.size(), 1u);
    const auto& c = r.tests.cases[0];
    BOOST_TEST(c.name == "c1");
    BOOST_TEST(c.description == "d");
    BOOST_TEST(c.rule_ids == std::vector<std::string>{"X.1"});
    using namespace std::chrono;
    BOOST_TEST((c.now == sys_days{year{2025} / January / 2} + hours{3} + minutes{4} + seconds{5}));
    // the role, and the Account entity the loader adds for the account that owns it
    BOOST_REQUIRE_EQUAL(c.entities.size(), 2u);
    const auto role = std::find_if(c.entities.begin(), c.entities.end(), [](const auto& e) { return e.name == "r1"; });
    BOOST_REQUIRE(role != c.entities.end());
    BOOST_TEST(role->from.file == "dir/X.tests.json");
    BOOST_TEST(role->from.pos.line == 4u);  // where the entity is written
    BOOST_TEST(role->from.pos.column == 6u);
    BOOST_REQUIRE_EQUAL(c.expect.size(), 2u);
    BOOST_TEST(c.expect[0].entity == "r1");
    BOOST_TEST((c.expect[0].expected == rules::test_outcome::fail));
    BOOST_TEST(c.expect[1].pos.line == 6u);
    BOOST_TEST(c.expect[1].pos.column == 29u);
    BOOST_TEST((*c.params.get("n") == rules::param_value{3.0}));
    BOOST_TEST((*c.params.get("s") == rules::param_value{std::string("x")}));
    BOOST_TEST((*c.params.get("b") == rules::param_value{true}));
    BOOST_TEST((*c.params.get("l") == rules::param_value{std::vector<std::string>{"a", "7"}}));
}

BOOST_AUTO_TEST_CASE(the_default_time_is_fixed) {
    const std::string text = R"({"cases": [{"name": "c", "entities": [{"type": "User", "name": "u"}], "expect": {"u": "skip"}}]})";
    const auto r = rules::parse_rule_tests(text, "t.tests.json");
    BOOST_REQUIRE(r.ok());
    BOOST_REQUIRE_EQUAL(r.tests.cases.size(), 1u);
    BOOST_TEST((r.tests.cases[0].now == rules::default_test_time()));
    BOOST_TEST(r.tests.cases[0].rule_ids.empty());
}

BOOST_AUTO_TEST_CASE(an_input_string_is_loaded_as_its_own_text) {
    const std::string text =
        "{\"cases\": [{\"name\": \"csv\", \"input\": \"user,arn,user_creation_time,password_enabled,mfa_active,"
        "access_key_1_active,access_key_2_active\\nbob,arn:aws:iam::111122223333:user/bob,2020-01-01T00:00:00+00:00,"
        "true,false,true,false\\n\", \"expect\": {\"bob\": \"fail\"}}]}";
    const auto r = rules::parse_rule_tests(text, "k.tests.json");
    BOOST_TEST(r.ok());
    BOOST_REQUIRE_EQUAL(r.tests.cases.size(), 1u);
    const auto& ents = r.tests.cases[0].entities;
    const auto bob = std::find_if(ents.begin(), ents.end(), [](const auto& e) { return e.name == "bob"; });
    BOOST_REQUIRE(bob != ents.end());
    BOOST_TEST(bob->fields.find("firstAccessKey") != nullptr);
}

BOOST_AUTO_TEST_CASE(outcomes_parse_and_print) {
    for (const auto o : {rules::test_outcome::pass, rules::test_outcome::fail, rules::test_outcome::error,
                         rules::test_outcome::skip})
        BOOST_TEST((rules::parse_test_outcome(rules::to_string(o)) == o));
    BOOST_TEST(!rules::parse_test_outcome("Pass"));
    BOOST_TEST(!rules::parse_test_outcome("passed"));
}

BOOST_AUTO_TEST_CASE(a_wrong_outcome_is_T004_at_its_value) {
    const std::string text = "{\"cases\": [{\"name\": \"c\",\n"
                             "  \"entities\": [{\"type\": \"Role\", \"name\": \"r\"}],\n"
                             "  \"expect\": {\"r\": \"passed\"}}]}";
    const auto r = rules::parse_rule_tests(text, "t.tests.json");
    const auto* d = find_code(r.diagnostics, rules::test_codes::bad_outcome);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->file == "t.tests.json");
    BOOST_TEST(d->pos.line == 3u);
    BOOST_TEST(d->pos.column == 19u);
    BOOST_TEST(r.tests.cases.empty());  // the case with an error is dropped
}

BOOST_AUTO_TEST_CASE(an_expectation_naming_no_entity_is_T006_with_the_names) {
    const std::string text = "{\"cases\": [{\"name\": \"c\",\n"
                             "  \"entities\": [{\"type\": \"Role\", \"name\": \"reader\"}],\n"
                             "  \"expect\": {\"raeder\": \"skip\"}}]}";
    const auto r = rules::parse_rule_tests(text, "t.tests.json");
    const auto* d = find_code(r.diagnostics, rules::test_codes::unknown_entity);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->pos.line == 3u);
    BOOST_TEST(d->pos.column == 14u);
    BOOST_TEST(d->message == "no entity of case `c` is named `raeder`");
    BOOST_TEST(d->help == "the entities are `reader`");
}

BOOST_AUTO_TEST_CASE(a_bad_time_is_T005) {
    const std::string text = "{\"now\": \"yesterday\", \"cases\": []}";
    const auto r = rules::parse_rule_tests(text, "t.tests.json");
    const auto* d = find_code(r.diagnostics, rules::test_codes::bad_time);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST(d->pos.line == 1u);
    BOOST_TEST(d->pos.column == 9u);
}

BOOST_AUTO_TEST_CASE(missing_and_mistyped_members_are_T002) {
    {
        const auto r = rules::parse_rule_tests("{\"rule\": \"X\"}", "t.tests.json");
        const auto* d = find_code(r.diagnostics, rules::test_codes::bad_shape);
        BOOST_REQUIRE(d != nullptr);
        BOOST_TEST(d->message == "a tests file needs `cases`, a list of cases");
    }
    {
        const std::string text = "{\"cases\": [\n {\"name\": \"c\", \"entities\": [{\"type\": \"Role\", \"name\": \"r\"}]}]}";
        const auto r = rules::parse_rule_tests(text, "t.tests.json");
        const auto* d = find_code(r.diagnostics, rules::test_codes::bad_shape);
        BOOST_REQUIRE(d != nullptr);
        BOOST_TEST(d->pos.line == 2u);
        BOOST_TEST(d->pos.column == 2u);
    }
    {
        const std::string text = "{\"cases\": [{\"name\": \"c\", \"expect\": {}}]}";
        const auto r = rules::parse_rule_tests(text, "t.tests.json");
        const auto* d = find_code(r.diagnostics, rules::test_codes::bad_shape);
        BOOST_REQUIRE(d != nullptr);
        BOOST_TEST(d->message == "case `c` has neither `entities` nor `input`");
    }
    {
        const auto r = rules::parse_rule_tests("[1]", "t.tests.json");
        BOOST_TEST(find_code(r.diagnostics, rules::test_codes::bad_shape) != nullptr);
    }
}

BOOST_AUTO_TEST_CASE(unknown_members_are_warned_T003) {
    const std::string text = "{\"cases\": [], \"rulez\": \"X\"}";
    const auto r = rules::parse_rule_tests(text, "t.tests.json");
    const auto* d = find_code(r.diagnostics, rules::test_codes::unknown_member);
    BOOST_REQUIRE(d != nullptr);
    BOOST_TEST((d->level == iamguard::severity::warning));
    BOOST_TEST(d->pos.column == 15u);
    BOOST_TEST(r.ok());
}

BOOST_AUTO_TEST_CASE(entities_that_do_not_load_are_T007_and_the_loader_s_diagnostics) {
    const std::string text = "{\"cases\": [{\"name\": \"c\",\n"
                             "  \"entities\": [{\"type\": \"Role\", \"name\": \"r\", \"assumeRolePolicy\": {\"Statement\": 5}}],\n"
                             "  \"expect\": {}},\n"
                             " {\"name\": \"ok\", \"entities\": [{\"type\": \"Role\", \"name\": \"r\"}], \"expect\": {}}]}";
    const auto r = rules::parse_rule_tests(text, "t.tests.json");
    BOOST_TEST(!r.ok());
    BOOST_TEST(find_code(r.diagnostics, rules::test_codes::bad_entities) != nullptr);
    // the loader's own diagnostic points into the tests file, on line 2
    const bool located = std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [](const auto& d) {
        return d.level == iamguard::severity::error && d.code != rules::test_codes::bad_entities && d.pos.line == 2u;
    });
    BOOST_TEST(located);
    BOOST_REQUIRE_EQUAL(r.tests.cases.size(), 1u);  // the other case is kept
    BOOST_TEST(r.tests.cases[0].name == "ok");
}

BOOST_AUTO_TEST_CASE(malformed_json_is_the_parser_s_diagnostic) {
    const auto r = rules::parse_rule_tests("{\"cases\": [\n  {\"name\": }]}", "t.tests.json");
    BOOST_TEST(!r.ok());
    BOOST_REQUIRE(!r.diagnostics.empty());
    BOOST_TEST(r.diagnostics[0].code == "J001");
    BOOST_TEST(r.diagnostics[0].file == "t.tests.json");
    BOOST_TEST(r.diagnostics[0].pos.line == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(format_robustness)

// Truncations and byte flips of a real tests file: never a throw or a crash, always diagnostics or
// cases (deterministic: fixed positions, no randomness).
BOOST_AUTO_TEST_CASE(mangled_tests_files_give_diagnostics_never_a_crash) {
    const std::string original =
        iamguard::test::read_file(iamguard::test::source_dir() / "dsl" / "rules" / "IG.IAM.001.tests.json");
    BOOST_REQUIRE(original.size() > 1000u);
    std::size_t runs = 0;
    for (std::size_t at = 0; at < original.size(); at += 397) {
        const auto truncated = rules::parse_rule_tests(std::string_view(original).substr(0, at), "t.tests.json");
        BOOST_TEST((!truncated.diagnostics.empty() || !truncated.tests.cases.empty()));
        std::string flipped = original;
        for (const char c : {'"', '{', ']', ',', '\\', '\0'}) {
            flipped[at] = c;
            const auto r = rules::parse_rule_tests(flipped, "t.tests.json");
            for (const auto& d : r.diagnostics) BOOST_TEST(d.file == "t.tests.json");
            ++runs;
        }
    }
    BOOST_TEST(runs > 50u);
}

BOOST_AUTO_TEST_SUITE_END()
