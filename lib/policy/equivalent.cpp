// SPDX-License-Identifier: Apache-2.0
// equivalent.cpp: content equality of two ASTs, ignoring source positions.
#include <iamguard/policy/ast.hpp>

#include <algorithm>

namespace iamguard::policy {
namespace {

bool same(const located_string& a, const located_string& b) noexcept { return a.text == b.text; }

template <class T, class F>
bool same_list(const std::vector<T>& a, const std::vector<T>& b, F eq) noexcept {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), eq);
}

bool same(const std::optional<located_string>& a, const std::optional<located_string>& b) noexcept {
    return a.has_value() == b.has_value() && (!a || a->text == b->text);
}

bool same(const std::optional<pattern_list>& a, const std::optional<pattern_list>& b) noexcept {
    if (a.has_value() != b.has_value()) return false;
    if (!a) return true;
    return a->negated == b->negated && a->list_form == b->list_form &&
           same_list(a->values, b->values, [](const located_string& x, const located_string& y) { return same(x, y); });
}

bool same(const std::optional<principal_spec>& a, const std::optional<principal_spec>& b) noexcept {
    if (a.has_value() != b.has_value()) return false;
    if (!a) return true;
    return a->negated == b->negated && a->wildcard == b->wildcard &&
           same_list(a->groups, b->groups, [](const principal_group& x, const principal_group& y) {
               return x.type == y.type && x.list_form == y.list_form &&
                      same_list(x.values, y.values, [](const principal_value& p, const principal_value& q) {
                          return p.text == q.text && p.canonical == q.canonical;
                      });
           });
}

bool same(const condition_clause& a, const condition_clause& b) noexcept {
    return a.op == b.op && same(a.op_text, b.op_text) && same(a.key, b.key) && a.key_lower == b.key_lower &&
           a.list_form == b.list_form &&
           same_list(a.values, b.values, [](const condition_value& x, const condition_value& y) {
               return x.text == y.text && x.form == y.form;
           });
}

bool same(const statement& a, const statement& b) noexcept {
    return a.index == b.index && same(a.sid, b.sid) && a.eff == b.eff && same(a.principal, b.principal) &&
           same(a.action, b.action) && same(a.resource, b.resource) &&
           same_list(a.conditions, b.conditions, [](const condition_clause& x, const condition_clause& y) { return same(x, y); });
}

}  // namespace

bool equivalent(const document& a, const document& b) noexcept {
    return a.ver == b.ver && same(a.version_text, b.version_text) && same(a.id, b.id) &&
           a.statement_list_form == b.statement_list_form &&
           same_list(a.statements, b.statements, [](const statement& x, const statement& y) { return same(x, y); });
}

std::string_view to_string(principal_type t) noexcept {
    switch (t) {
        case principal_type::aws: return "AWS";
        case principal_type::service: return "Service";
        case principal_type::federated: return "Federated";
        case principal_type::canonical_user: return "CanonicalUser";
    }
    return "AWS";
}

}  // namespace iamguard::policy
