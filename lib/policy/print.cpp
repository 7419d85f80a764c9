// SPDX-License-Identifier: Apache-2.0
// print.cpp: the canonical JSON of a policy. A hand-written writer rather than nlohmann's dump,
// because number lexemes must survive (`1.50` stays `1.50`) for parse -> print -> parse to hold.
#include <iamguard/policy/print.hpp>

#include <iamguard/json/value.hpp>

namespace iamguard::policy {
namespace {

class writer {
public:
    explicit writer(const print_options& o) : opts_(o) {}
    std::string out;

    void open(char c) {
        out += c;
        ++depth_;
        first_ = true;
    }
    void close(char c) {
        --depth_;
        if (!first_) newline();
        out += c;
        first_ = false;
    }
    void key(std::string_view k) {
        item();
        json::append_quoted(out, k);
        out += opts_.pretty ? ": " : ":";
        first_ = true;  // the value follows directly
        after_key_ = true;
    }
    void string(std::string_view s) {
        item();
        json::append_quoted(out, s);
    }
    void raw(std::string_view s) {
        item();
        out += s;
    }
    void begin(char c) {
        item();
        open(c);
    }

private:
    const print_options& opts_;
    int depth_ = 0;
    bool first_ = true;
    bool after_key_ = false;

    void newline() {
        if (!opts_.pretty) return;
        out += '\n';
        out.append(static_cast<std::size_t>(depth_) * 4, ' ');
    }
    void item() {
        if (after_key_) {
            after_key_ = false;
            first_ = false;
            return;
        }
        if (!first_) out += ',';
        if (depth_ > 0) newline();
        first_ = false;
    }
};

void write_strings(writer& w, const std::vector<located_string>& values, bool list_form, bool normalized) {
    if (!list_form && !normalized && values.size() == 1) {
        w.string(values.front().text);
        return;
    }
    w.begin('[');
    for (const auto& v : values) w.string(v.text);
    w.close(']');
}

void write_principal(writer& w, const principal_spec& p, bool normalized) {
    w.key(p.negated ? "NotPrincipal" : "Principal");
    if (p.wildcard && !normalized) {
        w.string("*");
        return;
    }
    w.begin('{');
    if (p.wildcard) {  // normalised: "*" is {"AWS": ["*"]}, which means the same (iam-semantics.md §3.3)
        w.key("AWS");
        w.begin('[');
        w.string("*");
        w.close(']');
    }
    for (const auto& g : p.groups) {
        w.key(to_string(g.type));
        if (!g.list_form && !normalized && g.values.size() == 1) {
            w.string(g.values.front().text);
            continue;
        }
        w.begin('[');
        for (const auto& v : g.values) w.string(normalized ? v.canonical : v.text);
        w.close(']');
    }
    w.close('}');
}

void write_value(writer& w, const condition_value& v, bool normalized) {
    if (normalized || v.form == scalar_form::string) {
        w.string(v.text);
    } else {
        w.raw(v.text);  // numbers keep their lexeme; booleans are "true"/"false"
    }
}

void write_condition(writer& w, const std::vector<condition_clause>& clauses, bool normalized) {
    w.key("Condition");
    w.begin('{');
    // Clauses of one operator are consecutive (parse.cpp keeps document order, and duplicate
    // operator keys are rejected), so grouping runs of equal op_text restores the object.
    for (std::size_t i = 0; i < clauses.size();) {
        const std::string& op = clauses[i].op_text.text;
        w.key(op);
        w.begin('{');
        for (; i < clauses.size() && clauses[i].op_text.text == op; ++i) {
            const auto& c = clauses[i];
            w.key(c.key.text);
            if (!c.list_form && !normalized && c.values.size() == 1) {
                write_value(w, c.values.front(), normalized);
                continue;
            }
            w.begin('[');
            for (const auto& v : c.values) write_value(w, v, normalized);
            w.close(']');
        }
        w.close('}');
    }
    w.close('}');
}

void write_statement(writer& w, const statement& st, bool normalized) {
    w.begin('{');
    if (st.sid) {
        w.key("Sid");
        w.string(st.sid->text);
    }
    if (st.eff) {
        w.key("Effect");
        w.string(*st.eff == effect::allow ? "Allow" : "Deny");
    }
    if (st.principal) write_principal(w, *st.principal, normalized);
    if (st.action) {
        w.key(st.action->negated ? "NotAction" : "Action");
        write_strings(w, st.action->values, st.action->list_form, normalized);
    }
    if (st.resource) {
        w.key(st.resource->negated ? "NotResource" : "Resource");
        write_strings(w, st.resource->values, st.resource->list_form, normalized);
    }
    if (!st.conditions.empty()) write_condition(w, st.conditions, normalized);
    w.close('}');
}

}  // namespace

std::string print(const document& doc, const print_options& opts) {
    writer w(opts);
    w.begin('{');
    if (doc.version_text) {
        w.key("Version");
        w.string(doc.version_text->text);
    }
    if (doc.id) {
        w.key("Id");
        w.string(doc.id->text);
    }
    w.key("Statement");
    if (!doc.statement_list_form && !opts.normalized && doc.statements.size() == 1) {
        write_statement(w, doc.statements.front(), opts.normalized);
    } else {
        w.begin('[');
        for (const auto& st : doc.statements) write_statement(w, st, opts.normalized);
        w.close(']');
    }
    w.close('}');
    if (opts.pretty) w.out += '\n';
    return std::move(w.out);
}

nlohmann::ordered_json to_json(const document& doc, const print_options& opts) {
    print_options compact = opts;
    compact.pretty = false;
    return nlohmann::ordered_json::parse(print(doc, compact));
}

}  // namespace iamguard::policy
