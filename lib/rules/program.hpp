// SPDX-License-Identifier: Apache-2.0
// lib/rules/program.hpp: the compiled form of a rule set (private to the library).
//
// A flat, index-based array of nodes: children of a node are a range of `children`, strings,
// paths, constants and regexes live in side tables. Built once by compile.cpp, never mutated
// afterwards, so evaluate.cpp may read it from many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include <iamguard/entity/entity.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/rules/finding.hpp>
#include <iamguard/rules/functions.hpp>

#include "field_use.hpp"

namespace iamguard::rules::detail {

enum class op : std::uint8_t {
    constant,   // a = index into constants
    path,       // a = index into paths; kind: path_base
    call,       // a = index into functions; kind 1: unknown (a into unknown_functions); children: receiver, args...
    length,     // children: receiver
    is_empty,   // children: receiver
    quantify,   // kind: ast::list_op_kind (contain*); children: subject, predicate
    filter,     // `with`; children: subject, predicate
    group,      // `groupBy`; children: subject, key
    compare,    // kind: ast::compare_op; a = regex index (regex_match) or pattern index (like); children: lhs, rhs...
    and_,       // children: operands
    or_,        // children: operands
    not_,       // children: operand
};

/// Where a path starts.
enum class path_base : std::uint8_t {
    root,     // the entity's fields
    element,  // the current element inside `[...]`
    items,    // `items` of a List<T> aggregate: every entity of the type
};

struct node {
    op code = op::constant;
    std::uint8_t kind = 0;
    std::uint32_t a = 0;
    std::uint32_t first = 0;  // into program::children
    std::uint32_t count = 0;
};

/// A part of a `List<T>` rule that looks at one item at a time: the predicate of a list operator
/// (`contain`, `with`) or the key of a `groupBy` whose subject is `items` (or `items with [...]`).
struct aggregate_slot {
    std::uint32_t node = 0;  // the predicate's or key's node
    bool is_key = false;     // a groupBy key (a value), else a predicate (a verdict)
};

/// How a `List<T>` rule can run without keeping every entity (aggregate_plan.cpp): when it is
/// `streamable`, the slots are computed on each entity as it is streamed (calls included, with the
/// entity as subject) and only a digest of the item is kept, an object with its `name`, `arn` and
/// the top-level `fields` the rest of the rule reads, the only parts evaluated at the end.
struct aggregate_plan {
    bool streamable = false;          // no call outside the slots and no `items` inside one
    std::vector<aggregate_slot> slots;
    std::vector<std::string> fields;  // top-level fields a digest keeps besides name and arn
    bool drop_keyless = false;        // `items` is only ever grouped: an item with no key is not needed

    /// The index of the slot whose node is `node`, or -1.
    [[nodiscard]] int slot_of(std::uint32_t node) const noexcept {
        for (std::size_t i = 0; i < slots.size(); ++i)
            if (slots[i].node == node) return static_cast<int>(i);
        return -1;
    }
};

struct compiled_rule {
    std::optional<entity::entity_type> type;  // nullopt: never applies (unknown type, syntax_only)
    bool aggregate = false;
    bool constant_true = false;
    bool has_should = false;
    bool negated = false;
    std::int32_t filter = -1;     // node index of `where`
    std::int32_t condition = -1;  // node index of the `should` expression
    std::string filter_text;      // the `where` expression, printed (for messages)
    std::string condition_text;   // the `should` expression, printed
    aggregate_plan plan;          // aggregates only
};

struct path_info {
    std::vector<std::string> segments;  // canonical names (aliases resolved)
    std::string written;                // as written, for evidence
};

struct program {
    std::vector<rule_info> infos;
    std::vector<compiled_rule> rules;
    std::vector<node> nodes;
    std::vector<std::uint32_t> children;
    std::vector<path_info> paths;
    std::vector<json::value> constants;
    std::vector<std::unique_ptr<RE2>> regexes;
    std::vector<std::string> like_patterns;  // as globs (values.hpp, like_to_glob)
    std::vector<function_def> functions;     // copies: the registry need not outlive the program
    std::vector<std::string> unknown_functions;
    field_use reads;  // the top-level entity fields the rules may read (set once the rules are compiled)
    // (rule id, parameter name) for every parameter a rule declares or refers to; sorted, unique
    std::vector<std::pair<std::string, std::string>> parameter_names;
};

}  // namespace iamguard::rules::detail
