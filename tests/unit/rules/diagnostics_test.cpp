// SPDX-License-Identifier: Apache-2.0
// diagnostics_test.cpp: every diagnostic of the rule compiler, with its exact line and column,
// and recovery (all errors of a file are reported).
#include <filesystem>
#include <fstream>

#include <boost/test/unit_test.hpp>

#include "rules_support.hpp"

using iamguard::test::first_error;
namespace rules = iamguard::rules;

namespace {

std::vector<iamguard::diagnostic> diags_of(std::string_view src, const rules::compile_options& opts = {}) {
    return rules::compile(src, "t.rule", opts).diagnostics;
}

std::string brief(const iamguard::diagnostic& d) {
    return std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + " " + d.code;
}

rules::compile_options syntax_only() {
    rules::compile_options o;
    o.syntax_only = true;
    return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_diagnostics)

// ---- R001 syntax ----

BOOST_AUTO_TEST_CASE(syntax_missing_value_after_operator) {
    BOOST_TEST(first_error("Role should have name = ") ==
               "1:25 R001 expected a value, found the end of the line");
}

BOOST_AUTO_TEST_CASE(syntax_unclosed_bracket) {
    BOOST_TEST(first_error("Role should have tags contain [key = 'a'") ==
               "1:41 R001 expected `]`, found the end of the line");
}

BOOST_AUTO_TEST_CASE(syntax_misspelt_should) {
    BOOST_TEST(first_error("Role shuld have name") == "1:6 R001 expected `where` or `should`, found `shuld`");
}

BOOST_AUTO_TEST_CASE(syntax_unterminated_string_and_regex) {
    BOOST_TEST(first_error("Role should have name = 'abc") ==
               "1:29 R001 expected `'`, found the end of the line");
    BOOST_TEST(first_error("Role should have name regexMatch /abc") ==
               "1:38 R001 expected `/`, found the end of the line");
}

BOOST_AUTO_TEST_CASE(syntax_dangling_and) {
    BOOST_TEST(first_error("Role should have name = 'a' and") ==
               "1:32 R001 expected a predicate, found the end of the line");
}

BOOST_AUTO_TEST_CASE(syntax_trailing_garbage) {
    BOOST_TEST(first_error("Role should have name = 'a' 'b'") ==
               "1:29 R001 expected `and`, `or` or the end of the rule, found `'`");
}

BOOST_AUTO_TEST_CASE(syntax_error_on_a_later_line_of_a_file_starting_with_a_newline) {
    BOOST_TEST(first_error("\nRole should have name\nUser should have (name") ==
               "3:23 R001 expected `)`, found the end of the line");
}

BOOST_AUTO_TEST_CASE(recovery_reports_every_bad_line) {
    const auto d = diags_of("Role should have name =\nRole should have name\nUser shold x\nUser should have [\n");
    BOOST_TEST_REQUIRE(d.size() == 3u, iamguard::test::dump(d));
    BOOST_TEST(brief(d[0]) == "1:24 R001");
    BOOST_TEST(brief(d[1]) == "3:6 R001");
    BOOST_TEST(brief(d[2]) == "4:18 R001");
    for (const auto& x : d) BOOST_TEST(x.file == "t.rule");
}

BOOST_AUTO_TEST_CASE(recovery_in_rule_blocks) {
    const std::string src =
        "rule A {\n"
        "  title 'no colon'\n"
        "  logic: Role should have name\n"
        "}\n"
        "rule B {\n"
        "  logic: Role should have nme\n"
        "}\n"
        "rule C {\n"
        "  logic: Role should have (name\n"
        "}\n"
        "rule D { logic: Role should have name }\n";
    auto r = rules::compile(src, "t.rule");
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 3u, iamguard::test::dump(r.diagnostics));
    BOOST_TEST(brief(r.diagnostics[0]) == "2:9 R001");
    BOOST_TEST(r.diagnostics[0].message == "expected `:`, found `'`");
    BOOST_TEST(brief(r.diagnostics[1]) == "10:1 R001");
    BOOST_TEST(brief(r.diagnostics[2]) == "6:27 R021");  // semantic errors come after the parse
    BOOST_TEST(!r.rules);
    // rule D still parsed: with B and C fixed, the file compiles
    auto parsed = rules::parse(src, "t.rule");
    BOOST_TEST_REQUIRE(parsed.rules.size() == 2u);
    BOOST_TEST(parsed.rules[0].info.id == "B");
    BOOST_TEST(parsed.rules[1].info.id == "D");
}

BOOST_AUTO_TEST_CASE(rendered_with_caret) {
    auto d = diags_of("Role should have trust.Statment");
    BOOST_TEST_REQUIRE(d.size() == 1u);
    const std::string expected =
        "t.rule:1:24: error[R021]: unknown field `Statment` in `trust.Statment`: `Role` has no such field\n"
        " 1 | Role should have trust.Statment\n"
        "   |                        ^~~~~~~~\n"
        "  = help: did you mean `Statement`?\n";
    BOOST_TEST(iamguard::render(d[0], "Role should have trust.Statment") == expected);
}

// ---- limits ----

BOOST_AUTO_TEST_CASE(too_large_R002) {
    rules::compile_options o;
    o.limit.max_source_size = 10;
    BOOST_TEST(first_error("Role should have name", o) == "1:1 R002 rule file of 21 bytes exceeds the limit of 10");
}

BOOST_AUTO_TEST_CASE(too_deep_R003) {
    rules::compile_options o;
    o.limit.max_nesting = 3;
    BOOST_TEST(first_error("Role should have ((((a))))", o) == "1:21 R003 brackets nested deeper than 3 levels");
    BOOST_TEST(first_error("Role should have not not not not a", o) == "1:18 R003 more than 3 `not`s in a row");
    BOOST_TEST(first_error("Role should have a isEmpty() isEmpty() isEmpty() isEmpty()", o) ==
               "1:18 R003 more than 3 operators applied in a chain");
    // brackets inside strings and regexes do not count
    BOOST_TEST(diags_of("Role should have name = '((((' or name regexMatch /\\[\\[\\[\\[\\(/", o).empty());
}

BOOST_AUTO_TEST_CASE(deep_nesting_default_limit_never_crashes) {
    const std::string deep = "Role should have " + std::string(100000, '(') + "name" + std::string(100000, ')');
    const auto d = diags_of(deep);
    BOOST_TEST_REQUIRE(!d.empty());
    BOOST_TEST(d[0].code == "R003");
    std::string chain = "Role should have name";
    for (int i = 0; i < 20000; ++i) chain += " isEmpty()";
    const auto c = diags_of(chain);
    BOOST_TEST_REQUIRE(!c.empty());
    BOOST_TEST(c[0].code == "R003");
    std::string nots = "Role should have";
    for (int i = 0; i < 20000; ++i) nots += " not";
    BOOST_TEST(diags_of(nots + " name").at(0).code == "R003");
    std::string ands = "Role should have name";  // long flat chains are fine
    for (int i = 0; i < 20000; ++i) ands += " and name";
    BOOST_TEST(diags_of(ands).empty());
}

BOOST_AUTO_TEST_CASE(mutated_rules_never_crash_or_throw) {
    // a deterministic fuzz: cut, duplicate and replace characters of valid rules
    const std::vector<std::string> seeds = {
        "Role where trust.Statement contain [Principal.AWS regexMatch /:root$/] should have trust.Statement with "
        "[Effect='Allow'] contain-all [Condition.StringEquals.sts:ExternalId]",
        "List<Role> should not have items groupBy [description] contain [values length() > 1]",
        "rule A {\n title: 'x''y'\n param p: list = ['a', 'b']\n logic: User where name in {p} should have "
        "passwordLastUsed after(-90, 'days') or createDate dateDifference(firstAccessKey.lastRotated, 'seconds') < 60\n}"};
    const std::string alphabet = "()[]{}'/$.,:=<>!- \nandornotshouldwherehaverule0123456789";
    std::uint32_t state = 12345;
    auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    std::size_t compiled = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string s = seeds[next() % seeds.size()];
        const int edits = 1 + static_cast<int>(next() % 4);
        for (int k = 0; k < edits && !s.empty(); ++k) {
            const std::size_t at = next() % s.size();
            switch (next() % 3) {
                case 0: s.erase(at, 1 + next() % 5); break;
                case 1: s.insert(at, 1, alphabet[next() % alphabet.size()]); break;
                default: s[at] = alphabet[next() % alphabet.size()];
            }
        }
        rules::compile_options o;
        o.syntax_only = (round % 2) == 0;
        const auto r = rules::compile(s, "fuzz.rule", o);
        if (r) {
            ++compiled;
            std::vector<rules::finding> out;
            r.rules->evaluate(iamguard::test::make_entity(iamguard::entity::entity_type::role, "r", R"({"name": "r"})"),
                              iamguard::test::fixed_now(), out);
        } else {
            BOOST_TEST(iamguard::has_errors(r.diagnostics), s);
            for (const auto& d : r.diagnostics) BOOST_TEST(d.pos.line >= 1u);
        }
    }
    BOOST_TEST(compiled > 0u);
}

BOOST_AUTO_TEST_CASE(unreadable_path_R004) {
    auto r = rules::compile_paths({"/nonexistent/dir/x.rule"});
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(r.diagnostics[0].code == "R004");
    BOOST_TEST(r.diagnostics[0].message == "cannot read `/nonexistent/dir/x.rule`: no such file or directory");
    BOOST_TEST(!r.rules);
}

// ---- rule blocks ----

BOOST_AUTO_TEST_CASE(duplicate_rule_R010) {
    const auto d = diags_of("rule A { logic: Role should have name }\n\nrule A { logic: User should have name }\n");
    BOOST_TEST_REQUIRE(d.size() == 1u);
    BOOST_TEST(brief(d[0]) == "3:1 R010");
    BOOST_TEST(d[0].message == "duplicate rule id `A`");
    BOOST_TEST(d[0].help == "first defined at t.rule:1");
}

BOOST_AUTO_TEST_CASE(missing_logic_R011) {
    BOOST_TEST(first_error("rule IG.X.1 {\n  title: 'x'\n}") == "1:6 R011 rule `IG.X.1` has no `logic`");
}

BOOST_AUTO_TEST_CASE(bad_metadata_R012) {
    const auto d = diags_of("rule A {\n  titel: 'x'\n  references: 12\n  title: 'a'\n  title: 'b'\n"
                            "  logic: Role should have name\n  logic: Role should have arn\n}");
    BOOST_TEST_REQUIRE(d.size() == 4u, iamguard::test::dump(d));
    BOOST_TEST(brief(d[0]) == "2:3 R012");
    BOOST_TEST(d[0].message == "unknown rule field `titel`");
    BOOST_TEST(d[0].help == "did you mean `title`?");
    BOOST_TEST(brief(d[1]) == "3:15 R012");
    BOOST_TEST(d[1].message == "`references` takes a list of strings, found a number");
    BOOST_TEST(brief(d[2]) == "5:3 R012");
    BOOST_TEST(d[2].message == "`title` is given twice");
    BOOST_TEST(brief(d[3]) == "7:3 R012");
}

BOOST_AUTO_TEST_CASE(bad_severity_R013) {
    BOOST_TEST(first_error("rule A {\n severity: severe\n logic: Role should have name }") ==
               "2:12 R013 unknown severity `severe`");
}

// ---- schema ----

BOOST_AUTO_TEST_CASE(unknown_entity_R020_with_hint_and_syntax_only_accepts) {
    auto d = diags_of("IamRol should have name");
    BOOST_TEST_REQUIRE(d.size() == 1u);
    BOOST_TEST(brief(d[0]) == "1:1 R020");
    BOOST_TEST(d[0].message == "unknown entity type `IamRol`");
    BOOST_TEST(d[0].help == "did you mean `IamRole`?");
    BOOST_TEST(diags_of("S3Bucket should have logging.enabled=true", syntax_only()).empty());
    // a mixed bundle can be compiled for its IAM rules: unknown types are then warnings
    rules::compile_options skip;
    skip.skip_unknown_entities = true;
    auto mixed = rules::compile("S3Bucket should have acl.grants contain [uri isPublic()]\nUser should have mfaActive\n",
                                "b.gsl", skip);
    BOOST_TEST_REQUIRE(static_cast<bool>(mixed));
    BOOST_TEST_REQUIRE(mixed.diagnostics.size() == 1u);
    BOOST_TEST((mixed.diagnostics[0].level == iamguard::severity::warning));
    BOOST_TEST(mixed.diagnostics[0].code == "R020");
    BOOST_TEST(mixed.rules->size() == 2u);
    BOOST_TEST(!mixed.rules->target(0).has_value());  // never runs
    BOOST_TEST((mixed.rules->target(1) == iamguard::entity::entity_type::user));
}

BOOST_AUTO_TEST_CASE(unknown_field_R021_points_at_the_segment) {
    auto d = diags_of("Role where name = 'x' should have trust.Statement contain [Efect = 'Allow']");
    BOOST_TEST_REQUIRE(d.size() == 1u);
    BOOST_TEST(brief(d[0]) == "1:60 R021");
    BOOST_TEST(d[0].length == 5u);
    BOOST_TEST(d[0].message == "unknown field `Efect` in `Efect`: the elements here has no such field");
    BOOST_TEST(d[0].help == "did you mean `Effect`?");
    auto d2 = diags_of("User should have premission = 'x'");
    BOOST_TEST_REQUIRE(d2.size() == 1u);
    BOOST_TEST(brief(d2[0]) == "1:18 R021");
    // every bad path of a rule is reported
    BOOST_TEST(diags_of("User where nam = 'a' should have premission and mfaActve").size() == 3u);
    // aliases and map keys are fine; syntax_only skips the schema
    BOOST_TEST(diags_of("Role should have trust.Statement contain [Condition.Bool.aws:SecureTransport = 'true']")
                   .empty());
    BOOST_TEST(diags_of("User should have premission", syntax_only()).empty());
}

BOOST_AUTO_TEST_CASE(aggregate_paths_R022) {
    BOOST_TEST(first_error("List<Role> should have name") ==
               "1:24 R022 a `List<Role>` rule sees only `items`, not `name`");
    BOOST_TEST(diags_of("List<Role> should not have items groupBy [name] contain [values length() > 1]").empty());
    BOOST_TEST(first_error("List<Role> should have items contain [nme]") ==
               "1:39 R021 unknown field `nme` in `nme`: the elements here has no such field");
    // `$` outside brackets is a path too (found by fuzz_rule_diff: it compiled and named nothing)
    BOOST_TEST(first_error("List<Role> where $ should have items") ==
               "1:18 R022 a `List<Role>` rule sees only `items`, not `$`");
    BOOST_TEST(diags_of("List<Role> should have items contain [$ contain [name]]").empty());
}

BOOST_AUTO_TEST_CASE(misplaced_literal_R023) {
    BOOST_TEST(first_error("Role should have 'admin'") == "1:18 R023 a string is not a condition");
    BOOST_TEST(diags_of("Role should have true").empty());
}

// ---- operators ----

BOOST_AUTO_TEST_CASE(bad_regex_R030_flag_R031_size_R032) {
    BOOST_TEST(first_error("Role should have name regexMatch /a(b/").rfind("1:34 R030 invalid regular expression:", 0) ==
               0u);
    BOOST_TEST(first_error("Role should have name regexMatch /a/x") ==
               "1:37 R031 unknown regular expression flag `x`");
    BOOST_TEST(diags_of("Role should have name regexMatch /a/gi").empty());
    rules::compile_options o;
    o.limit.max_regex_program = 10;
    BOOST_TEST(first_error("Role should have name regexMatch /(abc|def|ghi)+xyz{3,9}/", o)
                   .rfind("1:34 R032 regular expression too large", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(bad_operands_R033) {
    BOOST_TEST(first_error("Role should have name like 12") == "1:28 R033 `like` needs a string pattern, found a number");
    BOOST_TEST(first_error("Role should have name = /x/") == "1:25 R033 `=` cannot take a regular expression");
    BOOST_TEST(first_error("Role should have /x/") == "1:18 R033 a regular expression is not a condition");
}

// ---- functions ----

BOOST_AUTO_TEST_CASE(unknown_function_R040_with_hint) {
    auto d = diags_of("User should have passwordLastUsed aftr(-90, 'days')");
    BOOST_TEST_REQUIRE(d.size() == 1u);
    BOOST_TEST(brief(d[0]) == "1:35 R040");
    BOOST_TEST(d[0].message == "unknown function `aftr`");
    BOOST_TEST(d[0].help == "did you mean `after`?");
    BOOST_TEST(diags_of("Instance should have scope numberOfHosts() > 256", syntax_only()).empty());
}

BOOST_AUTO_TEST_CASE(bad_arguments_R041) {
    BOOST_TEST(first_error("User should have passwordLastUsed after(-90)") ==
               "1:35 R041 `after` takes 2 arguments, found 1");
    BOOST_TEST(first_error("User should have passwordLastUsed after('days', -90)") ==
               "1:41 R041 argument 1 of `after` must be a number, found a string");
    BOOST_TEST(first_error("User should have name isEmpty(1)") == "1:23 R041 `isEmpty` takes 0 arguments, found 1");
}

BOOST_AUTO_TEST_CASE(bad_receiver_R042) {
    BOOST_TEST(first_error("User should have mfaActive before(0, 'days')") ==
               "1:28 R042 `before` cannot apply to `mfaActive`, which is a boolean");
}

BOOST_AUTO_TEST_CASE(bad_time_unit_R043) {
    BOOST_TEST(first_error("User should have passwordLastUsed after(-90, 'fortnights')") ==
               "1:46 R043 unknown time unit `fortnights`");
}

// ---- parameters ----

BOOST_AUTO_TEST_CASE(undefined_parameter_R050) {
    BOOST_TEST(first_error("Role should have name in {trusted}") == "1:26 R050 undefined parameter `trusted`");
    auto d = diags_of("rule A {\n param trustedAccounts: list = ['1']\n logic: Role should have name in {trustedAccount}\n}");
    BOOST_TEST_REQUIRE(d.size() == 1u);
    BOOST_TEST(d[0].help == "did you mean `{trustedAccounts}`?");
}

BOOST_AUTO_TEST_CASE(parameter_type_R051) {
    BOOST_TEST(first_error("rule A {\n param n: number = 'x'\n logic: Role should have name }") ==
               "2:20 R051 parameter `n` is declared number but its default is a string");
    BOOST_TEST(first_error("rule A {\n param n: text = 'x'\n logic: Role should have name }") ==
               "2:11 R051 unknown parameter type `text`");
    rules::compile_options o;
    o.params.set("n", rules::param_value{std::string("five")});
    BOOST_TEST(first_error("rule A {\n param n: number = 5\n logic: Role should have maxSessionDuration > {n} }", o) ==
               "2:8 R051 parameter `n` of rule `A` is declared number but was set to a string");
}

BOOST_AUTO_TEST_CASE(duplicate_parameter_R052) {
    BOOST_TEST(first_error("rule A {\n param n: number = 1\n param n: number = 2\n logic: Role should have name }") ==
               "3:8 R052 parameter `n` is declared twice in rule `A`");
}

BOOST_AUTO_TEST_CASE(no_exception_escapes_on_garbage) {
    for (std::string_view junk : {"\x01\x02\xff", "rule", "rule {", "rule A { logic: }", "((((", "'", "/", "List<",
                                  "Role where", "Role should", "rule A { param x: list = [[1]] logic: Role should have name }"}) {
        auto r = rules::compile(junk, "junk.rule");
        BOOST_TEST(!r.diagnostics.empty(), "no diagnostic for: " << junk);
    }
}

BOOST_AUTO_TEST_SUITE_END()
