// SPDX-License-Identifier: Apache-2.0
// located_policy.cpp: the normalised JSON of a policy as a json::value whose nodes keep the
// positions of the AST elements they come from. It mirrors policy::print(doc, {.normalized=true})
// element for element (a test checks that both give the same JSON), so rules see the same shape
// whatever the input spelling was, and evidence still points into the input.
#include "entity/detail.hpp"

#include <array>
#include <utility>

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

// ---- relocate_as_policy: the same shapes as above, made from an existing tree ----
//
// Policies as the AWS CLI prints them differ from the normalised form only in spellings that can
// be fixed where they are: a lone string where a list is normalised (`"Action": "s3:GetObject"`,
// a single statement object), a boolean or number condition value, `"Principal": "*"`, an
// account id for an AWS principal, members in another order. Fixing those in place keeps the
// nodes (and their strings) that the input tree already holds instead of building all anew.

namespace {

// Walks the members of an object, expecting the keys the builders above would write, in any
// order; finish() checks that none is left over and puts the members in the order they were taken.
class member_cursor {
public:
    explicit member_cursor(json::value& obj) : obj_(obj) {}
    // The value of the member `key` (its key position becomes `key_pos`), or nullptr.
    json::value* take(std::string_view key, source_pos key_pos) {
        const std::size_t n = obj_.members.size();
        if (count_ == order_.size()) return nullptr;  // a larger object is rebuilt instead
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t i = (next_ + k) % n;  // in document order this is the first one tried
            if (obj_.members[i].key != key || taken(i)) continue;
            order_[count_++] = i;
            next_ = i + 1;
            json::member& m = obj_.members[i];
            m.key_pos = key_pos;
            return &m.val;
        }
        return nullptr;
    }
    // True when every member was taken; the members are then in the order of the take() calls.
    bool finish() {
        if (count_ != obj_.members.size()) return false;
        bool in_order = true;
        for (std::size_t k = 0; k < count_; ++k) in_order = in_order && order_[k] == k;
        if (in_order) return true;
        json::cow_vector<json::member> sorted;
        sorted.reserve(count_);
        for (std::size_t k = 0; k < count_; ++k) sorted.push_back(std::move(obj_.members[order_[k]]));
        obj_.members = std::move(sorted);
        return true;
    }

private:
    bool taken(std::size_t i) const noexcept {
        for (std::size_t k = 0; k < count_; ++k)
            if (order_[k] == i) return true;
        return false;
    }

    json::value& obj_;
    std::size_t next_ = 0;
    // The indices taken, in order. A statement has at most 6 members (Sid, Effect, Principal,
    // Action, Resource, Condition); an object with more than 8 (many condition keys under one
    // operator) is not kept: take() fails and the caller rebuilds it, which gives the same tree.
    std::array<std::size_t, 8> order_{};
    std::size_t count_ = 0;
};

// `v` becomes a one-element array holding what it was.
void wrap_in_array(json::value& v) {
    json::value inner;
    std::swap(inner, v);
    v.type = json::kind::array;
    v.items.reserve(1);  // a first push_back makes room for four: 10 MB of a 10^4-role account
    v.items.push_back(std::move(inner));
}

bool string_at(json::value* v, std::string_view text, source_pos pos) {
    if (v == nullptr || !v->is_string() || v->text != text) return false;
    v->pos = pos;
    return true;
}

// A condition value: the string `text`, or the boolean or number the parser read it from.
bool scalar_at(json::value* v, std::string_view text, source_pos pos) {
    if (v == nullptr) return false;
    if (v->is_bool() && text == (v->boolean ? "true" : "false")) {
        v->type = json::kind::string;
        v->text = text;
    } else if (v->is_number() && v->text == text) {
        v->type = json::kind::string;
    }
    return string_at(v, text, pos);
}

// An array of `size` elements; a lone scalar when `size` is 1 (it is wrapped).
bool array_at(json::value* v, std::size_t size, source_pos pos) {
    if (v == nullptr) return false;
    if (size == 1 && (v->is_string() || v->is_bool() || v->is_number())) wrap_in_array(*v);
    if (!v->is_array() || v->items.size() != size) return false;
    v->pos = pos;
    return true;
}

bool object_at(json::value* v, source_pos pos) {
    if (v == nullptr || !v->is_object()) return false;
    v->pos = pos;
    return true;
}

bool strings_at(json::value* v, const std::vector<policy::located_string>& values, source_pos pos) {
    if (!array_at(v, values.size(), pos)) return false;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!string_at(&v->items[i], values[i].text, values[i].pos)) return false;
    return true;
}

bool principal_at(json::value* v, const policy::principal_spec& p) {
    if (v != nullptr && p.wildcard && p.groups.empty() && v->is_string() && v->text == "*") {
        // `"*"` is normalised as {"AWS": ["*"]}
        json::value star;
        std::swap(star, *v);
        v->type = json::kind::object;
        json::member m;
        m.key = "AWS";
        m.val = std::move(star);
        v->members.push_back(std::move(m));
    }
    if (!object_at(v, p.pos)) return false;
    member_cursor c(*v);
    if (p.wildcard) {
        json::value* arr = c.take("AWS", p.pos);
        if (!array_at(arr, 1, p.pos) || !string_at(&arr->items[0], "*", p.pos)) return false;
    }
    for (const auto& g : p.groups) {
        json::value* arr = c.take(policy::to_string(g.type), g.pos);
        if (!array_at(arr, g.values.size(), g.pos)) return false;
        for (std::size_t i = 0; i < g.values.size(); ++i) {
            json::value& item = arr->items[i];
            const auto& pv = g.values[i];
            // an account id is normalised as its root ARN
            if (item.is_string() && item.text == pv.text && pv.canonical != pv.text) item.text = pv.canonical;
            if (!string_at(&item, pv.canonical, pv.pos)) return false;
        }
    }
    return c.finish();
}

bool condition_at(json::value* v, const std::vector<policy::condition_clause>& clauses, source_pos pos) {
    if (!object_at(v, pos)) return false;
    member_cursor ops(*v);
    for (std::size_t i = 0; i < clauses.size();) {
        const std::string& op = clauses[i].op_text.text;
        json::value* keys = ops.take(op, clauses[i].op_text.pos);
        if (!object_at(keys, clauses[i].op_text.pos)) return false;
        member_cursor kc(*keys);
        for (; i < clauses.size() && clauses[i].op_text.text == op; ++i) {
            const auto& cl = clauses[i];
            json::value* arr = kc.take(cl.key.text, cl.key.pos);
            if (!array_at(arr, cl.values.size(), cl.values.empty() ? cl.key.pos : cl.values.front().pos)) return false;
            for (std::size_t k = 0; k < cl.values.size(); ++k)
                if (!scalar_at(&arr->items[k], cl.values[k].text, cl.values[k].pos)) return false;
        }
        if (!kc.finish()) return false;
    }
    return ops.finish();
}

bool statement_at(json::value* v, const policy::statement& st) {
    if (!object_at(v, st.pos)) return false;
    member_cursor c(*v);
    if (st.sid && !string_at(c.take("Sid", st.sid->pos), st.sid->text, st.sid->pos)) return false;
    if (st.eff && !string_at(c.take("Effect", st.effect_pos), *st.eff == policy::effect::allow ? "Allow" : "Deny",
                             st.effect_pos))
        return false;
    if (st.principal &&
        !principal_at(c.take(st.principal->negated ? "NotPrincipal" : "Principal", st.principal->pos), *st.principal))
        return false;
    if (st.action && !strings_at(c.take(st.action->negated ? "NotAction" : "Action", st.action->pos),
                                 st.action->values, st.action->pos))
        return false;
    if (st.resource && !strings_at(c.take(st.resource->negated ? "NotResource" : "Resource", st.resource->pos),
                                   st.resource->values, st.resource->pos))
        return false;
    if (!st.conditions.empty() &&
        !condition_at(c.take("Condition", st.condition_pos), st.conditions, st.condition_pos))
        return false;
    return c.finish();
}

}  // namespace

bool relocate_as_policy(json::value& node, const policy::document& doc, source_pos fallback) {
    if (!object_at(&node, doc.pos.line == 0 ? fallback : doc.pos)) return false;
    member_cursor c(node);
    if (doc.version_text &&
        !string_at(c.take("Version", doc.version_text->pos), doc.version_text->text, doc.version_text->pos))
        return false;
    if (doc.id && !string_at(c.take("Id", doc.id->pos), doc.id->text, doc.id->pos)) return false;
    json::value* arr = c.take("Statement", doc.statement_pos);
    // a lone statement object is a list of one
    if (arr != nullptr && arr->is_object() && doc.statements.size() == 1) wrap_in_array(*arr);
    if (!array_at(arr, doc.statements.size(), doc.statement_pos)) return false;
    for (std::size_t i = 0; i < doc.statements.size(); ++i)
        if (!statement_at(&arr->items[i], doc.statements[i])) return false;
    return c.finish();
}

}  // namespace iamguard::entity::detail
