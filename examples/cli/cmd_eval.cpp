// SPDX-License-Identifier: Apache-2.0
// cmd_eval.cpp: `iamguard eval --policy FILE ... --request FILE|JSON`: evaluate one request and
// explain the decision. Exit code 0 when the request is allowed, 1 when it is denied (explicitly
// or implicitly), 2 for usage errors and unreadable or unparseable input.
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <iamguard/eval/evaluate.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/policy/arn.hpp>
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

    const eval::prepared_policy* load(const std::string& path) {
        const std::string file = display_name(path);
        std::string why;
        const auto text = read_input(path, why);
        if (!text) {
            std::cerr << "iamguard eval: " << why << '\n';
            ok_ = false;
            return nullptr;
        }
        auto r = policy::parse(*text, popts_);
        // A policy with an error is one IAM would refuse to store: evaluating what is left of it
        // (a statement dropped) would answer for a policy that cannot exist.
        bool has_error = false;
        for (auto& d : r.diagnostics) {
            d.file = file;
            if (d.level != severity::error) continue;
            std::cerr << render(d, *text) << '\n';
            has_error = true;
        }
        if (!r.doc || has_error) {
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

// The request: {"principal": "arn:..." | {"type": "Anonymous"}, "action", "resource",
// "resource_account", "context": {"key": "v" | true | 1 | ["v", ...]}}, given inline or as a file.
// `resource_account` defaults to the account field of the resource ARN, else to the caller's.
// A key it does not know, or a value of the wrong type, is an error at its position: ignoring
// `"contxt"` or `"principal": 5` would evaluate another request than the one meant (an anonymous
// one, without the context), and its decision would look like an answer.
class request_reader {
public:
    bool read(const std::string& arg, eval::request& req) {
        const auto first = arg.find_first_not_of(" \t\r\n");
        if (first == std::string::npos || (arg[first] != '{' && arg[first] != '[')) {
            std::string why;
            const auto t = read_input(arg, why);
            if (!t) {
                std::cerr << "iamguard eval: " << why << '\n';
                return false;
            }
            text_ = *t;
            name_ = display_name(arg);
        } else {
            text_ = arg;
            name_ = "--request";
        }
        auto parsed = json::parse(text_);
        for (auto& d : parsed.diagnostics) report(std::move(d));
        if (!parsed.ok) return false;
        const json::value& r = parsed.root;
        if (!r.is_object()) return wrong_type(r, "", "the request: an object with `action` and optionally `principal`, "
                                                     "`resource`, `resource_account` and `context`");
        bool has_action = false;
        for (const auto& m : r.members) {
            const json::value& v = m.val;
            if (m.key == "principal") {
                if (v.is_string()) {
                    req.principal = v.text;
                } else if (const json::value* type = v.is_object() ? v.find("type") : nullptr;
                           type == nullptr || !type->is_string() || type->text != "Anonymous" || v.members.size() != 1) {
                    wrong_type(v, "principal", "an ARN string, or {\"type\": \"Anonymous\"} for an unsigned request");
                }  // else anonymous: the empty principal
            } else if (m.key == "action" || m.key == "resource" || m.key == "resource_account") {
                if (!v.is_string()) {
                    wrong_type(v, m.key, "a string");
                    continue;
                }
                if (m.key == "action") {
                    req.action = v.text;
                    has_action = true;
                } else {
                    (m.key == "resource" ? req.resource : req.resource_account) = v.text;
                }
            } else if (m.key == "context") {
                read_context(v, req.context);
            } else {
                diagnostic d;
                d.code = "E001";
                d.pos = m.key_pos;
                d.length = static_cast<std::uint32_t>(m.key.size() + 2);
                d.message = "unknown key `" + m.key + "` in the request";
                d.help = "the keys are principal, action, resource, resource_account and context";
                report(std::move(d));
            }
        }
        if (!has_action && ok_) {
            diagnostic d;
            d.code = "E003";
            d.pos = r.pos;
            d.message = "the request has no `action`";
            d.help = "add e.g. \"action\": \"s3:GetObject\"";
            report(std::move(d));
        }
        if (!ok_) return false;
        if (req.resource_account.empty()) req.resource_account = default_account(req);
        return true;
    }

private:
    // The account that owns the resource when the request does not say: the account field of the
    // resource ARN, else (S3 and other ARNs without one) the caller's own.
    static std::string default_account(const eval::request& req) {
        if (const auto arn = policy::split_arn(req.resource); arn && !arn->account.empty()) return std::string(arn->account);
        return std::string(eval::describe_principal(req.principal).account);
    }

    // A context value: strings as they are, booleans and numbers as their JSON text (condition
    // operators compare text, as IAM receives it).
    static bool scalar(const json::value& v, std::string& out) {
        if (v.is_string() || v.is_number()) {
            out = v.text;
        } else if (v.is_bool()) {
            out = v.boolean ? "true" : "false";
        } else {
            return false;
        }
        return true;
    }

    void read_context(const json::value& c, eval::request_context& ctx) {
        if (!c.is_object()) {
            wrong_type(c, "context", "an object of condition keys and their values");
            return;
        }
        constexpr std::string_view expected = "a string, a boolean, a number, or a list of them";
        for (const auto& m : c.members) {
            const std::string path = "context." + m.key;
            std::string one;
            if (scalar(m.val, one)) {
                ctx.set(m.key, std::move(one));
            } else if (m.val.is_array()) {
                std::vector<std::string> values;
                for (const auto& item : m.val.items) {
                    if (!scalar(item, one)) {
                        wrong_type(item, path, expected);
                        continue;
                    }
                    values.push_back(one);
                }
                ctx.set_list(m.key, std::move(values));
            } else {
                wrong_type(m.val, path, expected);
            }
        }
    }

    bool wrong_type(const json::value& v, const std::string& path, std::string_view expected) {
        diagnostic d;
        d.code = "E002";
        d.pos = v.pos;
        d.path = path;
        d.message = "expected " + std::string(expected) + ", found " + std::string(json::to_string(v.type));
        report(std::move(d));
        return false;
    }

    void report(diagnostic d) {
        d.file = name_;
        if (d.level == severity::error) ok_ = false;
        std::cerr << render(d, text_) << '\n';
    }

    std::string text_;
    std::string name_;  // the file, `<stdin>`, or `--request` for inline JSON
    bool ok_ = true;
};

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
    if (!request_reader().read(o.request, req)) return 2;

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
    auto* sub = app.add_subcommand("eval", "Evaluate a request against IAM policies and explain the decision");
    sub->add_option("--policy", o->identity, "Identity-based policy of the caller: a file, or - for stdin (repeatable)");
    sub->add_option("--resource-policy", o->resource_policy, "Resource-based policy (bucket, key or role trust policy)");
    sub->add_option("--boundary", o->boundaries, "Permissions boundary of the caller (repeatable)");
    sub->add_option("--scp", o->scps, "Service control policy; each one is a level, root first (repeatable)");
    sub->add_option("--rcp", o->rcps, "Resource control policy; each one is a level, root first (repeatable)");
    sub->add_option("--session", o->session, "Session policy");
    sub->add_option("--vpc-endpoint", o->vpc_endpoint, "VPC endpoint policy (repeatable)");
    sub->add_option("--request", o->request, "The request: a JSON file, - for stdin, or inline JSON")->required();
    sub->add_option("--format", o->format, "Output format: text or json");
    sub->add_flag("--lenient", o->lenient, "Accept \"Principal\": \"arn:...\" (not grammatical)");
    sub->add_flag("--short-arn-compat", o->short_arns_compat, "Treat short resource ARNs as iam-simulate does");
    sub->add_flag("--role-name-ignore-case", o->role_name_ignore_case, "Compare role names in principals ignoring case");
    sub->callback([o, &exit_code] { exit_code = run_eval(*o); });
}

}  // namespace iamguard::cli
