// SPDX-License-Identifier: Apache-2.0
// functions.cpp: the IAM-aware functions of the rule language, backed by the evaluator.
#include <iamguard/analysis/functions.hpp>

#include <algorithm>

#include <iamguard/analysis/external_id.hpp>
#include <iamguard/analysis/trust.hpp>
#include <iamguard/eval/arn_match.hpp>
#include <iamguard/eval/evaluate.hpp>
#include <iamguard/eval/prepared_policy.hpp>

namespace iamguard::analysis {
namespace {

using rules::arg_kind;
using rules::call_context;
using rules::call_result;
using rules::result_kind;
using rules::value_list;

// Every string (or number) in the values, arrays flattened one level as paths resolve to arrays,
// as views into their nodes (valid while the nodes are): for arguments that are only compared,
// such as the actions of `allows(...)`, asked once per policy of every entity.
std::vector<std::string_view> string_views_of(std::span<const value_list> values) {
    std::vector<std::string_view> out;
    for (const value_list& v : values) {
        for (const json::value* n : v) {
            if (n == nullptr) continue;
            if (n->is_array()) {
                for (const auto& item : n->items)
                    if (item.is_string() || item.is_number()) out.emplace_back(item.text);
            } else if (n->is_string() || n->is_number()) {
                out.emplace_back(n->text);
            }
        }
    }
    return out;
}

// The same, copied.
std::vector<std::string> strings_of(const value_list& v) {
    const auto views = string_views_of(std::span<const value_list>(&v, 1));
    return {views.begin(), views.end()};
}

// The nodes a receiver names, arrays flattened (a path may resolve to a list of statements).
std::vector<const json::value*> nodes_of(const value_list& v) {
    std::vector<const json::value*> out;
    for (const json::value* n : v) {
        if (n == nullptr) continue;
        if (n->is_array()) {
            for (const auto& item : n->items) out.push_back(&item);
        } else {
            out.push_back(n);
        }
    }
    return out;
}

// Statement `i` of the policy stored at `policy_node` (normalised: Statement is a list).
const json::value* statement_node(const json::value* policy_node, std::size_t i) {
    const json::value* list = policy_node ? policy_node->find("Statement") : nullptr;
    if (list == nullptr) return policy_node;
    if (list->is_array()) return i < list->items.size() ? &list->items[i] : policy_node;
    return list;
}

call_result fail(std::string message) {
    call_result r;
    r.error = std::move(message);
    return r;
}

call_result boolean(const call_context& cx, bool b, const json::value* evidence = nullptr) {
    call_result r;
    r.values.push_back(cx.arena->make_bool(b));
    r.evidence = evidence;
    return r;
}

call_result string_list(const call_context& cx, const std::vector<std::string>& items) {
    json::value list;
    list.type = json::kind::array;
    for (const auto& s : items) {
        json::value v;
        v.type = json::kind::string;
        v.text = s;
        list.items.push_back(std::move(v));
    }
    call_result r;
    r.values.push_back(cx.arena->adopt(std::move(list)));
    return r;
}

// The trust policies among the receiver's nodes; an error when a node is not a policy.
struct policy_ref {
    const entity::policy_slot* slot;  // its document and (compiled once per document) prepared form
    const json::value* node;
};

// Which trust policies to return: all, or only those that can admit an account.
enum class trust_filter : bool { all, aws_callers };

// With trust_filter::aws_callers, a policy that names no AWS principal nor `*` is left out: the
// account analyses would answer "no" for it (analysis::names_aws_callers), and leaving it out
// here spares compiling it (policy_slot::prepared) for most roles, which trust only services.
std::optional<std::vector<policy_ref>> trust_policies(const call_context& cx, const value_list& recv,
                                                      std::string_view fn, std::string& error,
                                                      trust_filter filter = trust_filter::all) {
    std::vector<policy_ref> out;
    if (cx.subject == nullptr) {
        error = "`" + std::string(fn) + "()` needs an entity (it cannot run in a `List<...>` rule)";
        return std::nullopt;
    }
    for (const json::value* n : recv) {
        if (n == nullptr || n->is_null()) continue;
        const entity::policy_slot* slot = cx.subject->policy_slot_at(n);
        if (slot == nullptr) {
            error = "`" + std::string(fn) + "()` applies to a policy document such as `trust`";
            return std::nullopt;
        }
        if (filter == trust_filter::aws_callers && !names_aws_callers(*slot->doc)) continue;
        out.push_back({slot, n});
    }
    return out;
}

std::vector<protection> protections_of(std::span<const value_list> args, std::string& error) {
    std::vector<protection> out;
    for (const auto& a : args) {
        for (const auto& s : strings_of(a)) {
            const auto p = parse_protection(s);
            if (!p) {
                error = "unknown protection `" + s + "` (expected 'sts:ExternalId' or 'mfa')";
                return {};
            }
            out.push_back(*p);
        }
    }
    return out;
}

call_result allows(const call_context& cx, const value_list& recv, std::span<const value_list> args) {
    const std::vector<std::string_view> actions = string_views_of(args);
    if (actions.empty()) return fail("`allows()` needs at least one action, e.g. allows('iam:DeactivateMFADevice')");
    if (cx.subject == nullptr) return fail("`allows()` needs an entity (it cannot run in a `List<...>` rule)");
    for (const json::value* n : nodes_of(recv)) {
        // Asked of the parsed document: the question reads Effect, Action and (for a Deny)
        // Resource, Principal and Condition, so the document is not compiled (compiling every
        // policy of an account was a tenth of a scan).
        if (const entity::policy_slot* slot = cx.subject->policy_slot_at(n)) {
            const policy::document& doc = *slot->doc;
            for (const auto& a : actions) {
                if (!eval::allows_action(doc, a)) continue;
                // Evidence: the first Allow statement that grants the action.
                for (std::size_t i = 0; i < doc.statements.size(); ++i)
                    if (doc.statements[i].eff == policy::effect::allow && eval::statement_covers_action(doc, i, a))
                        return boolean(cx, true, statement_node(n, i));
                return boolean(cx, true, n);
            }
        } else if (const auto st = cx.subject->statement_at(n); st && st->slot->doc) {
            const policy::document& doc = *st->slot->doc;
            if (st->index >= doc.statements.size() || doc.statements[st->index].eff != policy::effect::allow) continue;
            for (const auto& a : actions)
                if (eval::statement_covers_action(doc, st->index, a)) return boolean(cx, true, n);
        } else if (!n->is_null()) {
            return fail("`allows()` applies to a policy document or one of its statements");
        }
    }
    return boolean(cx, false);
}

call_result cross_account(const call_context& cx, const value_list& recv, std::span<const value_list>) {
    std::string error;
    const auto docs = trust_policies(cx, recv, "isCrossAccount", error, trust_filter::aws_callers);
    if (!docs) return fail(error);
    for (const auto& ref : *docs) {
        const auto r = assumable_without(*ref.slot->doc, ref.slot->prepared(), cx.subject->arn, cx.subject->account_id, {}, {},
                                         witness_detail::statement_only);
        if (r.assumable) return boolean(cx, true, statement_node(ref.node, r.witness->statement));
    }
    return boolean(cx, false);
}

call_result assumable_lacking(const call_context& cx, const value_list& recv, std::span<const value_list> args) {
    std::string error;
    const auto docs = trust_policies(cx, recv, "assumableWithout", error, trust_filter::aws_callers);
    if (!docs) return fail(error);
    const auto missing = protections_of(args, error);
    if (!error.empty()) return fail(error);
    for (const auto& ref : *docs) {
        const auto r = assumable_without(*ref.slot->doc, ref.slot->prepared(), cx.subject->arn, cx.subject->account_id, {}, missing,
                                         witness_detail::statement_only);
        if (r.assumable) return boolean(cx, true, statement_node(ref.node, r.witness->statement));
    }
    return boolean(cx, false);
}

call_result assumable_outside(const call_context& cx, const value_list& recv, std::span<const value_list> args) {
    std::string error;
    const auto docs = trust_policies(cx, recv, "assumableByAccountOutside", error, trust_filter::aws_callers);
    if (!docs) return fail(error);
    caller_scope scope;
    if (!args.empty()) scope.excluded_accounts = strings_of(args[0]);
    if (args.size() > 1) scope.excluded_orgs = strings_of(args[1]);
    for (const auto& ref : *docs) {
        const auto r = assumable_without(*ref.slot->doc, ref.slot->prepared(), cx.subject->arn, cx.subject->account_id, scope, {},
                                         witness_detail::statement_only);
        if (r.assumable) return boolean(cx, true, statement_node(ref.node, r.witness->statement));
    }
    return boolean(cx, false);
}

call_result accounts(const call_context& cx, const value_list& recv, std::span<const value_list>) {
    std::string error;
    const auto docs = trust_policies(cx, recv, "admittedAccounts", error, trust_filter::aws_callers);
    if (!docs) return fail(error);
    std::vector<std::string> all;
    for (const auto& ref : *docs)
        for (auto& a : admitted_accounts(*ref.slot->doc, ref.slot->prepared(), cx.subject->arn, cx.subject->account_id)) all.push_back(std::move(a));
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return string_list(cx, all);
}

call_result external_ids(const call_context& cx, const value_list& recv, std::span<const value_list>) {
    std::string error;
    const auto docs = trust_policies(cx, recv, "externalIds", error);
    if (!docs) return fail(error);
    std::vector<std::string> all;
    for (const auto& ref : *docs)
        for (auto& a : pinned_external_ids(*ref.slot->doc)) all.push_back(std::move(a));
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return string_list(cx, all);
}

call_result weak_external_id(const call_context& cx, const value_list& recv, std::span<const value_list> args) {
    std::size_t min_length = 16;
    if (!args.empty() && !args[0].empty() && args[0].front()->is_number()) {
        const double d = std::stod(args[0].front()->text);
        min_length = d < 0 ? 0 : static_cast<std::size_t>(d);
    }
    for (const auto& s : strings_of(recv))
        if (!external_id_weaknesses(s, min_length).empty()) return boolean(cx, true);
    return boolean(cx, false);
}

}  // namespace

void add_iam_functions(rules::function_registry& registry) {
    using entity::field_type;
    const std::vector<field_type> policies = {field_type::policy, field_type::object, field_type::any};
    registry.add({{"allows", {field_type::policy, field_type::object, field_type::list, field_type::any},
                   {arg_kind::string}, 1, true, result_kind::boolean,
                   "true when the policy (or statement) grants any of the actions: wildcards, NotAction and "
                   "case as IAM matches them; an unconditional Deny on every resource cancels a grant", true},
                  allows});
    registry.add({{"isCrossAccount", policies, {}, 0, false, result_kind::boolean,
                   "true when a principal of another account can assume the role", true},
                  cross_account});
    registry.add({{"assumableWithout", policies, {arg_kind::string}, 1, true, result_kind::boolean,
                   "true when a caller from another account can assume the role lacking every named protection "
                   "('sts:ExternalId', 'mfa') at once", true},
                  assumable_lacking});
    registry.add({{"assumableByAccountOutside", policies, {arg_kind::any, arg_kind::any}, 1, false,
                   result_kind::boolean,
                   "true when an account other than the role's own and the listed ones (and outside the listed "
                   "organizations) can assume the role", true},
                  assumable_outside});
    registry.add({{"admittedAccounts", policies, {}, 0, false, result_kind::list,
                   "the accounts, `*` and `org:o-...` that can assume the role", true},
                  accounts});
    registry.add({{"externalIds", policies, {}, 0, false, result_kind::list,
                   "the external IDs the trust policy pins (sts:ExternalId values)", true},
                  external_ids});
    registry.add({{"isWeakExternalId", {}, {arg_kind::number}, 0, false, result_kind::boolean,
                   "true when the external ID is guessable: an account id, a phone number, shorter than the "
                   "minimum length (default 16), low-entropy, a common word or name, or a wildcard", true},
                  weak_external_id});
}

rules::function_registry standard_functions() {
    auto reg = rules::function_registry::with_builtins();
    add_iam_functions(reg);
    return reg;
}

}  // namespace iamguard::analysis
