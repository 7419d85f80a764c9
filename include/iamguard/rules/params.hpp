// SPDX-License-Identifier: Apache-2.0
// rules/params.hpp: typed rule parameters (declared with defaults in .rule files, set by hosts).
//
// A rule declares `param trustedAccounts: list = ['111122223333']` and refers to it in its logic
// as `{trustedAccounts}`. Hosts override defaults through compile_options::params, either by the
// plain name (applies to every rule declaring it) or by `<rule id>.<name>` (one rule only).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <iamguard/diagnostic.hpp>

namespace iamguard::rules {

/// The type of a parameter.
enum class param_type : std::uint8_t { string, number, boolean, list };

/// "string", "number", "bool" or "list".
[[nodiscard]] std::string_view to_string(param_type t) noexcept;

/// Parses "string", "number", "bool"/"boolean" or "list"; nullopt otherwise.
[[nodiscard]] std::optional<param_type> parse_param_type(std::string_view s) noexcept;

/// One parameter value: a string, a number, a boolean or a list of strings.
struct param_value {
    std::variant<std::string, double, bool, std::vector<std::string>> data;

    [[nodiscard]] param_type type() const noexcept { return static_cast<param_type>(data.index()); }
    friend bool operator==(const param_value&, const param_value&) = default;
};

/// Renders a value as it would be written in a rule (`'x'`, `12`, `true`, `['a', 'b']`).
[[nodiscard]] std::string to_string(const param_value& v);

/// Where a parameter was set: the file and the position of its name (load_parameters() records
/// them), so that a parameter no rule uses can be reported there (R054).
struct param_origin {
    std::string file;
    source_pos pos;
};

/// A set of named parameter values. Names are either plain (`trustedAccounts`) or qualified by a
/// rule id (`IG.IAM.001.trustedAccounts`); a qualified name wins over a plain one.
/// Thread safety: a const object may be read from any number of threads.
class parameters {
public:
    /// Sets (or replaces) `name`; its origin, if one was recorded, is forgotten.
    void set(std::string name, param_value v);
    /// Sets (or replaces) `name`, written at `where`.
    void set(std::string name, param_value v, param_origin where);

    /// Where `name` was set, or nullptr when that is not known. Complexity: logarithmic.
    [[nodiscard]] const param_origin* origin(std::string_view name) const;

    /// The value for parameter `name` of rule `rule_id`: the qualified entry, else the plain one.
    /// Complexity: logarithmic in the number of entries.
    [[nodiscard]] const param_value* find(std::string_view rule_id, std::string_view name) const;

    /// The value stored under exactly `name`, or nullptr.
    [[nodiscard]] const param_value* get(std::string_view name) const;

    [[nodiscard]] const std::map<std::string, param_value, std::less<>>& entries() const noexcept { return values_; }
    [[nodiscard]] bool empty() const noexcept { return values_.empty(); }

private:
    std::map<std::string, param_value, std::less<>> values_;
    std::map<std::string, param_origin, std::less<>> origins_;
};

/// Loads a parameter file: a JSON object or a YAML mapping of names to values (strings, numbers,
/// booleans, or lists of scalars, which become lists of strings). The format is chosen by content:
/// text whose first non-space character is `{` is JSON, anything else YAML.
/// Each entry's origin (`file` and the position of its name) is recorded.
/// Errors: never throws; problems are appended to `diagnostics` (code R053, with line and column,
/// `file` set) and the entries that could be read are still returned.
/// Thread safety: reentrant. Complexity: linear in the text size.
[[nodiscard]] parameters load_parameters(std::string_view text, std::string_view file,
                                         std::vector<diagnostic>& diagnostics);

}  // namespace iamguard::rules
