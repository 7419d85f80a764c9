// SPDX-License-Identifier: Apache-2.0
// parse.cpp: from a located JSON tree to the policy AST, with the structural diagnostics that
// apply to every kind of policy (iam-semantics.md §1). Kind-specific checks are in validate.cpp.
#include <iamguard/policy/parse.hpp>

#include <algorithm>

#include <iamguard/policy/arn.hpp>
#include <iamguard/policy/codes.hpp>
#include <iamguard/policy/validate.hpp>

namespace iamguard::policy {
namespace {

// A JSON path built on the stack as the walk descends and rendered to text only when a
// diagnostic needs it (most documents need none, and building strings per member would cost
// as much as parsing the JSON).
struct path_ref {
    const path_ref* parent = nullptr;
    std::string_view key;  // a member name, or (at the root) the caller's prefix
    std::size_t idx = 0;
    bool is_index = false;

    [[nodiscard]] path_ref operator/(std::string_view k) const noexcept { return {this, k, 0, false}; }
    [[nodiscard]] path_ref operator[](std::size_t i) const noexcept { return {this, {}, i, true}; }

    [[nodiscard]] std::string str() const {
        std::string out = parent ? parent->str() : std::string{};
        if (is_index) {
            out += '[';
            out += std::to_string(idx);
            out += ']';
        } else if (!key.empty()) {
            if (!out.empty()) out += '.';
            out += key;
        }
        return out;
    }
};

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_sid_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Walks a json::value and builds the AST, reporting every structural problem it meets. It never
// stops at the first problem: a bad statement is reported and the others are still built.
class builder {
public:
    builder(const parse_options& opts, std::vector<diagnostic>& diags) : opts_(opts), diags_(diags) {}

    std::optional<document> build(const json::value& root, const path_ref& path) {
        if (!root.is_object()) {
            report(severity::error, codes::not_an_object, root.pos, path,
                   "expected a policy document (a JSON object), found " + std::string(json::to_string(root.type)));
            return std::nullopt;
        }
        document doc;
        doc.pos = root.pos;
        const json::value* statements = nullptr;
        for (const auto& m : root.members) {
            const path_ref p = path / m.key;
            if (m.key == "Version") {
                read_version(doc, m.val, p);
            } else if (m.key == "Id") {
                if (auto s = expect_string(m.val, p, "Id")) doc.id = located_string{*s, m.val.pos};
            } else if (m.key == "Statement") {
                statements = &m.val;
            } else {
                unknown_element(m, p, {"Version", "Id", "Statement"});
            }
        }
        if (!doc.version_text) {
            report(severity::warning, codes::missing_version, root.pos, path,
                   "policy has no `Version`; policy variables such as `${aws:username}` are not recognised",
                   "add \"Version\": \"2012-10-17\"");
        }
        if (statements == nullptr) {
            report(severity::error, codes::missing_statement, root.pos, path, "policy has no `Statement` element");
            return doc;
        }
        const path_ref sp = path / "Statement";
        doc.statement_pos = statements->pos;
        if (statements->is_object()) {
            doc.statement_list_form = false;
            doc.statements.push_back(build_statement(*statements, sp, 0));
        } else if (statements->is_array()) {
            if (statements->items.empty()) {
                report(severity::warning, codes::empty_statement, statements->pos, sp,
                       "`Statement` is empty: the policy grants and denies nothing");
            }
            std::size_t count = statements->items.size();
            if (count > opts_.max_statements) {
                report(severity::error, codes::too_many_statements, statements->items[opts_.max_statements].pos,
                       sp[opts_.max_statements],
                       "policy has " + std::to_string(count) + " statements, more than the limit of " +
                           std::to_string(opts_.max_statements),
                       "the statements after the limit are ignored; raise parse_options::max_statements if legitimate");
                count = opts_.max_statements;
            }
            // Sized once: grown one push at a time, a document's statements were allocated and
            // moved up to log2(n) times, and kept up to twice their size (a loaded account holds
            // thousands of documents; bench/HISTORY.md, twelfth session).
            doc.statements.reserve(count);
            for (std::size_t i = 0; i < count; ++i) {
                const auto& item = statements->items[i];
                if (!item.is_object()) {
                    wrong_type(item, sp[i], "a statement object");
                    continue;
                }
                doc.statements.push_back(build_statement(item, sp[i], static_cast<std::uint32_t>(i)));
            }
        } else {
            wrong_type(*statements, sp, "a statement object or an array of statements");
        }
        return doc;
    }

private:
    const parse_options& opts_;
    std::vector<diagnostic>& diags_;

    void report(severity level, std::string_view code, source_pos pos, const path_ref& path, std::string message,
                std::string help = {}, std::uint32_t length = 1) {
        diagnostic d;
        d.level = level;
        d.code = std::string(code);
        d.message = std::move(message);
        d.help = std::move(help);
        d.path = path.str();
        d.pos = pos;
        d.length = length;
        diags_.push_back(std::move(d));
    }

    void wrong_type(const json::value& v, const path_ref& path, std::string_view expected) {
        report(severity::error, codes::wrong_type, v.pos, path,
               "expected " + std::string(expected) + ", found " + std::string(json::to_string(v.type)));
    }

    void unknown_element(const json::member& m, const path_ref& path, std::initializer_list<std::string_view> known) {
        std::string help;
        for (const auto k : known) {
            // Common misspellings: plural forms and case (`Actions`, `effect`).
            if (lower_ascii(m.key) == lower_ascii(k) || lower_ascii(m.key) == lower_ascii(std::string(k) + "s")) {
                help = "did you mean `" + std::string(k) + "`?";
                break;
            }
        }
        report(severity::error, codes::unknown_element, m.key_pos, path, "unknown element `" + m.key + "`",
               std::move(help), static_cast<std::uint32_t>(m.key.size() + 2));
    }

    // Reports and clamps a list longer than parse_options::max_values.
    std::size_t clamp_values(const json::value& list, const path_ref& path) {
        const std::size_t n = list.items.size();
        if (n <= opts_.max_values) return n;
        report(severity::error, codes::too_many_values, list.items[opts_.max_values].pos, path[opts_.max_values],
               "list has " + std::to_string(n) + " values, more than the limit of " + std::to_string(opts_.max_values),
               "the values after the limit are ignored; raise parse_options::max_values if legitimate");
        return opts_.max_values;
    }

    // Reports a value longer than parse_options::max_pattern_length; true when it may be kept.
    bool length_ok(const json::value& v, const path_ref& path) {
        if (v.text.size() <= opts_.max_pattern_length) return true;
        report(severity::error, codes::value_too_long, v.pos, path,
               "value of " + std::to_string(v.text.size()) + " bytes is longer than the limit of " +
                   std::to_string(opts_.max_pattern_length) + " bytes",
               "raise parse_options::max_pattern_length if legitimate");
        return false;
    }

    std::optional<std::string> expect_string(const json::value& v, const path_ref& path, std::string_view what) {
        if (v.is_string()) return v.text;
        wrong_type(v, path, "a string for `" + std::string(what) + "`");
        return std::nullopt;
    }

    void read_version(document& doc, const json::value& v, const path_ref& path) {
        if (!v.is_string()) {
            wrong_type(v, path, "a string for `Version`");
            return;
        }
        doc.version_text = located_string{v.text, v.pos};
        if (v.text == "2012-10-17") {
            doc.ver = version::v2012_10_17;
        } else if (v.text == "2008-10-17") {
            doc.ver = version::v2008_10_17;
        } else {
            report(severity::error, codes::invalid_version, v.pos, path, "invalid `Version` `" + v.text + "`",
                   "the only valid versions are \"2012-10-17\" and \"2008-10-17\"",
                   static_cast<std::uint32_t>(v.text.size() + 2));
        }
    }

    statement build_statement(const json::value& obj, const path_ref& path, std::uint32_t idx) {
        statement st;
        st.index = idx;
        st.pos = obj.pos;
        const json::member* principal = nullptr;
        const json::member* action = nullptr;
        const json::member* resource = nullptr;
        bool has_effect = false;
        for (const auto& m : obj.members) {
            const path_ref p = path / m.key;
            if (m.key == "Sid") {
                read_sid(st, m.val, p);
            } else if (m.key == "Effect") {
                has_effect = true;
                read_effect(st, m.val, p);
            } else if (m.key == "Principal" || m.key == "NotPrincipal") {
                if (principal != nullptr) {
                    report(severity::error, codes::principal_and_not_principal, m.key_pos, p,
                           "a statement cannot have both `Principal` and `NotPrincipal`", {},
                           static_cast<std::uint32_t>(m.key.size() + 2));
                    continue;
                }
                principal = &m;
                st.principal = read_principal(m.val, p, m.key == "NotPrincipal");
            } else if (m.key == "Action" || m.key == "NotAction") {
                if (action != nullptr) {
                    report(severity::error, codes::action_and_not_action, m.key_pos, p,
                           "a statement cannot have both `Action` and `NotAction`", {},
                           static_cast<std::uint32_t>(m.key.size() + 2));
                    continue;
                }
                action = &m;
                st.action = read_patterns(m.val, p, m.key == "NotAction", m.key);
            } else if (m.key == "Resource" || m.key == "NotResource") {
                if (resource != nullptr) {
                    report(severity::error, codes::resource_and_not_resource, m.key_pos, p,
                           "a statement cannot have both `Resource` and `NotResource`", {},
                           static_cast<std::uint32_t>(m.key.size() + 2));
                    continue;
                }
                resource = &m;
                st.resource = read_patterns(m.val, p, m.key == "NotResource", m.key);
            } else if (m.key == "Condition") {
                st.condition_pos = m.val.pos;
                read_condition(st, m.val, p);
            } else {
                unknown_element(m, p,
                                {"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource",
                                 "NotResource", "Condition"});
            }
        }
        if (!has_effect) {
            report(severity::error, codes::missing_effect, obj.pos, path, "statement has no `Effect`",
                   "add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"");
        }
        if (action == nullptr) {
            report(severity::error, codes::missing_action, obj.pos, path, "statement has no `Action` or `NotAction`");
        }
        return st;
    }

    void read_sid(statement& st, const json::value& v, const path_ref& path) {
        if (!v.is_string()) {
            wrong_type(v, path, "a string for `Sid`");
            return;
        }
        st.sid = located_string{v.text, v.pos};
        if (!std::all_of(v.text.begin(), v.text.end(), is_sid_char)) {
            report(severity::warning, codes::invalid_sid, v.pos, path,
                   "`Sid` `" + v.text + "` has characters IAM does not accept",
                   "IAM policies accept only A-Z, a-z and 0-9 in a Sid", static_cast<std::uint32_t>(v.text.size() + 2));
        }
    }

    void read_effect(statement& st, const json::value& v, const path_ref& path) {
        st.effect_pos = v.pos;
        if (!v.is_string()) {
            wrong_type(v, path, "\"Allow\" or \"Deny\" for `Effect`");
            return;
        }
        if (v.text == "Allow") {
            st.eff = effect::allow;
        } else if (v.text == "Deny") {
            st.eff = effect::deny;
        } else {
            std::string help = "`Effect` is \"Allow\" or \"Deny\", with that capitalisation";
            const std::string low = lower_ascii(v.text);
            if (low == "allow") help = "did you mean \"Allow\"?";
            if (low == "deny") help = "did you mean \"Deny\"?";
            report(severity::error, codes::invalid_effect, v.pos, path, "invalid `Effect` `" + v.text + "`",
                   std::move(help), static_cast<std::uint32_t>(v.text.size() + 2));
        }
    }

    pattern_list read_patterns(const json::value& v, const path_ref& path, bool negated, const std::string& name) {
        pattern_list out;
        out.negated = negated;
        out.pos = v.pos;
        if (v.is_string()) {
            if (length_ok(v, path)) out.values.push_back({v.text, v.pos});
        } else if (v.is_array()) {
            out.list_form = true;
            if (v.items.empty()) {
                report(severity::error, codes::empty_array, v.pos, path, "`" + name + "` is an empty array",
                       "give at least one value");
            }
            const std::size_t n = clamp_values(v, path);
            out.values.reserve(n);
            for (std::size_t i = 0; i < n; ++i) {
                const auto& item = v.items[i];
                if (item.is_string()) {
                    if (length_ok(item, path[i])) out.values.push_back({item.text, item.pos});
                } else {
                    wrong_type(item, path[i], "a string");
                }
            }
        } else {
            wrong_type(v, path, "a string or an array of strings for `" + name + "`");
        }
        return out;
    }

    static std::optional<principal_type> principal_type_of(std::string_view key) noexcept {
        if (key == "AWS") return principal_type::aws;
        if (key == "Service") return principal_type::service;
        if (key == "Federated") return principal_type::federated;
        if (key == "CanonicalUser") return principal_type::canonical_user;
        return std::nullopt;
    }

    principal_value make_principal_value(principal_type t, const json::value& v) {
        principal_value pv{v.text, t == principal_type::aws ? canonical_aws_principal(v.text) : v.text.str(), v.pos};
        return pv;
    }

    principal_spec read_principal(const json::value& v, const path_ref& path, bool negated) {
        principal_spec out;
        out.negated = negated;
        out.pos = v.pos;
        const char* name = negated ? "NotPrincipal" : "Principal";
        if (v.is_string()) {
            if (v.text == "*") {
                out.wildcard = true;
                return out;
            }
            // `"Principal": "arn:..."` is not grammatical; some tools write it (iam-semantics.md §1.2).
            const severity level = opts_.lenient_principal_string ? severity::warning : severity::error;
            report(level, codes::principal_string_form, v.pos, path,
                   "`" + std::string(name) + "` must be \"*\" or an object such as {\"AWS\": ...}",
                   "write {\"AWS\": \"" + v.text + "\"}", static_cast<std::uint32_t>(v.text.size() + 2));
            if (opts_.lenient_principal_string) {
                principal_group g;
                g.type = principal_type::aws;
                g.pos = v.pos;
                g.values.push_back(make_principal_value(principal_type::aws, v));
                out.groups.push_back(std::move(g));
            }
            return out;
        }
        if (!v.is_object()) {
            wrong_type(v, path, "\"*\" or an object for `" + std::string(name) + "`");
            return out;
        }
        if (v.members.empty()) {
            report(severity::error, codes::empty_array, v.pos, path, "`" + std::string(name) + "` is an empty object",
                   "name at least one principal");
        }
        out.groups.reserve(v.members.size());
        for (const auto& m : v.members) {
            const path_ref p = path / m.key;
            const auto type = principal_type_of(m.key);
            if (!type) {
                std::string help = "principal types are `AWS`, `Service`, `Federated` and `CanonicalUser`";
                const std::string low = lower_ascii(m.key);
                for (const char* k : {"AWS", "Service", "Federated", "CanonicalUser"})
                    if (low == lower_ascii(k)) help = "did you mean `" + std::string(k) + "`?";
                report(severity::error, codes::unknown_principal_type, m.key_pos, p,
                       "unknown principal type `" + m.key + "`", std::move(help),
                       static_cast<std::uint32_t>(m.key.size() + 2));
                continue;
            }
            principal_group g;
            g.type = *type;
            g.pos = m.val.pos;
            if (m.val.is_string()) {
                if (length_ok(m.val, p)) g.values.push_back(make_principal_value(*type, m.val));
            } else if (m.val.is_array()) {
                g.list_form = true;
                if (m.val.items.empty()) {
                    report(severity::error, codes::empty_array, m.val.pos, p, "`" + m.key + "` is an empty array",
                           "give at least one principal");
                }
                const std::size_t n = clamp_values(m.val, p);
                g.values.reserve(n);
                for (std::size_t i = 0; i < n; ++i) {
                    const auto& item = m.val.items[i];
                    if (item.is_string()) {
                        if (length_ok(item, p[i])) g.values.push_back(make_principal_value(*type, item));
                    } else {
                        wrong_type(item, p[i], "a string");
                    }
                }
            } else {
                wrong_type(m.val, p, "a string or an array of strings");
                continue;
            }
            out.groups.push_back(std::move(g));
        }
        return out;
    }

    void read_condition(statement& st, const json::value& v, const path_ref& path) {
        if (!v.is_object()) {
            wrong_type(v, path, "an object for `Condition`");
            return;
        }
        std::size_t clauses = 0;  // one per key of every operator: sized once, as the statements
        for (const auto& op_member : v.members) clauses += op_member.val.is_object() ? op_member.val.members.size() : 0;
        st.conditions.reserve(clauses);
        for (const auto& op_member : v.members) {
            const path_ref op_path = path / op_member.key;
            condition_operator op;
            if (auto parsed = parse_operator(op_member.key)) {
                op = *parsed;
            } else {
                const bool null_if_exists = op_member.key == "NullIfExists" ||
                                            (op_member.key.size() > 12 &&
                                             op_member.key.substr(op_member.key.size() - 12) == "NullIfExists");
                if (null_if_exists) {
                    report(severity::error, codes::null_if_exists, op_member.key_pos, op_path,
                           "`" + op_member.key + "` is not a condition operator", "`Null` has no `IfExists` form",
                           static_cast<std::uint32_t>(op_member.key.size() + 2));
                } else {
                    const std::string guess = suggest_operator(op_member.key);
                    report(severity::error, codes::unknown_operator, op_member.key_pos, op_path,
                           "unknown condition operator `" + op_member.key + "`",
                           guess.empty() ? std::string{} : "did you mean `" + guess + "`?",
                           static_cast<std::uint32_t>(op_member.key.size() + 2));
                }
                op.base = condition_base::unknown;  // kept, so that evaluation fails closed
            }
            if (!op_member.val.is_object()) {
                wrong_type(op_member.val, op_path, "an object of condition keys");
                continue;
            }
            if (op_member.val.members.empty()) {
                report(severity::warning, codes::empty_condition, op_member.val.pos, op_path,
                       "condition operator `" + op_member.key + "` has no keys");
            }
            for (const auto& key_member : op_member.val.members) {
                const path_ref key_path = op_path / key_member.key;
                condition_clause c;
                c.op = op;
                c.op_text = {op_member.key, op_member.key_pos};
                c.key = {key_member.key, key_member.key_pos};
                c.key_lower = lower_ascii(key_member.key);
                const json::value& vals = key_member.val;
                if (vals.is_array()) {
                    c.list_form = true;
                    if (vals.items.empty()) {
                        report(severity::error, codes::empty_array, vals.pos, key_path,
                               "condition key `" + key_member.key + "` has an empty array of values");
                    }
                    const std::size_t n = clamp_values(vals, key_path);
                    c.values.reserve(n);
                    for (std::size_t i = 0; i < n; ++i) read_condition_value(c, vals.items[i], key_path[i]);
                } else {
                    read_condition_value(c, vals, key_path);
                }
                st.conditions.push_back(std::move(c));
            }
        }
    }

    void read_condition_value(condition_clause& c, const json::value& v, const path_ref& path) {
        switch (v.type) {
            case json::kind::string:
                if (length_ok(v, path)) c.values.push_back({v.text, scalar_form::string, v.pos});
                return;
            case json::kind::number: c.values.push_back({v.text, scalar_form::number, v.pos}); return;
            case json::kind::boolean:
                c.values.push_back({v.boolean ? "true" : "false", scalar_form::boolean, v.pos});
                return;
            default:
                report(severity::error, codes::invalid_condition_value, v.pos, path,
                       "condition values are strings, numbers or booleans, found " + std::string(json::to_string(v.type)));
        }
    }
};

// Every position in `doc` becomes `pos`: used for documents decoded from a string, whose inner
// positions do not point into the outer text.
void flatten_positions(document& doc, source_pos pos) {
    doc.pos = doc.statement_pos = pos;
    if (doc.version_text) doc.version_text->pos = pos;
    if (doc.id) doc.id->pos = pos;
    for (auto& st : doc.statements) {
        st.pos = st.effect_pos = st.condition_pos = pos;
        if (st.sid) st.sid->pos = pos;
        for (auto* pl : {&st.action, &st.resource}) {
            if (!*pl) continue;
            (*pl)->pos = pos;
            for (auto& v : (*pl)->values) v.pos = pos;
        }
        if (st.principal) {
            st.principal->pos = pos;
            for (auto& g : st.principal->groups) {
                g.pos = pos;
                for (auto& v : g.values) v.pos = pos;
            }
        }
        for (auto& c : st.conditions) {
            c.op_text.pos = c.key.pos = pos;
            for (auto& v : c.values) v.pos = pos;
        }
    }
}

parse_result parse_json_text(std::string_view text, const parse_options& opts, std::string_view path_prefix);

// A policy carried inside a JSON string (Terraform, CloudFormation, SDK output) or URL-encoded
// (the raw IAM API). The decoded text is parsed on its own; its diagnostics are moved to the
// position of the string in the outer text, with the inner position in the help line.
parse_result parse_embedded(std::string_view encoded, source_pos outer, const parse_options& opts,
                            std::string_view path_prefix, std::uint32_t outer_length) {
    std::string decoded;
    if (looks_url_encoded(encoded)) {
        auto d = url_decode(encoded);
        if (!d) {
            parse_result r;
            diagnostic diag;
            diag.code = std::string(codes::undecodable);
            diag.message = "policy looks URL-encoded but has a malformed `%` escape";
            diag.help = "each `%` must be followed by two hex digits (RFC 3986)";
            diag.path = std::string(path_prefix);
            diag.pos = outer;
            diag.length = outer_length;
            r.diagnostics.push_back(std::move(diag));
            return r;
        }
        decoded = std::move(*d);
    } else {
        decoded = std::string(encoded);
    }
    parse_result inner = parse_json_text(decoded, opts, path_prefix);
    if (inner.doc) flatten_positions(*inner.doc, outer);
    for (auto& d : inner.diagnostics) {
        std::string where = "in the decoded policy at line " + std::to_string(d.pos.line) + ", column " +
                            std::to_string(d.pos.column);
        d.help = d.help.empty() ? where : d.help + "; " + where;
        d.pos = outer;
        d.length = outer_length;
    }
    if (!inner.doc && !inner.diagnostics.empty() && inner.diagnostics.front().code.front() == 'J') {
        // The string did not hold JSON at all: say so first, then the JSON error.
        diagnostic diag;
        diag.code = std::string(codes::undecodable);
        diag.message = "string does not hold a policy document (neither JSON nor URL-encoded JSON)";
        diag.path = std::string(path_prefix);
        diag.pos = outer;
        diag.length = outer_length;
        inner.diagnostics.insert(inner.diagnostics.begin(), std::move(diag));
    }
    return inner;
}

parse_result build_from_value(const json::value& v, const parse_options& opts, std::string_view path_prefix) {
    if (v.is_string()) {
        return parse_embedded(v.text, v.pos, opts, path_prefix, 1);
    }
    parse_result r;
    builder b(opts, r.diagnostics);
    r.doc = b.build(v, path_ref{nullptr, path_prefix});
    if (r.doc && opts.kind) {
        auto more = validate(*r.doc, *opts.kind);
        for (auto& d : more)
            if (!path_prefix.empty()) d.path = d.path.empty() ? std::string(path_prefix) : std::string(path_prefix) + "." + d.path;
        r.diagnostics.insert(r.diagnostics.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    return r;
}

parse_result parse_json_text(std::string_view text, const parse_options& opts, std::string_view path_prefix) {
    json::parse_result j = json::parse(text, opts.json);
    parse_result r;
    if (!j.ok) {
        r.diagnostics = std::move(j.diagnostics);
        return r;
    }
    r = build_from_value(j.root, opts, path_prefix);
    // Duplicate keys (reported by the JSON layer) come first: they are in document order there.
    r.diagnostics.insert(r.diagnostics.begin(), std::make_move_iterator(j.diagnostics.begin()),
                         std::make_move_iterator(j.diagnostics.end()));
    return r;
}

}  // namespace

parse_result parse(std::string_view text, const parse_options& opts) {
    if (looks_url_encoded(text)) {
        std::size_t start = 0;
        while (start < text.size() && (text[start] == ' ' || text[start] == '\n' || text[start] == '\r' || text[start] == '\t'))
            ++start;
        std::size_t end = text.size();
        while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\r' || text[end - 1] == '\t'))
            --end;
        return parse_embedded(text.substr(start, end - start), locate(text, static_cast<std::uint32_t>(start)), opts, {},
                              static_cast<std::uint32_t>(end - start));
    }
    return parse_json_text(text, opts, {});
}

parse_result from_json(const json::value& v, const parse_options& opts, std::string_view path_prefix) {
    return build_from_value(v, opts, path_prefix);
}

}  // namespace iamguard::policy
