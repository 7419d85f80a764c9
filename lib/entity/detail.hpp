// SPDX-License-Identifier: Apache-2.0
// detail.hpp (private): the state of one load and what the adapters share.
//
// Adapters append entities whose `fields` hold raw policy documents (objects, JSON strings or
// URL-encoded strings, as the input had them). After each input, parse_policies() replaces every
// policy-typed node (per the schema) by its normalised JSON and records a policy slot by path;
// finish() then merges, joins, and finally points each slot at its node.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <iamguard/entity/codes.hpp>
#include <iamguard/entity/entity.hpp>
#include <iamguard/entity/load.hpp>
#include <iamguard/entity/schema.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/policy/ast.hpp>
#include <iamguard/policy/parse.hpp>

namespace iamguard::entity::detail {

// ---- json::value builders ----

json::value make_null(source_pos p);
json::value make_string(std::string s, source_pos p);
json::value make_bool(bool b, source_pos p);
json::value make_number(std::string lexeme, source_pos p);
json::value make_integer(std::int64_t n, source_pos p);
json::value make_object(source_pos p);
json::value make_array(source_pos p);

/// Sets member `key` of object `obj` (replacing an existing one) and returns the stored value.
json::value& set(json::value& obj, std::string_view key, json::value v);

/// The string of member `key` when it is a string, else empty.
std::string_view string_of(const json::value& obj, std::string_view key);

/// The node at `path` (`a.b[2].c`) below `root`, or nullptr.
json::value* resolve_path(json::value& root, std::string_view path);

/// Adds `base` to every position in `v` (for values parsed from a slice of a larger text).
void shift_positions(json::value& v, source_pos base);
source_pos shift(source_pos p, source_pos base);

/// The position of byte `offset` in `text` (1-based line and column).
source_pos pos_at(std::string_view text, std::size_t offset);

/// An ISO-8601 UTC form (`2024-01-31T09:15:00Z`) of the date formats AWS tools write
/// (`2022-08-07 12:55:43+00:00`, `2023-10-04T20:08:56+00:00`, `...Z`, fractions); empty when
/// `text` is not such a date.
std::string normalise_date(std::string_view text);

/// The account id of an ARN (`arn:aws:iam::ID:...`), or empty.
std::string account_of_arn(std::string_view arn);

/// The normalised JSON of a parsed policy (policy::print with normalized=true) as a located
/// tree: every node carries the position of the AST element it comes from.
json::value located_policy(const policy::document& doc, source_pos fallback);

/// When `node` (the JSON `doc` was parsed from) has the shape and the strings of
/// located_policy(doc, node.pos) up to spellings that can be fixed in place (a lone string or
/// statement object where a list is normalised, a boolean or number condition value,
/// `"Principal": "*"`, an account id for an AWS principal, members in another order), fixes
/// them, gives every node the position located_policy would give and returns true: the input's
/// nodes are kept instead of being rebuilt (the result is the same tree). Returns false
/// otherwise, with `node` partly rewritten: the caller then replaces it with
/// located_policy(doc, fallback). Allocates only for the lists it wraps or reorders.
bool relocate_as_policy(json::value& node, const policy::document& doc, source_pos fallback);

// ---- deferred joins recorded by adapters ----

/// An identity named in an input that attaches a managed policy to it (CloudFormation
/// `ManagedPolicyArns`/`Roles`, Terraform `*_policy_attachment`).
struct attachment {
    entity_type identity = entity_type::role;
    std::string identity_name;
    std::string policy_arn;   ///< may be empty when only the name is known
    std::string policy_name;
    std::string file;
    source_pos pos;
};

/// An inline policy given apart from its identity (Terraform `aws_iam_role_policy`,
/// CloudFormation `AWS::IAM::Policy`). The document is already parsed.
struct detached_inline {
    entity_type identity = entity_type::role;
    std::string identity_name;
    std::string policy_name;
    json::value document;             ///< normalised, or null when it did not parse
    std::optional<policy::document> doc;
    std::string file;
    source_pos pos;
};

/// A group membership given apart from both sides.
struct membership {
    std::string user;
    std::string group;
    std::string file;
    source_pos pos;
};

/// An access key declared in infrastructure code (CloudFormation `AWS::IAM::AccessKey`,
/// Terraform `aws_iam_access_key`): the user has a long-term key, dates unknown.
struct declared_key {
    std::string user;
    bool active = true;
    std::string file;
    source_pos pos;
};

/// The state of one load() call.
class loader {
public:
    explicit loader(const load_options& o) : opts(o) {}

    const load_options& opts;
    std::vector<entity> entities;
    std::vector<diagnostic> diags;
    std::vector<attachment> attachments;
    std::vector<detached_inline> inlines;
    std::vector<membership> memberships;
    std::vector<declared_key> keys;
    std::vector<std::pair<std::string, std::string>> report_times;  ///< account id (may be empty) -> generated time
    json::value account_settings;  ///< fields for the Account entity (passwordPolicy, alias...), null when none
    origin account_settings_from;
    /// The input each member of `account_settings` was read from (they may come from several).
    std::vector<std::pair<std::string, std::string>> account_settings_files;

    /// Sets `key` of `account_settings` (made at `root` when there is none yet) to `v`, read
    /// from the current input.
    void set_account_setting(const json::value& root, std::string_view key, json::value v);

    /// Records that member `key` of `account_settings` was read from `input` (the last wins).
    void note_setting_file(std::string_view key, std::string input);

    // the input being read
    std::string file;
    std::string_view text;
    std::unordered_set<const json::value*> incomplete;  ///< nodes cut short by a JSON syntax error

    /// Adds a diagnostic for the current input.
    diagnostic& report(severity level, std::string_view code, std::string message, source_pos pos,
                       std::string path = {}, std::string help = {});

    /// Starts a new entity from the current input.
    entity& add(entity_type t, std::string name, std::string arn, source_pos pos, std::string path);

    /// Marks the nodes on the rightmost path of a tree cut short by a syntax error.
    void mark_incomplete(const json::value& root);

    /// True (and a warning naming `what`) when `v` was cut short by a syntax error.
    bool skip_incomplete(const json::value& v, std::string_view what, std::string_view path);

    /// Parses a policy node (object, JSON string or URL-encoded string) in place for entity `e`.
    /// Returns the document when it parsed; `node` then holds the normalised JSON.
    std::optional<policy::document> parse_policy(json::value& node, std::string_view entity_label,
                                                 std::string_view path_prefix);

    /// parse_policy() for the field at `path` of `e` (one of `entities`), the label and the
    /// prefix (the path noted in the input, else the entity's path and `path`) made only when
    /// the policy has diagnostics.
    std::optional<policy::document> parse_entity_policy(json::value& node, const entity& e, const std::string& path);

    /// Parses every policy-typed node of the entities added since the last call.
    void parse_new_policies();

    /// Records that the policy field at `canonical` (e.g. `inlinePolicies[0].document`) of the
    /// entity added last was read from `input` (e.g. `RoleDetailList[3].RolePolicyList[0].PolicyDocument`),
    /// so that the policy's diagnostics name the path the user can find in the input.
    void note_input_path(std::string canonical, std::string input);

    /// The path in the input of the policy field at `canonical` of `entities[index]`, or nullptr
    /// when the adapter noted none (the field then has the name it has in the input).
    [[nodiscard]] const std::string* input_path(std::size_t index, const std::string& canonical) const;

    /// Appends what `part` read (entities, diagnostics, deferred joins, account settings) as if
    /// its inputs had been read by this loader after its own: the parallel load reads each
    /// input with a loader of its own. `part` must have parsed its policies
    /// (parse_new_policies()) and is left empty.
    void absorb(loader&& part);

    /// Merges, joins and resolves the policy slots.
    void finish();

private:
    /// The end of parse_policy(): diagnostics kept (with the label), `node` normalised.
    std::optional<policy::document> keep_policy(json::value& node, policy::parse_result&& r,
                                                std::string_view entity_label);

    std::size_t parsed_upto_ = 0;
    std::map<std::pair<std::size_t, std::string>, std::string> input_paths_;
};

/// "role `admin`", "user `alice`"... for messages.
std::string label(const entity& e);
std::string label(entity_type t, std::string_view name);

// ---- adapters (one per input shape) ----

// The JSON adapters may move subtrees (policy documents) out of the input tree they are given.
void read_authorization_details(loader& ld, json::value& root, const std::string& path);
void read_get_role(loader& ld, json::value& root);
void read_list_roles(loader& ld, json::value& root);
void read_credential_report_csv(loader& ld, std::string_view csv);
void read_credential_report_response(loader& ld, const json::value& root);
void read_cloudformation(loader& ld, const json::value& root);
bool yaml_to_json(loader& ld, std::string_view text, json::value& out);
void read_terraform_plan(loader& ld, const json::value& root);
void read_account_settings(loader& ld, const json::value& root);
void read_canonical_entity(loader& ld, json::value& obj, const std::string& path);

/// Reads a role object of the IAM API shape (authorization details `RoleDetailList[i]`, get-role
/// `Role`, list-roles `Roles[i]`).
void read_role(loader& ld, json::value& r, const std::string& path);

}  // namespace iamguard::entity::detail
