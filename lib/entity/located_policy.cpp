// SPDX-License-Identifier: Apache-2.0
// located_policy.cpp: the normalised JSON of a policy as a json::value whose nodes keep the
// positions of the AST elements they come from. It mirrors policy::print(doc, {.normalized=true})
// element for element (a test checks that both give the same JSON), so rules see the same shape
// whatever the input spelling was, and evidence still points into the input.
#include "entity/detail.hpp"

namespace iamguard::entity::detail {

namespace {

json::value strings(const std::vector<policy::located_string>& values, source_pos pos) {
    json::value arr = make_array(pos);
    arr.items.reserve(values.size());
    for (const auto& v : values) arr.items.push_back(make_string(v.text, v.pos));
    return arr;
}

json::value principal(const policy::principal_spec& p) {
    json::value obj = make_object(p.pos);
    if (p.wildcard) {  // normalised: "*" is {"AWS": ["*"]}
        json::value arr = make_array(p.pos);
        arr.items.push_back(make_string("*", p.pos));
        set(obj, "AWS", std::move(arr));
    }
    for (const auto& g : p.groups) {
        json::value arr = make_array(g.pos);
        arr.items.reserve(g.values.size());
        for (const auto& v : g.values) arr.items.push_back(make_string(v.canonical, v.pos));
        json::member m;
        m.key = std::string(policy::to_string(g.type));
        m.key_pos = g.pos;
        m.val = std::move(arr);
        obj.members.push_back(std::move(m));  // print() writes every group, even a repeated type
    }
    return obj;
}

json::value condition(const std::vector<policy::condition_clause>& clauses, source_pos pos) {
    json::value obj = make_object(pos);
    for (std::size_t i = 0; i < clauses.size();) {
        const std::string& op = clauses[i].op_text.text;
        json::value keys = make_object(clauses[i].op_text.pos);
        for (; i < clauses.size() && clauses[i].op_text.text == op; ++i) {
            const auto& c = clauses[i];
            json::value arr = make_array(c.values.empty() ? c.key.pos : c.values.front().pos);
            for (const auto& v : c.values) arr.items.push_back(make_string(v.text, v.pos));
            json::member m;
            m.key = c.key.text;
            m.key_pos = c.key.pos;
            m.val = std::move(arr);
            keys.members.push_back(std::move(m));
        }
        json::member m;
        m.key = op;
        m.key_pos = keys.pos;
        m.val = std::move(keys);
        obj.members.push_back(std::move(m));
    }
    return obj;
}

json::value statement(const policy::statement& st) {
    json::value obj = make_object(st.pos);
    if (st.sid) set(obj, "Sid", make_string(st.sid->text, st.sid->pos));
    if (st.eff) set(obj, "Effect", make_string(*st.eff == policy::effect::allow ? "Allow" : "Deny", st.effect_pos));
    if (st.principal) set(obj, st.principal->negated ? "NotPrincipal" : "Principal", principal(*st.principal));
    if (st.action)
        set(obj, st.action->negated ? "NotAction" : "Action", strings(st.action->values, st.action->pos));
    if (st.resource)
        set(obj, st.resource->negated ? "NotResource" : "Resource", strings(st.resource->values, st.resource->pos));
    if (!st.conditions.empty()) set(obj, "Condition", condition(st.conditions, st.condition_pos));
    return obj;
}

}  // namespace

json::value located_policy(const policy::document& doc, source_pos fallback) {
    json::value obj = make_object(doc.pos.line == 0 ? fallback : doc.pos);
    if (doc.version_text) set(obj, "Version", make_string(doc.version_text->text, doc.version_text->pos));
    if (doc.id) set(obj, "Id", make_string(doc.id->text, doc.id->pos));
    json::value arr = make_array(doc.statement_pos);
    arr.items.reserve(doc.statements.size());
    for (const auto& st : doc.statements) arr.items.push_back(statement(st));
    set(obj, "Statement", std::move(arr));
    return obj;
}

}  // namespace iamguard::entity::detail
