// SPDX-License-Identifier: Apache-2.0
// json/value.hpp: a JSON tree in which every value knows where it came from.
//
// nlohmann::json does not keep positions nor report duplicate keys, and IAM needs both
// (iam-semantics.md §1.1: a duplicate key invalidates a policy). This small tree is what the
// policy parser and the input adapters walk.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/json/compact_string.hpp>
#include <iamguard/json/cow_vector.hpp>

namespace iamguard::json {

/// The JSON type of a value.
enum class kind : std::uint8_t { null, boolean, number, string, array, object };

/// Returns "null", "boolean", "number", "string", "array" or "object".
[[nodiscard]] std::string_view to_string(kind k) noexcept;

struct member;

/// A JSON value with its source position. Plain data with value semantics: copy and move freely.
/// A copy shares the children of the original (json::cow_vector) until one of them is changed,
/// so copying a tree is O(1) per level; a non-const access to a shared list of children copies
/// that list (one level), which moves its elements: pointers kept into a shared tree then refer
/// to the other copy. Read trees you did not build through const references.
/// Thread safety: a const value may be read (and copied) from many threads at once; a value that
/// shares children with one read elsewhere may be changed by its own holder meanwhile.
struct value {
    // 48 bytes (`boolean` beside `type`, before `pos`; a compact_string, not a std::string): a
    // loaded account holds about a million values
    kind type = kind::null;
    bool boolean = false;         ///< for kind::boolean
    source_pos pos;               ///< position of the value's first character
    compact_string text;          ///< decoded string for kind::string; the lexeme for kind::number
    cow_vector<value> items;      ///< for kind::array
    cow_vector<member> members;   ///< for kind::object, in document order

    [[nodiscard]] bool is_null() const noexcept { return type == kind::null; }
    [[nodiscard]] bool is_string() const noexcept { return type == kind::string; }
    [[nodiscard]] bool is_number() const noexcept { return type == kind::number; }
    [[nodiscard]] bool is_bool() const noexcept { return type == kind::boolean; }
    [[nodiscard]] bool is_array() const noexcept { return type == kind::array; }
    [[nodiscard]] bool is_object() const noexcept { return type == kind::object; }

    /// The member named `key` (exact, case-sensitive), or nullptr. Complexity: linear in members.
    [[nodiscard]] const value* find(std::string_view key) const noexcept;
    [[nodiscard]] value* find(std::string_view key) noexcept;
};

/// One `"key": value` pair of an object.
/// 80 bytes.
struct member {
    compact_string key;
    source_pos key_pos;  ///< position of the key's opening quote
    value val;
};

/// A copy of `v` that shares no list of children with it (a deep copy), for a tree that must
/// not be reachable twice inside one owner: an entity's nodes are identified by address
/// (entity::policy_at), so the same node at two paths of one entity would make that ambiguous.
/// Errors: std::bad_alloc only. Complexity: linear in the nodes of `v`; recursion depth is the
/// nesting of `v` (bounded by parse_options::max_depth for parsed trees).
[[nodiscard]] value unshared_copy(const value& v);

/// Limits that protect the parser from hostile input. Exceeding one is a diagnostic, not a crash.
struct parse_options {
    std::uint32_t max_depth = 512;                   ///< nesting of arrays/objects
    std::size_t max_size = std::size_t{256} << 20;   ///< bytes of input (256 MiB)
    std::size_t max_string = std::size_t{16} << 20;  ///< bytes of one decoded string or key (16 MiB)
    bool allow_duplicate_keys = false;               ///< when false, a repeated key is error J002
};

/// The outcome of a parse: a root value when the text was well-formed JSON, and every diagnostic.
/// Duplicate keys do not stop the parse (the first occurrence is kept, the repeat is reported).
struct parse_result {
    value root;
    bool ok = false;  ///< false on a syntax error or an exceeded limit; `root` is then partial
    std::vector<diagnostic> diagnostics;
};

/// Parses one JSON text (RFC 8259; UTF-8 checked). Trailing non-space characters are an error.
/// Errors: never throws for bad input (codes J001..J007 in the diagnostics); std::bad_alloc only.
/// Thread safety: reentrant. Complexity: linear in `text.size()`.
[[nodiscard]] parse_result parse(std::string_view text, const parse_options& opts = {});

/// Diagnostic codes of the JSON parser.
namespace codes {
inline constexpr std::string_view syntax = "J001";         ///< malformed JSON; says what was expected
inline constexpr std::string_view duplicate_key = "J002";  ///< a key repeated in one object
inline constexpr std::string_view too_deep = "J003";       ///< nesting beyond parse_options::max_depth
inline constexpr std::string_view too_large = "J004";      ///< input beyond parse_options::max_size
inline constexpr std::string_view invalid_utf8 = "J005";   ///< a string that is not valid UTF-8
inline constexpr std::string_view empty_input = "J006";    ///< no JSON value at all
inline constexpr std::string_view string_too_long = "J007"; ///< a string beyond parse_options::max_string
}  // namespace codes

/// Writes `s` as a JSON string literal (with quotes), escaping as RFC 8259 requires. Bytes that
/// are not valid UTF-8 are written as U+FFFD (the replacement character), so the output is always valid JSON.
void append_quoted(std::string& out, std::string_view s);

/// Appends `v` as compact JSON (no spaces; strings as append_quoted writes them, numbers as their
/// lexeme). With a `limit`, stops adding elements once `out` is longer than `limit` bytes, for
/// previews of large values (the text is then cut short and is not JSON). Linear in what it writes.
void append_compact(std::string& out, const value& v, std::size_t limit = std::string::npos);

}  // namespace iamguard::json
