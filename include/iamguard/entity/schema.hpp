// SPDX-License-Identifier: Apache-2.0
// entity/schema.hpp: the fields each entity type has, as data the rule compiler can query.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/entity/entity.hpp>

namespace iamguard::entity {

/// The type of a field. `policy` is a policy document (an object with Version, Statement, ...);
/// `map` is an object with free-form keys (tags, a Condition's operators and keys); `any` accepts
/// every path below it.
enum class field_type : std::uint8_t { string, number, boolean, date, object, list, policy, map, any };

/// "string", "number", "boolean", "date", "object", "list", "policy", "map" or "any".
[[nodiscard]] std::string_view to_string(field_type t) noexcept;

/// One field of the schema. For `list`, `element` describes the elements; for `object` and
/// `policy`, `children` lists the members; for `map`, `element` describes every value.
struct field {
    std::string name;
    field_type type = field_type::string;
    std::string description;
    std::vector<std::string> aliases;  ///< e.g. `trust` for `assumeRolePolicy`
    std::vector<field> children;
    std::vector<field> element;        ///< zero or one element description
};

/// The result of resolving a path against the schema.
struct lookup_result {
    const field* target = nullptr;      ///< the field the path names, or nullptr when unknown
    std::vector<std::string> canonical; ///< the path with aliases replaced by canonical names
    std::size_t failed_at = 0;          ///< index of the first unknown segment (when target is null)
    std::string suggestion;             ///< closest known name at that segment ("did you mean")
};

/// The schema of all entity types. Immutable; obtain it with schema::get().
/// Thread safety: all members are const and may be used from any number of threads.
class schema {
public:
    /// The built-in schema (constructed on first use; no other global state).
    [[nodiscard]] static const schema& get();

    /// The top-level fields of `t`.
    [[nodiscard]] const std::vector<field>& fields(entity_type t) const noexcept;

    /// Resolves `segments` (e.g. {"trust", "Statement", "Principal", "AWS"}) from type `t`.
    /// List-typed fields are stepped through implicitly (a path into `Statement` applies to its
    /// elements). Complexity: linear in the path length times the fields at each level.
    [[nodiscard]] lookup_result lookup(entity_type t, const std::vector<std::string>& segments) const;

    /// Resolves `segments` relative to `base` (e.g. inside a `contain [...]` predicate).
    [[nodiscard]] lookup_result lookup(const field& base, const std::vector<std::string>& segments) const;

    explicit schema(std::vector<std::vector<field>> per_type);

private:
    std::vector<std::vector<field>> per_type_;
};

}  // namespace iamguard::entity
