// SPDX-License-Identifier: Apache-2.0
// Request evaluation (iam-semantics.md §5): per-policy statement matching, then the decision
// algorithm across identity, resource, boundary, session, SCP, RCP and VPC endpoint policies.
#include <iamguard/eval/evaluate.hpp>

#include <array>
#include <string>

#include <iamguard/eval/glob.hpp>

#include "compiled.hpp"
#include "condition.hpp"
#include "variables.hpp"

namespace iamguard::eval {
namespace {

using namespace detail;

// Everything one evaluation needs besides the policies.
struct eval_context {
    const request& req;
    principal_info who;
    bool has_boundary = false;
    const evaluate_options& opts;
    trace* t = nullptr;
    text_buffer buf;
    // The request resource split into its six ARN fields, computed on first use.
    std::array<std::string_view, 6> res_fields{};
    signed char res_state = -1;  // -1 not yet split, 0 not a six-field ARN, 1 split

    bool split_resource() noexcept {
        if (res_state < 0) {
            const std::string_view r = req.resource;
            res_state = 0;
            if (r.substr(0, 4) == "arn:") {
                std::size_t n = 0, start = 0;
                for (std::size_t i = 0; i < r.size() && n < 5; ++i) {
                    if (r[i] == ':') {
                        res_fields[n++] = r.substr(start, i - start);
                        start = i + 1;
                    }
                }
                if (n == 5) {
                    res_fields[5] = r.substr(start);
                    res_state = 1;
                }
            }
        }
        return res_state == 1;
    }
};

// A pre-split six-field pattern against the request resource: literal fields compare directly,
// only fields with wildcards are globbed. Same result as resource_matches().
bool presplit_matches(const c_pattern& p, eval_context& ec) noexcept {
    if (ec.req.resource == "*" || !ec.split_resource()) return false;
    const std::string_view text = p.text;
    for (std::size_t f = 0; f < 6; ++f) {
        const std::string_view field = text.substr(p.field_start[f], p.field_start[f + 1] - 1 - p.field_start[f]);
        if ((p.wild >> f) & 1u) {
            if (!glob_match(field, ec.res_fields[f])) return false;
        } else if (field != ec.res_fields[f]) {
            return false;
        }
    }
    return true;
}

pattern_origin origin_of(policy_slot s) noexcept {
    switch (s) {
        case policy_slot::identity: return pattern_origin::identity;
        case policy_slot::resource: return pattern_origin::resource;
        case policy_slot::boundary: return pattern_origin::boundary;
        case policy_slot::session: return pattern_origin::session;
        case policy_slot::scp: return pattern_origin::scp;
        case policy_slot::rcp: return pattern_origin::rcp;
        case policy_slot::vpc_endpoint: return pattern_origin::vpc_endpoint;
    }
    return pattern_origin::identity;
}

// One prepared Action pattern against the request action (same result as action_matches()).
bool action_pattern_matches(const c_pattern& p, std::string_view action) noexcept {
    if (p.star) return true;
    if (!p.action_valid) return false;
    // Quick reject on the literal service prefix before globbing the whole name.
    const std::size_t n = p.service_len;
    if (action.size() <= n || action[n] != ':' || !iequals(p.text.substr(0, n), action.substr(0, n)))
        return false;
    return glob_match(p.text.substr(n + 1), action.substr(n + 1), case_mode::ascii_fold);
}

bool actions_match(const c_patterns& a, std::string_view action) noexcept {
    if (!a.present) return false;
    bool any = false;
    for (const auto& p : a.items) {
        if (action_pattern_matches(p, action)) {
            any = true;
            break;
        }
    }
    return a.negated ? !any : any;
}

// actions_match() for an Action/NotAction element as parsed.
bool actions_cover(const policy::pattern_list& a, std::string_view action) noexcept {
    bool any = false;
    for (const auto& p : a.values) {
        if (action_matches(p.text, action)) {
            any = true;
            break;
        }
    }
    return a.negated ? !any : any;
}

bool resources_match(const c_patterns& r, bool vars, eval_context& ec, policy_slot slot) {
    if (!r.present) return true;  // trust policies have no Resource element
    bool any = false, error = false;
    for (const auto& p : r.items) {
        if (p.star || (p.arn6 && presplit_matches(p, ec))) {
            any = true;
            break;
        }
        if (p.arn6) continue;  // a full ARN pattern that did not match
        std::string_view text = p.text;
        pattern_syntax syn = pattern_syntax::raw;
        if (vars && p.has_vars) {
            // An unresolved variable: this pattern matches no resource (Resource and NotResource).
            if (!substitute(p.text, ec.req.context, subst_mode::pattern, ec.buf)) continue;
            text = ec.buf.view();
            syn = pattern_syntax::escaped;
        }
        const match_result m = resource_matches(text, ec.req.resource, syn, ec.opts.short_arns, origin_of(slot));
        if (m == match_result::match) {
            any = true;
            break;
        }
        if (m == match_result::error) error = true;
    }
    if (r.negated) return !any && !error;
    return any;
}

bool role_names_equal(std::string_view a, std::string_view b, bool ignore_case) noexcept {
    return ignore_case ? iequals(a, b) : a == b;
}

// The class (bits) with which one principal entry names the caller, or 0.
std::uint8_t entry_classes(const c_principal_entry& e, const principal_info& who, bool ignore_case) noexcept {
    if (e.type == policy::principal_type::aws) {
        switch (e.how) {
            case aws_match::any: return class_any;
            case aws_match::account:
                if (who.kind == principal_kind::anonymous || who.account.empty()) return 0;
                return who.account == e.account ? class_account : 0;
            case aws_match::role:
                if ((who.kind == principal_kind::role_session || who.kind == principal_kind::iam_role) &&
                    who.account == e.account && role_names_equal(who.role_name, e.role_name, ignore_case))
                    return class_role;
                return 0;
            case aws_match::exact:
                return who.kind != principal_kind::anonymous && who.text == e.value ? class_direct : 0;
        }
        return 0;
    }
    // Service, Federated and CanonicalUser entries compare the identity exactly.
    return who.kind != principal_kind::anonymous && who.text == e.value ? class_direct : 0;
}

std::uint8_t principal_classes(const c_principal& p, const principal_info& who, bool ignore_case) noexcept {
    if (p.wildcard) return class_any;
    std::uint8_t bits = 0;
    for (const auto& e : p.entries) bits |= entry_classes(e, who, ignore_case);
    return bits;
}

// NotPrincipal: is the caller exempt? With Deny (the documented use), only when every link of its
// chain is listed: account, then role, then session for role sessions; account then user for
// users (iam-semantics.md §3.3). Allow + NotPrincipal is unsupported by AWS; there any listed
// entry that names the caller (its account included) exempts it, which grants the least.
bool exempt(const c_principal& p, const principal_info& who, bool ignore_case, policy::effect eff) noexcept {
    if (p.wildcard) return true;
    if (who.kind == principal_kind::anonymous) return false;
    if (eff == policy::effect::allow) return principal_classes(p, who, ignore_case) != 0;
    bool account = false, role = false, exact = false;
    for (const auto& e : p.entries) {
        const std::uint8_t c = entry_classes(e, who, ignore_case);
        account = account || (c & class_account) != 0;
        role = role || (c & class_role) != 0;
        exact = exact || (c & class_direct) != 0;
    }
    switch (who.kind) {
        case principal_kind::account_root: return account;
        case principal_kind::iam_user:
        case principal_kind::federated_user:
        case principal_kind::other_arn: return account && exact;
        case principal_kind::iam_role: return account && role;
        case principal_kind::role_session: return account && role && exact;
        case principal_kind::service: return exact;
        case principal_kind::anonymous: return false;
    }
    return false;
}

bool has_principal_check(policy_slot s) noexcept {
    return s == policy_slot::resource || s == policy_slot::rcp || s == policy_slot::vpc_endpoint;
}

struct statement_eval {
    statement_outcome outcome = statement_outcome::applied;
    std::int32_t failed_clause = -1;
    std::uint8_t classes = 0;
};

statement_eval eval_statement(const compiled_policy& cp, const c_statement& st, policy_slot slot, eval_context& ec) {
    statement_eval r;
    if (!st.valid) {
        r.outcome = statement_outcome::invalid;
        return r;
    }
    if (!actions_match(st.action, ec.req.action)) {
        r.outcome = statement_outcome::action_mismatch;
        return r;
    }
    if (!resources_match(st.resource, cp.vars, ec, slot)) {
        r.outcome = statement_outcome::resource_mismatch;
        return r;
    }
    if (has_principal_check(slot)) {
        const bool ic = ec.opts.role_name_ignore_case;
        if (!st.principal.present) {
            // A resource-policy statement without Principal never applies; RCP and VPC endpoint
            // statements without one apply to everyone.
            if (slot == policy_slot::resource) {
                r.outcome = statement_outcome::principal_mismatch;
                return r;
            }
            r.classes = class_any;
        } else if (st.principal.negated) {
            // Gotcha (access_policies_boundaries): a Deny with NotPrincipal always applies to an
            // IAM user or role that has a permissions boundary.
            const bool bounded = ec.has_boundary && st.eff == policy::effect::deny &&
                                 (ec.who.kind == principal_kind::iam_user || ec.who.kind == principal_kind::role_session ||
                                  ec.who.kind == principal_kind::iam_role);
            if (!bounded && exempt(st.principal, ec.who, ic, st.eff)) {
                r.outcome = statement_outcome::principal_mismatch;
                return r;
            }
            r.classes = class_any;
        } else {
            r.classes = principal_classes(st.principal, ec.who, ic);
            if (r.classes == 0) {
                r.outcome = statement_outcome::principal_mismatch;
                return r;
            }
        }
    }
    for (std::size_t c = 0; c < st.clauses.size(); ++c) {
        if (!clause_holds(st.clauses[c], ec.req.context, cp.vars, ec.buf)) {
            r.outcome = statement_outcome::condition_false;
            r.failed_clause = static_cast<std::int32_t>(c);
            return r;
        }
    }
    return r;
}

// Evaluates one policy; records statements into the trace.
policy_result eval_one(const prepared_policy& p, policy_slot slot, std::uint16_t level, eval_context& ec) {
    policy_result res;
    const compiled_policy& cp = p.compiled();
    for (const auto& st : cp.statements) {
        const statement_eval se = eval_statement(cp, st, slot, ec);
        const bool applied = se.outcome == statement_outcome::applied;
        if (applied) {
            if (st.eff == policy::effect::deny) {
                res.effect = policy_effect::deny;
            } else {
                if (res.effect == policy_effect::none) res.effect = policy_effect::allow;
                res.classes |= se.classes;
            }
        }
        if (ec.t != nullptr && (applied || ec.t->record_all)) {
            ec.t->statements.push_back(
                {slot, level, &p, st.index, st.eff, se.outcome, se.failed_clause, se.classes});
        }
    }
    return res;
}

// The combined result of a list of policies.
struct set_result {
    bool deny = false;
    bool allow = false;
    std::uint8_t classes = 0;
};

set_result eval_list(const std::vector<const prepared_policy*>& list, policy_slot slot, std::uint16_t level,
                     eval_context& ec) {
    set_result r;
    for (const prepared_policy* p : list) {
        if (p == nullptr) continue;
        const policy_result pr = eval_one(*p, slot, level, ec);
        if (pr.effect == policy_effect::deny) r.deny = true;
        if (pr.effect == policy_effect::allow) {
            r.allow = true;
            r.classes |= pr.classes;
        }
    }
    return r;
}

bool starts_with_icase(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// Marks the applying statements of the given effect as deciding.
void mark_deciding(trace* t, policy::effect eff) {
    if (t == nullptr) return;
    for (std::size_t i = 0; i < t->statements.size(); ++i) {
        const auto& s = t->statements[i];
        if (s.outcome == statement_outcome::applied && s.effect == eff) t->deciding.push_back(static_cast<std::uint32_t>(i));
    }
}

decision finish(trace* t, decision d, gate g, std::string_view reason) {
    if (t != nullptr) {
        t->result = d;
        t->failed_gate = g;
        t->reason = reason;
        if (d == decision::explicit_deny) mark_deciding(t, policy::effect::deny);
        if (d == decision::allow) mark_deciding(t, policy::effect::allow);
    }
    return d;
}

}  // namespace

decision evaluate(const policy_set& set, const request& req, trace* t, const evaluate_options& opts) {
    if (t != nullptr) t->clear();
    eval_context ec{req, describe_principal(req.principal), !set.boundaries.empty(), opts, t, {}};
    const principal_kind kind = ec.who.kind;

    if (opts.service_rules && iequals(req.action, "sts:GetCallerIdentity"))
        return finish(t, decision::allow, gate::none, "sts:GetCallerIdentity needs no permission");

    const set_result id = eval_list(set.identity, policy_slot::identity, 0, ec);
    set_result res;
    if (set.resource != nullptr) {
        const policy_result pr = eval_one(*set.resource, policy_slot::resource, 0, ec);
        res.deny = pr.effect == policy_effect::deny;
        res.allow = pr.effect == policy_effect::allow;
        res.classes = pr.classes;
    }
    const set_result bnd = eval_list(set.boundaries, policy_slot::boundary, 0, ec);
    set_result ses;
    if (set.session != nullptr) {
        const policy_result pr = eval_one(*set.session, policy_slot::session, 0, ec);
        ses.deny = pr.effect == policy_effect::deny;
        ses.allow = pr.effect == policy_effect::allow;
    }

    // SCPs filter principals of member accounts; anonymous callers and services are not subject.
    const bool scp_applies = kind != principal_kind::anonymous && kind != principal_kind::service;
    bool scp_deny = false, scp_gap = false;
    if (scp_applies) {
        for (std::size_t l = 0; l < set.scp_levels.size(); ++l) {
            const set_result r = eval_list(set.scp_levels[l], policy_slot::scp, static_cast<std::uint16_t>(l), ec);
            scp_deny = scp_deny || r.deny;
            scp_gap = scp_gap || !r.allow;
        }
    }
    bool rcp_deny = false, rcp_gap = false;
    for (std::size_t l = 0; l < set.rcp_levels.size(); ++l) {
        const set_result r = eval_list(set.rcp_levels[l], policy_slot::rcp, static_cast<std::uint16_t>(l), ec);
        rcp_deny = rcp_deny || r.deny;
        rcp_gap = rcp_gap || !r.allow;
    }
    const bool has_vpce = !set.vpc_endpoint.empty();
    const set_result vpce = eval_list(set.vpc_endpoint, policy_slot::vpc_endpoint, 0, ec);

    // 1. An explicit deny anywhere wins.
    if (id.deny || res.deny || bnd.deny || ses.deny || scp_deny || rcp_deny || vpce.deny)
        return finish(t, decision::explicit_deny, gate::none, "an applicable statement denies the request");

    // 2. Guardrails: every SCP level, every RCP level and the VPC endpoint policy must allow.
    if (scp_gap) return finish(t, decision::implicit_deny, gate::scp, "a service control policy level does not allow the request");
    if (rcp_gap) return finish(t, decision::implicit_deny, gate::rcp, "a resource control policy level does not allow the request");
    if (has_vpce && !vpce.allow)
        return finish(t, decision::implicit_deny, gate::vpc_endpoint, "the VPC endpoint policy does not allow the request");

    // 3. Grants.
    const std::uint8_t R = res.allow ? res.classes : 0;
    if (kind == principal_kind::anonymous) {
        if ((R & class_any) != 0) return finish(t, decision::allow, gate::none, "the resource policy allows everyone");
        return finish(t, decision::implicit_deny, gate::resource, "no resource policy allows anonymous access");
    }
    if (kind == principal_kind::service) {
        if ((R & (class_any | class_direct)) != 0)
            return finish(t, decision::allow, gate::none, "the resource policy allows the service principal");
        return finish(t, decision::implicit_deny, gate::resource, "no resource policy allows the service principal");
    }

    // The root user has full access on the identity side; a federated-user session always carries
    // a session policy and has no permissions without one.
    const bool id_allow = id.allow || kind == principal_kind::account_root;
    const bool bnd_ok = !ec.has_boundary || bnd.allow;
    const bool ses_ok = set.session != nullptr ? ses.allow : kind != principal_kind::federated_user;
    const bool id_side = id_allow && bnd_ok && ses_ok;

    const bool same_account = !ec.who.account.empty() && ec.who.account == req.resource_account;
    // Role trust policies and KMS key policies must allow explicitly: an identity-side Allow alone
    // never suffices. Every KMS key has a key policy, so a key request without one is denied.
    const bool kms_key = starts_with_icase(req.action, "kms:") && req.resource.find(":key/") != std::string::npos;
    const bool must_explicit = opts.service_rules && (starts_with_icase(req.action, "sts:AssumeRole") || kms_key);

    const auto implicit = [&](bool resource_missing) {
        if (resource_missing) return finish(t, decision::implicit_deny, gate::resource, "the resource policy does not allow the caller");
        if (!id_allow) return finish(t, decision::implicit_deny, gate::identity, "no identity-based policy allows the request");
        if (!bnd_ok) return finish(t, decision::implicit_deny, gate::boundary, "the permissions boundary does not allow the request");
        return finish(t, decision::implicit_deny, gate::session, "the session policy does not allow the request");
    };

    if (same_account) {
        const bool direct = (R & (class_any | class_direct)) != 0;
        const bool role = (R & class_role) != 0 && bnd_ok && ses_ok;
        const bool account = (R & class_account) != 0;
        if (direct) return finish(t, decision::allow, gate::none, "the resource policy names the caller");
        if (role) return finish(t, decision::allow, gate::none, "the resource policy names the caller's role");
        if (must_explicit) {
            if (account && id_side) return finish(t, decision::allow, gate::none, "the resource policy trusts the account and an identity-based policy allows");
            return implicit(R == 0 || !account);
        }
        if (id_side) return finish(t, decision::allow, gate::none, "an identity-based policy allows the request");
        return implicit(false);
    }
    // Cross-account: both sides must allow.
    if (R != 0 && id_side) return finish(t, decision::allow, gate::none, "both the resource policy and an identity-based policy allow");
    return implicit(R == 0);
}

policy_result evaluate_policy(const prepared_policy& p, const request& req, policy_slot slot, trace* t,
                              const evaluate_options& opts) {
    eval_context ec{req, describe_principal(req.principal), false, opts, t, {}};
    return eval_one(p, slot, 0, ec);
}

// Both questions read only the parsed statements (Effect, Action, and for a Deny its Resource,
// Principal and Condition), so they are answered from the document: a host that only asks them
// (allows() in the rules) need not compile it.
bool statement_covers_action(const policy::document& doc, std::size_t i, std::string_view action) noexcept {
    if (i >= doc.statements.size()) return false;
    const auto& st = doc.statements[i];
    return st.eff.has_value() && st.action.has_value() && actions_cover(*st.action, action);
}

bool statement_covers_action(const prepared_policy& p, std::size_t i, std::string_view action) noexcept {
    return statement_covers_action(*p.compiled().source, i, action);
}

bool allows_action(const policy::document& doc, std::string_view action) noexcept {
    bool allowed = false;
    for (const auto& st : doc.statements) {
        if (!st.eff || !st.action || !actions_cover(*st.action, action)) continue;
        if (*st.eff == policy::effect::allow) {
            allowed = true;
        } else if (st.conditions.empty() && !st.principal && st.resource && !st.resource->negated) {
            for (const auto& r : st.resource->values)
                if (r.text == "*") return false;
        }
    }
    return allowed;
}

bool allows_action(const prepared_policy& p, std::string_view action) noexcept {
    return allows_action(*p.compiled().source, action);
}

bool conditions_hold(const prepared_policy& p, std::size_t i, const request_context& ctx, int* failed_clause) {
    if (failed_clause != nullptr) *failed_clause = -1;
    const auto& c = p.compiled();
    if (i >= c.statements.size()) return false;
    text_buffer buf;
    const auto& st = c.statements[i];
    for (std::size_t k = 0; k < st.clauses.size(); ++k) {
        if (!clause_holds(st.clauses[k], ctx, c.vars, buf)) {
            if (failed_clause != nullptr) *failed_clause = static_cast<int>(k);
            return false;
        }
    }
    return true;
}

}  // namespace iamguard::eval
