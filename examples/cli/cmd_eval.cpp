// SPDX-License-Identifier: Apache-2.0
// cmd_eval.cpp: `iamguard eval --policy FILE ... --request FILE|JSON`: evaluate one request and
// explain the decision. Exit code 0 when the request is allowed, 1 when it is denied (explicitly
// or implicitly), 2 for usage errors and unreadable or unparseable input.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <iamguard/eval/evaluate.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/policy/parse.hpp>

#include "commands.hpp"
#include "io.hpp"

namespace iamguard::cli {
namespace {

struct eval_cli_options {
    std::vector<std::string> identity;
    std::string resource_policy;
    std::vector<std::string> boundaries;
    std::vector<std::string> scps;
    std::vector<std::string> rcps;
    std::string session;
    std::vector<std::string> vpc_endpoint;
    std::string request;
    std::string format = "text";
    bool lenient = false;
    bool short_arns_compat = false;
    bool role_name_ignore_case = false;
};

class loader {
public:
    explicit loader(bool lenient) { popts_.lenient_principal_string = lenient; }

    const eval::prepared_policy* load(const std::string& file) {
        std::string why;
        const auto text = read_input(file, why);
        if (!text) {
            std::cerr << "iamguard eval: " << why << '\n';
            ok_ = false;
            return nullptr;
        }
        auto r = policy::parse(*text, popts_);
        for (auto& d : r.diagnostics) {
            d.file = file;
            if (d.level == severity::error) std::cerr << render(d, *text) << '\n';
        }
        if (!r.doc) {
            ok_ = false;
            return nullptr;
        }
        keep_.push_back(std::make_unique<eval::prepared_policy>(*r.doc, file));
        return keep_.back().get();
    }

    std::vector<const eval::prepared_policy*> load_all(const std::vector<std::string>& files) {
        std::vector<const eval::prepared_policy*> out;
        for (const auto& f : files)
            if (auto* p = load(f)) out.push_back(p);
        return out;
    }

    [[nodiscard]] bool ok() const noexcept { return ok_; }

private:
    policy::parse_options popts_;
    std::vector<std::unique_ptr<eval::prepared_policy>> keep_;
    bool ok_ = true;
};

// The request: {"principal": "arn:..." | {"type":"Anonymous"}, "action", "resource",
// "resource_account", "context": {"key": "v" | ["v", ...]}} given inline or as a file.
// `resource_account` defaults to the account field of the resource ARN, else to the caller's.
bool read_request(const std::string& arg, eval::request& req) {
    std::string text = arg;
    const auto first = arg.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || arg[first] != '{') {
        std::string why;
        const auto t = read_input(arg, why);
        if (!t) {
            std::cerr << "iamguard eval: " << why << '\n';
            return false;
        }
        text = *t;
    }
    auto parsed = json::parse(text);
    if (!parsed.ok || !parsed.root.is_object()) {
        for (auto& d : parsed.diagnostics) std::cerr << render(d, text) << '\n';
        std::cerr << "iamguard eval: the request must be a JSON object\n";
        return false;
    }
    const json::value& r = parsed.root;
    if (const auto* p = r.find("principal"); p != nullptr && p->is_string()) req.principal = p->text;
    if (const auto* a = r.find("action"); a != nullptr && a->is_string()) req.action = a->text;
    if (const auto* s = r.find("resource"); s != nullptr && s->is_string()) req.resource = s->text;
    if (const auto* s = r.find("resource_account"); s != nullptr && s->is_string()) req.resource_account = s->text;
    if (req.resource_account.empty()) {
        // Default: the account named in the resource ARN.
        const std::string_view res = req.resource;
        std::size_t colons = 0, start = 0;
        for (std::size_t i = 0; i < res.size() && colons < 5; ++i) {
            if (res[i] == ':') {
                ++colons;
                if (colons == 4) start = i + 1;
                if (colons == 5) req.resource_account = std::string(res.substr(start, i - start));
            }
        }
    }
    if (req.resource_account.empty()) {
        // S3 and other ARNs without an account field: assume the caller's own account.
        req.resource_account = std::string(eval::describe_principal(req.principal).account);
    }
    if (const auto* c = r.find("context"); c != nullptr && c->is_object()) {
        for (const auto& m : c->members) {
            if (m.val.is_array()) {
                std::vector<std::string> vs;
                for (const auto& it : m.val.items) vs.push_back(it.is_bool() ? (it.boolean ? "true" : "false") : it.text);
                req.context.set_list(m.key, std::move(vs));
            } else {
                req.context.set(m.key, m.val.is_bool() ? (m.val.boolean ? "true" : "false") : m.val.text);
            }
        }
    }
    if (req.action.empty()) {
        std::cerr << "iamguard eval: the request has no `action`\n";
        return false;
    }
    return true;
}

int run_eval(const eval_cli_options& o) {
    if (o.format != "text" && o.format != "json") {
        std::cerr << "iamguard eval: unknown --format `" << o.format << "` (expected text or json)\n";
        return 2;
    }
    loader l(o.lenient);
    eval::policy_set set;
    set.identity = l.load_all(o.identity);
    if (!o.resource_policy.empty()) set.resource = l.load(o.resource_policy);
    set.boundaries = l.load_all(o.boundaries);
    if (!o.session.empty()) set.session = l.load(o.session);
    for (const auto& f : o.scps) set.scp_levels.push_back(l.load_all({f}));
    for (const auto& f : o.rcps) set.rcp_levels.push_back(l.load_all({f}));
    set.vpc_endpoint = l.load_all(o.vpc_endpoint);
    if (!l.ok()) return 2;
    eval::request req;
    if (!read_request(o.request, req)) return 2;

    eval::evaluate_options eo;
    eo.short_arns = o.short_arns_compat ? eval::short_arn_mode::iam_simulate : eval::short_arn_mode::no_match;
    eo.role_name_ignore_case = o.role_name_ignore_case;
    eval::trace t;
    const auto d = eval::evaluate(set, req, &t, eo);
    if (o.format == "json") {
        nlohmann::json j;
        to_json(j, t);
        std::cout << j.dump(2) << '\n';
    } else {
        const bool colour = use_colour(1);
        const std::string text = eval::to_text(t);
        const std::string code = d == eval::decision::allow ? "1;32" : "1;31";
        const std::size_t nl = text.find('\n');
        std::cout << paint(text.substr(0, nl), code, colour) << text.substr(nl);
    }
    return d == eval::decision::allow ? 0 : 1;
}

}  // namespace

void add_eval_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<eval_cli_options>();
    auto* sub = app.add_subcommand("eval", "evaluate a request against IAM policies and explain the decision");
    sub->add_option("--policy", o->identity, "identity-based policy of the caller (repeatable)");
    sub->add_option("--resource-policy", o->resource_policy, "resource-based policy (bucket, key or role trust policy)");
    sub->add_option("--boundary", o->boundaries, "permissions boundary of the caller (repeatable)");
    sub->add_option("--scp", o->scps, "service control policy; each one is a level, root first (repeatable)");
    sub->add_option("--rcp", o->rcps, "resource control policy; each one is a level, root first (repeatable)");
    sub->add_option("--session", o->session, "session policy");
    sub->add_option("--vpc-endpoint", o->vpc_endpoint, "VPC endpoint policy (repeatable)");
    sub->add_option("--request", o->request, "the request: a JSON file, `-` for stdin, or inline JSON")->required();
    sub->add_option("--format", o->format, "output format: text or json");
    sub->add_flag("--lenient", o->lenient, "accept \"Principal\": \"arn:...\" (not grammatical)");
    sub->add_flag("--short-arn-compat", o->short_arns_compat, "treat short resource ARNs as iam-simulate does");
    sub->add_flag("--role-name-ignore-case", o->role_name_ignore_case, "compare role names in principals ignoring case");
    sub->callback([o, &exit_code] { exit_code = run_eval(*o); });
}

}  // namespace iamguard::cli
