// SPDX-License-Identifier: Apache-2.0
// rules/ast.hpp: the rule AST, what the grammar's parse tree is lowered to.
//
// Plain data with std::variant; every node keeps the span of source text it came from so that the
// compiler can point at it. One tree serves predicates and values: a path is a value, `contain`
// yields a boolean, `with` a filtered list; the compiler checks which node may stand where.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/rules/finding.hpp>
#include <iamguard/rules/params.hpp>

namespace iamguard::rules::ast {

/// A copyable, deep-copying owner of one T, so that the variant below can be recursive.
template <class T>
class box {
public:
    box(T v) : p_(std::make_unique<T>(std::move(v))) {}  // NOLINT: implicit on purpose, like a value
    box(const box& o) : p_(std::make_unique<T>(*o.p_)) {}
    box(box&&) noexcept = default;
    box& operator=(const box& o) {
        if (this != &o) p_ = std::make_unique<T>(*o.p_);
        return *this;
    }
    box& operator=(box&&) noexcept = default;
    ~box() = default;
    /// The owned value (never null: a box always holds one).
    T& operator*() noexcept { return *p_; }
    const T& operator*() const noexcept { return *p_; }
    T* operator->() noexcept { return p_.get(); }
    const T* operator->() const noexcept { return p_.get(); }

private:
    std::unique_ptr<T> p_;
};

/// A stretch of the rule source: where it starts and how many bytes it covers.
struct span {
    source_pos pos;
    std::uint32_t length = 0;
};

/// A string, number or boolean literal. Numbers keep their text and their value.
struct literal {
    /// Which of the three a literal is.
    enum class kind : std::uint8_t { string, number, boolean };
    kind type = kind::string;
    std::string text;  ///< the string's content (escapes resolved), the number as written, `true`/`false`
    double number = 0;
    bool boolean = false;
    span where;
};

/// A regular-expression literal `/pattern/flags`.
struct regex {
    std::string pattern;
    std::string flags;
    span where;
};

/// A reference to a rule parameter, written `{name}`.
struct param_ref {
    std::string name;
    span where;
    bool negated = false;  ///< written `-{name}`: the (number) parameter's value negated, e.g. `before(-{days}, 'days')`
};

/// A field path (`trust.Statement`, `Condition.Bool.aws:SecureTransport`) or `$`, the current
/// element. Relative to the entity at the top of a rule, to the element inside `[...]`.
struct path {
    bool current = false;                  ///< `$`
    std::vector<std::string> segments;     ///< empty for `$`
    std::vector<std::uint32_t> offsets;    ///< byte offset of each segment from `where.pos`
    span where;
};

// The recursive nodes, defined below.
struct call;
struct list_op;
struct comparison;
struct logical;
struct negation;

/// Any expression.
using expr = std::variant<literal, regex, param_ref, path, box<call>, box<list_op>, box<comparison>, box<logical>,
                          box<negation>>;

/// The list operators. `with` filters (a list), `group_by` groups (a list of `{key, values}`),
/// the others are quantifiers (a boolean).
enum class list_op_kind : std::uint8_t { contain, contain_any, contain_all, contain_none, contain_single, with, group_by };

/// The keyword of `k` as written (`contain-any`, `groupBy`, ...).
[[nodiscard]] std::string_view to_string(list_op_kind k) noexcept;

/// `subject OP [predicate]`; for group_by, `predicate` is the key expression.
struct list_op {
    list_op_kind op = list_op_kind::contain;
    expr subject;
    expr predicate;
    span where;  ///< the operator keyword
};

/// A postfix call `receiver name(args...)`.
struct call {
    expr receiver;
    std::string name;
    std::vector<expr> args;
    span where;  ///< the function name
};

/// Comparison and matching operators.
enum class compare_op : std::uint8_t { eq, ne, lt, gt, le, ge, like, unlike, regex_match, in };

/// The operator as written (`=`, `!=`, `like`, `regexMatch`, `in`, ...).
[[nodiscard]] std::string_view to_string(compare_op op) noexcept;

/// `lhs OP rhs`. `rhs` holds one operand, or the items of `in (...)`.
struct comparison {
    compare_op op = compare_op::eq;
    expr lhs;
    std::vector<expr> rhs;
    span where;  ///< the operator
};

/// `and` or `or`.
enum class logical_op : std::uint8_t { and_, or_ };

/// `a and b and ...` or `a or b or ...` (two or more operands).
struct logical {
    logical_op op = logical_op::and_;
    std::vector<expr> operands;
};

/// `not operand`.
struct negation {
    expr operand;
    span where;  ///< the `not` keyword
};

/// The position of the first character of `e`.
[[nodiscard]] source_pos start_of(const expr& e) noexcept;

/// Prints `e` back in rule syntax (normalised spacing, fully parenthesised where needed).
[[nodiscard]] std::string to_string(const expr& e);

/// The entity type a rule checks: `Role` or an aggregate `List<Role>`.
struct target {
    std::string name;
    bool aggregate = false;
    span where;
};

/// `<target> [where <expr>] [should [not] [have] <expr>]`, or the constant `true`.
/// Without `should` (CloudGuard's event rules), every entity the `where` selects fails.
struct logic {
    bool constant_true = false;
    target subject;
    std::optional<expr> filter;     ///< the `where` expression
    bool has_should = false;
    bool negated = false;           ///< `should not`
    std::optional<expr> condition;  ///< the expression after `should [not] [have]`
    span where;                     ///< the whole logic
};

/// A parameter declaration `param name: type = default`.
struct param_decl {
    std::string name;
    param_value default_value;
    span where;
};

/// One rule as written in a file: metadata, parameters and logic.
struct rule_def {
    rule_info info;
    std::vector<param_decl> params;
    logic body;
};

}  // namespace iamguard::rules::ast
