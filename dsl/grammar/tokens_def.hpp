// SPDX-License-Identifier: Apache-2.0
// dsl/grammar/tokens_def.hpp: lexical pieces and handlers shared by both grammar halves.
//
// Only parser objects and handler classes live here (no BOOST_SPIRIT_DEFINE), so including it in
// both grammar TUs defines nothing twice.
#pragma once

#include <type_traits>

#include "config.hpp"
#include "parse_tree.hpp"

// ---- messages ----
// x3 describes a parser it has no name for by its C++ type name. For the wrappers used at our
// expectation points (semantic actions, raw[], lexeme[], lists) describe the wrapped parser
// instead, so that `which()` is a rule name or a literal a person can read.
namespace boost::spirit::x3 {
template <typename Subject, typename Action>
struct get_info<action<Subject, Action>> {
    using result_type = std::string;
    std::string operator()(const action<Subject, Action>& p) const { return what(p.subject); }
};
template <typename Subject>
struct get_info<raw_directive<Subject>> {
    using result_type = std::string;
    std::string operator()(const raw_directive<Subject>& p) const { return what(p.subject); }
};
template <typename Subject>
struct get_info<lexeme_directive<Subject>> {
    using result_type = std::string;
    std::string operator()(const lexeme_directive<Subject>& p) const { return what(p.subject); }
};
template <typename Left, typename Right>
struct get_info<list<Left, Right>> {
    using result_type = std::string;
    std::string operator()(const list<Left, Right>& p) const { return what(p.left); }
};
}  // namespace boost::spirit::x3

namespace iamguard::dsl::grammar {

// ---- handlers ----

inline std::uint32_t offset_of(const parse_state& st, const char* it) {
    return static_cast<std::uint32_t>(it - st.origin);
}

/// Records the first expectation failure of a parse (the innermost one: it is caught first) and
/// fails; outer handlers see the error already recorded and do not add a second one.
struct record_errors {
    template <class It, class Failure, class Ctx>
    x3::error_handler_result on_error(It&, const It&, const Failure& f, const Ctx& ctx) const {
        auto& st = x3::get<state_tag>(ctx);
        if (st.errors.empty()) st.errors.push_back({offset_of(st, f.where()), f.which()});
        return x3::error_handler_result::fail;
    }
};

/// Rule ids of nodes that carry a span. Spans are not stamped by an on_success handler: x3 hands
/// such handlers `unused` instead of the attribute when the rule's definition has semantic actions
/// (ours all do), so located() stamps them from a raw[] directive instead.
struct stamp_span {};

inline const auto stamp = [](auto& c) {
    const auto& st = x3::get<state_tag>(c);
    x3::_val(c).begin = offset_of(st, x3::_attr(c).begin());
    x3::_val(c).end = offset_of(st, x3::_attr(c).end());
};

/// `p`, recording the span it matched (after leading spaces) in the rule's node.
template <class P>
auto located(P p) {
    return x3::raw[p][stamp];
}

// ---- tokens ----

/// Characters that continue a word: a keyword must not be followed by one (`notX` is a path).
/// `:` is not one: `logic:` is the keyword `logic` and a colon.
inline const auto word_char = x3::ascii::alnum | x3::ascii::char_("_-");

/// A keyword: the literal not followed by a word character.
template <class P>
auto kw(P p) {
    return x3::lexeme[x3::lit(p) >> !word_char];
}
/// The same, case-insensitive (`TRUE`, `True`).
template <class P>
auto kw_nocase(P p) {
    return x3::lexeme[x3::no_case[x3::lit(p)] >> !word_char];
}

/// An identifier: entity names, function names, parameter names, metadata keys.
inline const auto identifier = x3::lexeme[(x3::ascii::alpha | x3::ascii::char_('_')) >> *(x3::ascii::alnum | x3::ascii::char_('_'))];
using text_range = boost::iterator_range<iterator_type>;
/// An identifier with its place in the text.
inline const auto name = x3::rule<struct name_id, text_range>{"a name"} = x3::raw[identifier];

/// The characters of a single-quoted string, `''` standing for one `'`. Strings may span lines.
inline const auto quoted_chars = *((x3::lit("''") >> x3::attr('\'')) | ~x3::ascii::char_('\''));

}  // namespace iamguard::dsl::grammar
