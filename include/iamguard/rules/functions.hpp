// SPDX-License-Identifier: Apache-2.0
// rules/functions.hpp: the postfix functions of the rule language (`path name(args...)`).
//
// The compiler resolves every call by name in a function_registry and checks the argument count,
// the written form of each argument and, with a schema, the receiver's field type. Built-ins
// (`isEmpty`, `length`, `before`, `after`, `dateDifference`) are registered by
// function_registry::with_builtins(); hosts and the IAM-aware layer add their own with add().
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/entity/entity.hpp>
#include <iamguard/entity/schema.hpp>
#include <iamguard/json/value.hpp>

namespace iamguard::rules {

/// Storage for values computed during one evaluation (numbers from `length()`, strings, groups
/// of `groupBy`). Nodes keep their address until clear(). Nothing is allocated until the first
/// node is made: an evaluator makes an arena per entity, and most need none.
/// Thread safety: none; each evaluation uses its own arena.
class value_arena {
public:
    /// A boolean node: one of two shared constants (never freed, never changed; most function
    /// calls answer a boolean). Complexity: constant; no allocation.
    const json::value* make_bool(bool b);
    /// A number node (its text is the shortest decimal form of `d`).
    const json::value* make_number(double d);
    /// A string node.
    const json::value* make_string(std::string s);
    /// A deep copy of `v` (positions kept). Complexity: linear in the size of `v`.
    const json::value* copy(const json::value& v);
    /// Takes ownership of `v`.
    const json::value* adopt(json::value v);
    /// Frees every node; pointers handed out before become invalid (but for make_bool()'s).
    void clear() noexcept {
        if (nodes_) nodes_->clear();
    }

private:
    std::unique_ptr<std::deque<json::value>> nodes_;  // made by the first adopt()
};

/// A value as the evaluator passes it around: the nodes a path resolved to (arrays not yet
/// flattened), or computed nodes from a value_arena. Empty means "missing".
using value_list = std::vector<const json::value*>;

/// How an argument may be written at the call site.
enum class arg_kind : std::uint8_t {
    string,   ///< a string literal (or a string parameter)
    number,   ///< a number literal (or a number parameter)
    boolean,  ///< `true` / `false`
    path,     ///< a field path, resolved against the same scope as the receiver
    list,     ///< a list parameter
    any       ///< any of the above
};

/// What a call yields; `boolean` results may stand alone as predicates.
enum class result_kind : std::uint8_t { boolean, number, string, date, list, any };

/// The static description of a function.
struct function_signature {
    std::string name;                          ///< as written in rules, e.g. `isEmpty`
    std::vector<entity::field_type> receivers; ///< accepted receiver field types; empty: any
    std::vector<arg_kind> params;              ///< the parameters in order
    std::size_t min_args = 0;                  ///< trailing parameters beyond this are optional
    bool variadic = false;                     ///< the last parameter may repeat
    result_kind result = result_kind::boolean;
    std::string description;                   ///< one line, for `dsl/README.md` and help texts
    /// True when the function reads the entity only through its receiver and arguments (and the
    /// subject's name, ARN, account id and policy slots of those nodes), never other fields of
    /// call_context::subject. rule_set::reads_field() trusts it: a rule set calling a function
    /// without it may read every field. Leave it false when unsure.
    bool reads_only_arguments = false;
};

/// What a function sees when it runs.
struct call_context {
    const entity::entity* subject = nullptr;   ///< the entity under evaluation (null for aggregates)
    std::chrono::system_clock::time_point now; ///< the fixed evaluation time
    value_arena* arena = nullptr;              ///< where computed results live
};

/// A function's answer: its value, or an error message that makes the rule's outcome `error`.
struct call_result {
    value_list values;
    std::string error;  ///< non-empty on failure (lowercase, no final period)
    /// The element that decided the answer (e.g. the statement that grants an action), used as
    /// the finding's evidence; when null, the receiver is the evidence.
    const json::value* evidence = nullptr;
};

/// The implementation: `receiver` is the value the call is applied to; `args` one value per
/// argument written (literals arrive as single nodes). Must be thread-safe (called concurrently).
using function_impl =
    std::function<call_result(const call_context&, const value_list& receiver, std::span<const value_list> args)>;

/// A registered function.
struct function_def {
    function_signature signature;
    function_impl impl;
};

/// Functions known to the compiler, looked up by exact name.
/// Thread safety: build it, then share it const; const members may be used from many threads.
class function_registry {
public:
    /// A registry holding the built-in functions (`isEmpty`, `length`, `before`, `after`,
    /// `dateDifference`).
    [[nodiscard]] static function_registry with_builtins();

    /// Adds `def`, replacing a function of the same name.
    void add(function_def def);

    /// The function named `name`, or nullptr. Complexity: linear in the number of functions.
    [[nodiscard]] const function_def* find(std::string_view name) const noexcept;

    /// Every registered function, in registration order (for help texts and "did you mean").
    [[nodiscard]] const std::deque<function_def>& all() const noexcept { return defs_; }

private:
    std::deque<function_def> defs_;  // deque: pointers returned by find() stay valid across add()
};

/// Parses an ISO-8601 date-time with a zone (`2024-05-01T12:00:00Z`, `...+02:00`, fractional
/// seconds allowed) or a bare date (`2024-05-01`, taken as UTC); nullopt for anything else.
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parse_date(std::string_view text) noexcept;

/// Adds `n` units to `t`. Units: seconds, minutes, hours, days, weeks, months (calendar months,
/// the day clamped to the month's end), years; singular forms accepted. nullopt for another unit.
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> add_time(std::chrono::system_clock::time_point t,
                                                                          double n, std::string_view unit) noexcept;

/// True when `unit` is one of the units add_time() accepts.
[[nodiscard]] bool valid_time_unit(std::string_view unit) noexcept;

}  // namespace iamguard::rules
