// SPDX-License-Identifier: Apache-2.0
#include <iamguard/eval/trace.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include <iamguard/eval/prepared_policy.hpp>

namespace iamguard::eval {

std::string_view to_string(decision d) noexcept {
    switch (d) {
        case decision::allow: return "allow";
        case decision::explicit_deny: return "explicit_deny";
        case decision::implicit_deny: return "implicit_deny";
    }
    return "implicit_deny";
}

std::string_view to_string(policy_slot s) noexcept {
    switch (s) {
        case policy_slot::identity: return "identity";
        case policy_slot::resource: return "resource";
        case policy_slot::boundary: return "boundary";
        case policy_slot::session: return "session";
        case policy_slot::scp: return "scp";
        case policy_slot::rcp: return "rcp";
        case policy_slot::vpc_endpoint: return "vpc_endpoint";
    }
    return "identity";
}

std::string_view to_string(gate g) noexcept {
    switch (g) {
        case gate::none: return "none";
        case gate::identity: return "identity";
        case gate::boundary: return "boundary";
        case gate::session: return "session";
        case gate::scp: return "scp";
        case gate::rcp: return "rcp";
        case gate::resource: return "resource";
        case gate::vpc_endpoint: return "vpc_endpoint";
    }
    return "none";
}

std::string_view to_string(statement_outcome o) noexcept {
    switch (o) {
        case statement_outcome::applied: return "applied";
        case statement_outcome::invalid: return "invalid";
        case statement_outcome::action_mismatch: return "action_mismatch";
        case statement_outcome::resource_mismatch: return "resource_mismatch";
        case statement_outcome::principal_mismatch: return "principal_mismatch";
        case statement_outcome::condition_false: return "condition_false";
    }
    return "invalid";
}

namespace {

std::string_view effect_name(policy::effect e) noexcept { return e == policy::effect::allow ? "Allow" : "Deny"; }

std::string describe_outcome(const statement_record& r) {
    switch (r.outcome) {
        case statement_outcome::applied: return "applies";
        case statement_outcome::invalid: return "does not apply: no valid Effect or Action";
        case statement_outcome::action_mismatch: return "does not apply: action not covered";
        case statement_outcome::resource_mismatch: return "does not apply: resource not covered";
        case statement_outcome::principal_mismatch: return "does not apply: principal not covered";
        case statement_outcome::condition_false: {
            std::string s = "does not apply: condition ";
            if (r.policy != nullptr && r.failed_clause >= 0) {
                s.push_back('`');
                s.append(r.policy->clause_text(r.statement, static_cast<std::size_t>(r.failed_clause)));
                s.push_back('`');
            }
            s.append(" is false");
            return s;
        }
    }
    return {};
}

std::vector<std::string> class_names(std::uint8_t c) {
    std::vector<std::string> out;
    if (c & class_any) out.emplace_back("any");
    if (c & class_account) out.emplace_back("account");
    if (c & class_direct) out.emplace_back("direct");
    if (c & class_role) out.emplace_back("role");
    return out;
}

bool is_deciding(const trace& t, std::size_t i) {
    return std::find(t.deciding.begin(), t.deciding.end(), static_cast<std::uint32_t>(i)) != t.deciding.end();
}

}  // namespace

std::string to_text(const trace& t) {
    std::string out = "decision: ";
    out += to_string(t.result);
    if (!t.reason.empty()) {
        out += " (";
        out += t.reason;
        out += ")";
    }
    out += "\n";
    if (t.result == decision::implicit_deny && t.failed_gate != gate::none) {
        out += "failed requirement: ";
        out += to_string(t.failed_gate);
        out += "\n";
    }
    for (std::size_t i = 0; i < t.statements.size(); ++i) {
        const auto& r = t.statements[i];
        out += is_deciding(t, i) ? "* " : "  ";
        out += to_string(r.slot);
        if (r.slot == policy_slot::scp || r.slot == policy_slot::rcp) {
            out.append("[level ");
            out.append(std::to_string(r.level));
            out.push_back(']');
        }
        if (r.policy != nullptr && !r.policy->name().empty()) {
            out.append(" `");
            out.append(r.policy->name());
            out.push_back('`');
        }
        out.append(" statement ");
        out.append(std::to_string(r.statement));
        if (r.policy != nullptr && !r.policy->sid(r.statement).empty()) {
            out += " (Sid ";
            out += r.policy->sid(r.statement);
            out += ")";
        }
        out += " ";
        out += effect_name(r.effect);
        out.append(": ");
        out.append(describe_outcome(r));
        if (r.classes != 0 && r.outcome == statement_outcome::applied &&
            (r.slot == policy_slot::resource || r.slot == policy_slot::rcp || r.slot == policy_slot::vpc_endpoint)) {
            out += " [principal:";
            for (const auto& n : class_names(r.classes)) {
                out.push_back(' ');
                out.append(n);
            }
            out += "]";
        }
        out += "\n";
    }
    return out;
}

void to_json(nlohmann::json& j, const trace& t) {
    j = nlohmann::json::object();
    j["decision"] = std::string(to_string(t.result));
    j["failed_gate"] = std::string(to_string(t.failed_gate));
    j["reason"] = std::string(t.reason);
    auto list = nlohmann::json::array();
    for (std::size_t i = 0; i < t.statements.size(); ++i) {
        const auto& r = t.statements[i];
        nlohmann::json s;
        s["slot"] = std::string(to_string(r.slot));
        s["level"] = r.level;
        s["policy"] = r.policy != nullptr ? r.policy->name() : std::string();
        s["statement"] = r.statement;
        s["sid"] = r.policy != nullptr ? std::string(r.policy->sid(r.statement)) : std::string();
        s["effect"] = std::string(effect_name(r.effect));
        s["outcome"] = std::string(to_string(r.outcome));
        if (r.outcome == statement_outcome::condition_false && r.failed_clause >= 0) {
            s["failed_clause"] = r.failed_clause;
            if (r.policy != nullptr)
                s["failed_condition"] = r.policy->clause_text(r.statement, static_cast<std::size_t>(r.failed_clause));
        }
        if (r.classes != 0) s["principal_classes"] = class_names(r.classes);
        s["deciding"] = is_deciding(t, i);
        list.push_back(std::move(s));
    }
    j["statements"] = std::move(list);
}

}  // namespace iamguard::eval
