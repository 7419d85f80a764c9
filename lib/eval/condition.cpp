// SPDX-License-Identifier: Apache-2.0
// Condition semantics (iam-semantics.md §4): AND across clauses (done by the caller), OR across
// the values of a positive operator, NOR across those of a negated one; missing keys, IfExists,
// Null and the ForAllValues/ForAnyValue qualifiers as AWS documents them.
//
// Documented choices for what AWS leaves open (§7):
// - a multivalued request key used by an operator without a set qualifier never matches;
// - an unparseable request value makes the clause false whatever the negation (fail closed);
//   an unparseable policy value never matches, and makes a negated clause false;
// - Null treats a key present with the empty string or an empty list as absent ("null data set");
// - IgnoreCase operators fold ASCII letters only.
#include "condition.hpp"

#include <algorithm>

#include <iamguard/eval/arn_match.hpp>
#include <iamguard/eval/base64.hpp>
#include <iamguard/eval/date.hpp>
#include <iamguard/eval/glob.hpp>
#include <iamguard/eval/ip.hpp>
#include <iamguard/eval/number.hpp>

namespace iamguard::eval::detail {
namespace {

using policy::condition_base;
using policy::operator_family;

// The outcome of comparing one policy value with one request value.
enum class tri : unsigned char { no, yes, error };

// A request value parsed for the operator family; `ok` false when it does not parse.
struct parsed_request {
    bool ok = true;
    std::string_view text;
    decimal num;
    instant when;
    ip_address ip;
};

parsed_request parse_request_value(operator_family fam, std::string_view v) {
    parsed_request r;
    r.text = v;
    switch (fam) {
        case operator_family::numeric: {
            auto d = parse_decimal(v);
            r.ok = d.has_value();
            if (d) r.num = *d;
            break;
        }
        case operator_family::date: {
            auto d = parse_date(v);
            r.ok = d.has_value();
            if (d) r.when = *d;
            break;
        }
        case operator_family::ip: {
            auto a = parse_ip(v);
            r.ok = a.has_value();
            if (a) r.ip = *a;
            break;
        }
        case operator_family::boolean: r.ok = iequals(v, "true") || iequals(v, "false"); break;
        case operator_family::arn: r.ok = v.substr(0, 4) == "arn:" && std::count(v.begin(), v.end(), ':') >= 5; break;
        default: break;
    }
    return r;
}

bool ordered(condition_base b, int cmp) noexcept {
    switch (b) {
        case condition_base::numeric_equals:
        case condition_base::date_equals: return cmp == 0;
        case condition_base::numeric_less_than:
        case condition_base::date_less_than: return cmp < 0;
        case condition_base::numeric_less_than_equals:
        case condition_base::date_less_than_equals: return cmp <= 0;
        case condition_base::numeric_greater_than:
        case condition_base::date_greater_than: return cmp > 0;
        case condition_base::numeric_greater_than_equals:
        case condition_base::date_greater_than_equals: return cmp >= 0;
        default: return false;
    }
}

// Compares policy value `p` with request value `r` under the POSITIVE base `b`.
tri match_base(condition_base b, const c_value& p, const parsed_request& r, const request_context& ctx, bool vars,
               text_buffer& buf) {
    const bool subst = vars && p.has_vars;
    switch (b) {
        case condition_base::string_equals:
        case condition_base::string_equals_ignore_case: {
            std::string_view pv = p.text;
            if (subst) {
                if (!substitute(p.text, ctx, subst_mode::plain, buf)) return tri::no;  // unresolved
                pv = buf.view();
            }
            const bool eq = b == condition_base::string_equals ? pv == r.text : iequals(pv, r.text);
            return eq ? tri::yes : tri::no;
        }
        case condition_base::string_like: {
            if (!subst) return glob_match(p.text, r.text) ? tri::yes : tri::no;
            if (!substitute(p.text, ctx, subst_mode::pattern, buf)) return tri::no;
            return glob_match(buf.view(), r.text, case_mode::sensitive, pattern_syntax::escaped) ? tri::yes : tri::no;
        }
        case condition_base::arn_equals:
        case condition_base::arn_like: {
            std::string_view pv = p.text;
            pattern_syntax syn = pattern_syntax::raw;
            if (subst) {
                if (!substitute(p.text, ctx, subst_mode::pattern, buf)) return tri::no;
                pv = buf.view();
                syn = pattern_syntax::escaped;
            }
            if (pv.substr(0, 4) != "arn:" || std::count(pv.begin(), pv.end(), ':') < 5) return tri::error;
            return arn_like(pv, r.text, syn) ? tri::yes : tri::no;
        }
        case condition_base::numeric_equals:
        case condition_base::numeric_less_than:
        case condition_base::numeric_less_than_equals:
        case condition_base::numeric_greater_than:
        case condition_base::numeric_greater_than_equals: {
            const auto d = parse_decimal(p.text);
            if (!d) return tri::error;
            return ordered(b, compare(r.num, *d)) ? tri::yes : tri::no;
        }
        case condition_base::date_equals:
        case condition_base::date_less_than:
        case condition_base::date_less_than_equals:
        case condition_base::date_greater_than:
        case condition_base::date_greater_than_equals: {
            if (!p.date) return tri::error;
            const auto c = r.when <=> *p.date;
            const int cmp = c < 0 ? -1 : (c > 0 ? 1 : 0);
            return ordered(b, cmp) ? tri::yes : tri::no;
        }
        case condition_base::bool_: {
            std::string_view pv = p.text;
            if (subst) {
                if (!substitute(p.text, ctx, subst_mode::plain, buf)) return tri::no;
                pv = buf.view();
            }
            if (!iequals(pv, "true") && !iequals(pv, "false")) return tri::no;
            return iequals(pv, r.text) ? tri::yes : tri::no;
        }
        case condition_base::binary_equals:
            if (!p.bytes) return tri::error;
            return base64_equals_bytes(r.text, *p.bytes) ? tri::yes : tri::no;
        case condition_base::ip_address:
            if (!p.cidr) return tri::error;
            return contains(*p.cidr, r.ip) ? tri::yes : tri::no;
        default: return tri::error;
    }
}

// pm(x): does request value x match any policy value (positive base)? error when no value matched
// and at least one policy value could not be evaluated.
tri any_policy_value(const c_clause& cl, condition_base pos, const parsed_request& r, const request_context& ctx,
                     bool vars, text_buffer& buf) {
    bool error = false;
    for (const auto& p : cl.values) {
        const tri t = match_base(pos, p, r, ctx, vars, buf);
        if (t == tri::yes) return tri::yes;
        if (t == tri::error) error = true;
    }
    return error ? tri::error : tri::no;
}

bool null_data(const context_value* v) noexcept {
    return v == nullptr || (v->multi && v->values.empty()) || (!v->multi && (v->values.empty() || v->values[0].empty()));
}

}  // namespace

bool clause_holds(const c_clause& cl, const request_context& ctx, bool vars, text_buffer& buf) {
    const condition_base base = cl.op.base;
    if (base == condition_base::unknown) return false;
    const context_value* v = ctx.find_lower(cl.key_lower);

    if (base == condition_base::null_) {
        // Set qualifiers on Null are undocumented; they are read as plain Null.
        const bool absent = null_data(v);
        for (const auto& p : cl.values) {
            if (iequals(p.text, "true") && absent) return true;
            if (iequals(p.text, "false") && !absent) return true;
        }
        return false;
    }

    const bool negated = cl.negated;
    const condition_base pos = cl.positive;
    const operator_family fam = cl.fam;

    if (v == nullptr) {
        if (cl.op.if_exists) return true;
        if (cl.op.qualifier == policy::set_qualifier::for_all_values) return true;
        if (cl.op.qualifier == policy::set_qualifier::for_any_value) return false;
        return negated;
    }

    if (cl.op.qualifier == policy::set_qualifier::none) {
        if (v->multi || v->values.empty()) return false;
        const parsed_request r = parse_request_value(fam, v->values.front());
        if (!r.ok) return false;
        const tri m = any_policy_value(cl, pos, r, ctx, vars, buf);
        if (negated) return m == tri::no;
        return m == tri::yes;
    }

    // ForAllValues / ForAnyValue: the request values form a set; the empty string and the empty
    // list are the empty set.
    const bool all = cl.op.qualifier == policy::set_qualifier::for_all_values;
    std::size_t count = 0;
    for (const auto& x : v->values) {
        if (!v->multi && x.empty()) continue;
        ++count;
        const parsed_request r = parse_request_value(fam, x);
        tri m = r.ok ? any_policy_value(cl, pos, r, ctx, vars, buf) : tri::error;
        // For a negated base each element must (ForAll) or may (ForAny) match no policy value.
        bool element_ok;
        if (m == tri::error) element_ok = false;
        else element_ok = negated ? m == tri::no : m == tri::yes;
        if (all && !element_ok) return false;
        if (!all && element_ok) return true;
    }
    // Empty set: ForAllValues is vacuously true, ForAnyValue false; otherwise the loop decided
    // every element (ForAll: all ok; ForAny: none ok).
    (void)count;
    return all;
}

}  // namespace iamguard::eval::detail
