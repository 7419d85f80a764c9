// SPDX-License-Identifier: Apache-2.0
// grammar_test.cpp: every construct of the rule language parses and lowers to the expected AST.
#include <boost/test/unit_test.hpp>

#include "rules_support.hpp"

namespace ast = iamguard::rules::ast;
using iamguard::rules::parse;

namespace {

/// Parses one bare GSL line; the test fails on any diagnostic.
ast::logic logic_of(std::string_view line) {
    auto out = parse(line, "t.gsl");
    BOOST_TEST_REQUIRE(out.diagnostics.empty(), "unexpected diagnostics for: " << line << "\n"
                                                                              << iamguard::test::dump(out.diagnostics));
    BOOST_TEST_REQUIRE(out.rules.size() == 1u);
    return out.rules.front().body;
}

std::string cond(std::string_view line) { return ast::to_string(*logic_of(line).condition); }

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_grammar)

BOOST_AUTO_TEST_CASE(rule_shape_target_where_should) {
    const auto l = logic_of("Role where name = 'x' should have maxSessionDuration > 3600");
    BOOST_TEST(l.subject.name == "Role");
    BOOST_TEST(!l.subject.aggregate);
    BOOST_TEST(ast::to_string(*l.filter) == "name = 'x'");
    BOOST_TEST(l.has_should);
    BOOST_TEST(!l.negated);
    BOOST_TEST(ast::to_string(*l.condition) == "maxSessionDuration > 3600");
    BOOST_TEST(l.subject.where.pos.column == 1u);
}

BOOST_AUTO_TEST_CASE(should_forms_with_and_without_have_and_not) {
    BOOST_TEST(!logic_of("Role should have name").negated);
    BOOST_TEST(!logic_of("Role should name").negated);
    BOOST_TEST(logic_of("Role should not have name").negated);
    BOOST_TEST(logic_of("Role should not name").negated);
}

BOOST_AUTO_TEST_CASE(event_rule_without_should) {
    const auto l = logic_of("cloudtrail where event.name in ('A', 'B')");
    BOOST_TEST(!l.has_should);
    BOOST_TEST(ast::to_string(*l.filter) == "event.name in ('A', 'B')");
}

BOOST_AUTO_TEST_CASE(aggregate_target) {
    const auto l = logic_of("List<Role> should not have items groupBy [name] contain [values length() > 1]");
    BOOST_TEST(l.subject.aggregate);
    BOOST_TEST(l.subject.name == "Role");
    BOOST_TEST(ast::to_string(*l.condition) == "items groupBy [name] contain [values length() > 1]");
}

BOOST_AUTO_TEST_CASE(bare_true_is_a_whole_rule_in_any_case) {
    BOOST_TEST(logic_of("true").constant_true);
    BOOST_TEST(logic_of("TRUE").constant_true);
    BOOST_TEST(!logic_of("Role should have true").constant_true);
}

BOOST_AUTO_TEST_CASE(precedence_not_then_and_then_or) {
    const auto l = logic_of("Role should have a = 1 or b = 2 and not c = 3");
    const auto& top = std::get<ast::box<ast::logical>>(*l.condition);
    BOOST_TEST((top->op == ast::logical_op::or_));
    BOOST_TEST(top->operands.size() == 2u);
    const auto& right = std::get<ast::box<ast::logical>>(top->operands[1]);
    BOOST_TEST((right->op == ast::logical_op::and_));
    BOOST_TEST(std::holds_alternative<ast::box<ast::negation>>(right->operands[1]));
    // `not` takes the next predicate only, a parenthesised group when given one
    BOOST_TEST(cond("Role should have not a = 1 and b = 2") == "not a = 1 and b = 2");
    BOOST_TEST(cond("Role should have not (a = 1 and b = 2)") == "not (a = 1 and b = 2)");
    BOOST_TEST(cond("Role should have (a = 1 or b = 2) and c = 3") == "(a = 1 or b = 2) and c = 3");
}

BOOST_AUTO_TEST_CASE(comparisons_all_operators_spaces_optional) {
    BOOST_TEST(cond("Role should have a=1") == "a = 1");
    BOOST_TEST(cond("Role should have a!='x'") == "a != 'x'");
    BOOST_TEST(cond("Role should have a<1") == "a < 1");
    BOOST_TEST(cond("Role should have a >1") == "a > 1");
    BOOST_TEST(cond("Role should have a<= 1") == "a <= 1");
    BOOST_TEST(cond("Role should have a>=-1.5") == "a >= -1.5");
    BOOST_TEST(cond("Role should have a = b.c") == "a = b.c");  // right side another path
}

BOOST_AUTO_TEST_CASE(literals) {
    const auto l = logic_of("Role should have a = 'it''s'");
    const auto& c = std::get<ast::box<ast::comparison>>(*l.condition);
    const auto& lit = std::get<ast::literal>(c->rhs.front());
    BOOST_TEST(lit.text == "it's");  // '' is the escape for '
    BOOST_TEST(cond("Role should have a = ''") == "a = ''");
    BOOST_TEST(cond("Role should have a = TRUE and b = false") == "a = true and b = false");
    BOOST_TEST(cond("Role should have a = 4294967296") == "a = 4294967296");
    const auto n = logic_of("Role should have a = -90.25");
    const auto& num = std::get<ast::literal>(std::get<ast::box<ast::comparison>>(*n.condition)->rhs.front());
    BOOST_TEST(num.number == -90.25);
}

BOOST_AUTO_TEST_CASE(paths_with_colon_dash_slash_and_current_element) {
    BOOST_TEST(cond("Role should have Condition.Bool.aws:SecureTransport = 'true'") ==
               "Condition.Bool.aws:SecureTransport = 'true'");
    BOOST_TEST(cond("Role should have Condition.Null.s3:x-amz-server-side-encryption") ==
               "Condition.Null.s3:x-amz-server-side-encryption");
    BOOST_TEST(cond("Role should have Condition.StringEquals.aws:PrincipalTag/Team = 'a'") ==
               "Condition.StringEquals.aws:PrincipalTag/Team = 'a'");
    const auto l = logic_of("Role should have Resource contain[$='*']");
    const auto& q = std::get<ast::box<ast::list_op>>(*l.condition);
    const auto& c = std::get<ast::box<ast::comparison>>(q->predicate);
    BOOST_TEST(std::get<ast::path>(c->lhs).current);
}

BOOST_AUTO_TEST_CASE(path_segment_offsets_point_at_each_segment) {
    const auto l = logic_of("Role should have trust.Statement.Effect");
    const auto& p = std::get<ast::path>(*l.condition);
    BOOST_TEST(p.where.pos.column == 18u);
    BOOST_TEST((p.offsets == std::vector<std::uint32_t>{0, 6, 16}));
}

BOOST_AUTO_TEST_CASE(matching_operators) {
    BOOST_TEST(cond("User should have name like '%root%'") == "name like '%root%'");
    BOOST_TEST(cond("User should have name unlike 'x%'") == "name unlike 'x%'");
    BOOST_TEST(cond("User should have name regexMatch /^<root_account>$/i") == "name regexMatch /^<root_account>$/i");
    BOOST_TEST(cond("User should have name regexMatch /a\\/b/") == "name regexMatch /a\\/b/");
    BOOST_TEST(cond("User should have port in (20, 21,22)") == "port in (20, 21, 22)");
    BOOST_TEST(cond("User should have name in {names}") == "name in ({names})");
    BOOST_TEST(cond("User should have name = {n}") == "name = {n}");
    BOOST_TEST(cond("User should have d after(-{days}, 'days')") == "d after(-{days}, 'days')");
}

BOOST_AUTO_TEST_CASE(list_operators) {
    for (std::string op : {"contain", "contain-any", "contain-all", "contain-none", "contain-single", "with"}) {
        BOOST_TEST(cond("Role should have L " + op + " [a = 1]") == "L " + op + " [a = 1]");
    }
    BOOST_TEST(cond("Role should have L with [a = 1] contain-all [b]") == "L with [a = 1] contain-all [b]");
    BOOST_TEST(cond("Role should have L with [a] length() > 0") == "L with [a] length() > 0");
    BOOST_TEST(cond("Role should have L contain [M contain [$ = 'x']]") == "L contain [M contain [$ = 'x']]");
}

BOOST_AUTO_TEST_CASE(literal_alone_in_brackets_compares_with_the_element) {
    BOOST_TEST(cond("Policy should have Action contain ['s3:*']") == "Action contain [$ = 's3:*']");
}

BOOST_AUTO_TEST_CASE(function_calls_postfix_with_optional_space) {
    BOOST_TEST(cond("User should have a isEmpty()") == "a isEmpty()");
    BOOST_TEST(cond("User should have a length()>0") == "a length() > 0");
    BOOST_TEST(cond("User should have d after (-24, 'hours')") == "d after(-24, 'hours')");
    BOOST_TEST(cond("User should have d before(0,'days')") == "d before(0, 'days')");
    BOOST_TEST(cond("User should have d dateDifference(e.f, 'seconds') < 60") == "d dateDifference(e.f, 'seconds') < 60");
    BOOST_TEST(cond("Role should have trust assumableWithout('sts:ExternalId', 'mfa')") ==
               "trust assumableWithout('sts:ExternalId', 'mfa')");
    BOOST_TEST(cond("Role should have scope numberOfHosts() > 256") == "scope numberOfHosts() > 256");
}

BOOST_AUTO_TEST_CASE(keywords_are_whole_words) {
    // `notes`, `order`, `android` are paths, not `not`/`or`/`and`
    BOOST_TEST(cond("Role should have notes and order or android") == "notes and order or android");
    BOOST_TEST(cond("Role should have within contain [x]") == "within contain [x]");
}

BOOST_AUTO_TEST_CASE(bare_lines_comments_and_blank_lines) {
    auto out = parse("# header\n\nRole should have name\n   # indented comment\nUser should have name # trailing\n",
                     "pack.gsl");
    BOOST_TEST(out.diagnostics.empty());
    BOOST_TEST_REQUIRE(out.rules.size() == 2u);
    BOOST_TEST(out.rules[0].info.id == "pack.gsl:3");
    BOOST_TEST(out.rules[1].info.id == "pack.gsl:5");
    BOOST_TEST(out.rules[1].info.pos.line == 5u);
    BOOST_TEST(out.rules[0].info.logic == "Role should have name");
}

BOOST_AUTO_TEST_CASE(crlf_line_ends_and_a_byte_order_mark) {
    auto out = parse("\xEF\xBB\xBFRole should have name\r\n\r\nUser should have mfaActive\r\n", "win.gsl");
    BOOST_TEST(out.diagnostics.empty(), iamguard::test::dump(out.diagnostics));
    BOOST_TEST_REQUIRE(out.rules.size() == 2u);
    BOOST_TEST(out.rules[1].info.pos.line == 3u);
    BOOST_TEST(out.rules[1].info.logic == "User should have mfaActive");
    auto blocks = parse("\xEF\xBB\xBFrule A {\r\n  logic: Role should have name\r\n}\r\n", "win.rule");
    BOOST_TEST(blocks.diagnostics.empty(), iamguard::test::dump(blocks.diagnostics));
    BOOST_TEST(blocks.rules.size() == 1u);
}

BOOST_AUTO_TEST_CASE(unbalanced_trailing_paren_is_a_warning) {
    auto out = parse("Role should have a contain [b = 1])", "t.gsl");
    BOOST_TEST_REQUIRE(out.diagnostics.size() == 1u);
    BOOST_TEST(out.diagnostics[0].code == "R005");
    BOOST_TEST((out.diagnostics[0].level == iamguard::severity::warning));
    BOOST_TEST(out.diagnostics[0].pos.column == 35u);
    BOOST_TEST(out.rules.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
