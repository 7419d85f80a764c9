// SPDX-License-Identifier: Apache-2.0
#include <iamguard/eval/conformance.hpp>

#include <memory>
#include <optional>

#include <iamguard/eval/evaluate.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/policy/parse.hpp>

namespace iamguard::eval {
namespace {

// ---- building synthetic policies as located JSON trees ----

json::value make_string(std::string_view s) {
    json::value v;
    v.type = json::kind::string;
    v.text = std::string(s);
    return v;
}

json::value make_object() {
    json::value v;
    v.type = json::kind::object;
    return v;
}

void add_member(json::value& obj, std::string key, json::value val) {
    obj.members.push_back({std::move(key), {}, std::move(val)});
}

// {"Version":"2012-10-17","Statement":[stmt]}
json::value wrap_statement(json::value stmt) {
    json::value doc = make_object();
    add_member(doc, "Version", make_string("2012-10-17"));
    json::value list;
    list.type = json::kind::array;
    list.items.push_back(std::move(stmt));
    add_member(doc, "Statement", std::move(list));
    return doc;
}

// ---- one case ----

struct case_error {
    std::string message;
};

class case_runner {
public:
    case_runner(const json::value& rec, bool lenient, bool short_arns) : rec_(rec) {
        popts_.lenient_principal_string = lenient;
        eopts_.short_arns = short_arns ? short_arn_mode::iam_simulate : short_arn_mode::no_match;
    }

    // Returns an empty string on success, else the failure message.
    std::string run() {
        const std::string kind = text_of("kind");
        if (kind == "evaluation") return run_evaluation();
        if (kind == "condition") return run_condition();
        if (kind == "action_match") return run_action();
        if (kind == "resource_match") return run_resource();
        if (kind == "principal_match") return run_principal();
        return "unknown record kind `" + kind + "`";
    }

private:
    std::string text_of(std::string_view key) const {
        const json::value* v = rec_.find(key);
        return v != nullptr && v->is_string() ? v->text.str() : std::string();
    }

    const prepared_policy* prepare(const json::value& v, std::string name) {
        auto r = policy::from_json(v, popts_);
        if (!r.doc) {
            error_ = "policy `" + name + "` did not parse";
            return nullptr;
        }
        keep_.push_back(std::make_unique<prepared_policy>(*r.doc, std::move(name)));
        return keep_.back().get();
    }

    std::vector<const prepared_policy*> prepare_list(const json::value* v, const std::string& name) {
        std::vector<const prepared_policy*> out;
        if (v == nullptr || !v->is_array()) return out;
        for (std::size_t i = 0; i < v->items.size(); ++i)
            if (auto* p = prepare(v->items[i], name + "[" + std::to_string(i) + "]")) out.push_back(p);
        return out;
    }

    std::vector<std::vector<const prepared_policy*>> prepare_levels(const json::value* v, const std::string& name) {
        std::vector<std::vector<const prepared_policy*>> out;
        if (v == nullptr || !v->is_array()) return out;
        for (std::size_t i = 0; i < v->items.size(); ++i)
            out.push_back(prepare_list(v->items[i].find("policies"), name + "[" + std::to_string(i) + "]"));
        return out;
    }

    static void read_context(const json::value* ctx, request_context& out) {
        if (ctx == nullptr || !ctx->is_object()) return;
        for (const auto& m : ctx->members) {
            if (m.val.is_array()) {
                std::vector<std::string> vs;
                for (const auto& it : m.val.items) vs.push_back(it.text);
                out.set_list(m.key, std::move(vs));
            } else {
                out.set(m.key, m.val.text.str());
            }
        }
    }

    static std::string principal_of(const json::value* p) {
        if (p == nullptr || !p->is_string()) return {};  // {"type":"Anonymous"}
        return p->text;
    }

    std::string run_evaluation() {
        const json::value* pol = rec_.find("policies");
        const json::value* rq = rec_.find("request");
        if (pol == nullptr || rq == nullptr) return "record lacks `policies` or `request`";
        policy_set set;
        set.identity = prepare_list(pol->find("identity"), "identity");
        if (const auto* r = pol->find("resource"); r != nullptr && r->is_object()) set.resource = prepare(*r, "resource");
        set.boundaries = prepare_list(pol->find("permission_boundaries"), "boundary");
        if (const auto* s = pol->find("session"); s != nullptr && s->is_object()) set.session = prepare(*s, "session");
        set.scp_levels = prepare_levels(pol->find("scps"), "scp");
        set.rcp_levels = prepare_levels(pol->find("rcps"), "rcp");
        set.vpc_endpoint = prepare_list(pol->find("vpc_endpoint"), "vpc_endpoint");
        if (!error_.empty()) return error_;

        request req;
        req.principal = principal_of(rq->find("principal"));
        if (const auto* a = rq->find("action")) req.action = a->text;
        if (const auto* r = rq->find("resource")) req.resource = r->text;
        if (const auto* a = rq->find("resource_account")) req.resource_account = a->text;
        read_context(rq->find("context"), req.context);

        trace t;
        const decision d = evaluate(set, req, &t, eopts_);
        const std::string expect = text_of("expect");
        const std::string got = d == decision::allow ? "Allow" : d == decision::explicit_deny ? "ExplicitDeny" : "ImplicitDeny";
        if (expect == got) return {};
        return "expected " + expect + ", got " + got + " (" + std::string(t.reason) + ")";
    }

    bool expected_bool() const {
        const json::value* e = rec_.find("expect");
        return e != nullptr && e->is_bool() && e->boolean;
    }

    std::string compare(bool got) const {
        const bool want = expected_bool();
        if (got == want) return {};
        return std::string("expected ") + (want ? "true" : "false") + ", got " + (got ? "true" : "false");
    }

    std::string run_condition() {
        const json::value* cond = rec_.find("condition");
        if (cond == nullptr) return "record lacks `condition`";
        json::value stmt = make_object();
        add_member(stmt, "Effect", make_string("Allow"));
        add_member(stmt, "Action", make_string("*"));
        add_member(stmt, "Resource", make_string("*"));
        add_member(stmt, "Condition", *cond);
        const prepared_policy* p = prepare(wrap_statement(std::move(stmt)), "condition");
        if (p == nullptr) return error_;
        request_context ctx;
        read_context(rec_.find("context"), ctx);
        return compare(conditions_hold(*p, 0, ctx));
    }

    std::string run_action() {
        json::value stmt = make_object();
        add_member(stmt, "Effect", make_string("Allow"));
        const json::value* vals = rec_.find("policy_values");
        if (vals == nullptr) return "record lacks `policy_values`";
        add_member(stmt, text_of("element") == "NotAction" ? "NotAction" : "Action", *vals);
        add_member(stmt, "Resource", make_string("*"));
        const prepared_policy* p = prepare(wrap_statement(std::move(stmt)), "action");
        if (p == nullptr) return error_;
        return compare(statement_covers_action(*p, 0, text_of("action")));
    }

    static policy_slot slot_of(std::string_view type) {
        if (type == "session") return policy_slot::session;
        if (type == "pb") return policy_slot::boundary;
        if (type == "resource") return policy_slot::resource;
        if (type == "scp") return policy_slot::scp;
        if (type == "rcp") return policy_slot::rcp;
        if (type == "vpce") return policy_slot::vpc_endpoint;
        return policy_slot::identity;
    }

    std::string run_resource() {
        const policy_slot slot = slot_of(text_of("policy_type"));
        json::value stmt = make_object();
        add_member(stmt, "Effect", make_string(text_of("effect") == "Deny" ? "Deny" : "Allow"));
        if (slot == policy_slot::resource || slot == policy_slot::rcp) add_member(stmt, "Principal", make_string("*"));
        add_member(stmt, "Action", make_string("*"));
        const json::value* vals = rec_.find("policy_values");
        if (vals == nullptr) return "record lacks `policy_values`";
        add_member(stmt, text_of("element") == "NotResource" ? "NotResource" : "Resource", *vals);
        const prepared_policy* p = prepare(wrap_statement(std::move(stmt)), "resource");
        if (p == nullptr) return error_;
        request req;
        req.principal = "arn:aws:iam::" + text_of("resource_account") + ":user/conformance";
        req.action = "test:Action";
        req.resource = text_of("resource");
        req.resource_account = text_of("resource_account");
        read_context(rec_.find("context"), req.context);
        const policy_result r = evaluate_policy(*p, req, slot, nullptr, eopts_);
        return compare(r.effect != policy_effect::none);
    }

    std::string run_principal() {
        json::value stmt = make_object();
        const std::string eff = text_of("effect");
        add_member(stmt, "Effect", make_string(eff == "Deny" ? "Deny" : "Allow"));
        const json::value* pv = rec_.find("policy_value");
        if (pv == nullptr) return "record lacks `policy_value`";
        add_member(stmt, text_of("element") == "NotPrincipal" ? "NotPrincipal" : "Principal", *pv);
        add_member(stmt, "Action", make_string("*"));
        add_member(stmt, "Resource", make_string("*"));
        const prepared_policy* p = prepare(wrap_statement(std::move(stmt)), "principal");
        if (p == nullptr) return error_;
        request req;
        req.principal = principal_of(rec_.find("principal"));
        req.action = "test:Action";
        req.resource = "*";
        const policy_result r = evaluate_policy(*p, req, policy_slot::resource, nullptr, eopts_);
        return compare(r.effect != policy_effect::none);
    }

    const json::value& rec_;
    policy::parse_options popts_;
    evaluate_options eopts_;
    std::vector<std::unique_ptr<prepared_policy>> keep_;
    std::string error_;
};

bool has_tag(const json::value& rec, std::string_view tag) {
    const json::value* tags = rec.find("tags");
    if (tags == nullptr || !tags->is_array()) return false;
    for (const auto& t : tags->items)
        if (t.text == tag) return true;
    return false;
}

}  // namespace

bool tag_matches(std::string_view pattern, std::string_view tag) noexcept {
    if (!pattern.empty() && pattern.back() == '*') return tag.substr(0, pattern.size() - 1) == pattern.substr(0, pattern.size() - 1);
    return pattern == tag;
}

void run_conformance(std::string_view jsonl, const conformance_options& opts, conformance_report& report,
                     std::string_view file) {
    std::size_t line_no = 0;
    while (!jsonl.empty()) {
        const std::size_t nl = jsonl.find('\n');
        std::string_view line = jsonl.substr(0, nl);
        jsonl = nl == std::string_view::npos ? std::string_view() : jsonl.substr(nl + 1);
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        const std::string where = (file.empty() ? std::string("line ") : std::string(file) + ":") + std::to_string(line_no);
        auto parsed = json::parse(line);
        if (!parsed.ok || !parsed.root.is_object()) {
            ++report.failed;
            report.failures.push_back({where, "malformed JSON record"});
            continue;
        }
        const json::value& rec = parsed.root;
        const json::value* idv = rec.find("id");
        const std::string id = idv != nullptr && idv->is_string() ? idv->text.str() : where;

        bool skip = false;
        if (const json::value* tags = rec.find("tags"); tags != nullptr && tags->is_array()) {
            for (const auto& t : tags->items)
                for (const auto& pat : opts.exclude_tags)
                    if (tag_matches(pat, t.text)) skip = true;
        }
        if (const json::value* rv = rec.find("review"); opts.skip_disputed && rv != nullptr) {
            if (const json::value* st = rv->find("status"); st != nullptr && st->text == "disputed") skip = true;
        }
        if (skip) {
            ++report.skipped;
            continue;
        }
        case_runner runner(rec, has_tag(rec, "lenient:principal-string-form"), has_tag(rec, "short-arn"));
        const std::string msg = runner.run();
        if (msg.empty()) {
            ++report.passed;
        } else {
            ++report.failed;
            report.failures.push_back({id, msg});
        }
    }
}

}  // namespace iamguard::eval
