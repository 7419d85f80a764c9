// SPDX-License-Identifier: Apache-2.0
// terraform.cpp: IAM resources of a `terraform show -json` plan (planned values, child modules
// included). Policies are JSON strings there. Values the plan does not know yet (a role name
// computed at apply time) are absent; references in the plan's `configuration` then tell which
// resource an inline policy or an attachment belongs to.
#include "entity/detail.hpp"
#include "entity/fields.hpp"

#include <map>
#include <optional>

namespace iamguard::entity::detail {

namespace {

struct planned {
    std::string address;         ///< e.g. `module.poc.aws_iam_role.r6["p1"]`
    std::string config_address;  ///< e.g. `module.poc.aws_iam_role.r6`
    std::string module;          ///< e.g. `module.poc.` (empty at the root)
    std::string type;
    const json::value* values = nullptr;
    std::string path;            ///< JSON path in the plan
};

std::string strip_index(std::string_view address) {
    if (!address.empty() && address.back() == ']') {
        const std::size_t open = address.rfind('[');
        if (open != std::string_view::npos) return std::string(address.substr(0, open));
    }
    return std::string(address);
}

class plan_reader {
public:
    plan_reader(loader& ld, const json::value& root) : ld_(ld), root_(root) {}

    void run() {
        const json::value* pv = root_.find("planned_values");
        if (pv == nullptr) pv = root_.find("values");  // `terraform show -json` of a state
        const json::value* rm = pv != nullptr && pv->is_object() ? pv->find("root_module") : nullptr;
        if (rm == nullptr || !rm->is_object()) {
            ld_.report(severity::error, codes::missing_field, "the plan has no `planned_values.root_module`", root_.pos);
            return;
        }
        collect(*rm, "", pv == root_.find("planned_values") ? "planned_values.root_module" : "values.root_module");
        if (const json::value* cfg = root_.find("configuration"); cfg != nullptr && cfg->is_object())
            if (const json::value* crm = cfg->find("root_module"); crm != nullptr && crm->is_object())
                collect_config(*crm, "");
        for (const auto& r : resources_) names_[r.config_address].push_back(name_of(r));
        for (const auto& r : resources_) read(r);
    }

private:
    loader& ld_;
    const json::value& root_;
    std::vector<planned> resources_;
    std::map<std::string, std::vector<std::string>> names_;         // config address -> entity names
    std::map<std::string, const json::value*> expressions_;          // config address -> expressions
    // data.aws_iam_policy_document instances by config address: (instance key suffix, values)
    std::map<std::string, std::vector<std::pair<std::string, const json::value*>>> documents_;

    // ---- data.aws_iam_policy_document: HCL-shaped statements to IAM JSON ----

    json::value unknown_value(const json::value& at, std::string_view what) {
        ld_.report(severity::warning, codes::unresolved_intrinsic,
                   "a value in the policy of `" + std::string(what) + "` is known only after apply; kept as `(known after apply)`",
                   at.pos);
        return make_string("(known after apply)", at.pos);
    }

    json::value string_list(const json::value& list, std::string_view what) {
        json::value out = make_array(list.pos);
        for (const auto& item : list.items)
            out.items.push_back(item.is_string() ? item : unknown_value(item, what));
        return out;
    }

    json::value principals(const json::value& list, std::string_view what) {
        json::value out = make_object(list.pos);
        for (const auto& p : list.items) {
            if (!p.is_object()) continue;
            const std::string type(string_of(p, "type"));
            const json::value* ids = p.find("identifiers");
            if (type.empty() || ids == nullptr || !ids->is_array()) continue;
            if (type == "*") return make_string("*", p.pos);  // `type = "*"` is `"Principal": "*"`
            json::value* group = out.find(type);
            if (group == nullptr) group = &set(out, type, make_array(p.pos));
            for (auto& id : string_list(*ids, what).items) group->items.push_back(std::move(id));
        }
        return out;
    }

    json::value document_from(const json::value& v, const std::string& address) {
        json::value doc = make_object(v.pos);
        const json::value* version = v.find("version");
        set(doc, "Version", version != nullptr && version->is_string() ? *version : make_string("2012-10-17", v.pos));
        if (const json::value* id = v.find("policy_id"); id != nullptr && id->is_string()) set(doc, "Id", *id);
        json::value statements = make_array(v.pos);
        if (const json::value* list = v.find("statement"); list != nullptr && list->is_array()) {
            statements.pos = list->pos;
            for (const auto& st : list->items) {
                if (!st.is_object()) continue;
                json::value s = make_object(st.pos);
                if (const json::value* sid = st.find("sid"); sid != nullptr && sid->is_string() && !sid->text.empty())
                    set(s, "Sid", *sid);
                const json::value* eff = st.find("effect");
                set(s, "Effect", eff != nullptr && eff->is_string() ? *eff : make_string("Allow", st.pos));
                for (auto [from, to] : {std::pair{"principals", "Principal"}, std::pair{"not_principals", "NotPrincipal"}})
                    if (const json::value* p = st.find(from); p != nullptr && p->is_array() && !p->items.empty())
                        set(s, to, principals(*p, address));
                for (auto [from, to] : {std::pair{"actions", "Action"}, std::pair{"not_actions", "NotAction"},
                                        std::pair{"resources", "Resource"}, std::pair{"not_resources", "NotResource"}})
                    if (const json::value* l = st.find(from); l != nullptr && l->is_array() && !l->items.empty())
                        set(s, to, string_list(*l, address));
                if (const json::value* conds = st.find("condition"); conds != nullptr && conds->is_array() &&
                                                                     !conds->items.empty()) {
                    json::value c = make_object(conds->pos);
                    for (const auto& cond : conds->items) {
                        const std::string test(string_of(cond, "test"));
                        const std::string variable(string_of(cond, "variable"));
                        const json::value* values = cond.find("values");
                        if (test.empty() || variable.empty() || values == nullptr || !values->is_array()) continue;
                        json::value* op = c.find(test);
                        if (op == nullptr) op = &set(c, test, make_object(cond.pos));
                        set(*op, variable, string_list(*values, address));
                    }
                    set(s, "Condition", std::move(c));
                }
                statements.items.push_back(std::move(s));
            }
        }
        set(doc, "Statement", std::move(statements));
        return doc;
    }

    /// The policy in `values[key]` (a JSON string), or the data.aws_iam_policy_document the
    /// configuration expression `key` refers to (same instance key when both use for_each).
    std::optional<json::value> policy_value(const planned& r, std::string_view key) {
        if (const json::value* v = r.values->find(key); v != nullptr && v->is_string()) return *v;
        auto it = expressions_.find(r.config_address);
        if (it == expressions_.end()) return std::nullopt;
        const json::value* e = it->second->find(key);
        const json::value* refs = e != nullptr && e->is_object() ? e->find("references") : nullptr;
        if (refs == nullptr || !refs->is_array()) return std::nullopt;
        const std::string suffix = r.address.substr(strip_index(r.address).size());
        for (const auto& ref : refs->items) {
            if (!ref.is_string() || ref.text.rfind("data.aws_iam_policy_document.", 0) != 0) continue;
            const std::size_t dot = ref.text.find('.', 29);
            auto d = documents_.find(r.module + ref.text.substr(0, dot));
            if (d == documents_.end()) continue;
            for (const auto& [instance, values] : d->second)
                if (d->second.size() == 1 || instance == suffix) return document_from(*values, r.address);
        }
        return std::nullopt;
    }

    void collect(const json::value& module, const std::string& prefix, const std::string& path) {
        if (const json::value* list = module.find("resources"); list != nullptr && list->is_array()) {
            for (std::size_t i = 0; i < list->items.size(); ++i) {
                const json::value& r = list->items[i];
                const std::string rpath = path + ".resources[" + std::to_string(i) + "]";
                if (ld_.skip_incomplete(r, "resource " + rpath, rpath) || !r.is_object()) continue;
                if (string_of(r, "mode") == "data" && string_of(r, "type") == "aws_iam_policy_document") {
                    const std::string address(string_of(r, "address"));
                    const json::value* values = r.find("values");
                    if (values != nullptr && values->is_object())
                        documents_[prefix + "data.aws_iam_policy_document." + std::string(string_of(r, "name"))]
                            .emplace_back(address.substr(strip_index(address).size()), values);
                    continue;
                }
                if (string_of(r, "mode") != "managed") continue;
                planned p;
                p.address = std::string(string_of(r, "address"));
                p.type = std::string(string_of(r, "type"));
                p.module = prefix;
                p.config_address = prefix + p.type + "." + std::string(string_of(r, "name"));
                p.values = r.find("values");
                p.path = rpath;
                if (p.values == nullptr || !p.values->is_object()) continue;
                resources_.push_back(std::move(p));
            }
        }
        if (const json::value* children = module.find("child_modules"); children != nullptr && children->is_array()) {
            for (std::size_t i = 0; i < children->items.size(); ++i) {
                const json::value& c = children->items[i];
                if (!c.is_object()) continue;
                std::string addr(string_of(c, "address"));  // `module.poc` or `module.a.module.b["k"]`
                collect(c, strip_index(addr) + ".", path + ".child_modules[" + std::to_string(i) + "]");
            }
        }
    }

    void collect_config(const json::value& module, const std::string& prefix) {
        if (const json::value* list = module.find("resources"); list != nullptr && list->is_array())
            for (const auto& r : list->items)
                if (r.is_object())
                    if (const json::value* e = r.find("expressions"); e != nullptr && e->is_object())
                        expressions_[prefix + std::string(string_of(r, "address"))] = e;
        if (const json::value* calls = module.find("module_calls"); calls != nullptr && calls->is_object())
            for (const auto& m : calls->members)
                if (m.val.is_object())
                    if (const json::value* sub = m.val.find("module"); sub != nullptr && sub->is_object())
                        collect_config(*sub, prefix + "module." + m.key + ".");
    }

    static std::string name_of(const planned& r) {
        std::string name(string_of(*r.values, "name"));
        return name.empty() ? r.address : name;
    }

    /// The name in `values[key]`, or the one resource of type `target` that the configuration
    /// expression `key` refers to (a name only known after apply).
    std::string referenced(const planned& r, std::string_view key, std::string_view target) {
        if (const json::value* v = r.values->find(key); v != nullptr && v->is_string() && !v->text.empty()) {
            // `role = aws_iam_role.x.id` is the role name too; an ARN is reduced to its name
            return v->text.rfind("arn:", 0) == 0 ? name_from_arn(v->text) : v->text.str();
        }
        auto it = expressions_.find(r.config_address);
        if (it == expressions_.end()) return {};
        const json::value* e = it->second->find(key);
        if (e == nullptr || !e->is_object()) return {};
        const json::value* refs = e->find("references");
        if (refs == nullptr || !refs->is_array()) return {};
        for (const auto& ref : refs->items) {
            if (!ref.is_string() || ref.text.rfind(std::string(target) + ".", 0) != 0) continue;
            const std::size_t dot = ref.text.find('.', target.size() + 1);
            const std::string addr = r.module + ref.text.substr(0, dot);
            auto n = names_.find(addr);
            if (n != names_.end() && n->second.size() == 1) return n->second.front();
        }
        return {};
    }

    std::vector<std::string> name_list(const planned& r, std::string_view key) {
        std::vector<std::string> out;
        if (const json::value* v = r.values->find(key); v != nullptr && v->is_array())
            for (const auto& item : v->items)
                if (item.is_string()) out.push_back(item.text);
        return out;
    }

    void tags(json::value& dst, const json::value& values) {
        const json::value* t = values.find("tags");
        if (t == nullptr || !t->is_object()) return;
        json::value out = make_array(t->pos);
        for (const auto& m : t->members) {
            json::value tag = make_object(m.key_pos);
            set(tag, "key", make_string(m.key, m.key_pos));
            set(tag, "value", m.val.is_string() ? m.val : make_string("", m.val.pos));
            out.items.push_back(std::move(tag));
        }
        set(dst, "tags", std::move(out));
    }

    void common(entity& e, const planned& r, const where& w) {
        const json::value& v = *r.values;
        set(e.fields, "name", make_string(e.name, v.pos));
        if (!e.arn.empty()) set(e.fields, "arn", make_string(e.arn, v.pos));
        copy_string(ld_, e.fields, "id", v, "unique_id", w);
        copy_string(ld_, e.fields, "path", v, "path", w);
        if (const json::value* b = v.find("permissions_boundary"); b != nullptr && b->is_string() && !b->text.empty()) {
            json::value pb = make_object(b->pos);
            set(pb, "arn", *b);
            set(pb, "type", make_string("Policy", b->pos));
            set(e.fields, "permissionsBoundary", std::move(pb));
        }
        tags(e.fields, v);
    }

    void detached(const planned& r, entity_type who, std::string_view key, std::string_view target) {
        const std::string identity = referenced(r, key, target);
        const std::string policy_name = name_of(r);
        const where w{"policy `" + policy_name + "`", r.path + ".values"};
        if (identity.empty()) {
            ld_.report(severity::warning, codes::unknown_reference,
                       "`" + r.address + "` names no " + std::string(to_string(who)) +
                           " the plan knows; its policy was not loaded",
                       r.values->pos, r.path);
            return;
        }
        detached_inline in;
        in.identity = who;
        in.identity_name = identity;
        in.policy_name = policy_name;
        in.file = ld_.file;
        in.pos = r.values->pos;
        if (auto doc = policy_value(r, "policy")) {
            in.document = std::move(*doc);
            in.doc = ld_.parse_policy(in.document, w.label(), w.at("policy"));
        } else {
            in.document = make_null(r.values->pos);  // computed at apply time
        }
        ld_.inlines.push_back(std::move(in));
    }

    void attach(const planned& r, entity_type who, const std::string& identity) {
        std::string arn(string_of(*r.values, "policy_arn"));
        std::string name = arn.empty() ? referenced(r, "policy_arn", "aws_iam_policy") : name_from_arn(arn);
        if (arn.empty() && name.empty()) return;  // the policy is only known after apply
        ld_.attachments.push_back({who, identity, arn, name, ld_.file, r.values->pos});
    }

    void read(const planned& r) {
        const json::value& v = *r.values;
        const std::string name = name_of(r);
        if (name.empty()) {
            ld_.report(severity::error, codes::missing_field, "resource without an address or a name was not loaded",
                       v.pos, r.path);
            return;
        }
        const std::string arn(string_of(v, "arn"));
        const where w{label(entity_type::role, name), r.path + ".values"};
        if (r.type == "aws_iam_role") {
            entity& e = ld_.add(entity_type::role, name, arn, v.pos, r.path);
            const where rw{label(e), w.path()};
            common(e, r, rw);
            copy_string(ld_, e.fields, "description", v, "description", rw);
            copy_number(ld_, e.fields, "maxSessionDuration", v, "max_session_duration", rw);
            set(e.fields, "isServiceLinked", make_bool(string_of(v, "path").rfind("/aws-service-role/", 0) == 0, v.pos));
            if (auto trust = policy_value(r, "assume_role_policy")) set(e.fields, "assumeRolePolicy", std::move(*trust));
            json::value inl = make_array(v.pos);
            if (const json::value* list = list_at(ld_, v, "inline_policy", rw)) {
                for (const auto& p : list->items) {
                    const json::value* doc = p.is_object() ? p.find("policy") : nullptr;
                    if (doc == nullptr || !doc->is_string() || doc->text.empty()) continue;  // `inline_policy {}` = none
                    json::value item = make_object(p.pos);
                    set(item, "name", make_string(std::string(string_of(p, "name")), p.pos));
                    set(item, "document", *doc);
                    inl.items.push_back(std::move(item));
                }
            }
            set(e.fields, "inlinePolicies", std::move(inl));
            json::value managed = make_array(v.pos);
            for (const auto& a : name_list(r, "managed_policy_arns")) managed.items.push_back(reference(name_from_arn(a), a, v.pos));
            set(e.fields, "managedPolicies", std::move(managed));
        } else if (r.type == "aws_iam_user") {
            entity& e = ld_.add(entity_type::user, name, arn, v.pos, r.path);
            common(e, r, where{label(e), w.path()});
            set(e.fields, "isRoot", make_bool(false, v.pos));
        } else if (r.type == "aws_iam_group") {
            entity& e = ld_.add(entity_type::group, name, arn, v.pos, r.path);
            common(e, r, where{label(e), w.path()});
        } else if (r.type == "aws_iam_policy") {
            entity& e = ld_.add(entity_type::policy, name, arn, v.pos, r.path);
            const where pw{label(e), w.path()};
            common(e, r, pw);
            copy_string(ld_, e.fields, "description", v, "description", pw);
            set(e.fields, "isAwsManaged", make_bool(false, v.pos));
            set(e.fields, "isAttachable", make_bool(true, v.pos));
            if (auto doc = policy_value(r, "policy")) set(e.fields, "document", std::move(*doc));
        } else if (r.type == "aws_iam_role_policy") {
            detached(r, entity_type::role, "role", "aws_iam_role");
        } else if (r.type == "aws_iam_user_policy") {
            detached(r, entity_type::user, "user", "aws_iam_user");
        } else if (r.type == "aws_iam_group_policy") {
            detached(r, entity_type::group, "group", "aws_iam_group");
        } else if (r.type == "aws_iam_role_policy_attachment") {
            if (auto id = referenced(r, "role", "aws_iam_role"); !id.empty()) attach(r, entity_type::role, id);
        } else if (r.type == "aws_iam_user_policy_attachment") {
            if (auto id = referenced(r, "user", "aws_iam_user"); !id.empty()) attach(r, entity_type::user, id);
        } else if (r.type == "aws_iam_group_policy_attachment") {
            if (auto id = referenced(r, "group", "aws_iam_group"); !id.empty()) attach(r, entity_type::group, id);
        } else if (r.type == "aws_iam_policy_attachment") {
            for (const auto& u : name_list(r, "users")) attach(r, entity_type::user, u);
            for (const auto& g : name_list(r, "groups")) attach(r, entity_type::group, g);
            for (const auto& ro : name_list(r, "roles")) attach(r, entity_type::role, ro);
        } else if (r.type == "aws_iam_access_key") {
            if (auto user = referenced(r, "user", "aws_iam_user"); !user.empty())
                ld_.keys.push_back({user, string_of(v, "status") != "Inactive", ld_.file, v.pos});
        } else if (r.type == "aws_iam_group_membership") {
            const std::string group = referenced(r, "group", "aws_iam_group");
            for (const auto& u : name_list(r, "users")) ld_.memberships.push_back({u, group, ld_.file, v.pos});
        } else if (r.type == "aws_iam_user_group_membership") {
            const std::string user = referenced(r, "user", "aws_iam_user");
            for (const auto& g : name_list(r, "groups")) ld_.memberships.push_back({user, g, ld_.file, v.pos});
        }
    }
};

}  // namespace

void read_terraform_plan(loader& ld, const json::value& root) { plan_reader(ld, root).run(); }

}  // namespace iamguard::entity::detail
