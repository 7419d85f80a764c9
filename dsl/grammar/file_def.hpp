// SPDX-License-Identifier: Apache-2.0
// dsl/grammar/file_def.hpp: rule logic and `.rule` blocks (DEFINE). Included by file.cpp only.
//
//   logic      := target ['where' expression] ['should' ['not'] ['have'] expression]
//   target     := 'List' '<' name '>' | name
//   rule_block := 'rule' id '{' entry* '}'
//   entry      := 'logic' ':' logic
//               | 'param' name ':' type '=' value
//               | key ':' value
//   value      := string | number | word | '[' [value (',' value)* [',']] ']'
#pragma once

#include <utility>

#include "grammar.hpp"
#include "tokens_def.hpp"

namespace iamguard::dsl::grammar {

namespace file_detail {

using x3::lexeme;
using x3::lit;
using x3::raw;
using x3::ascii::alnum;
using x3::ascii::char_;
using x3::ascii::digit;

template <class R>
std::string text_of(const R& r) {
    return std::string(r.begin(), r.end());
}

struct target_id : stamp_span {};
struct should_id : stamp_span {};
struct meta_value_id : stamp_span {};
struct entry_id : stamp_span {};

const x3::rule<target_id, pt::target> target = "an entity type";
const x3::rule<should_id, pt::should_clause> should_clause = "`should`";
const x3::rule<meta_value_id, pt::meta_value> meta_value = "a value (a string, a number, a word or a list)";
const x3::rule<entry_id, pt::entry> entry = "an entry";

const auto string_chars = x3::rule<struct string_chars_id, std::string>{"string characters"} = quoted_chars;
const auto rule_id = x3::rule<struct rule_id_id, text_range>{"a rule id"} = raw[lexeme[+(alnum | char_("_.:-"))]];

const auto target_def = located((lit("List") >> '<' > name[([](auto& c) {
         x3::_val(c).aggregate = true;
         x3::_val(c).name = text_of(x3::_attr(c));
     })] > '>') |
    name[([](auto& c) { x3::_val(c).name = text_of(x3::_attr(c)); })]);

const auto should_clause_def = located(kw("should") >> x3::matches[kw("not")][([](auto& c) { x3::_val(c).negated = x3::_attr(c); })] >>
                               x3::matches[kw("have")][([](auto& c) { x3::_val(c).have = x3::_attr(c); })] >
                               expression[([](auto& c) { x3::_val(c).cond = std::move(x3::_attr(c)); })]);

const auto set_kind = [](pt::meta_value::kind k) { return [k](auto& c) { x3::_val(c).type = k; }; };
const auto set_kind_entry = [](pt::entry::kind k) { return [k](auto& c) { x3::_val(c).type = k; }; };
const auto set_text = [](auto& c) { x3::_val(c).text = text_of(x3::_attr(c)); };

const auto meta_value_def = located(lexeme['\'' > string_chars[([](auto& c) {
        x3::_val(c).type = pt::meta_value::kind::string;
        x3::_val(c).text = std::move(x3::_attr(c));
    })] > '\''] |
    lexeme[raw[-lit('-') >> +digit >> -(lit('.') >> +digit)][set_text] >> !word_char][set_kind(pt::meta_value::kind::number)] |
    (lit('[')[set_kind(pt::meta_value::kind::list)] >
     -(meta_value[([](auto& c) { x3::_val(c).items.push_back(std::move(x3::_attr(c))); })] % ',') > -lit(',') > ']') |
    name[set_text][set_kind(pt::meta_value::kind::word)]);

const auto set_key = [](auto& c) {
    x3::_val(c).key = text_of(x3::_attr(c));
    x3::_val(c).key_begin = offset_of(x3::get<state_tag>(c), x3::_attr(c).begin());
};
const auto set_value = [](auto& c) { x3::_val(c).value = std::move(x3::_attr(c)); };

const auto entry_def = located((kw("logic")[set_kind_entry(pt::entry::kind::logic)] > ':' >
     logic[([](auto& c) { x3::_val(c).body = std::move(x3::_attr(c)); })]) |
    (kw("param")[set_kind_entry(pt::entry::kind::param)] > name[set_key] > ':' > name[([](auto& c) {
         x3::_val(c).param_type = text_of(x3::_attr(c));
         x3::_val(c).type_begin = offset_of(x3::get<state_tag>(c), x3::_attr(c).begin());
     })] > '=' > meta_value[set_value]) |
    (name[set_key] > ':' > meta_value[set_value]));

BOOST_SPIRIT_DEFINE(target, should_clause, meta_value, entry)

}  // namespace file_detail

struct logic_id : stamp_span, record_errors {};
struct rule_block_id : stamp_span, record_errors {};

const auto logic_def = located(file_detail::target[([](auto& c) { x3::_val(c).subject = std::move(x3::_attr(c)); })] >>
    -(kw("where") > expression[([](auto& c) { x3::_val(c).where = std::move(x3::_attr(c)); })]) >>
    -file_detail::should_clause[([](auto& c) { x3::_val(c).should = std::move(x3::_attr(c)); })]);

const auto rule_block_def = located(kw("rule") > file_detail::rule_id[([](auto& c) {
        x3::_val(c).id = file_detail::text_of(x3::_attr(c));
        x3::_val(c).id_begin = offset_of(x3::get<state_tag>(c), x3::_attr(c).begin());
    })] > '{' > *file_detail::entry[([](auto& c) { x3::_val(c).entries.push_back(std::move(x3::_attr(c))); })] > '}');

BOOST_SPIRIT_DEFINE(logic, rule_block)

}  // namespace iamguard::dsl::grammar
