// SPDX-License-Identifier: Apache-2.0
// schema.cpp: the built-in entity schema (CloudGuard's field names) and path lookup.
#include <iamguard/entity/schema.hpp>

#include <algorithm>
#include <utility>
#include "core/edit_distance.hpp"

namespace iamguard::entity {

namespace {

// ---- builders: keep the table below readable ----

field leaf(std::string name, field_type t, std::string desc, std::vector<std::string> aliases = {}) {
    field f;
    f.name = std::move(name);
    f.type = t;
    f.description = std::move(desc);
    f.aliases = std::move(aliases);
    return f;
}
field str(std::string name, std::string desc, std::vector<std::string> aliases = {}) {
    return leaf(std::move(name), field_type::string, std::move(desc), std::move(aliases));
}
field num(std::string name, std::string desc) { return leaf(std::move(name), field_type::number, std::move(desc)); }
field boolean(std::string name, std::string desc) { return leaf(std::move(name), field_type::boolean, std::move(desc)); }
field date(std::string name, std::string desc) { return leaf(std::move(name), field_type::date, std::move(desc)); }
field obj(std::string name, std::string desc, std::vector<field> children, std::vector<std::string> aliases = {}) {
    field f = leaf(std::move(name), field_type::object, std::move(desc), std::move(aliases));
    f.children = std::move(children);
    return f;
}
field list(std::string name, std::string desc, field element, std::vector<std::string> aliases = {}) {
    field f = leaf(std::move(name), field_type::list, std::move(desc), std::move(aliases));
    f.element.push_back(std::move(element));
    return f;
}
field map(std::string name, std::string desc, field element) {
    field f = leaf(std::move(name), field_type::map, std::move(desc));
    f.element.push_back(std::move(element));
    return f;
}
field strings(std::string name, std::string desc) { return list(std::move(name), std::move(desc), str("", "")); }

// ---- policy documents (normalised: every list-capable element is a list) ----

field principal(std::string name, std::string desc) {
    return obj(std::move(name), std::move(desc),
               {strings("AWS", "account ids (as root ARNs), role, user and session ARNs, or `*`"),
                strings("Service", "service principals, e.g. `ec2.amazonaws.com`"),
                strings("Federated", "identity providers (SAML, OIDC, Cognito)"),
                strings("CanonicalUser", "S3 canonical user ids")});
}

field statement_element() {
    return obj("", "a statement",
               {str("Sid", "statement id"),
                str("Effect", "`Allow` or `Deny`"),
                principal("Principal", "who the statement applies to (trust and resource policies)"),
                principal("NotPrincipal", "who the statement does not apply to"),
                strings("Action", "action patterns, e.g. `iam:*`"),
                strings("NotAction", "action patterns excluded"),
                strings("Resource", "resource ARN patterns"),
                strings("NotResource", "resource ARN patterns excluded"),
                map("Condition", "operator -> condition key -> values",
                    map("", "condition key -> values", strings("", "")))});
}

field policy_field(std::string name, std::string desc, std::vector<std::string> aliases = {}) {
    field f = leaf(std::move(name), field_type::policy, std::move(desc), std::move(aliases));
    f.children = {str("Version", "`2012-10-17`, `2008-10-17` or absent"), str("Id", "policy id"),
                  list("Statement", "the statements", statement_element())};
    return f;
}

// ---- shared shapes ----

field ref_list(std::string name, std::string desc, std::vector<std::string> aliases = {}) {
    return list(std::move(name), std::move(desc),
                obj("", "a reference", {str("name", "name"), str("arn", "ARN (empty when unknown)")}),
                std::move(aliases));
}

field managed_policies() {
    return list("managedPolicies", "attached managed policies",
                obj("", "an attached managed policy",
                    {str("arn", "policy ARN"), str("name", "policy name")}));
}

field inline_policies() {
    return list("inlinePolicies", "inline (embedded) policies",
                obj("", "an inline policy",
                    {str("name", "policy name"), policy_field("document", "the policy document", {"policyDocument"})}));
}

field combined_policies() {
    return list("combinedPolicies", "inline policies plus the documents of attached managed policies (and, for users, "
                                    "of their groups) when those documents are known",
                obj("", "a policy in effect",
                    {str("name", "policy name"), str("arn", "policy ARN (managed policies only)"),
                     str("source", "`inline`, `managed`, `group-inline` or `group-managed`"),
                     str("group", "the group it comes from (group sources only)"),
                     policy_field("policyDocument", "the policy document", {"document"})}));
}

field tags() {
    return list("tags", "resource tags",
                obj("", "a tag", {str("key", "tag key"), str("value", "tag value")}));
}

field boundary() {
    return obj("permissionsBoundary", "the permissions boundary",
               {str("arn", "ARN of the boundary policy"), str("type", "`Policy`")}, {"boundary"});
}

field access_key(std::string name, std::string desc) {
    return obj(std::move(name), std::move(desc),
               {boolean("isActive", "the key is active"),
                date("lastRotated", "when the key was created or last rotated"),
                date("lastUsedDate", "when the key was last used (null: never)"),
                str("lastUsedRegion", "region of the last use"),
                str("lastUsedService", "service of the last use")});
}

field access_keys() {
    field key = access_key("", "an access key");
    key.children.insert(key.children.begin(), {str("id", "access key id (when known)"),
                                               num("slot", "1 or 2: the credential report column")});
    return list("accessKeys", "the user's access keys (list form of firstAccessKey/secondAccessKey)", std::move(key));
}

std::vector<field> credential_fields() {
    return {boolean("passwordEnabled", "the user has a console password"),
            date("passwordLastUsed", "last console sign-in (null: never)"),
            date("passwordLastChanged", "when the password was last changed"),
            date("passwordNextRotation", "when the password must next be changed"),
            boolean("mfaActive", "an MFA device is enabled"),
            boolean("virtualMfaEnabled", "a virtual MFA device is enabled (when known)"),
            access_key("firstAccessKey", "access key 1 of the credential report"),
            access_key("secondAccessKey", "access key 2 of the credential report"),
            access_keys(),
            boolean("hasAccessKeys", "at least one access key exists (active or not)"),
            boolean("hasActiveAccessKeys", "at least one access key is active")};
}

std::vector<field> identity_header(std::string_view what) {
    return {str("name", std::string(what) + " name"), str("arn", "ARN"), str("accountId", "12-digit account id"),
            str("id", "unique id (AROA/AIDA/AGPA/ANPA...)"), str("path", "IAM path"),
            date("createDate", "creation time")};
}

std::vector<field> role_fields() {
    auto f = identity_header("role");
    auto more = std::vector<field>{
        str("description", "description"),
        num("maxSessionDuration", "maximum session duration in seconds"),
        boolean("isServiceLinked", "a service-linked role (path `/aws-service-role/`)"),
        policy_field("assumeRolePolicy", "the trust policy", {"trust", "assumeRolePolicyDocument"}),
        obj("roleLastUsed", "last use", {date("lastUsedDate", "last use (null: never)"), str("region", "region")}),
        managed_policies(), inline_policies(), combined_policies(), boundary(), tags(),
        ref_list("instanceProfiles", "instance profiles holding the role")};
    f.insert(f.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    return f;
}

std::vector<field> user_fields() {
    auto f = identity_header("user");
    f.push_back(boolean("isRoot", "the account's root user (`<root_account>` row)"));
    auto cred = credential_fields();
    f.insert(f.end(), std::make_move_iterator(cred.begin()), std::make_move_iterator(cred.end()));
    auto more = std::vector<field>{managed_policies(), inline_policies(), combined_policies(),
                                   ref_list("attachedGroups", "groups the user belongs to", {"groups"}),
                                   boundary(), tags()};
    f.insert(f.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    return f;
}

std::vector<field> group_fields() {
    auto f = identity_header("group");
    auto more = std::vector<field>{ref_list("users", "member users"), managed_policies(), inline_policies(),
                                   combined_policies()};
    f.insert(f.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    return f;
}

std::vector<field> policy_fields() {
    auto f = identity_header("policy");
    auto more = std::vector<field>{
        str("description", "description"),
        date("updateDate", "last update"),
        num("attachmentCount", "users, groups and roles it is attached to"),
        num("permissionsBoundaryUsageCount", "identities using it as a permissions boundary"),
        boolean("isAttachable", "can be attached"),
        boolean("isAwsManaged", "an AWS managed policy (`arn:aws:iam::aws:policy/...`)"),
        str("defaultVersionId", "e.g. `v3`"),
        policy_field("document", "the default version's document", {"policyDocument"}),
        ref_list("users", "users it is attached to"),
        ref_list("roles", "roles it is attached to"),
        ref_list("groups", "groups it is attached to")};
    f.insert(f.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    return f;
}

std::vector<field> account_fields() {
    field root = obj("rootUser", "the root user (from the credential report)",
                     {str("arn", "ARN"), date("createDate", "creation time")});
    auto cred = credential_fields();
    root.children.insert(root.children.end(), std::make_move_iterator(cred.begin()),
                         std::make_move_iterator(cred.end()));
    return {
        str("name", "the alias, or the account id"),
        str("accountId", "12-digit account id"),
        str("arn", "`arn:aws:iam::ID:root`"),
        str("alias", "account alias (when known)"),
        obj("passwordPolicy", "the account password policy",
            {boolean("enabledInAccount", "a password policy is set"),
             num("minPasswordLength", "minimum length"),
             boolean("requireSymbols", "symbols required"),
             boolean("requireNumbers", "numbers required"),
             boolean("requireUppercaseCharacter", "uppercase required"),
             boolean("requireLowercaseCharacter", "lowercase required"),
             boolean("allowUsersToChangePassword", "users may change their password"),
             boolean("expirePasswords", "passwords expire"),
             num("maxPasswordAge", "days before expiry"),
             num("passwordReusePrevention", "previous passwords remembered"),
             boolean("hardExpiry", "expired passwords need an administrator")}),
        date("credentialReportGeneratedTime", "when the credential report was generated"),
        obj("stats", "account-wide figures",
            {boolean("accountMfaEnabled", "the root user has MFA"), num("users", "number of users"),
             num("roles", "number of roles"), num("groups", "number of groups"),
             num("policies", "number of customer managed policies")}),
        std::move(root)};
}

// ---- lookup ----

std::size_t edit_distance(std::string_view a, std::string_view b) { return iamguard::detail::edit_distance(a, b); }

// The members a path may name below `f` (stepping through lists).
const field* scope_of(const field& f) noexcept {
    const field* cur = &f;
    while (cur->type == field_type::list && !cur->element.empty()) cur = &cur->element.front();
    return cur;
}

lookup_result resolve(const std::vector<field>& top, const std::vector<std::string>& segments, std::size_t start,
                      lookup_result res) {
    const std::vector<field>* scope = &top;
    const field* current = nullptr;
    for (std::size_t i = start; i < segments.size(); ++i) {
        const std::string& seg = segments[i];
        if (current != nullptr) {
            const field* s = scope_of(*current);
            if (s->type == field_type::any) {
                for (std::size_t k = i; k < segments.size(); ++k) res.canonical.push_back(segments[k]);
                res.target = s;
                return res;
            }
            if (s->type == field_type::map) {
                res.canonical.push_back(seg);
                current = s->element.empty() ? s : &s->element.front();
                scope = nullptr;
                continue;
            }
            scope = &s->children;
        }
        const field* found = nullptr;
        if (scope != nullptr) {
            for (const auto& f : *scope) {
                if (f.name == seg || std::find(f.aliases.begin(), f.aliases.end(), seg) != f.aliases.end()) {
                    found = &f;
                    break;
                }
            }
        }
        if (found == nullptr) {
            res.target = nullptr;
            res.failed_at = i;
            // "did you mean": the closest name or alias, when it is close enough to be a typo
            std::size_t best = std::max<std::size_t>(2, seg.size() / 3) + 1;
            if (scope != nullptr) {
                for (const auto& f : *scope) {
                    auto consider = [&](const std::string& name) {
                        const std::size_t d = edit_distance(seg, name);
                        if (d < best) {
                            best = d;
                            res.suggestion = f.name;
                        }
                    };
                    consider(f.name);
                    for (const auto& a : f.aliases) consider(a);
                }
            }
            return res;
        }
        res.canonical.push_back(found->name);
        current = found;
    }
    res.target = current;
    return res;
}

}  // namespace

schema::schema(std::vector<std::vector<field>> per_type) : per_type_(std::move(per_type)) {}

const schema& schema::get() {
    // A function-local constant: built once, thread-safe initialisation, never modified.
    static const schema instance{{account_fields(), role_fields(), user_fields(), group_fields(), policy_fields()}};
    return instance;
}

const std::vector<field>& schema::fields(entity_type t) const noexcept {
    return per_type_[static_cast<std::size_t>(t)];
}

lookup_result schema::lookup(entity_type t, const std::vector<std::string>& segments) const {
    if (segments.empty()) return {};
    return resolve(fields(t), segments, 0, {});
}

lookup_result schema::lookup(const field& base, const std::vector<std::string>& segments) const {
    lookup_result res;
    if (segments.empty()) {
        res.target = &base;
        return res;
    }
    const field* s = scope_of(base);
    if (s->type == field_type::any) {
        res.canonical = segments;
        res.target = s;
        return res;
    }
    if (s->type == field_type::map) {
        // The first segment is a free-form key; continue below the element description.
        res.canonical.push_back(segments.front());
        if (s->element.empty()) {
            res.target = s;
            return res;
        }
        const field& el = s->element.front();
        if (segments.size() == 1) {
            res.target = &el;
            return res;
        }
        std::vector<std::string> rest(segments.begin() + 1, segments.end());
        lookup_result sub = lookup(el, rest);
        res.canonical.insert(res.canonical.end(), sub.canonical.begin(), sub.canonical.end());
        res.target = sub.target;
        res.failed_at = sub.target == nullptr ? sub.failed_at + 1 : 0;
        res.suggestion = std::move(sub.suggestion);
        return res;
    }
    return resolve(s->children, segments, 0, std::move(res));
}

std::string_view to_string(field_type t) noexcept {
    switch (t) {
        case field_type::string: return "string";
        case field_type::number: return "number";
        case field_type::boolean: return "boolean";
        case field_type::date: return "date";
        case field_type::object: return "object";
        case field_type::list: return "list";
        case field_type::policy: return "policy";
        case field_type::map: return "map";
        case field_type::any: return "any";
    }
    return "any";
}

}  // namespace iamguard::entity
