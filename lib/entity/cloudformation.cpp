// SPDX-License-Identifier: Apache-2.0
// cloudformation.cpp: AWS::IAM::Role/User/Group/Policy/ManagedPolicy (and the RolePolicy,
// UserPolicy, GroupPolicy, UserToGroupAddition helpers) of a CloudFormation template.
//
// Intrinsic functions are resolved only where the template alone decides the value: pseudo
// parameters (`AWS::AccountId` when the host gives the account, `AWS::Partition`), `Ref` to an IAM
// resource of the template (its name), `Fn::Sub`/`Fn::Join` over resolved parts, and
// `Fn::GetAtt X.Arn` of a role/user/group when the account is known. Anything else is kept as an
// unresolved string such as `!Ref BucketName` with warning L009, never an error or a crash.
#include "entity/detail.hpp"
#include "entity/fields.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include "core/edit_distance.hpp"

namespace iamguard::entity::detail {

namespace {

constexpr std::array<std::string_view, 21> iam_types{
    "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy",
    "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::UserToGroupAddition",
    "AWS::IAM::AccessKey", "AWS::IAM::InstanceProfile", "AWS::IAM::OIDCProvider", "AWS::IAM::SAMLProvider",
    "AWS::IAM::ServerCertificate", "AWS::IAM::ServiceLinkedRole", "AWS::IAM::VirtualMFADevice",
    "AWS::IAM::RolePolicyAttachment", "AWS::IAMAccessAnalyzer::Analyzer", "AWS::IAM::SecurityConfiguration",
    "AWS::IAM::UserPolicyAttachment", "AWS::IAM::GroupPolicyAttachment"};

std::size_t distance(std::string_view a, std::string_view b) {
    return iamguard::detail::edit_distance(a, b, iamguard::detail::case_fold::no);
}

bool well_formed_type(std::string_view t) {
    if (t.rfind("Custom::", 0) == 0 && t.size() > 8) return true;
    // Provider::Service::Resource, e.g. AWS::S3::Bucket, Alexa::ASK::Skill, a registry type
    std::size_t parts = 0, start = 0;
    for (;;) {
        const std::size_t sep = t.find("::", start);
        const std::string_view part = t.substr(start, sep == std::string_view::npos ? std::string_view::npos : sep - start);
        if (part.empty() || !std::all_of(part.begin(), part.end(), [](char c) {
                return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            }))
            return false;
        ++parts;
        if (sep == std::string_view::npos) break;
        start = sep + 2;
    }
    return parts >= 3 && parts <= 4;
}

struct resource_info {
    std::string type;
    std::string name;  ///< the physical name the template gives (or the logical id)
    std::string path = "/";
    const json::value* node = nullptr;
};

class template_reader {
public:
    template_reader(loader& ld, const json::value& root) : ld_(ld), root_(root) {}

    void run() {
        const json::value* resources = root_.find("Resources");
        if (resources == nullptr) {
            ld_.report(severity::error, codes::missing_field, "the template has no `Resources`", root_.pos);
            return;
        }
        if (!resources->is_object()) {
            ld_.report(severity::error, codes::wrong_type,
                       "expected an object for `Resources`, found " + std::string(json::to_string(resources->type)),
                       resources->pos, "Resources");
            return;
        }
        // first pass: types and names, so that `Ref`s between resources resolve
        for (const auto& m : resources->members) {
            if (ld_.incomplete.count(&m.val) != 0) continue;
            resource_info info;
            info.node = &m.val;
            if (m.val.is_object())
                if (const json::value* t = m.val.find("Type"); t != nullptr && t->is_string()) info.type = t->text;
            info.name = m.key;
            if (const json::value* props = m.val.is_object() ? m.val.find("Properties") : nullptr;
                props != nullptr && props->is_object()) {
                const char* name_key = info.type == "AWS::IAM::Role"            ? "RoleName"
                                       : info.type == "AWS::IAM::User"          ? "UserName"
                                       : info.type == "AWS::IAM::Group"         ? "GroupName"
                                       : info.type == "AWS::IAM::ManagedPolicy" ? "ManagedPolicyName"
                                                                                : "";
                if (*name_key != '\0')
                    if (const json::value* n = props->find(name_key); n != nullptr && n->is_string()) info.name = n->text;
                if (const json::value* p = props->find("Path"); p != nullptr && p->is_string()) info.path = p->text;
            }
            resources_.emplace(m.key, std::move(info));
        }
        for (const auto& m : resources->members) read_resource(m.key, m.val);
    }

private:
    loader& ld_;
    const json::value& root_;
    std::map<std::string, resource_info> resources_;
    std::string label_;  ///< the entity being read, for messages

    // ---- intrinsic functions ----

    static bool is_intrinsic(const json::value& v) {
        if (!v.is_object() || v.members.size() != 1) return false;
        const std::string& k = v.members.front().key;
        return k == "Ref" || k.rfind("Fn::", 0) == 0 || k == "Condition";
    }

    std::string arn_of(const resource_info& r) const {
        const std::string& acct = ld_.opts.account_id;
        if (acct.empty()) return {};
        const char* kind = r.type == "AWS::IAM::Role"            ? "role"
                           : r.type == "AWS::IAM::User"          ? "user"
                           : r.type == "AWS::IAM::Group"         ? "group"
                           : r.type == "AWS::IAM::ManagedPolicy" ? "policy"
                                                                 : nullptr;
        if (kind == nullptr) return {};
        return "arn:aws:iam::" + acct + ":" + kind + r.path + r.name;
    }

    /// The value of a `${...}` or `Ref` name, when the template alone decides it.
    std::optional<std::string> lookup(std::string_view name) const {
        if (name == "AWS::AccountId") {
            if (ld_.opts.account_id.empty()) return std::nullopt;
            return ld_.opts.account_id;
        }
        if (name == "AWS::Partition") return std::string("aws");
        if (name == "AWS::URLSuffix") return std::string("amazonaws.com");
        const std::size_t dot = name.find('.');
        if (dot != std::string_view::npos) {  // ${Role.Arn}
            auto it = resources_.find(std::string(name.substr(0, dot)));
            if (it == resources_.end() || name.substr(dot + 1) != "Arn") return std::nullopt;
            std::string arn = arn_of(it->second);
            if (arn.empty()) return std::nullopt;
            return arn;
        }
        auto it = resources_.find(std::string(name));
        if (it == resources_.end()) return std::nullopt;
        const std::string& t = it->second.type;
        if (t == "AWS::IAM::Role" || t == "AWS::IAM::User" || t == "AWS::IAM::Group") return it->second.name;
        if (t == "AWS::IAM::ManagedPolicy") {  // Ref gives the ARN
            std::string arn = arn_of(it->second);
            if (arn.empty()) return std::nullopt;
            return arn;
        }
        return std::nullopt;
    }

    static std::string short_form(const json::value& v) {
        const std::string& k = v.members.front().key;
        std::string out = "!" + (k.rfind("Fn::", 0) == 0 ? k.substr(4) : k);
        const json::value& arg = v.members.front().val;
        out += ' ';
        if (arg.is_string()) {
            out += arg.text;
        } else if (arg.is_array() && k == "Fn::GetAtt") {
            for (std::size_t i = 0; i < arg.items.size(); ++i) {
                if (i > 0) out += '.';
                out += arg.items[i].is_string() ? arg.items[i].text : "...";
            }
        } else {
            out += "...";
        }
        return out;
    }

    std::optional<std::string> substitute(const std::string& tmpl, const json::value* vars) {
        std::string out;
        std::size_t i = 0;
        bool complete = true;
        while (i < tmpl.size()) {
            const std::size_t open = tmpl.find("${", i);
            if (open == std::string::npos) {
                out.append(tmpl, i, std::string::npos);
                break;
            }
            out.append(tmpl, i, open - i);
            const std::size_t close = tmpl.find('}', open);
            if (close == std::string::npos) {
                out.append(tmpl, open, std::string::npos);
                break;
            }
            const std::string name = tmpl.substr(open + 2, close - open - 2);
            std::optional<std::string> value;
            if (!name.empty() && name[0] == '!') {
                value = "${" + name.substr(1) + "}";  // `${!Literal}` writes `${Literal}`
            } else if (vars != nullptr && vars->find(name) != nullptr) {
                json::value v = *vars->find(name);
                resolve(v);
                if (v.is_string() && !unresolved_.count(v.text)) value = v.text;
            } else {
                value = lookup(name);
            }
            if (value) {
                out += *value;
            } else {
                out.append(tmpl, open, close - open + 1);
                complete = false;
            }
            i = close + 1;
        }
        if (!complete) return std::nullopt;
        return out;
    }

    void unresolved(json::value& v, std::string text) {
        ld_.report(severity::warning, codes::unresolved_intrinsic,
                   "intrinsic function `" + v.members.front().key + "` kept unresolved as `" + text + "`" +
                       (label_.empty() ? std::string() : " (in " + label_ + ")"),
                   v.pos);
        unresolved_.insert(text);
        v = make_string(std::move(text), v.pos);
    }

    /// Replaces intrinsic functions in `v` by their value or by an unresolved string.
    void resolve(json::value& v) {
        if (v.is_array()) {
            for (auto& item : v.items) resolve(item);
            v.items.erase(std::remove_if(v.items.begin(), v.items.end(),
                                         [](const json::value& x) { return x.is_string() && x.text == "\x01novalue"; }),
                          v.items.end());
            return;
        }
        if (!v.is_object()) return;
        if (!is_intrinsic(v)) {
            for (auto& m : v.members) resolve(m.val);
            v.members.erase(std::remove_if(v.members.begin(), v.members.end(),
                                           [](const json::member& m) {
                                               return m.val.is_string() && m.val.text == "\x01novalue";
                                           }),
                            v.members.end());
            return;
        }
        const std::string key = v.members.front().key;
        json::value& arg = v.members.front().val;
        if (key == "Ref" && arg.is_string()) {
            if (arg.text == "AWS::NoValue") {
                v = make_string("\x01novalue", v.pos);
                return;
            }
            if (auto val = lookup(arg.text)) {
                v = make_string(*val, v.pos);
                return;
            }
        } else if (key == "Fn::Sub") {
            const json::value* tmpl = arg.is_string() ? &arg : (arg.is_array() && !arg.items.empty() ? &arg.items[0] : nullptr);
            const json::value* vars = arg.is_array() && arg.items.size() > 1 ? &arg.items[1] : nullptr;
            if (tmpl != nullptr && tmpl->is_string()) {
                if (auto val = substitute(tmpl->text, vars)) {
                    v = make_string(*val, v.pos);
                    return;
                }
                unresolved(v, "!Sub " + tmpl->text);
                return;
            }
        } else if (key == "Fn::Join" && arg.is_array() && arg.items.size() == 2 && arg.items[0].is_string()) {
            resolve(arg.items[1]);
            if (arg.items[1].is_array()) {
                std::string out;
                bool ok = true;
                for (std::size_t i = 0; i < arg.items[1].items.size(); ++i) {
                    const json::value& part = arg.items[1].items[i];
                    if (!part.is_string() || unresolved_.count(part.text)) {
                        ok = false;
                        break;
                    }
                    if (i > 0) out += arg.items[0].text;
                    out += part.text;
                }
                if (ok) {
                    v = make_string(out, v.pos);
                    return;
                }
            }
        } else if (key == "Fn::GetAtt" && arg.is_array() && arg.items.size() == 2 && arg.items[0].is_string() &&
                   arg.items[1].is_string()) {
            if (auto val = lookup(arg.items[0].text + "." + arg.items[1].text)) {
                v = make_string(*val, v.pos);
                return;
            }
        }
        unresolved(v, short_form(v));
    }

    // ---- resources ----

    json::value props_of(const json::value& res, const std::string& id) {
        const json::value* props = res.find("Properties");
        if (props == nullptr) return make_object(res.pos);
        if (!props->is_object()) {
            ld_.report(severity::error, codes::wrong_type,
                       "expected an object for `Properties`, found " + std::string(json::to_string(props->type)) +
                           " (in resource `" + id + "`)",
                       props->pos, "Resources." + id + ".Properties");
            return make_object(props->pos);
        }
        json::value copy = *props;
        resolve(copy);
        return copy;
    }

    /// A list of names (strings after resolution); other items are reported.
    std::vector<std::pair<std::string, source_pos>> names(const json::value& props, std::string_view key,
                                                           const where& w) {
        std::vector<std::pair<std::string, source_pos>> out;
        const json::value* list = list_at(ld_, props, key, w);
        if (list == nullptr) return out;
        for (const auto& item : list->items) {
            if (item.is_string()) {
                out.emplace_back(item.text, item.pos);
            } else {
                ld_.report(severity::warning, codes::wrong_type,
                           "expected a name in `" + std::string(key) + "`, found " +
                               std::string(json::to_string(item.type)) + " (in " + w.label() + ")",
                           item.pos, w.at(key));
            }
        }
        return out;
    }

    void managed_arns(entity& e, const json::value& props, const where& w) {
        json::value out = make_array(props.pos);
        if (const json::value* list = list_at(ld_, props, "ManagedPolicyArns", w)) {
            out.pos = list->pos;
            for (const auto& item : list->items) {
                if (!item.is_string()) continue;
                // A `Ref` to a template policy without a known account stays `!Ref Logical`: join by name.
                if (item.text.rfind("!Ref ", 0) == 0) {
                    auto it = resources_.find(item.text.substr(5));
                    if (it != resources_.end()) {
                        out.items.push_back(reference(it->second.name, "", item.pos));
                        continue;
                    }
                }
                out.items.push_back(reference(name_from_arn(item.text), item.text, item.pos));
            }
        }
        set(e.fields, "managedPolicies", std::move(out));
    }

    void common(entity& e, json::value& props, const where& w, bool with_policies) {
        set(e.fields, "name", make_string(e.name, e.from.pos));
        if (!e.arn.empty()) set(e.fields, "arn", make_string(e.arn, e.from.pos));
        copy_string(ld_, e.fields, "path", props, "Path", w);
        if (with_policies) {
            copy_inline_policies(ld_, e.fields, props, "Policies", "PolicyName", "PolicyDocument", w);
            managed_arns(e, props, w);
        }
        if (const json::value* b = props.find("PermissionsBoundary"); b != nullptr && b->is_string()) {
            json::value pb = make_object(b->pos);
            set(pb, "arn", *b);
            set(pb, "type", make_string("Policy", b->pos));
            set(e.fields, "permissionsBoundary", std::move(pb));
        }
        if (props.find("Tags") != nullptr) copy_tags(ld_, e.fields, props, "Tags", w);
    }

    void detached(entity_type t, const std::string& identity, const std::string& policy_name,
                  const json::value* doc, source_pos pos, const where& w) {
        detached_inline in;
        in.identity = t;
        in.identity_name = identity;
        in.policy_name = policy_name;
        in.file = ld_.file;
        in.pos = pos;
        if (doc != nullptr) {
            in.document = *doc;
            in.doc = ld_.parse_policy(in.document, w.label(), w.at("PolicyDocument"));
        } else {
            in.document = make_null(pos);
        }
        ld_.inlines.push_back(std::move(in));
    }

    void read_resource(const std::string& id, const json::value& res) {
        const std::string path = "Resources." + id;
        label_.clear();
        if (ld_.skip_incomplete(res, "resource `" + id + "`", path)) return;
        if (!res.is_object()) {
            ld_.report(severity::error, codes::wrong_type,
                       "expected an object for resource `" + id + "`, found " + std::string(json::to_string(res.type)),
                       res.pos, path);
            return;
        }
        const json::value* type = res.find("Type");
        if (type == nullptr || !type->is_string()) {
            ld_.report(severity::error, codes::missing_field, "resource `" + id + "` has no `Type` string",
                       type == nullptr ? res.pos : type->pos, path);
            return;
        }
        const std::string& t = type->text;
        const resource_info& info = resources_.at(id);
        if (info.name.empty()) {
            ld_.report(severity::error, codes::missing_field, "resource with an empty logical id was not loaded", res.pos,
                       path);
            return;
        }
        if (t.rfind("AWS::IAM::", 0) == 0 && std::find(iam_types.begin(), iam_types.end(), t) == iam_types.end()) {
            std::string help;
            std::size_t best = 4;
            for (auto known : iam_types)
                if (const std::size_t d = distance(t, known); d < best) {
                    best = d;
                    help = "did you mean `" + std::string(known) + "`?";
                }
            ld_.report(severity::warning, codes::unknown_resource_type,
                       "unknown CloudFormation resource type `" + t + "` (resource `" + id + "` was not loaded)",
                       type->pos, path + ".Type", help);
            return;
        }
        if (!well_formed_type(t)) {
            ld_.report(severity::warning, codes::unknown_resource_type,
                       "unknown CloudFormation resource type `" + t + "` (resource `" + id + "` was not loaded)",
                       type->pos, path + ".Type", "resource types look like `AWS::Service::Resource`");
            return;
        }
        if (t == "AWS::IAM::Role") {
            label_ = label(entity_type::role, info.name);
            json::value props = props_of(res, id);
            entity& e = ld_.add(entity_type::role, info.name, arn_of(info), res.pos, path);
            const where w{label_, path + ".Properties"};
            common(e, props, w, true);
            copy_string(ld_, e.fields, "description", props, "Description", w);
            copy_number(ld_, e.fields, "maxSessionDuration", props, "MaxSessionDuration", w);
            set(e.fields, "isServiceLinked", make_bool(false, res.pos));
            if (const json::value* trust = props.find("AssumeRolePolicyDocument")) {
                ld_.note_input_path("assumeRolePolicy", w.at("AssumeRolePolicyDocument"));
                set(e.fields, "assumeRolePolicy", *trust);
            } else {
                ld_.report(severity::error, codes::missing_field, "role without `AssumeRolePolicyDocument`", res.pos, path);
            }
        } else if (t == "AWS::IAM::User") {
            label_ = label(entity_type::user, info.name);
            json::value props = props_of(res, id);
            entity& e = ld_.add(entity_type::user, info.name, arn_of(info), res.pos, path);
            const where w{label_, path + ".Properties"};
            common(e, props, w, true);
            set(e.fields, "isRoot", make_bool(false, res.pos));
            set(e.fields, "passwordEnabled", make_bool(props.find("LoginProfile") != nullptr, res.pos));
            json::value groups = make_array(res.pos);
            for (auto& [g, p] : names(props, "Groups", w)) groups.items.push_back(reference(g, "", p));
            set(e.fields, "attachedGroups", std::move(groups));
        } else if (t == "AWS::IAM::Group") {
            label_ = label(entity_type::group, info.name);
            json::value props = props_of(res, id);
            entity& e = ld_.add(entity_type::group, info.name, arn_of(info), res.pos, path);
            common(e, props, where{label_, path + ".Properties"}, true);
        } else if (t == "AWS::IAM::ManagedPolicy") {
            label_ = label(entity_type::policy, info.name);
            json::value props = props_of(res, id);
            entity& e = ld_.add(entity_type::policy, info.name, arn_of(info), res.pos, path);
            const where w{label_, path + ".Properties"};
            common(e, props, w, false);
            copy_string(ld_, e.fields, "description", props, "Description", w);
            set(e.fields, "isAwsManaged", make_bool(false, res.pos));
            set(e.fields, "isAttachable", make_bool(true, res.pos));
            if (const json::value* doc = props.find("PolicyDocument")) {
                ld_.note_input_path("document", w.at("PolicyDocument"));
                set(e.fields, "document", *doc);
            } else {
                ld_.report(severity::error, codes::missing_field, "managed policy without `PolicyDocument`", res.pos, path);
            }
            for (auto [key, type_of] : {std::pair{"Roles", entity_type::role}, std::pair{"Users", entity_type::user},
                                        std::pair{"Groups", entity_type::group}})
                for (auto& [n, p] : names(props, key, w))
                    ld_.attachments.push_back({type_of, n, e.arn, e.name, ld_.file, p});
        } else if (t == "AWS::IAM::Policy") {
            json::value props = props_of(res, id);
            const std::string name(string_of(props, "PolicyName"));
            label_ = "policy `" + (name.empty() ? id : name) + "`";
            const where w{label_, path + ".Properties"};
            const json::value* doc = props.find("PolicyDocument");
            if (doc == nullptr)
                ld_.report(severity::error, codes::missing_field, "policy without `PolicyDocument`", res.pos, path);
            bool any = false;
            for (auto [key, type_of] : {std::pair{"Roles", entity_type::role}, std::pair{"Users", entity_type::user},
                                        std::pair{"Groups", entity_type::group}})
                for (auto& [n, p] : names(props, key, w)) {
                    detached(type_of, n, name.empty() ? id : name, doc, p, w);
                    any = true;
                }
            if (!any)
                ld_.report(severity::warning, codes::missing_field,
                           "policy `" + id + "` is attached to no role, user or group", res.pos, path);
        } else if (t == "AWS::IAM::RolePolicy" || t == "AWS::IAM::UserPolicy" || t == "AWS::IAM::GroupPolicy") {
            json::value props = props_of(res, id);
            const entity_type who = t == "AWS::IAM::RolePolicy"   ? entity_type::role
                                    : t == "AWS::IAM::UserPolicy" ? entity_type::user
                                                                  : entity_type::group;
            const char* key = who == entity_type::role ? "RoleName" : who == entity_type::user ? "UserName" : "GroupName";
            const std::string name(string_of(props, "PolicyName"));
            label_ = "policy `" + (name.empty() ? id : name) + "`";
            const std::string identity(string_of(props, key));
            if (identity.empty()) {
                ld_.report(severity::error, codes::missing_field, "`" + std::string(key) + "` is missing", res.pos, path);
                return;
            }
            detached(who, identity, name.empty() ? id : name, props.find("PolicyDocument"), res.pos,
                     where{label_, path + ".Properties"});
        } else if (t == "AWS::IAM::AccessKey") {
            const json::value props = props_of(res, id);
            const std::string user(string_of(props, "UserName"));
            if (user.empty()) {
                ld_.report(severity::error, codes::missing_field, "access key without `UserName`", res.pos, path);
                return;
            }
            ld_.keys.push_back({user, string_of(props, "Status") != "Inactive", ld_.file, res.pos});
        } else if (t == "AWS::IAM::UserToGroupAddition") {
            json::value props = props_of(res, id);
            const where w{"resource `" + id + "`", path + ".Properties"};
            const std::string group(string_of(props, "GroupName"));
            for (auto& [u, p] : names(props, "Users", w)) ld_.memberships.push_back({u, group, ld_.file, p});
        }
        // other types (AWS::S3::Bucket, AWS::IAM::InstanceProfile...) carry no identity or policy we model
    }

    std::set<std::string> unresolved_;
};

}  // namespace

void read_cloudformation(loader& ld, const json::value& root) { template_reader(ld, root).run(); }

}  // namespace iamguard::entity::detail
