// SPDX-License-Identifier: Apache-2.0
#include <iamguard/eval/prepared_policy.hpp>

#include <iamguard/eval/base64.hpp>
#include <iamguard/eval/date.hpp>
#include <iamguard/eval/glob.hpp>
#include <iamguard/eval/ip.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/policy/arn.hpp>

#include "compiled.hpp"

#include <memory>
#include <stdexcept>

namespace iamguard::eval {
namespace {

using namespace detail;

bool mentions_variable(std::string_view s) noexcept { return s.find("${") != std::string_view::npos; }

c_patterns compile_patterns(const std::optional<policy::pattern_list>& pl, bool vars, bool actions) {
    c_patterns out;
    if (!pl) return out;
    out.present = true;
    out.negated = pl->negated;
    out.items.reserve(pl->values.size());
    for (const auto& v : pl->values) {
        c_pattern p;
        p.text = v.text;
        p.has_vars = vars && mentions_variable(v.text);
        p.star = v.text == "*";
        if (actions) {
            const std::size_t colon = p.text.find(':');
            // Valid: `*`, or `service:name` with a literal service and a non-empty name.
            p.action_valid = p.star || (colon != std::string::npos && colon > 0 && colon + 1 < p.text.size() &&
                                        !has_wildcard(std::string_view(p.text).substr(0, colon)));
            p.service_len = colon == std::string::npos ? 0 : colon;
        } else if (!p.has_vars && !p.star && p.text.substr(0, 4) == "arn:") {
            // One pass: where each of the first six fields starts, and which have a wildcard.
            std::uint32_t n = 0;
            std::uint8_t wild = 0;
            p.field_start[0] = 0;
            for (std::uint32_t i = 0; i < p.text.size(); ++i) {
                const char ch = p.text[i];
                if (ch == ':' && n < 5) {
                    p.field_start[++n] = i + 1;
                } else if (ch == '*' || ch == '?') {
                    wild = static_cast<std::uint8_t>(wild | (1u << n));
                }
            }
            if (n == 5) {
                p.arn6 = true;
                p.field_start[6] = static_cast<std::uint32_t>(p.text.size() + 1);
                p.wild = wild;
            }
        }
        out.items.push_back(std::move(p));
    }
    return out;
}

c_principal_entry compile_principal_value(policy::principal_type type, const policy::principal_value& v) {
    c_principal_entry e;
    e.type = type;
    e.value = v.canonical.empty() ? v.text : v.canonical;
    if (type != policy::principal_type::aws) return e;
    if (e.value == "*") {
        e.how = aws_match::any;
        return e;
    }
    if (policy::is_account_id(e.value)) e.value = policy::canonical_aws_principal(e.value);
    const auto parts = policy::split_arn(e.value);
    if (!parts) return e;
    if (parts->service == "iam" && parts->resource == "root") {
        e.how = aws_match::account;
        e.account = std::string(parts->account);
    } else if (parts->service == "iam" && parts->resource.substr(0, 5) == "role/") {
        e.how = aws_match::role;
        e.account = std::string(parts->account);
        e.role_name = std::string(parts->resource.substr(parts->resource.rfind('/') + 1));
    }
    return e;
}

c_principal compile_principal(const std::optional<policy::principal_spec>& ps) {
    c_principal out;
    if (!ps) return out;
    out.present = true;
    out.negated = ps->negated;
    out.wildcard = ps->wildcard;
    std::size_t n = 0;
    for (const auto& g : ps->groups) n += g.values.size();
    out.entries.reserve(n);
    for (const auto& g : ps->groups) {
        for (const auto& v : g.values) {
            auto e = compile_principal_value(g.type, v);
            if (e.how == aws_match::any) out.wildcard = true;
            out.entries.push_back(std::move(e));
        }
    }
    return out;
}

c_clause compile_clause(const policy::condition_clause& cl, bool vars) {
    c_clause out;
    out.op = cl.op;
    out.op_text = cl.op_text.text;
    out.key = cl.key.text;
    out.key_lower = ascii_lower(cl.key.text);
    out.fam = policy::family(cl.op.base);
    out.positive = policy::positive_of(cl.op.base);
    out.negated = policy::is_negated(cl.op.base);
    const auto fam = out.fam;
    const bool var_ok = vars && policy::allows_variables(cl.op.base);
    out.values.reserve(cl.values.size());
    for (const auto& v : cl.values) {
        c_value cv;
        cv.text = v.text;
        cv.has_vars = var_ok && mentions_variable(v.text);
        if (fam == policy::operator_family::date) cv.date = parse_date(v.text);
        if (fam == policy::operator_family::ip) cv.cidr = parse_cidr(v.text);
        if (fam == policy::operator_family::binary) cv.bytes = base64_decode(v.text);
        out.values.push_back(std::move(cv));
    }
    return out;
}

}  // namespace

prepared_policy::prepared_policy(const policy::document& doc, std::string name)
    : prepared_policy(std::make_shared<const policy::document>(doc), std::move(name)) {}

prepared_policy::prepared_policy(std::shared_ptr<const policy::document> shared, std::string name) {
    if (shared == nullptr) throw std::invalid_argument("eval::prepared_policy: null document");
    auto c = std::make_shared<compiled_policy>();
    c->source = std::move(shared);
    const policy::document& doc = *c->source;
    c->name = std::move(name);
    c->ver = doc.ver;
    c->vars = policy::variables_enabled(doc.ver);
    c->statements.reserve(doc.statements.size());
    for (const auto& st : doc.statements) {
        c_statement s;
        s.index = st.index;
        if (st.sid) s.sid = st.sid->text;
        s.valid = st.eff.has_value() && st.action.has_value();
        s.eff = st.eff.value_or(policy::effect::deny);
        s.action = compile_patterns(st.action, false, true);  // no variables in Action
        s.resource = compile_patterns(st.resource, c->vars, false);
        s.principal = compile_principal(st.principal);
        s.clauses.reserve(st.conditions.size());
        for (const auto& cl : st.conditions) s.clauses.push_back(compile_clause(cl, c->vars));
        c->statements.push_back(std::move(s));
    }
    impl_ = std::move(c);
}

const std::string& prepared_policy::name() const noexcept { return impl_->name; }
policy::version prepared_policy::version() const noexcept { return impl_->ver; }
std::size_t prepared_policy::statement_count() const noexcept { return impl_->statements.size(); }

std::string_view prepared_policy::sid(std::size_t i) const noexcept {
    return i < impl_->statements.size() ? std::string_view(impl_->statements[i].sid) : std::string_view();
}

policy::effect prepared_policy::effect(std::size_t i) const noexcept {
    return i < impl_->statements.size() ? impl_->statements[i].eff : policy::effect::deny;
}

std::size_t prepared_policy::clause_count(std::size_t i) const noexcept {
    return i < impl_->statements.size() ? impl_->statements[i].clauses.size() : 0;
}

std::string prepared_policy::clause_text(std::size_t i, std::size_t c) const {
    if (i >= impl_->statements.size() || c >= impl_->statements[i].clauses.size()) return {};
    const auto& cl = impl_->statements[i].clauses[c];
    std::string out(cl.op_text);
    out += ' ';
    out += cl.key;
    out += " [";
    for (std::size_t k = 0; k < cl.values.size(); ++k) {
        if (k) out += ", ";
        json::append_quoted(out, cl.values[k].text);
    }
    out += "]";
    return out;
}

}  // namespace iamguard::eval
