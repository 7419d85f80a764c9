// SPDX-License-Identifier: Apache-2.0
// validate.cpp: checks that depend on the policy kind, and value checks (iam-semantics.md §1.5).
#include <iamguard/policy/validate.hpp>

#include <algorithm>
#include <map>

#include <iamguard/policy/arn.hpp>
#include <iamguard/policy/codes.hpp>

namespace iamguard::policy {
namespace {

std::string at(const statement& st, std::string_view element = {}) {
    std::string p = "Statement[" + std::to_string(st.index) + "]";
    if (!element.empty()) {
        p += '.';
        p += element;
    }
    return p;
}

std::string at(const statement& st, std::string_view element, std::size_t i) {
    return at(st, element) + "[" + std::to_string(i) + "]";
}

bool has_variable(std::string_view s) noexcept { return s.find("${") != std::string_view::npos; }

bool is_identity_side(policy_kind k) noexcept {
    return k == policy_kind::identity || k == policy_kind::boundary || k == policy_kind::session ||
           k == policy_kind::scp;
}

bool is_service_name_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

class validator {
public:
    validator(const document& doc, policy_kind kind) : doc_(doc), kind_(kind) {}

    std::vector<diagnostic> run() {
        if (doc_.id && kind_ == policy_kind::identity) {
            report(severity::warning, codes::id_not_allowed, doc_.id->pos, "Id",
                   "`Id` is not allowed in identity-based policies", "remove it; IAM ignores it at best");
        }
        std::map<std::string, const statement*> sids;
        for (const auto& st : doc_.statements) {
            if (st.sid && !st.sid->text.empty()) {
                auto [it, fresh] = sids.emplace(st.sid->text, &st);
                if (!fresh) {
                    report(severity::warning, codes::duplicate_sid, st.sid->pos, at(st, "Sid"),
                           "duplicate `Sid` `" + st.sid->text + "`",
                           "also used by Statement[" + std::to_string(it->second->index) + "]; some services require unique Sids");
                }
            }
            check_principal(st);
            check_actions(st);
            check_resources(st);
            check_conditions(st);
        }
        return std::move(diags_);
    }

private:
    const document& doc_;
    policy_kind kind_;
    std::vector<diagnostic> diags_;

    void report(severity level, std::string_view code, source_pos pos, std::string path, std::string message,
                std::string help = {}, std::uint32_t length = 1) {
        diagnostic d;
        d.level = level;
        d.code = std::string(code);
        d.message = std::move(message);
        d.help = std::move(help);
        d.path = std::move(path);
        d.pos = pos;
        d.length = length;
        diags_.push_back(std::move(d));
    }

    static std::uint32_t quoted_length(const std::string& s) { return static_cast<std::uint32_t>(s.size() + 2); }

    void check_principal(const statement& st) {
        const std::string kind_name(to_string(kind_));
        if (st.principal) {
            const auto& p = *st.principal;
            const char* name = p.negated ? "NotPrincipal" : "Principal";
            if (is_identity_side(kind_)) {
                report(severity::error, codes::principal_not_allowed, p.pos, at(st, name),
                       "`" + std::string(name) + "` is not allowed in a " + kind_name + " policy",
                       "principals belong in resource-based and trust policies");
                return;
            }
            if (p.negated && kind_ == policy_kind::trust) {
                report(severity::error, codes::not_principal_in_trust, p.pos, at(st, name),
                       "`NotPrincipal` is not allowed in a trust policy");
            }
            if (p.negated && st.eff == effect::allow) {
                report(severity::error, codes::not_principal_with_allow, p.pos, at(st, name),
                       "`NotPrincipal` with `\"Effect\": \"Allow\"` is not supported",
                       "use `NotPrincipal` only with Deny; to allow, name the principals with `Principal`");
            }
            if (kind_ == policy_kind::rcp && !(p.wildcard && !p.negated)) {
                report(severity::error, codes::rcp_principal, p.pos, at(st, name),
                       "resource control policy statements must have `\"Principal\": \"*\"`");
            }
            for (const auto& g : p.groups) check_principal_group(st, g, name);
        } else if (kind_ == policy_kind::trust || kind_ == policy_kind::resource || kind_ == policy_kind::rcp) {
            report(severity::error, codes::principal_required, st.pos, at(st),
                   "statement of a " + kind_name + " policy has no `Principal`",
                   kind_ == policy_kind::rcp ? "add \"Principal\": \"*\"" : "name who the statement applies to");
        }
    }

    void check_principal_group(const statement& st, const principal_group& g, const char* name) {
        for (std::size_t i = 0; i < g.values.size(); ++i) {
            const auto& v = g.values[i];
            const auto full = [&] {
                const std::string base = std::string(name) + "." + std::string(to_string(g.type));
                return at(st, g.list_form ? base + "[" + std::to_string(i) + "]" : base);
            };
            if (has_variable(v.text)) {
                report(severity::error, codes::variable_not_allowed, v.pos, full(),
                       "policy variables are not allowed in `" + std::string(name) + "`", {}, quoted_length(v.text));
                continue;
            }
            if (g.type == principal_type::aws) {
                if (v.text == "*") continue;
                if (v.text.find('*') != std::string::npos || v.text.find('?') != std::string::npos) {
                    report(severity::error, codes::partial_principal_wildcard, v.pos, full(),
                           "wildcards are not allowed in principal `" + v.text + "`",
                           "use \"*\" with a condition such as aws:PrincipalArn ArnLike", quoted_length(v.text));
                    continue;
                }
                if (is_account_id(v.text)) continue;
                const auto arn = split_arn(v.text);
                const bool ok = arn && (arn->service == "iam" || arn->service == "sts") && arn->region.empty() &&
                                !arn->resource.empty() && (is_account_id(arn->account) || arn->account == "aws");
                if (!ok) {
                    report(severity::error, codes::invalid_principal, v.pos, full(),
                           "invalid AWS principal `" + v.text + "`",
                           "expected \"*\", a 12-digit account id, or an IAM/STS ARN such as arn:aws:iam::123456789012:root",
                           quoted_length(v.text));
                }
            } else if (g.type == principal_type::service) {
                if (v.text.find('.') == std::string::npos) {
                    report(severity::warning, codes::service_principal_format, v.pos, full(),
                           "service principal `" + v.text + "` does not look like `service.amazonaws.com`", {},
                           quoted_length(v.text));
                }
            }
        }
    }

    void check_actions(const statement& st) {
        if (!st.action) return;
        const char* name = st.action->negated ? "NotAction" : "Action";
        for (std::size_t i = 0; i < st.action->values.size(); ++i) {
            const auto& v = st.action->values[i];
            if (v.text == "*") continue;
            const std::string path = st.action->list_form ? at(st, name, i) : at(st, name);
            if (has_variable(v.text)) {
                report(severity::error, codes::variable_not_allowed, v.pos, path,
                       "policy variables are not allowed in `" + std::string(name) + "`", {}, quoted_length(v.text));
                continue;
            }
            const auto colon = v.text.find(':');
            if (colon == std::string::npos || colon == 0 || colon + 1 == v.text.size()) {
                report(severity::error, codes::invalid_action, v.pos, path,
                       "invalid action `" + v.text + "`", "actions are written `service:ActionName` or \"*\"",
                       quoted_length(v.text));
                continue;
            }
            const std::string_view service = std::string_view(v.text).substr(0, colon);
            if (service.find_first_of("*?") != std::string_view::npos) {
                report(severity::error, codes::wildcard_service, v.pos, path,
                       "wildcards are not allowed in the service prefix of `" + v.text + "`",
                       "such a pattern matches no action; write `service:*` or \"*\"", quoted_length(v.text));
                continue;
            }
            if (!std::all_of(service.begin(), service.end(), is_service_name_char)) {
                report(severity::error, codes::invalid_action, v.pos, path,
                       "invalid service prefix in action `" + v.text + "`", {}, quoted_length(v.text));
            }
        }
    }

    void check_resources(const statement& st) {
        if (!st.resource) {
            if (kind_ != policy_kind::trust) {
                report(severity::error, codes::missing_resource, st.pos, at(st),
                       "statement has no `Resource` or `NotResource`", "add \"Resource\": \"*\" or the ARNs it applies to");
            }
            return;
        }
        const char* name = st.resource->negated ? "NotResource" : "Resource";
        if (kind_ == policy_kind::trust) {
            report(severity::error, codes::resource_in_trust, st.resource->pos, at(st, name),
                   "`" + std::string(name) + "` is not allowed in a trust policy",
                   "the role itself is the resource of its trust policy");
            return;
        }
        for (std::size_t i = 0; i < st.resource->values.size(); ++i) {
            const auto& v = st.resource->values[i];
            if (v.text == "*") continue;
            const auto arn = split_arn(v.text);
            if (arn && v.text.find("${") == std::string::npos) continue;  // the common case: nothing to report
            const std::string path = st.resource->list_form ? at(st, name, i) : at(st, name);
            if (!arn) {
                report(severity::error, codes::malformed_arn, v.pos, path, "malformed ARN `" + v.text + "`",
                       "expected arn:partition:service:region:account:resource or \"*\"", quoted_length(v.text));
                continue;
            }
            // Variables are allowed only in the resource part, after the fifth colon.
            const std::string_view head = std::string_view(v.text).substr(0, v.text.size() - arn->resource.size());
            if (has_variable(head)) {
                report(severity::error, codes::variable_not_allowed, v.pos, path,
                       "policy variables are allowed only in the resource part of an ARN (after the fifth colon)", {},
                       quoted_length(v.text));
            } else if (has_variable(arn->resource) && doc_.ver != version::v2012_10_17) {
                report(severity::warning, codes::variables_without_version, v.pos, path,
                       "`${...}` is literal text without \"Version\": \"2012-10-17\"",
                       "set the Version, or the pattern will only match the literal text", quoted_length(v.text));
            }
        }
    }

    void check_conditions(const statement& st) {
        for (const auto& c : st.conditions) {
            const auto path = [&] { return at(st, "Condition." + c.op_text.text + "." + c.key.text); };
            if (has_variable(c.key.text)) {
                report(severity::error, codes::variable_not_allowed, c.key.pos, path(),
                       "policy variables are not allowed in condition keys", {}, quoted_length(c.key.text));
            }
            if (c.op.base == condition_base::unknown) continue;
            for (const auto& v : c.values) {
                if (!has_variable(v.text)) continue;
                if (!allows_variables(c.op.base)) {
                    report(severity::warning, codes::variable_not_allowed, v.pos, path(),
                           "`" + std::string(to_string(c.op.base)) + "` does not resolve policy variables; `" + v.text +
                               "` is compared as literal text",
                           {}, quoted_length(v.text));
                } else if (doc_.ver != version::v2012_10_17) {
                    report(severity::warning, codes::variables_without_version, v.pos, path(),
                           "`${...}` is literal text without \"Version\": \"2012-10-17\"", {}, quoted_length(v.text));
                }
            }
            if (c.op.base == condition_base::null_ || c.op.base == condition_base::bool_) {
                for (const auto& v : c.values) {
                    std::string low = v.text;
                    for (char& ch : low) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
                    if (low == "true" || low == "false" || has_variable(v.text)) continue;
                    report(severity::error, codes::invalid_operator_value, v.pos, path(),
                           "`" + std::string(to_string(c.op.base)) + "` takes \"true\" or \"false\", found `" + v.text + "`",
                           {}, quoted_length(v.text));
                }
            }
        }
    }
};

}  // namespace

std::vector<diagnostic> validate(const document& doc, policy_kind kind) { return validator(doc, kind).run(); }

policy_kind infer_kind(const document& doc) noexcept {
    bool principals = false, resources = false, only_sts = true;
    for (const auto& st : doc.statements) {
        principals = principals || st.principal.has_value();
        resources = resources || st.resource.has_value();
        if (st.action) {
            for (const auto& a : st.action->values)
                if (a.text.rfind("sts:", 0) != 0) only_sts = false;
        }
    }
    if (!principals) return policy_kind::identity;
    return (!resources && only_sts) ? policy_kind::trust : policy_kind::resource;
}

}  // namespace iamguard::policy
