// SPDX-License-Identifier: Apache-2.0
// trust.cpp: assumability of a role by probing its trust policy with the evaluator.
//
// The search is existential: "can some caller in scope get in while lacking X?" A probe fixes
// the caller (and the context keys bound to it) and the protections under test; every other
// condition key ranges over witness values taken from the policy. Probes are evaluated with
// eval::evaluate_policy in the resource slot, so Deny statements, IfExists, set qualifiers,
// key case and NotPrincipal are all decided by the evaluator, not here.
#include <iamguard/analysis/trust.hpp>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include <boost/container/small_vector.hpp>

#include <iamguard/eval/evaluate.hpp>
#include <iamguard/eval/prepared_policy.hpp>
#include <iamguard/eval/request.hpp>
#include <iamguard/eval/trace.hpp>
#include <iamguard/policy/arn.hpp>

namespace iamguard::analysis {
namespace {

constexpr std::size_t max_probes_per_caller = 4096;
constexpr std::string_view assume_action = "sts:AssumeRole";
constexpr std::string_view arbitrary_value = "iamguard-probe-arbitrary-value";

// ---- callers ----

// A principal that a probe acts as.
struct caller {
    std::string principal;      // the request principal (an ARN)
    std::string account;
    std::string principal_arn;  // aws:PrincipalArn: the role ARN for role sessions
    std::string type;           // aws:PrincipalType
    bool long_term = false;     // IAM user or root: no MFA keys unless MFA was used
    std::string username;       // for IAM users
};

// The callers a policy names, held on the stack when there are few (two per account named): a
// heap block of callers was one of the slowest allocations of a scan (large enough for glibc's
// slow path once a list holds more than six).
using caller_list = boost::container::small_vector<caller, 8>;

// The pieces joined with one allocation (probes build these ARNs for every caller of every role).
std::string concat(std::initializer_list<std::string_view> parts) {
    std::size_t n = 0;
    for (const auto p : parts) n += p.size();
    std::string out;
    out.reserve(n);
    for (const auto p : parts) out += p;
    return out;
}

caller session_of_role(std::string_view account, std::string_view role_name) {
    caller c;
    c.account = std::string(account);
    c.principal = concat({"arn:aws:sts::", account, ":assumed-role/", role_name, "/iamguard-probe"});
    c.principal_arn = concat({"arn:aws:iam::", account, ":role/", role_name});
    c.type = "AssumedRole";
    return c;
}

caller user_of(std::string_view account, std::string_view path_and_name) {
    caller c;
    c.account = std::string(account);
    c.principal = concat({"arn:aws:iam::", account, ":user/", path_and_name});
    c.principal_arn = c.principal;
    c.type = "User";
    c.long_term = true;
    const auto slash = path_and_name.rfind('/');
    c.username = std::string(slash == std::string_view::npos ? path_and_name : path_and_name.substr(slash + 1));
    return c;
}

// The callers that can stand for "some principal of account A": a role session (temporary
// credentials) and an IAM user (long-term credentials), which differ in the MFA keys they carry.
void callers_of_account(std::string_view account, caller_list& out) {
    out.push_back(session_of_role(account, "iamguard-probe-role"));
    out.push_back(user_of(account, "iamguard-probe-user"));
}

// The callers a named AWS principal stands for.
void callers_of_principal(std::string_view canonical, caller_list& out) {
    const auto arn = policy::split_arn(canonical);
    if (!arn || !policy::is_account_id(arn->account)) return;
    const std::string_view res = arn->resource;
    if (arn->service == "iam" && res == "root") {
        callers_of_account(arn->account, out);
    } else if (arn->service == "iam" && res.substr(0, 5) == "user/") {
        out.push_back(user_of(arn->account, res.substr(5)));
    } else if (arn->service == "iam" && res.substr(0, 5) == "role/") {
        const auto slash = res.rfind('/');
        out.push_back(session_of_role(arn->account, res.substr(slash + 1)));
    } else if (arn->service == "sts" && res.substr(0, 13) == "assumed-role/") {
        const auto rest = res.substr(13);
        const auto slash = rest.find('/');
        caller c = session_of_role(arn->account, rest.substr(0, slash));
        c.principal = std::string(canonical);
        out.push_back(std::move(c));
    } else {
        caller c;
        c.account = std::string(arn->account);
        c.principal = std::string(canonical);
        c.principal_arn = c.principal;
        c.type = "FederatedUser";
        out.push_back(std::move(c));
    }
}

bool in(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

bool in_missing(const std::vector<protection>& v, protection p) { return std::find(v.begin(), v.end(), p) != v.end(); }

// A placeholder account that is none of `avoid` (for `"*"` principals).
std::string foreign_account(const std::vector<std::string>& avoid) {
    for (std::uint64_t n = 999999999999ULL;; --n) {
        std::string s = std::to_string(n);
        if (!in(avoid, s)) return s;
    }
}

// ---- witness values ----

// Instantiates a glob pattern: `*` becomes nothing and `?` a letter, so the result matches it.
std::string instance_of(std::string_view pattern) {
    std::string out;
    for (const char c : pattern) {
        if (c == '*') continue;
        out += (c == '?') ? 'x' : c;
    }
    return out;
}

// The candidate values of one condition key: absent, the policy's own values (and neighbours for
// ordered operators), an arbitrary value. Each candidate is a context value, or absent.
struct candidate {
    bool absent = false;
    eval::context_value value;
};

using candidates = std::vector<candidate>;

void add_unique(candidates& cs, candidate c) {
    for (const auto& e : cs) {
        if (e.absent && c.absent) return;
        if (!e.absent && !c.absent && e.value.multi == c.value.multi && e.value.values == c.value.values) return;
    }
    cs.push_back(std::move(c));
}

void add_value(candidates& cs, std::string v, bool multi) {
    candidate c;
    c.value = multi ? eval::context_value::list({std::move(v)}) : eval::context_value(std::move(v));
    add_unique(cs, std::move(c));
}

std::string shifted_number(const std::string& v, int delta) {
    try {
        std::size_t used = 0;
        const long double d = std::stold(v, &used);
        if (used != v.size()) return v;
        const long long n = static_cast<long long>(d) + delta;
        return std::to_string(n);
    } catch (...) {
        return v;
    }
}

// Witnesses drawn from every clause that mentions a key.
std::map<std::string, candidates> witnesses_of(const policy::document& doc) {
    std::map<std::string, candidates> out;
    for (const auto& st : doc.statements) {
        for (const auto& c : st.conditions) {
            auto& cs = out[c.key_lower];
            add_unique(cs, candidate{true, {}});
            const bool multi = c.op.qualifier != policy::set_qualifier::none;
            const auto fam = policy::family(c.op.base);
            for (const auto& v : c.values) {
                switch (fam) {
                    case policy::operator_family::string:
                    case policy::operator_family::arn:
                        add_value(cs, c.op.base == policy::condition_base::string_like ||
                                              c.op.base == policy::condition_base::string_not_like ||
                                              fam == policy::operator_family::arn
                                          ? instance_of(v.text)
                                          : v.text.str(),
                                  multi);
                        break;
                    case policy::operator_family::numeric:
                        add_value(cs, v.text, multi);
                        add_value(cs, shifted_number(v.text, -1), multi);
                        add_value(cs, shifted_number(v.text, 1), multi);
                        break;
                    case policy::operator_family::boolean:
                        add_value(cs, "true", multi);
                        add_value(cs, "false", multi);
                        break;
                    case policy::operator_family::ip: {
                        const auto slash = v.text.find('/');
                        add_value(cs, v.text.substr(0, slash), multi);
                        break;
                    }
                    case policy::operator_family::null:
                        add_value(cs, arbitrary_value.data(), multi);
                        break;
                    default:
                        add_value(cs, v.text, multi);
                }
            }
            add_value(cs, std::string(arbitrary_value), multi);
        }
    }
    return out;
}

// ---- probing ----

struct probe_setup {
    const eval::prepared_policy& policy;
    std::string role_arn;
    std::string own_account;
    const std::map<std::string, candidates>& witnesses;
    const caller_scope& scope;
    std::vector<protection> missing;
};

bool is_caller_bound(const std::string& key) {
    return key == "aws:principalaccount" || key == "aws:principalarn" || key == "aws:principaltype" ||
           key == "aws:userid" || key == "aws:username" || key == "aws:sourceaccount" || key == "aws:sourcearn";
}

bool is_mfa_key(const std::string& key) {
    return key == "aws:multifactorauthpresent" || key == "aws:multifactorauthage";
}

void append_value(std::string& out, const eval::context_value& v) {
    if (v.multi) out += "[";
    for (std::size_t i = 0; i < v.values.size(); ++i) {
        if (i) out += ",";
        out += v.values[i];
    }
    if (v.multi) out += "]";
}

// A free key of a probe: its name (lowercase, as the witness map holds it) and its candidates.
using free_key = std::pair<const std::string*, const candidates*>;

// "key=value, ..., key absent": the caller's fixed keys (the first `fixed_count` entries of
// `ctx`), then the free keys that have a value in this combination, then those that are absent
// (in the order of `free`).
std::string describe(const eval::request_context& ctx, std::size_t fixed_count, const std::vector<free_key>& free,
                     const std::vector<std::size_t>& pick) {
    std::string out;
    const auto sep = [&out] {
        if (!out.empty()) out += ", ";
    };
    for (std::size_t i = 0; i < fixed_count; ++i) {
        const auto& e = ctx.entries()[i];
        sep();
        out += e.key + "=";
        append_value(out, e.value);
    }
    for (std::size_t k = 0; k < free.size(); ++k) {
        const candidate& c = (*free[k].second)[pick[k]];
        if (c.absent) continue;
        sep();
        out += *free[k].first + "=";
        append_value(out, c.value);
    }
    for (std::size_t k = 0; k < free.size(); ++k) {
        if (!(*free[k].second)[pick[k]].absent) continue;
        sep();
        out += *free[k].first + " absent";
    }
    return out;
}

// Tries every witness combination for one caller; true when one gets in. Then `witness`, when
// given, describes it (a question that only asks which accounts get in skips the description:
// its strings are most of what a successful probe allocates).
bool probe_caller(const probe_setup& s, const caller& who, assume_witness* witness = nullptr,
                  witness_detail detail = witness_detail::full) {
    const bool lacks_external_id = in_missing(s.missing, protection::external_id);
    const bool lacks_mfa = in_missing(s.missing, protection::mfa);

    // Keys with a fixed value for this caller, set first in the one request all the probes of
    // this caller use; free keys with their candidates are set after them.
    eval::request req;
    req.principal = who.principal;
    req.action = std::string(assume_action);
    req.resource = s.role_arn;
    req.resource_account = s.own_account;
    eval::request_context& fixed = req.context;
    // the fixed keys (up to five) and the free ones: one block for the list
    fixed.reserve(5 + s.witnesses.size());
    fixed.set("aws:PrincipalAccount", who.account);
    fixed.set("aws:PrincipalArn", who.principal_arn);
    fixed.set("aws:PrincipalType", who.type);
    if (!who.username.empty()) fixed.set("aws:username", who.username);

    // The free keys refer to the setup's candidates (this runs for every caller of every role,
    // so no copies); the two keys whose candidates are narrowed here keep theirs in `narrowed`
    // (map keys are unique: at most two lists, and its storage does not move once reserved).
    std::vector<free_key> free;
    std::vector<candidates> narrowed;
    narrowed.reserve(2);
    for (const auto& [key, cs] : s.witnesses) {
        if (is_caller_bound(key)) continue;
        if (key == "sts:externalid" && lacks_external_id) {
            narrowed.push_back({candidate{true, {}}, candidate{false, eval::context_value(std::string(arbitrary_value))}});
            free.emplace_back(&key, &narrowed.back());
            continue;
        }
        if (is_mfa_key(key) && lacks_mfa) continue;  // set below from the caller's credentials
        if (key == "aws:principalorgid") {
            candidates allowed;
            for (const auto& c : cs)
                if (c.absent || !in(s.scope.excluded_orgs, c.value.values.front())) allowed.push_back(c);
            narrowed.push_back(std::move(allowed));
            free.emplace_back(&key, &narrowed.back());
            continue;
        }
        free.emplace_back(&key, &cs);
    }

    // Without MFA: a long-term caller carries no MFA keys; a temporary one carries Present=false.
    if (lacks_mfa && !who.long_term) fixed.set("aws:MultiFactorAuthPresent", "false");

    const std::size_t fixed_count = fixed.entries().size();

    for (const auto& f : free)
        if (f.second->empty()) return false;  // a key with no value left to try: no witness

    // Each step of the odometer changes only the keys whose candidate changed (usually one),
    // instead of rebuilding the whole context. No free key is also a fixed one (caller-bound and,
    // when MFA is lacking, MFA keys are not free), so the fixed entries stay first; context
    // lookups do not depend on the order of the entries, so neither do the decisions.
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::vector<std::size_t> pick(free.size(), 0);
    std::vector<std::size_t> in_context(free.size(), none);  // the candidate req.context holds
    eval::trace t;
    t.record_all = false;
    for (std::size_t probes = 0; probes < max_probes_per_caller; ++probes) {
        for (std::size_t k = 0; k < free.size(); ++k) {
            if (in_context[k] == pick[k]) continue;
            const candidate& c = (*free[k].second)[pick[k]];
            if (c.absent) {
                req.context.erase(*free[k].first);
            } else {
                req.context.set(*free[k].first, c.value);
            }
            in_context[k] = pick[k];
        }
        t.clear();
        // the trace only says which statement let a described witness in
        const auto r = eval::evaluate_policy(s.policy, req, eval::policy_slot::resource, witness != nullptr ? &t : nullptr);
        if (r.effect == eval::policy_effect::allow) {
            if (witness == nullptr) return true;
            for (const auto& rec : t.statements)
                if (rec.outcome == eval::statement_outcome::applied && rec.effect == policy::effect::allow) {
                    witness->statement = rec.statement;
                    break;
                }
            if (detail == witness_detail::statement_only) return true;
            witness->principal = who.principal;
            witness->account = who.account;
            witness->context = describe(req.context, fixed_count, free, pick);
            return true;
        }
        // Next combination (odometer).
        std::size_t k = 0;
        while (k < free.size() && ++pick[k] == free[k].second->size()) pick[k++] = 0;
        if (k == free.size()) break;
    }
    return false;
}

// The callers in scope that the policy's Allow statements name (and, for `"*"`, placeholder
// accounts: those named in aws:PrincipalAccount conditions, and one foreign account).
caller_list callers_in_scope(const policy::document& doc, std::string_view own_account, const caller_scope& scope,
                                     const std::map<std::string, candidates>& witnesses) {
    // Room for all of them at once when they do not fit on the stack: two per named principal,
    // two per account of an aws:PrincipalAccount condition and two for a foreign account.
    std::size_t named = 0;
    for (const auto& st : doc.statements)
        if (st.eff == policy::effect::allow && st.principal && !st.principal->negated)
            for (const auto& g : st.principal->groups) named += g.type == policy::principal_type::aws ? g.values.size() : 0;
    const auto accounts = witnesses.find("aws:principalaccount");
    caller_list all;
    all.reserve(2 * (named + (accounts != witnesses.end() ? accounts->second.size() : 0) + 1));
    bool anyone = false;
    for (const auto& st : doc.statements) {
        if (st.eff != policy::effect::allow || !st.principal || st.principal->negated) continue;
        if (st.principal->wildcard) anyone = true;
        for (const auto& g : st.principal->groups) {
            if (g.type != policy::principal_type::aws) continue;  // services and IdPs are not accounts
            for (const auto& v : g.values) {
                if (v.text == "*") {
                    anyone = true;
                } else {
                    callers_of_principal(v.canonical, all);
                }
            }
        }
    }
    if (anyone) {
        std::vector<std::string> avoid = scope.excluded_accounts;
        avoid.emplace_back(own_account);
        if (accounts != witnesses.end()) {
            for (const auto& c : accounts->second)
                if (!c.absent && policy::is_account_id(c.value.values.front())) {
                    callers_of_account(c.value.values.front(), all);
                    avoid.push_back(c.value.values.front());
                }
        }
        callers_of_account(foreign_account(avoid), all);
    }
    all.erase(std::remove_if(all.begin(), all.end(),
                             [&](const caller& c) {
                                 return (scope.cross_account && !own_account.empty() && c.account == own_account) ||
                                        in(scope.excluded_accounts, c.account);
                             }),
              all.end());
    return all;
}

std::string account_of_role(std::string_view role_arn, std::string_view own_account) {
    if (!own_account.empty()) return std::string(own_account);
    const auto arn = policy::split_arn(role_arn);
    return arn ? std::string(arn->account) : std::string{};
}

}  // namespace

// The only statements callers_in_scope() finds callers in; for the others the analyses below
// answer at once instead of drawing witnesses from every condition.
bool names_aws_callers(const policy::document& trust) noexcept {
    for (const auto& st : trust.statements) {
        if (st.eff != policy::effect::allow || !st.principal || st.principal->negated) continue;
        if (st.principal->wildcard) return true;
        for (const auto& g : st.principal->groups)
            if (g.type == policy::principal_type::aws && !g.values.empty()) return true;
    }
    return false;
}

std::optional<protection> parse_protection(std::string_view name) noexcept {
    std::string low;
    for (const char c : name) low += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (low == "sts:externalid" || low == "externalid" || low == "external-id" || low == "external_id")
        return protection::external_id;
    if (low == "mfa" || low == "aws:multifactorauthpresent") return protection::mfa;
    return std::nullopt;
}

assume_result assumable_without(const policy::document& trust, std::string_view role_arn, std::string_view own_account,
                                const caller_scope& scope, const std::vector<protection>& missing) {
    return assumable_without(trust, eval::prepared_policy(trust, "trust"), role_arn, own_account, scope, missing);
}

assume_result assumable_without(const policy::document& trust, const eval::prepared_policy& prepared,
                                std::string_view role_arn, std::string_view own_account, const caller_scope& scope,
                                const std::vector<protection>& missing, witness_detail detail) {
    assume_result result;
    if (!names_aws_callers(trust)) return result;
    const auto witnesses = witnesses_of(trust);
    const std::string own = account_of_role(role_arn, own_account);
    const probe_setup setup{prepared, std::string(role_arn), own, witnesses, scope, missing};
    for (const auto& who : callers_in_scope(trust, own, scope, witnesses)) {
        assume_witness w;
        if (probe_caller(setup, who, &w, detail)) {
            result.assumable = true;
            result.witness = std::move(w);
            return result;
        }
    }
    return result;
}

std::vector<std::string> admitted_accounts(const policy::document& trust, std::string_view role_arn,
                                           std::string_view own_account) {
    return admitted_accounts(trust, eval::prepared_policy(trust, "trust"), role_arn, own_account);
}

std::vector<std::string> admitted_accounts(const policy::document& trust, const eval::prepared_policy& prepared,
                                           std::string_view role_arn, std::string_view own_account) {
    if (!names_aws_callers(trust)) return {};
    const auto witnesses = witnesses_of(trust);
    const std::string own = account_of_role(role_arn, own_account);
    std::set<std::string> out;
    caller_scope everyone;
    everyone.cross_account = false;
    const probe_setup setup{prepared, std::string(role_arn), own, witnesses, everyone, {}};
    bool foreign_placeholder_tested = false;
    std::vector<std::string> placeholder_avoid{own};
    if (const auto it = witnesses.find("aws:principalaccount"); it != witnesses.end())
        for (const auto& c : it->second)
            if (!c.absent) placeholder_avoid.push_back(c.value.values.front());
    const std::string placeholder = foreign_account(placeholder_avoid);
    for (const auto& who : callers_in_scope(trust, own, everyone, witnesses)) {
        if (out.count(who.account) != 0 || (who.account == placeholder && foreign_placeholder_tested)) continue;
        const bool is_placeholder = who.account == placeholder;
        if (!is_placeholder) {
            if (probe_caller(setup, who)) out.insert(who.account);
            continue;
        }
        foreign_placeholder_tested = true;
        // `"*"`: anyone, unless an organization condition narrows it.
        caller_scope no_org = everyone;
        std::vector<std::string> orgs;
        if (const auto it = witnesses.find("aws:principalorgid"); it != witnesses.end())
            for (const auto& c : it->second)
                if (!c.absent && c.value.values.front() != arbitrary_value) orgs.push_back(c.value.values.front());
        no_org.excluded_orgs = orgs;
        no_org.excluded_orgs.emplace_back(arbitrary_value);
        const probe_setup without_org{prepared, std::string(role_arn), own, witnesses, no_org, {}};
        caller any_session = session_of_role(placeholder, "iamguard-probe-role");
        caller any_user = user_of(placeholder, "iamguard-probe-user");
        if (probe_caller(without_org, any_session) || probe_caller(without_org, any_user)) {
            out.insert("*");
            continue;
        }
        for (const auto& org : orgs) {
            caller_scope only_org = everyone;
            for (const auto& other : orgs)
                if (other != org) only_org.excluded_orgs.push_back(other);
            only_org.excluded_orgs.emplace_back(arbitrary_value);
            const probe_setup with_org{prepared, std::string(role_arn), own, witnesses, only_org, {}};
            if (probe_caller(with_org, any_session) || probe_caller(with_org, any_user)) out.insert("org:" + org);
        }
    }
    return {out.begin(), out.end()};
}

std::vector<std::string> pinned_external_ids(const policy::document& trust) {
    std::set<std::string> out;
    for (const auto& st : trust.statements) {
        if (st.eff != policy::effect::allow || !st.principal) continue;
        for (const auto& c : st.conditions) {
            if (c.key_lower != "sts:externalid") continue;
            const auto b = c.op.base;
            if (b != policy::condition_base::string_equals && b != policy::condition_base::string_equals_ignore_case &&
                b != policy::condition_base::string_like)
                continue;
            for (const auto& v : c.values) out.insert(v.text);
        }
    }
    return {out.begin(), out.end()};
}

}  // namespace iamguard::analysis
