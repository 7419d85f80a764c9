// SPDX-License-Identifier: Apache-2.0
// dsl/grammar/grammar.hpp: the grammar's entry rules as other translation units see them.
//
// expression.cpp defines and instantiates `expression` (expression_def.hpp); file.cpp defines and
// instantiates `logic` and `rule_block` (file_def.hpp), calling `expression` through this
// declaration, so the two halves of the grammar compile in parallel and separately.
#pragma once

#include "config.hpp"
#include "parse_tree.hpp"

namespace iamguard::dsl::grammar {

struct expression_id;
struct logic_id;
struct rule_block_id;

using expression_type = x3::rule<expression_id, pt::or_expr>;
using logic_type = x3::rule<logic_id, pt::logic>;
using rule_block_type = x3::rule<rule_block_id, pt::rule_block>;

BOOST_SPIRIT_DECLARE(expression_type)
BOOST_SPIRIT_DECLARE(logic_type, rule_block_type)

inline const expression_type expression = "an expression";
inline const logic_type logic = "a rule: `<Entity> [where <expr>] should [not] [have] <expr>`";
inline const rule_block_type rule_block = "a rule block: `rule <id> { ... }`";

}  // namespace iamguard::dsl::grammar
