// SPDX-License-Identifier: Apache-2.0
// eval/glob.hpp: the IAM wildcard matcher shared by Action, Resource, StringLike and ArnLike.
//
// IAM globs have two wildcards, `*` (any run of characters, possibly empty) and `?` (exactly one
// character), are anchored at both ends and have no escape syntax (iam-semantics.md §2). The only
// way a policy writes a literal `*` or `?` is through `${*}` / `${?}`, and text substituted for a
// policy variable is always literal. Internally such patterns are kept in an *escaped* form in
// which a backslash makes the next character literal; policies never see that form.
//
// The matcher is the iterative two-pointer algorithm with one backtrack point: O(n·m) time in the
// worst case, constant space, no recursion and no regex, so hostile patterns cannot blow up.
#pragma once

#include <string>
#include <string_view>

namespace iamguard::eval {

/// How letters compare. `ascii_fold` compares A-Z equal to a-z (actions, `*IgnoreCase`).
enum class case_mode : unsigned char { sensitive, ascii_fold };

/// How a pattern string is read.
/// `raw`: as written in a policy: `*` and `?` are wildcards, every other byte is literal.
/// `escaped`: as produced by variable substitution: `\x` is the literal character x.
enum class pattern_syntax : unsigned char { raw, escaped };

/// Matches `text` against the whole `pattern`. `?` consumes one UTF-8 code point.
/// Errors: none (malformed UTF-8 is compared byte by byte). Thread safety: reentrant.
/// Complexity: O(|pattern| · |text|) worst case, O(|pattern| + |text|) without `*`; no allocation.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text,
                              case_mode mode = case_mode::sensitive,
                              pattern_syntax syntax = pattern_syntax::raw) noexcept;

/// True when `pattern` (raw syntax) contains `*` or `?`.
[[nodiscard]] bool has_wildcard(std::string_view pattern) noexcept;

/// Appends `text` to `out` in escaped syntax, every character literal (used for substituted values).
void append_literal(std::string& out, std::string_view text);

/// ASCII-lowercases `text` (IAM keys and actions are ASCII; other bytes are kept).
[[nodiscard]] std::string ascii_lower(std::string_view text);

/// True when `a` and `b` are equal ignoring ASCII case. Complexity: linear; no allocation.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace iamguard::eval
