// SPDX-License-Identifier: Apache-2.0
// rules/codes.hpp: the stable diagnostic codes of the rule compiler (documented in dsl/README.md).
#pragma once

#include <string_view>

namespace iamguard::rules::codes {

inline constexpr std::string_view syntax = "R001";             ///< the text does not follow the grammar
inline constexpr std::string_view too_large = "R002";          ///< source beyond limits::max_source_size
inline constexpr std::string_view too_deep = "R003";           ///< nesting beyond limits::max_nesting
inline constexpr std::string_view unreadable = "R004";         ///< a file or directory that cannot be read
inline constexpr std::string_view stray_paren = "R005";        ///< warning: an unbalanced `)` at the end, ignored
inline constexpr std::string_view duplicate_rule = "R010";     ///< two rules with the same id
inline constexpr std::string_view missing_logic = "R011";      ///< a rule block without `logic:`
inline constexpr std::string_view bad_metadata = "R012";       ///< unknown, repeated or mistyped metadata field
inline constexpr std::string_view bad_severity = "R013";       ///< severity not one of info..critical
inline constexpr std::string_view unknown_entity = "R020";     ///< an entity type iamguard does not model
inline constexpr std::string_view unknown_field = "R021";      ///< a path no entity of the type can have
inline constexpr std::string_view bad_aggregate = "R022";      ///< `List<T>` rules must start paths with `items`
inline constexpr std::string_view misplaced = "R023";          ///< an operand where a predicate is needed, or vice versa
inline constexpr std::string_view bad_regex = "R030";          ///< a regular expression RE2 rejects
inline constexpr std::string_view bad_regex_flag = "R031";     ///< a regex flag other than i, m, s
inline constexpr std::string_view regex_too_large = "R032";    ///< a regex beyond limits::max_regex_program
inline constexpr std::string_view bad_operand = "R033";        ///< an operand the operator cannot take
inline constexpr std::string_view unknown_function = "R040";   ///< a call to a function not in the registry
inline constexpr std::string_view bad_arguments = "R041";      ///< wrong number or form of arguments
inline constexpr std::string_view bad_receiver = "R042";       ///< a function applied to a field of the wrong type
inline constexpr std::string_view bad_time_unit = "R043";      ///< a time unit before/after/dateDifference do not know
inline constexpr std::string_view undefined_param = "R050";    ///< `{name}` that no declaration or host value defines
inline constexpr std::string_view param_type = "R051";         ///< a value whose type differs from the declaration
inline constexpr std::string_view duplicate_param = "R052";    ///< a parameter declared twice in one rule
inline constexpr std::string_view param_file = "R053";         ///< a parameter file that cannot be read
inline constexpr std::string_view unused_param = "R054";       ///< a host parameter no compiled rule declares or refers to (warning)

}  // namespace iamguard::rules::codes
