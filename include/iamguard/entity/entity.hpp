// SPDX-License-Identifier: Apache-2.0
// entity/entity.hpp: one audited object of an account (Account, Role, User, Group, Policy).
//
// An entity is a typed header (type, name, ARN, account) plus a tree of fields with CloudGuard's
// field names (`assumeRolePolicy`, `firstAccessKey.isActive`, `attachmentCount`, ...). The tree is
// a json::value, so every field keeps the position it came from (for evidence and SARIF). Policy
// documents inside the tree are stored in their normalised JSON form (lists everywhere, see
// policy/print.hpp) and, beside it, as a parsed policy::document that IAM-aware rule functions use.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/eval/prepared_policy.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/policy/ast.hpp>

namespace iamguard::entity {

/// The modelled entity types. Names and aliases: Account (Iam), Role (IamRole), User (IamUser),
/// Group (IamGroup), Policy (IamPolicy).
enum class entity_type : std::uint8_t { account, role, user, group, policy };

/// The primary name: "Account", "Role", "User", "Group" or "Policy".
[[nodiscard]] std::string_view to_string(entity_type t) noexcept;

/// Resolves a type name or alias (`Role`, `IamRole`; case-insensitive); nullopt when unknown.
[[nodiscard]] std::optional<entity_type> parse_entity_type(std::string_view name) noexcept;

/// Where an entity came from: the input's name and the position of the entity's object in it.
struct origin {
    std::string file;
    source_pos pos;
    std::string path;  ///< JSON path in the input, e.g. `RoleDetailList[3]` (may be empty)
};

namespace detail {
struct prepared_cache;  // a once-built eval::prepared_policy (entity.cpp)
}

/// A parsed policy document attached to a node of an entity's field tree.
struct policy_slot {
    const json::value* node = nullptr;  ///< the node (inside `entity::fields`) holding the normalised JSON
    std::string path;                   ///< its path in the entity, e.g. `inlinePolicies[0].document`
    /// The parsed document; never null in a loaded entity. Immutable and shared: the slots of
    /// `combinedPolicies` hold the document of the inline or managed policy they were joined
    /// from, so a managed policy attached to n identities is parsed and stored once.
    std::shared_ptr<const policy::document> doc;
    /// Where prepared() keeps `doc` compiled: one per parsed document, held by every slot that
    /// holds that document. Null in a slot built without make(): prepared() then compiles anew.
    std::shared_ptr<detail::prepared_cache> cache;

    /// A slot for `doc` (not null) with a fresh cache, for hosts that build entities by hand.
    /// Errors: std::bad_alloc.
    [[nodiscard]] static policy_slot make(const json::value* node, std::string path,
                                          std::shared_ptr<const policy::document> doc);

    /// `doc` compiled for evaluation (the trust analyses; allows() reads `doc` itself). Compiled
    /// on the first call and kept in `cache`, so a document held by many slots (a managed policy
    /// attached to many identities) or queried by many rules is compiled once.
    /// Precondition: doc != nullptr. Errors: std::bad_alloc.
    /// Thread safety: may be called from any number of threads at once (the first compiles, the
    /// others wait for it). Complexity: linear in the document the first time, O(1) after.
    [[nodiscard]] eval::prepared_policy prepared() const;
};

/// One entity. Move-only: `policies[i].node` points into `fields`, whose nodes stay put when the
/// entity is moved (they live in heap buffers) but would dangle in a copy.
/// Thread safety: immutable once loaded; const access from any number of threads.
/// Sharing: the loader shares subtrees of `fields` between entities (a managed policy's document
/// is one tree for the policy and every identity attached to it; see json::value). Read loaded
/// entities through const references: a non-const access to a shared list copies it, which
/// leaves `policies[i].node` pointing at the other holders' nodes; a host that changes a loaded
/// entity's policy documents re-points its slots and calls index_policies() afterwards.
class entity {
public:
    entity() = default;
    entity(entity&&) noexcept = default;
    entity& operator=(entity&&) noexcept = default;
    entity(const entity&) = delete;
    entity& operator=(const entity&) = delete;

    entity_type type = entity_type::role;
    std::string name;        ///< RoleName / UserName / GroupName / PolicyName / account alias or id
    std::string arn;         ///< may be empty (e.g. CloudFormation before deployment)
    std::string account_id;  ///< 12 digits when known (from the ARN or the input), else empty
    origin from;
    json::value fields;      ///< an object: the fields rules see
    std::vector<policy_slot> policies;
    /// Parts of `fields` read from another input than `from.file` (joined from a credential
    /// report, another page, a group or a managed policy): a path prefix such as
    /// `firstAccessKey` or `combinedPolicies[2]`, and the name of that input. Positions of the
    /// nodes below such a prefix refer to that input. Empty when everything came from one input.
    std::vector<std::pair<std::string, std::string>> field_files;

    /// The input whose text the positions of the node at `path` (e.g. `firstAccessKey.isActive`,
    /// as in policy_slot::path) refer to: the longest matching prefix of `field_files`, else
    /// `from.file`. Complexity: linear in `field_files` (a few entries).
    [[nodiscard]] const std::string& file_of(std::string_view path) const noexcept;

    /// The parsed policy stored at `node`, or nullptr when `node` is not a policy document.
    /// Complexity: logarithmic in the number of policies once index_policies() has run (the
    /// loader runs it), else linear.
    [[nodiscard]] const policy::document* policy_at(const json::value* node) const noexcept;

    /// The slot of the policy stored at `node`, or nullptr (as policy_at(), with the slot's
    /// path and prepared form). Complexity: as policy_at().
    [[nodiscard]] const policy_slot* policy_slot_at(const json::value* node) const noexcept;

    /// A statement of one of the policies: the slot whose document holds it and its index.
    struct statement_ref {
        const policy_slot* slot = nullptr;
        std::size_t index = 0;
    };

    /// The policy statement at `node` (an element of a policy's `Statement` list, or the
    /// `Statement` object of a policy that has one statement), or nullopt.
    /// Complexity: logarithmic in the number of policies once index_policies() has run, else linear.
    [[nodiscard]] std::optional<statement_ref> statement_at(const json::value* node) const noexcept;

    /// Builds the index that policy_at() and statement_at() search. The loader calls it once the
    /// field tree is final; a host that builds or changes an entity by hand calls it after its
    /// last change (until then the lookups scan `policies`). Complexity: O(n log n) in `policies`.
    void index_policies();

private:
    // Indexes into `policies` (not pointers: they stay valid when the entity moves).
    std::vector<std::uint32_t> by_node_;        // sorted by policy_slot::node
    std::vector<std::uint32_t> by_statements_;  // slots with a Statement list, sorted by its first element
};

}  // namespace iamguard::entity
