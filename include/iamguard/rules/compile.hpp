// SPDX-License-Identifier: Apache-2.0
// rules/compile.hpp: from .rule text to a rule_set, with located diagnostics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/rules/ast.hpp>
#include <iamguard/rules/codes.hpp>
#include <iamguard/rules/functions.hpp>
#include <iamguard/rules/params.hpp>
#include <iamguard/rules/rule_set.hpp>

namespace iamguard::rules {

/// Limits that keep hostile rule files from exhausting the compiler. Exceeding one is a
/// diagnostic (R002, R003, R032), never a crash.
struct limits {
    std::uint32_t max_nesting = 64;                    ///< brackets, parentheses and `not`s deep
    std::size_t max_source_size = std::size_t{8} << 20;  ///< bytes per file (8 MiB)
    int max_regex_program = 2000;                      ///< RE2 program size per regex
};

/// Options of compile().
struct compile_options {
    /// Parse and lower only: skip the schema (unknown entity types and fields are accepted) and
    /// unknown functions. Such rules still evaluate; an unknown function then yields `error`.
    bool syntax_only = false;
    /// Make an unknown entity type (R020) a warning instead of an error: the rest of the rule is
    /// still checked as far as it can be, and the rule never runs. For mixed GSL bundles
    /// (S3Bucket, Instance, ... beside IAM rules) scanned for their IAM rules.
    bool skip_unknown_entities = false;
    /// Host-set parameter values; they override the defaults declared in rule files.
    parameters params;
    limits limit;
    /// The functions calls may name; nullptr means analysis::standard_functions(): the built-ins
    /// and the IAM-aware functions (analysis/functions.hpp). Only needed during compile(): the
    /// rule set keeps copies of the functions it calls.
    const function_registry* functions = nullptr;
};

/// The outcome of a compilation: a rule set when no error was found, and every diagnostic
/// (warnings too) with file, line and column.
struct compile_result {
    std::optional<rule_set> rules;
    std::vector<diagnostic> diagnostics;
    explicit operator bool() const noexcept { return rules.has_value(); }
};

/// Compiles one rule file. `source` is either `.rule` blocks (`rule ID { ... }`) or bare GSL
/// lines, one rule per line (`#` comments and blank lines allowed); see dsl/README.md.
/// Errors: never throws for bad input; every error of the file is reported (the parser recovers
/// at the next rule or line). Thread safety: reentrant.
/// Complexity: linear in the source size (regexes compile in linear time too).
[[nodiscard]] compile_result compile(std::string_view source, std::string_view file_name,
                                     const compile_options& opts = {});

/// Compiles every `*.rule` file given, or found (recursively, in sorted order) under a
/// directory given, into one rule set. A missing or unreadable path is diagnostic R004. When the
/// rules compile, each entry of `opts.params` that no rule declares or uses is warning R054
/// (unused_parameters()). Errors and thread safety: as compile().
[[nodiscard]] compile_result compile_paths(const std::vector<std::filesystem::path>& files_or_dirs,
                                           const compile_options& opts = {});

/// One warning (R054) per entry of `params` that no rule of `sets` declares (`param NAME`) or
/// refers to (`{NAME}`), plain names against every rule's and `RULEID.NAME` against that rule's:
/// such a setting has no effect, most often because of a misspelt name (the help suggests the
/// closest). Placed at the entry's name when `params` knows where it was written
/// (load_parameters() records it), else with line 0. compile() does not call it (it sees one
/// file of what may be a larger rule pack); compile_paths() does; a host that compiles files one
/// by one calls it with all of them. Thread safety: reentrant.
/// Complexity: O((p + n) log n) for p entries and n parameter names.
[[nodiscard]] std::vector<diagnostic> unused_parameters(const parameters& params, std::span<const rule_set* const> sets);

/// The rules of one file, parsed and lowered but not checked or compiled, with the syntax
/// diagnostics. For tools (formatters, linters) and tests.
struct parse_output {
    std::vector<ast::rule_def> rules;
    std::vector<diagnostic> diagnostics;
};

/// Parses `source` (either format) into the AST. Errors: as compile(); never throws.
[[nodiscard]] parse_output parse(std::string_view source, std::string_view file_name, const limits& lim = {});

}  // namespace iamguard::rules
