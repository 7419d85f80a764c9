// SPDX-License-Identifier: Apache-2.0
// eval/request.hpp: what is being asked: principal, action, resource and the request context.
//
// The evaluator invents no context keys (iam-semantics.md §4.8): the host fills in what AWS
// would, e.g. aws:PrincipalArn, aws:PrincipalAccount, aws:username, aws:userid, aws:PrincipalType,
// aws:SourceIp, aws:CurrentTime, aws:EpochTime, aws:SecureTransport, aws:MultiFactorAuthPresent
// (temporary credentials only), aws:MultiFactorAuthAge, sts:ExternalId, aws:PrincipalTag/...,
// aws:ResourceTag/..., aws:RequestTag/..., aws:TagKeys.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iamguard::eval {

/// The value of one context key: a single string, or a list (a multivalued key such as
/// aws:TagKeys). A list with one element is still multivalued: AWS decides single- versus
/// multi-valued by the request, and operators without ForAllValues/ForAnyValue never match a list.
struct context_value {
    std::vector<std::string> values;
    bool multi = false;

    context_value() = default;
    context_value(std::string v) : values{std::move(v)} {}  // NOLINT: implicit on purpose
    context_value(const char* v) : values{std::string(v)} {}  // NOLINT
    /// A multivalued key.
    [[nodiscard]] static context_value list(std::vector<std::string> vs) {
        context_value c;
        c.values = std::move(vs);
        c.multi = true;
        return c;
    }
};

/// The request context. Key names are case-insensitive (ASCII), including the tag-key part of
/// `aws:PrincipalTag/Team`. Setting a key that differs from an existing one only by case
/// replaces it: the last value set wins.
/// Thread safety: const members may be used from many threads. Complexity: lookups are linear in
/// the number of keys (requests carry few keys; a scan beats hashing there) and never allocate.
class request_context {
public:
    request_context() = default;
    request_context(std::initializer_list<std::pair<std::string_view, context_value>> init);

    /// Sets a key to a value: a string (single-valued) or context_value::list(...). Replacing a
    /// key allocates nothing for the key, and the const& form copies into the storage of the
    /// value it replaces (no allocation when it has room): for hosts that ask many requests
    /// which differ in a few keys.
    void set(std::string_view key, const context_value& value);
    void set(std::string_view key, context_value&& value);
    /// Sets a multivalued key.
    void set_list(std::string_view key, std::vector<std::string> values);
    /// Makes room for `n` keys, so that setting that many allocates the list once.
    void reserve(std::size_t n) { entries_.reserve(n); }
    /// Removes a key (any case); no effect when absent.
    void erase(std::string_view key) noexcept;
    /// The value of `key` (any case), or nullptr when absent.
    [[nodiscard]] const context_value* find(std::string_view key) const noexcept;
    /// The value of `key_lower`, which must already be ASCII-lowercase (prepared policies keep their
    /// keys that way), or nullptr. Faster than find(): no case folding.
    [[nodiscard]] const context_value* find_lower(std::string_view key_lower) const noexcept;

    struct entry {
        std::string key;        ///< as given last
        std::string key_lower;  ///< ASCII-lowercased key, for lookups
        context_value value;
    };
    [[nodiscard]] const std::vector<entry>& entries() const noexcept { return entries_; }
    [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }

private:
    entry* entry_of(std::string_view key) noexcept;  ///< the entry of `key` (any case), renamed as given
    std::vector<entry> entries_;
};

/// A request to authorise. An empty `principal` is an anonymous (unsigned) request.
/// `principal` is an ARN (`arn:aws:iam::A:user/u`, `arn:aws:sts::A:assumed-role/R/s`,
/// `arn:aws:iam::A:root`, `arn:aws:sts::A:federated-user/n`; a role ARN is read as a session of
/// that role) or a non-ARN identity: a service principal (`ec2.amazonaws.com`), a federated
/// identity provider, or an S3 canonical user id.
/// `resource` is the ARN acted on, or `*` for actions without resource-level permissions.
struct request {
    std::string principal;
    std::string action;
    std::string resource = "*";
    std::string resource_account;  ///< the 12-digit account that owns the resource
    request_context context;
};

/// The kinds of request principal the evaluation rules distinguish.
enum class principal_kind : std::uint8_t {
    anonymous,       ///< unsigned request
    account_root,    ///< arn:aws:iam::A:root
    iam_user,        ///< arn:aws:iam::A:user/path/name
    iam_role,        ///< arn:aws:iam::A:role/path/name (treated as a session of the role)
    role_session,    ///< arn:aws:sts::A:assumed-role/RoleName/Session
    federated_user,  ///< arn:aws:sts::A:federated-user/name
    other_arn,       ///< any other ARN (matched exactly)
    service,         ///< a non-ARN identity: service principal, identity provider, canonical user
};

/// A request principal taken apart (views into the string given to describe_principal()).
struct principal_info {
    principal_kind kind = principal_kind::anonymous;
    std::string_view text;       ///< the whole principal
    std::string_view account;    ///< empty when it has none (anonymous, services)
    std::string_view role_name;  ///< for iam_role (path dropped) and role_session
};

/// Classifies a request principal. Complexity: linear; no allocation. Thread safety: reentrant.
[[nodiscard]] principal_info describe_principal(std::string_view principal) noexcept;

}  // namespace iamguard::eval
