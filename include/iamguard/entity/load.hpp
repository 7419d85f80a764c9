// SPDX-License-Identifier: Apache-2.0
// entity/load.hpp: turning what hosts have (AWS CLI output, credential reports, CloudFormation,
// Terraform plans, iamguard's canonical form) into entities, with the joins already made.
//
// One call takes one or several inputs. The adapter of each input is chosen by its content
// (detect_format) unless load_options::format says otherwise. After all inputs are read, the
// joins run over everything loaded together:
// - entities of the same type and ARN (or name when there is no ARN) are merged: pages of one
//   `get-account-authorization-details` dump, or a user from the dump and its credential-report row;
// - `combinedPolicies` of roles, users and groups: inline policies plus the documents of attached
//   managed policies whose documents are known (for users also their groups' policies);
// - `users`/`roles`/`groups` of every managed policy (the identities it is attached to) and
//   `attachedGroups` of users / `users` of groups;
// - the credential report's `<root_account>` row becomes the `rootUser` of the Account entity;
// - `accountId` from ARNs; one Account entity per account that owns a loaded role, user or group;
//   account settings (password policy, account summary, aliases) go to that Account (to the one
//   named by load_options::account_id when the inputs hold several accounts).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/entity/entity.hpp>
#include <iamguard/json/value.hpp>

namespace iamguard::entity {

/// The input formats the adapters read.
enum class input_format : std::uint8_t {
    canonical,                   ///< iamguard's canonical entities: `{"format":"iamguard-entities/1",...}` or JSON Lines
    authorization_details,       ///< `aws iam get-account-authorization-details` (one page, several pages, or a list of pages)
    get_role,                    ///< `aws iam get-role` (`{"Role": {...}}`)
    list_roles,                  ///< `aws iam list-roles` (`{"Roles": [...]}`)
    credential_report_csv,       ///< the IAM credential report as CSV text
    credential_report_response,  ///< `aws iam get-credential-report` (`{"Content": base64, "ReportFormat": "text/csv", ...}`)
    cloudformation_json,         ///< a CloudFormation template in JSON
    cloudformation_yaml,         ///< a CloudFormation template in YAML
    terraform_plan,              ///< `terraform show -json` of a plan
    account_settings,            ///< `get-account-password-policy`, `get-account-summary` or `list-account-aliases`
};

/// The option name of a format: "canonical", "authorization-details", "get-role", "list-roles",
/// "credential-report", "credential-report-response", "cloudformation", "cloudformation-yaml",
/// "terraform-plan", "account-settings".
[[nodiscard]] std::string_view to_string(input_format f) noexcept;

/// Parses a name given by to_string() (also accepts "jsonl", "json", "csv", "cfn", "yaml",
/// "tfplan" and "authz"); nullopt when unknown.
[[nodiscard]] std::optional<input_format> parse_input_format(std::string_view name) noexcept;

/// Recognises the format of `text` from its content: the top-level keys of a JSON object (it
/// does not parse the whole text, so a truncated file is still recognised), the header line of
/// a CSV credential report, the `AWSTemplateFormatVersion`/`Resources` keys of a YAML template.
/// Returns nullopt when nothing matches. Errors: std::bad_alloc only. Complexity: linear in the
/// skeleton up to the first key that decides (nested values are skipped by a bracket-counting
/// scan), so a large dump is not walked. Thread safety: reentrant.
[[nodiscard]] std::optional<input_format> detect_format(std::string_view text);

/// Options of load().
struct load_options {
    /// Forces the adapter instead of detecting it from the content.
    std::optional<input_format> format;
    /// The account that owns the inputs when they do not say (CloudFormation and Terraform):
    /// substitutes `AWS::AccountId` in templates and fills `accountId`. Empty: unknown.
    std::string account_id;
    /// Run the merges and joins described at the top of this header (on by default). When off,
    /// every input object is its own entity, and inline policies or attachments declared apart
    /// from their identity (Terraform `aws_iam_role_policy`, CloudFormation `AWS::IAM::Policy`)
    /// are not attached.
    bool join = true;
    /// Build each identity's `combinedPolicies` (its inline documents and those of its managed
    /// policies and groups, joined again): on by default. It is the largest part of a joined
    /// account (about 40% of its nodes for generated accounts) and only rules that read it need
    /// it: `iamguard scan` turns it off when !rule_set::reads_field("combinedPolicies"). When
    /// off, the join does not build it and the canonical adapter drops the field from its input
    /// (without parsing its documents); everything else is loaded as with it on.
    bool combined_policies = true;
    /// Limits of the JSON layer (depth, size, duplicate keys).
    json::parse_options json;
    /// Threads of a load(): each input of a multi-input load() is parsed, and its policies
    /// compiled into documents, by one of them; once all are read, the merges run on the calling
    /// thread and the joins that go entity by entity (group members, policy attachments, policy
    /// slots) in pieces of 512 entities on these threads. 1 (the default): everything on the
    /// calling thread; 0: one per core. The result (entities, their order, diagnostics and their
    /// order) does not depend on it.
    unsigned threads = 1;
};

/// The outcome of a load: every entity that could be read, and every problem met. Diagnostics
/// name the file (diagnostic::file), the line and column, and the entity concerned (in the
/// message). An error in one entity does not stop the others from loading.
struct load_result {
    std::vector<entity> entities;
    std::vector<diagnostic> diagnostics;
    /// True when no diagnostic is an error.
    [[nodiscard]] bool ok() const noexcept { return !has_errors(diagnostics); }
    /// The number of entities of type `t`. Complexity: linear in the number of entities.
    [[nodiscard]] std::size_t count(entity_type t) const noexcept;
};

/// Reads an input's text for load(): see input::read.
using input_reader = std::function<bool(std::string& text, std::string& error)>;

/// One input: `name` is used in diagnostics and entity origins; the text is `text`, or what
/// `read` gives when load() comes to the input.
struct input {
    input() = default;
    /// An input given by content (which must outlive the load() call).
    input(std::string_view name_, std::string_view text_) noexcept : name(name_), text(text_) {}
    /// An input read when load() comes to it (`read` below); `size` may be 0 when not known.
    input(std::string_view name_, input_reader read_, std::uint64_t size_ = 0)
        : name(name_), read(std::move(read_)), size(size_) {}

    std::string_view name;
    std::string_view text;
    /// When set, load() takes the text from this instead of `text`: it is called on the thread
    /// that parses the input, with a buffer that thread reuses for its next input (the callee
    /// replaces the contents; returning with the text in it), and the text is let go once the
    /// input is parsed. A load of many files then holds one text per thread, not all of them,
    /// and reads them in parallel. Returning false, with the reason in its second argument,
    /// means the input cannot be read: diagnostic L001 at line 0 naming the input, with the
    /// reason as its message; the other inputs still load. It must be safe to call from any
    /// thread, and concurrently with the other inputs' readers. An exception it throws ends the
    /// load (rethrown by load(), as std::bad_alloc is).
    input_reader read;
    /// The size in bytes of the text `read` will give, when known (else 0): inputs are parsed
    /// largest first, so that the threads end together. Ignored without `read`.
    std::uint64_t size = 0;
};

/// Loads one input. Errors: never throws for bad input (diagnostic codes in codes.hpp);
/// std::bad_alloc only. Thread safety: reentrant. Complexity: linear in the input size plus the
/// joins (linear in the number of entities and policy attachments, with hash lookups).
[[nodiscard]] load_result load(std::string_view text, std::string_view file_name, const load_options& opts = {});

/// Loads several inputs together, so that the joins see all of them (pages of a dump, a dump
/// and a credential report). With load_options::threads other than 1, the inputs are read on
/// up to that many threads (the calling one included), the largest first so that the threads
/// end together, and joined once all are read, the joins also on those threads; peak memory is
/// that of the sequential load (with one text per thread for inputs given by `read`, one in all
/// on one thread). When threads cannot be started, fewer read the inputs (the calling thread
/// alone, at worst). Errors, thread safety and complexity as load().
[[nodiscard]] load_result load(const std::vector<input>& inputs, const load_options& opts = {});

/// Loads the files together, as load() of inputs whose `read` reads them (so each is read by
/// the thread that parses it, and not held once parsed). An unreadable file is diagnostic L001
/// naming it (`cannot read `PATH`: REASON`, line 0); the other files still load.
[[nodiscard]] load_result load_files(const std::vector<std::filesystem::path>& files, const load_options& opts = {});

}  // namespace iamguard::entity
