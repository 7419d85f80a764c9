// SPDX-License-Identifier: Apache-2.0
// dsl/grammar/expression.cpp: INSTANTIATE the expression grammar for the shared context type.
#include "expression_def.hpp"

namespace iamguard::dsl::grammar {

BOOST_SPIRIT_INSTANTIATE(expression_type, iterator_type, context_type)

}  // namespace iamguard::dsl::grammar
