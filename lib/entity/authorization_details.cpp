// SPDX-License-Identifier: Apache-2.0
// authorization_details.cpp: `aws iam get-account-authorization-details` (any number of pages),
// `get-role` and `list-roles`. Policy documents may be objects (AWS CLI, boto3), JSON strings or
// URL-encoded JSON (the raw IAM API); the policy parser accepts all three.
#include "entity/detail.hpp"
#include "entity/fields.hpp"

namespace iamguard::entity::detail {

namespace {

std::string item_path(const std::string& base, std::string_view list, std::size_t i) {
    std::string p = base.empty() ? std::string(list) : base + "." + std::string(list);
    return p + "[" + std::to_string(i) + "]";
}

/// The name of an entity object: `name_key`, else the ARN's last part (with a warning), else empty
/// (with an error: the entity is skipped).
std::string entity_name(loader& ld, const json::value& obj, std::string_view name_key, std::string_view what,
                        const std::string& path) {
    std::string name(string_of(obj, name_key));
    if (!name.empty()) return name;
    const std::string arn(string_of(obj, "Arn"));
    if (!arn.empty()) {
        name = name_from_arn(arn);
        ld.report(severity::warning, codes::missing_field,
                  std::string(what) + " without `" + std::string(name_key) + "`; named `" + name + "` after its ARN",
                  obj.pos, path);
        return name;
    }
    ld.report(severity::error, codes::missing_field,
              std::string(what) + " without `" + std::string(name_key) + "` or `Arn` was not loaded", obj.pos, path);
    return {};
}

void header(loader& ld, entity& e, const json::value& src, std::string_view id_key, const where& w) {
    set(e.fields, "name", make_string(e.name, src.pos));
    if (const json::value* a = src.find("Arn"); a != nullptr && a->is_string()) set(e.fields, "arn", *a);
    copy_string(ld, e.fields, "id", src, id_key, w);
    copy_string(ld, e.fields, "path", src, "Path", w);
    copy_date(ld, e.fields, "createDate", src, "CreateDate", w);
}

void boundary(loader& ld, json::value& dst, const json::value& src, const where& w) {
    if (const json::value* b = object_at(ld, src, "PermissionsBoundary", w)) {
        json::value out = make_object(b->pos);
        copy_string(ld, out, "arn", *b, "PermissionsBoundaryArn", w);
        copy_string(ld, out, "type", *b, "PermissionsBoundaryType", w);
        set(dst, "permissionsBoundary", std::move(out));
    }
}

void read_user(loader& ld, json::value& u, const std::string& path) {
    const std::string name = entity_name(ld, u, "UserName", "user", path);
    if (name.empty()) return;
    entity& e = ld.add(entity_type::user, name, std::string(string_of(u, "Arn")), u.pos, path);
    const where w{label(e), path};
    header(ld, e, u, "UserId", w);
    copy_inline_policies(ld, e.fields, u, "UserPolicyList", "PolicyName", "PolicyDocument", w);
    copy_attached_policies(ld, e.fields, u, "AttachedManagedPolicies", w);
    json::value groups = make_array(u.pos);
    if (const json::value* list = list_at(ld, u, "GroupList", w)) {
        groups.pos = list->pos;
        for (const auto& g : list->items) {
            if (g.is_string()) {
                groups.items.push_back(reference(g.text, "", g.pos));
            } else {
                ld.report(severity::error, codes::wrong_type,
                          "expected a group name in `GroupList`, found " + std::string(json::to_string(g.type)) +
                              " (in " + w.label() + ")",
                          g.pos, w.at("GroupList"));
            }
        }
    }
    set(e.fields, "attachedGroups", std::move(groups));
    boundary(ld, e.fields, u, w);
    copy_tags(ld, e.fields, u, "Tags", w);
}

void read_group(loader& ld, json::value& g, const std::string& path) {
    const std::string name = entity_name(ld, g, "GroupName", "group", path);
    if (name.empty()) return;
    entity& e = ld.add(entity_type::group, name, std::string(string_of(g, "Arn")), g.pos, path);
    const where w{label(e), path};
    header(ld, e, g, "GroupId", w);
    copy_inline_policies(ld, e.fields, g, "GroupPolicyList", "PolicyName", "PolicyDocument", w);
    copy_attached_policies(ld, e.fields, g, "AttachedManagedPolicies", w);
}

void read_policy(loader& ld, json::value& p, const std::string& path) {
    const std::string name = entity_name(ld, p, "PolicyName", "managed policy", path);
    if (name.empty()) return;
    const std::string arn(string_of(p, "Arn"));
    entity& e = ld.add(entity_type::policy, name, arn, p.pos, path);
    const where w{label(e), path};
    header(ld, e, p, "PolicyId", w);
    copy_string(ld, e.fields, "description", p, "Description", w);
    copy_date(ld, e.fields, "updateDate", p, "UpdateDate", w);
    copy_number(ld, e.fields, "attachmentCount", p, "AttachmentCount", w);
    copy_number(ld, e.fields, "permissionsBoundaryUsageCount", p, "PermissionsBoundaryUsageCount", w);
    copy_bool(ld, e.fields, "isAttachable", p, "IsAttachable", w);
    set(e.fields, "isAwsManaged", make_bool(arn.rfind("arn:aws:iam::aws:", 0) == 0 ||
                                                arn.find(":iam::aws:policy/") != std::string::npos,
                                            p.pos));
    copy_string(ld, e.fields, "defaultVersionId", p, "DefaultVersionId", w);
    // The document of the default version: from PolicyVersionList (authorization details) or a
    // `Document`/`PolicyVersion` member (get-policy-version shapes).
    const std::string_view default_id = string_of(p, "DefaultVersionId");
    json::value* doc = nullptr;
    std::string doc_path = w.at("Document");
    if (json::value* versions = list_at(ld, p, "PolicyVersionList", w)) {
        for (std::size_t i = 0; i < versions->items.size(); ++i) {
            json::value& v = versions->items[i];
            if (!v.is_object()) continue;
            const json::value* is_default = v.find("IsDefaultVersion");
            const bool matches = (is_default != nullptr && is_default->is_bool() && is_default->boolean) ||
                                 (!default_id.empty() && string_of(v, "VersionId") == default_id);
            if (matches && v.find("Document") != nullptr) {
                doc = v.find("Document");
                doc_path = w.at("PolicyVersionList[" + std::to_string(i) + "].Document");
                break;
            }
        }
        if (doc == nullptr && !versions->items.empty())
            ld.report(severity::warning, codes::missing_field,
                      "no default version with a `Document` in `PolicyVersionList` (in " + w.label() + ")",
                      versions->pos, w.at("PolicyVersionList"));
    }
    if (doc == nullptr) doc = p.find("Document");
    if (doc != nullptr) {
        ld.note_input_path("document", std::move(doc_path));
        set(e.fields, "document", std::move(*doc));
    }
}

std::string label_of(std::string_view what, const std::string& name) {
    return std::string(what) + " `" + name + "`";
}

void read_list(loader& ld, json::value& root, std::string_view key, const std::string& base,
               void (*read)(loader&, json::value&, const std::string&), std::string_view what) {
    json::value* list = root.find(key);
    if (list == nullptr || list->is_null()) return;
    const std::string list_path = base.empty() ? std::string(key) : base + "." + std::string(key);
    if (!list->is_array()) {
        ld.report(severity::error, codes::wrong_type,
                  "expected a list for `" + std::string(key) + "`, found " + std::string(json::to_string(list->type)),
                  list->pos, list_path);
        return;
    }
    for (std::size_t i = 0; i < list->items.size(); ++i) {
        json::value& item = list->items[i];
        const std::string path = item_path(base, key, i);
        if (ld.incomplete.count(&item) != 0) {
            // name the entity when its name was read before the break
            std::string name;
            for (std::string_view k : {"RoleName", "UserName", "GroupName", "PolicyName"})
                if (name.empty()) name = std::string(string_of(item, k));
            ld.skip_incomplete(item, name.empty() ? std::string(what) + " " + path : label_of(what, name), path);
            continue;
        }
        if (!item.is_object()) {
            ld.report(severity::error, codes::wrong_type,
                      "expected an object for " + std::string(what) + " " + path + ", found " +
                          std::string(json::to_string(item.type)),
                      item.pos, path);
            continue;
        }
        read(ld, item, path);
    }
}

}  // namespace

void read_role(loader& ld, json::value& r, const std::string& path) {
    const std::string name = entity_name(ld, r, "RoleName", "role", path);
    if (name.empty()) return;
    entity& e = ld.add(entity_type::role, name, std::string(string_of(r, "Arn")), r.pos, path);
    const where w{label(e), path};
    header(ld, e, r, "RoleId", w);
    copy_string(ld, e.fields, "description", r, "Description", w);
    copy_number(ld, e.fields, "maxSessionDuration", r, "MaxSessionDuration", w);
    set(e.fields, "isServiceLinked", make_bool(string_of(r, "Path").rfind("/aws-service-role/", 0) == 0, r.pos));
    if (json::value* trust = r.find("AssumeRolePolicyDocument")) {
        ld.note_input_path("assumeRolePolicy", w.at("AssumeRolePolicyDocument"));
        set(e.fields, "assumeRolePolicy", std::move(*trust));  // the input tree is ours: no copy
    }
    if (const json::value* last = object_at(ld, r, "RoleLastUsed", w)) {
        json::value out = make_object(last->pos);
        const where lw(w, "RoleLastUsed");
        if (!copy_date(ld, out, "lastUsedDate", *last, "LastUsedDate", lw)) set(out, "lastUsedDate", make_null(last->pos));
        copy_string(ld, out, "region", *last, "Region", lw);
        set(e.fields, "roleLastUsed", std::move(out));
    }
    copy_inline_policies(ld, e.fields, r, "RolePolicyList", "PolicyName", "PolicyDocument", w);
    copy_attached_policies(ld, e.fields, r, "AttachedManagedPolicies", w);
    boundary(ld, e.fields, r, w);
    copy_tags(ld, e.fields, r, "Tags", w);
    if (const json::value* profiles = list_at(ld, r, "InstanceProfileList", w)) {
        json::value out = make_array(profiles->pos);
        for (const auto& p : profiles->items)
            if (p.is_object())
                out.items.push_back(reference(std::string(string_of(p, "InstanceProfileName")),
                                              std::string(string_of(p, "Arn")), p.pos));
        set(e.fields, "instanceProfiles", std::move(out));
    }
}

void read_authorization_details(loader& ld, json::value& root, const std::string& path) {
    read_list(ld, root, "UserDetailList", path, read_user, "user");
    read_list(ld, root, "GroupDetailList", path, read_group, "group");
    read_list(ld, root, "RoleDetailList", path, read_role, "role");
    read_list(ld, root, "Policies", path, read_policy, "managed policy");
}

void read_get_role(loader& ld, json::value& root) {
    json::value* role = root.find("Role");
    if (role == nullptr || !role->is_object()) {
        ld.report(severity::error, codes::wrong_type,
                  "expected an object for `Role`, found " +
                      std::string(role == nullptr ? "nothing" : json::to_string(role->type)),
                  role == nullptr ? root.pos : role->pos, "Role");
        return;
    }
    if (ld.skip_incomplete(*role, "role `Role`", "Role")) return;
    read_role(ld, *role, "Role");
}

void read_list_roles(loader& ld, json::value& root) {
    read_list(ld, root, "Roles", "", read_role, "role");
}

}  // namespace iamguard::entity::detail
