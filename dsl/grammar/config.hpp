// SPDX-License-Identifier: Apache-2.0
// dsl/grammar/config.hpp: the ONE iterator, skipper and context type every grammar TU shares.
//
// An "undefined reference to parse_rule<...>" link error means a call site's context differs from
// context_type below (the skipper, the with<> state, or the iterator).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/spirit/home/x3.hpp>

#include "parse_tree.hpp"

namespace iamguard::dsl::grammar {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

/// Whitespace and `#` comments to the end of the line.
inline const auto skipper = x3::ascii::space | x3::lexeme['#' >> *(x3::char_ - x3::eol)];
using skipper_type = std::remove_cv_t<decltype(skipper)>;

/// Parse-wide state, reached from semantic actions and handlers through x3::with<state_tag>.
struct parse_state {
    const char* origin = nullptr;  // start of the whole file: offsets are relative to it
    std::vector<pt::syntax_error> errors;  // recorded by on_error handlers; the parser never prints
};
struct state_tag;

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type = x3::context<state_tag, parse_state, phrase_context_type>;

}  // namespace iamguard::dsl::grammar
