// SPDX-License-Identifier: Apache-2.0
// dsl/grammar/expression_def.hpp: the expression grammar (DEFINE). Included by expression.cpp only.
//
//   expression := and_expr ('or' and_expr)*            precedence: not > and > or
//   and_expr   := unary ('and' unary)*
//   unary      := 'not'* predicate
//   predicate  := value [comparison]
//   value      := atom postfix*
//   postfix    := list_kw '[' expression ']' | name '(' [atom (',' atom)*] ')'
//   comparison := ('='|'!='|'<'|'>'|'<='|'>='|'like'|'unlike'|'regexMatch') atom
//               | 'in' ('(' atom (',' atom)* ')' | param)
//   atom       := '(' expression ')' | string | regex | number | bool | param | '$' | path
#pragma once

#include <memory>
#include <utility>

#include "grammar.hpp"
#include "tokens_def.hpp"

namespace iamguard::dsl::grammar {

namespace expr_detail {

using x3::lexeme;
using x3::lit;
using x3::raw;
using x3::ascii::alnum;
using x3::ascii::alpha;
using x3::ascii::char_;
using x3::ascii::digit;

// ---- semantic actions ----

inline const auto assign = [](auto& c) { x3::_val(c) = std::move(x3::_attr(c)); };
template <class R, class C>
std::string text_of(const R& r, const C&) {
    return std::string(r.begin(), r.end());
}

// ---- rule ids (handlers mixed in) ----

struct string_lit_id : stamp_span {};
struct number_lit_id : stamp_span {};
struct bool_lit_id : stamp_span {};
struct regex_lit_id : stamp_span {};
struct param_ref_id : stamp_span {};
struct current_id : stamp_span {};
struct path_id : stamp_span {};
struct paren_id : stamp_span {};
struct atom_id : stamp_span {};
struct list_op_id : stamp_span {};
struct call_op_id : stamp_span {};
struct postfix_id : stamp_span {};
struct value_expr_id : stamp_span {};
struct comparison_id : stamp_span {};
struct predicate_id : stamp_span {};
struct unary_id : stamp_span {};
struct and_expr_id : stamp_span {};

// ---- rules ----

const x3::rule<string_lit_id, pt::string_lit> string_lit = "a string";
const x3::rule<number_lit_id, pt::number_lit> number_lit = "a number";
const x3::rule<bool_lit_id, pt::bool_lit> bool_lit = "`true` or `false`";
const x3::rule<regex_lit_id, pt::regex_lit> regex_lit = "a regular expression";
const x3::rule<param_ref_id, pt::param_ref> param_ref = "a parameter";
const x3::rule<current_id, pt::current> current = "`$`";
const x3::rule<path_id, pt::path> path = "a field path";
const x3::rule<paren_id, pt::paren> paren = "a parenthesised expression";
const x3::rule<atom_id, pt::atom> atom = "a value";
const x3::rule<list_op_id, pt::list_op> list_op = "a list operator";
const x3::rule<call_op_id, pt::call_op> call_op = "a function call";
const x3::rule<postfix_id, pt::postfix> postfix = "an operator";
const x3::rule<value_expr_id, pt::value_expr> value_expr = "a value";
const x3::rule<comparison_id, pt::comparison> comparison = "a comparison";
const x3::rule<predicate_id, pt::predicate> predicate = "a predicate";
const x3::rule<unary_id, pt::unary> unary = "a predicate";
const x3::rule<and_expr_id, pt::and_expr> and_expr = "a predicate";

// ---- tokens ----

const auto string_chars = x3::rule<struct string_chars_id, std::string>{"string characters"} = quoted_chars;
const auto reserved = kw("and") | kw("or") | kw("not") | kw("where") | kw("should");
const auto list_keyword = lexeme[(lit("contain-any") | lit("contain-all") | lit("contain-none") |
                                  lit("contain-single") | lit("contain") | lit("with") | lit("groupBy")) >>
                                 !word_char];
const auto operator_keyword = list_keyword | reserved | kw("in") | kw("like") | kw("unlike") | kw("regexMatch");
const auto segment = raw[(alpha | char_("_@")) >> *(alnum | char_("_:@/-"))];
const auto symbol_op = lit("!=") | lit("<=") | lit(">=") | lit('=') | lit('<') | lit('>');
const auto word_op = kw("like") | kw("unlike") | kw("regexMatch");

// ---- definitions ----

const auto string_lit_def = located(lexeme['\'' > string_chars[([](auto& c) { x3::_val(c).value = std::move(x3::_attr(c)); })] > '\'']);

const auto number_lit_def = located(lexeme[raw[-lit('-') >> +digit >> -(lit('.') >> +digit)][([](auto& c) {
                                       x3::_val(c).text = text_of(x3::_attr(c), c);
                                   })] >>
                                   !word_char]);

const auto bool_lit_def = located(kw_nocase("true")[([](auto& c) { x3::_val(c).value = true; })] |
                          kw_nocase("false")[([](auto& c) { x3::_val(c).value = false; })]);

const auto regex_lit_def = located(lexeme['/' >> raw[*((lit('\\') >> char_) | ~char_("/\n"))][([](auto& c) {
        x3::_val(c).pattern = text_of(x3::_attr(c), c);
    })] > '/' > raw[*alpha][([](auto& c) { x3::_val(c).flags = text_of(x3::_attr(c), c); })]]);

const auto param_ref_def = located(x3::matches[lit('-')][([](auto& c) { x3::_val(c).negated = x3::_attr(c); })] >> lit('{') > name[([](auto& c) { x3::_val(c).name = text_of(x3::_attr(c), c); })] > '}');

const auto current_def = located(lexeme[lit('$') >> !word_char]);

const auto push_segment = [](auto& c) {
    const auto& st = x3::get<state_tag>(c);
    auto& r = x3::_attr(c);
    x3::_val(c).segments.emplace_back(r.begin(), r.end());
    x3::_val(c).offsets.push_back(offset_of(st, r.begin()));
};
const auto path_def = located(!reserved >> lexeme[segment[push_segment] % '.']);

const auto paren_def = located('(' > expression[([](auto& c) { x3::_val(c).inner = std::make_shared<pt::or_expr>(std::move(x3::_attr(c))); })] >
    ')');

const auto atom_def = paren[assign] | string_lit[assign] | regex_lit[assign] | number_lit[assign] | bool_lit[assign] |
                      param_ref[assign] | current[assign] | path[assign];

const auto list_op_def = located(raw[list_keyword][([](auto& c) { x3::_val(c).keyword = text_of(x3::_attr(c), c); })] > '[' >
    expression[([](auto& c) { x3::_val(c).pred = std::make_shared<pt::or_expr>(std::move(x3::_attr(c))); })] > ']');

const auto call_op_def = located((!operator_keyword >> name[([](auto& c) { x3::_val(c).name = text_of(x3::_attr(c), c); })] >> '(') >
    -(atom[([](auto& c) { x3::_val(c).args.push_back(std::move(x3::_attr(c))); })] % ',') > ')');

const auto postfix_def = list_op[assign] | call_op[assign];

const auto value_expr_def = located(atom[([](auto& c) { x3::_val(c).head = std::move(x3::_attr(c)); })] >>
                            *postfix[([](auto& c) { x3::_val(c).ops.push_back(std::move(x3::_attr(c))); })]);

const auto set_op = [](auto& c) {
    const auto& st = x3::get<state_tag>(c);
    x3::_val(c).op = text_of(x3::_attr(c), c);
    x3::_val(c).op_begin = offset_of(st, x3::_attr(c).begin());
};
const auto push_rhs = [](auto& c) { x3::_val(c).rhs.push_back(std::move(x3::_attr(c))); };
const auto comparison_def = located((raw[lexeme[symbol_op] | word_op][set_op] > atom[push_rhs]) |
                            (raw[kw("in")][set_op] > (('(' > (atom[push_rhs] % ',') > ')') | param_ref[push_rhs])));

const auto predicate_def = located(value_expr[([](auto& c) { x3::_val(c).subject = std::move(x3::_attr(c)); })] >>
    -comparison[([](auto& c) { x3::_val(c).cmp = std::move(x3::_attr(c)); })]);

const auto unary_def = located(*raw[kw("not")][([](auto& c) {
    x3::_val(c).nots.push_back(offset_of(x3::get<state_tag>(c), x3::_attr(c).begin()));
})] >> predicate[([](auto& c) { x3::_val(c).body = std::move(x3::_attr(c)); })]);

const auto push_term = [](auto& c) { x3::_val(c).terms.push_back(std::move(x3::_attr(c))); };
const auto and_expr_def = located(unary[push_term] >> *(kw("and") > unary[push_term]));

BOOST_SPIRIT_DEFINE(string_lit, number_lit, bool_lit, regex_lit, param_ref, current, path, paren, atom, list_op,
                    call_op, postfix, value_expr, comparison, predicate, unary, and_expr)

}  // namespace expr_detail

struct expression_id : stamp_span {};

const auto expression_def = located(expr_detail::and_expr[expr_detail::push_term] >> *(kw("or") > expr_detail::and_expr[expr_detail::push_term]));

BOOST_SPIRIT_DEFINE(expression)

}  // namespace iamguard::dsl::grammar
