// SPDX-License-Identifier: Apache-2.0
// dsl/grammar/parse_tree.hpp: what the X3 grammar builds, before lowering to rules::ast.
//
// The grammar fills these nodes through semantic actions (not automatic attribute propagation),
// so they can use std::variant and plain structs without fusion adaptation, and this header stays
// free of Spirit: lower.cpp and the entry points include it without paying for X3.
// Positions are byte offsets into the whole file (`begin`..`end`), stamped by the grammar.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace iamguard::dsl::pt {

/// One syntax error: where the parser stopped and what it expected there (x3's `which()`).
struct syntax_error {
    std::uint32_t offset = 0;
    std::string expected;
};

struct located {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

struct string_lit : located {
    std::string value;  // escapes (`''`) resolved
};
struct number_lit : located {
    std::string text;
};
struct bool_lit : located {
    bool value = false;
};
struct regex_lit : located {
    std::string pattern;
    std::string flags;
};
struct param_ref : located {
    std::string name;
    bool negated = false;  // `-{name}`
};
struct current : located {};
struct path : located {
    std::vector<std::string> segments;
    std::vector<std::uint32_t> offsets;  // absolute offset of each segment
};

struct or_expr;
struct paren : located {
    std::shared_ptr<or_expr> inner;
};

using atom = std::variant<string_lit, number_lit, bool_lit, regex_lit, param_ref, current, path, paren>;

/// `contain [..]`, `contain-any [..]`, `with [..]`, `groupBy [..]` ...
struct list_op : located {
    std::string keyword;
    std::shared_ptr<or_expr> pred;
};
/// `name(args...)`
struct call_op : located {
    std::string name;
    std::vector<atom> args;
};
using postfix = std::variant<list_op, call_op>;

struct value_expr : located {
    atom head;
    std::vector<postfix> ops;
};

/// `= x`, `like 'x'`, `regexMatch /x/`, `in (a, b)` ...
struct comparison : located {
    std::string op;
    std::uint32_t op_begin = 0;
    std::vector<atom> rhs;
};

struct predicate : located {
    value_expr subject;
    std::optional<comparison> cmp;
};

struct unary : located {
    std::vector<std::uint32_t> nots;  // offsets of the `not` keywords, outermost first
    predicate body;
};

struct and_expr : located {
    std::vector<unary> terms;
};

struct or_expr : located {
    std::vector<and_expr> terms;
};

struct target : located {
    bool aggregate = false;
    std::string name;
};

struct should_clause : located {
    bool negated = false;
    bool have = false;
    or_expr cond;
};

struct logic : located {
    target subject;
    std::optional<or_expr> where;
    std::optional<should_clause> should;
};

/// The value of a metadata field or a parameter default.
struct meta_value : located {
    enum class kind : std::uint8_t { string, number, word, list };
    kind type = kind::string;
    std::string text;                 // string content, number text or word
    std::vector<meta_value> items;    // for lists
};

/// One entry of a rule block: `key: value`, `param name: type = value` or `logic: ...`.
struct entry : located {
    enum class kind : std::uint8_t { meta, param, logic };
    kind type = kind::meta;
    std::string key;        // metadata key, or parameter name
    std::uint32_t key_begin = 0;
    std::string param_type;
    std::uint32_t type_begin = 0;
    meta_value value;
    logic body;
};

struct rule_block : located {
    std::string id;
    std::uint32_t id_begin = 0;
    std::vector<entry> entries;
};

}  // namespace iamguard::dsl::pt
