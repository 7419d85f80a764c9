// SPDX-License-Identifier: Apache-2.0
// fuzz_rule_diff.cpp: the differential target. The input bytes drive a generator of (a) a few
// entities (Role, User, Policy, Group) with fields from a small pool and (b) a rule file of one or
// two rules from a grammar covering the expression language. What compiles is evaluated on every
// entity (and as an aggregate) by the compiled rule_set and by the reference interpreter of the
// rule AST (rule_reference.hpp); any difference in outcome aborts with the rule, the entities and
// both outcomes. Texts that do not compile are fine: the generator aims near valid rules, not at
// them.
//
// The generator reads one byte per decision (the byte modulo the number of choices); once the
// input is used up every decision is 0, which is always the shortest choice, so generation ends.
// No FuzzedDataProvider: it is clang's, and the replay build is GCC.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/entity/canonical.hpp>
#include <iamguard/entity/load.hpp>
#include <iamguard/entity/schema.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/rules/compile.hpp>
#include <iamguard/rules/rule_set.hpp>

#include "rule_reference.hpp"

namespace {

using iamguard::entity::field;
using iamguard::entity::field_type;

/// The input as a sequence of choices.
class choices {
public:
    choices(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    /// A number in [0, n): the next byte modulo n; 0 when the input is used up.
    unsigned pick(unsigned n) {
        if (n <= 1 || pos_ >= size_) return 0;
        return data_[pos_++] % n;
    }
    /// True about once in `n` decisions (never once the input is used up).
    bool one_in(unsigned n) { return pick(n) == n - 1; }

    template <class T, std::size_t N>
    const T& one_of(const T (&options)[N]) {
        return options[pick(static_cast<unsigned>(N))];
    }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

// ---- pools ----

// JSON texts of scalars: strings that look like numbers, booleans, dates or nothing, numbers
// written in several ways, booleans and null.
const char* const scalar_pool[] = {
    R"("a")",   R"("A")",     R"("1")",  R"("1.0")", R"("true")", R"("TRUE")",  R"("false")",
    R"("")",    R"("2024-01-01T00:00:00Z")",         R"("2024-05-31")",         R"("N/A")",
    R"("é")", R"("a%b")", "0",       "1",       "1.0",      "-1",        "2.5",
    "3600",     "-0",         "true",    "false",   "null",     R"("0")",     R"("arn:aws:iam::111122223333:root")"};
const char* const key_pool[] = {"name", "value", "key", "Effect", "Action", "x", "arn", "isActive", "items", "values"};
const char* const action_pool[] = {R"("s3:GetObject")", R"("iam:*")", R"("*")", R"("sts:AssumeRole")"};
const char* const principal_pool[] = {
    R"({"AWS":"444455556666"})", R"({"AWS":["arn:aws:iam::111122223333:root","*"]})",
    R"({"Service":"ec2.amazonaws.com"})", R"("*")", R"({"AWS":"arn:aws:iam::111122223333:role/a"})"};
const char* const condition_pool[] = {
    R"({"StringEquals":{"sts:ExternalId":"x"}})", R"({"Bool":{"aws:MultiFactorAuthPresent":"true"}})",
    R"({"StringEquals":{"sts:ExternalId":["111122223333","a-long-external-id-0001"]}})", R"({})"};

// Rule literals.
const char* const string_literals[] = {"'a'", "'A'", "'1'", "'1.0'", "'true'", "''", "'2024-01-01T00:00:00Z'",
                                       "'2024-05-31'", "'é'", "'x''y'", "'FALSE'", "'arn:aws:iam::111122223333:root'"};
const char* const number_literals[] = {"1", "0", "1.0", "-1", "3600", "2.5", "-0"};
const char* const like_patterns[] = {"'%'", "'a'", "'A%'", "'%1%'", "''", "'%.0'", "'a%b'", "'%É'", "'%%'"};
const char* const regexes[] = {"/a/", "/^A$/i", "/1/", "/^$/", "/\\d/", "/true/i", "/./s", "/a/g", "/^(a|1)/m", "'^a'"};

// ---- entities ----

void quote(std::string& out, std::string_view s) { iamguard::json::append_quoted(out, s); }

/// The members a path may name below `f`, stepping through lists (as the schema does).
const std::vector<field>* members_of(const field* f) {
    while (f != nullptr && f->type == field_type::list && !f->element.empty()) f = &f->element.front();
    if (f == nullptr || (f->type != field_type::object && f->type != field_type::policy)) return nullptr;
    return &f->children;
}

class entity_generator {
public:
    explicit entity_generator(choices& in) : in_(in) {}

    std::string generic(int depth) {
        const unsigned k = depth > 2 ? 0 : in_.pick(6);
        if (k == 4) {  // a list
            std::string out = "[";
            for (unsigned i = 0, n = in_.pick(4); i < n; ++i) out += (i ? "," : "") + generic(depth + 1);
            return out + "]";
        }
        if (k == 5) {  // an object
            std::string out = "{";
            std::vector<std::string> used;
            for (unsigned i = 0, n = in_.pick(3); i < n; ++i) {
                const std::string key = in_.one_of(key_pool);
                if (std::find(used.begin(), used.end(), key) != used.end()) continue;  // duplicate keys do not load
                used.push_back(key);
                out += (used.size() > 1 ? "," : "");
                quote(out, key);
                out += ":" + generic(depth + 1);
            }
            return out + "}";
        }
        return in_.one_of(scalar_pool);
    }

    std::string policy() {
        std::string out = R"({"Version":"2012-10-17","Statement":[)";
        for (unsigned i = 0, n = 1 + in_.pick(2); i < n; ++i) {
            out += i ? "," : "";
            out += R"({"Effect":)";
            out += in_.pick(3) == 2 ? R"("Deny")" : R"("Allow")";
            out += R"(,"Action":)";
            out += in_.one_in(2) ? std::string("[") + in_.one_of(action_pool) + "," + in_.one_of(action_pool) + "]"
                                 : in_.one_of(action_pool);
            if (in_.one_in(2)) out += std::string(R"(,"Principal":)") + in_.one_of(principal_pool);
            else out += R"(,"Resource":"*")";
            if (in_.one_in(2)) out += std::string(R"(,"Condition":)") + in_.one_of(condition_pool);
            out += "}";
        }
        return out + "]}";
    }

    /// A value for a field of the schema, mostly of its type, sometimes anything at all.
    std::string value_for(const field& f, int depth) {
        if (in_.one_in(6) || depth > 3) return generic(depth);
        switch (f.type) {
            case field_type::policy: return policy();
            case field_type::list: {
                std::string out = "[";
                for (unsigned i = 0, n = in_.pick(4); i < n; ++i)
                    out += (i ? "," : "") + (f.element.empty() ? generic(depth + 1) : value_for(f.element.front(), depth + 1));
                return out + "]";
            }
            case field_type::object: {
                std::string out = "{";
                bool first = true;
                for (const auto& c : f.children) {
                    if (!in_.one_in(2)) continue;
                    out += first ? "" : ",";
                    first = false;
                    quote(out, c.name);
                    out += ":" + value_for(c, depth + 1);
                }
                return out + "}";
            }
            default: return generic(depth);
        }
    }

    /// One entity as a canonical JSON line.
    std::string entity_line() {
        static const char* const types[] = {"Role", "User", "Policy", "Group"};
        static const char* const names[] = {"a", "b", "A", "1"};
        const std::string type = in_.one_of(types);
        const auto t = *iamguard::entity::parse_entity_type(type);
        std::string out = R"({"type":)";
        quote(out, type);
        out += R"(,"name":)";
        quote(out, in_.one_of(names));
        std::vector<std::string> used = {"type", "name"};
        const auto& fields = iamguard::entity::schema::get().fields(t);
        for (unsigned i = 0, n = in_.pick(7); i < n; ++i) {
            const unsigned k = in_.pick(static_cast<unsigned>(fields.size()) + 3);
            std::string key;
            std::string val;
            if (k < fields.size()) {
                key = fields[k].name;
                val = value_for(fields[k], 1);
            } else {
                key = k == fields.size() ? "x" : k == fields.size() + 1 ? "items" : "Notes";  // not in the schema
                val = generic(1);
            }
            if (std::find(used.begin(), used.end(), key) != used.end()) continue;
            used.push_back(key);
            out += ",";
            quote(out, key);
            out += ":" + val;
        }
        return out + "}\n";
    }

private:
    choices& in_;
};

// ---- rules ----

/// What the generator believes about the value it just wrote, to choose paths inside `[...]`.
struct shape {
    const field* schema = nullptr;  // the field it names, when the schema knows it
    bool group = false;             // a groupBy result: elements have `key` and `values`
};

class rule_generator {
public:
    rule_generator(choices& in, const field* item_fields) : in_(in), item_fields_(item_fields) {}

    /// `<target> [where e] [should [not] [have] e]`, or `true`.
    std::string logic(std::string_view type_name, bool aggregate) {
        aggregate_ = aggregate;
        std::string out = aggregate ? "List<" + std::string(type_name) + ">" : std::string(type_name);
        const bool where = in_.one_in(3);
        if (where) out += " where " + expr(0, top());
        static const char* const shoulds[] = {" should have ", " should not have ", " should ", " should not "};
        if (!where || !in_.one_in(4)) out += std::string(in_.one_of(shoulds)) + expr(0, top());
        return out;
    }

private:
    struct gscope {
        bool brackets = false;
        shape element;  // inside brackets: the element
    };
    static gscope top() { return {}; }

    std::string expr(int depth, const gscope& sc) {
        std::string out = conjunction(depth, sc);
        while (depth < 4 && in_.one_in(4)) out += " or " + conjunction(depth + 1, sc);
        return out;
    }

    std::string conjunction(int depth, const gscope& sc) {
        std::string out = unary(depth, sc);
        while (depth < 4 && in_.one_in(4)) out += " and " + unary(depth + 1, sc);
        return out;
    }

    std::string unary(int depth, const gscope& sc) {
        std::string out;
        while (in_.one_in(5)) out += "not ";
        return out + predicate(depth, sc);
    }

    std::string predicate(int depth, const gscope& sc) {
        switch (depth > 4 ? 0 : in_.pick(8)) {
            case 5: return "(" + expr(depth + 1, sc) + ")";
            case 6: return in_.one_in(2) ? "true" : "FALSE";
            default: break;
        }
        shape s;
        std::string out = value_expr(depth, sc, s);
        if (in_.one_in(2)) out += comparison(depth, sc);
        return out;
    }

    std::string comparison(int depth, const gscope& sc) {
        static const char* const ops[] = {" = ", " != ", " < ", " > ", " <= ", " >= "};
        switch (in_.pick(8)) {
            case 1: {
                if (in_.one_in(4)) return " in {l}";
                std::string out = " in (" + operand(depth, sc);
                for (unsigned i = 0, n = in_.pick(3); i < n; ++i) out += ", " + operand(depth, sc);
                return out + ")";
            }
            case 2: return std::string(in_.one_in(2) ? " unlike " : " like ") + (in_.one_in(5) ? "{s}" : in_.one_of(like_patterns));
            case 3: return std::string(" regexMatch ") + (in_.one_in(6) ? "{s}" : in_.one_of(regexes));
            default: return std::string(in_.one_of(ops)) + operand(depth, sc);
        }
    }

    /// The right side of a comparison: a literal, a parameter, a path or `$`.
    std::string operand(int depth, const gscope& sc) {
        switch (in_.pick(8)) {
            case 1: return in_.one_of(number_literals);
            case 2: return in_.one_in(2) ? "true" : "false";
            case 3: {
                static const char* const params[] = {"{s}", "{n}", "{b}", "{l}", "-{n}"};
                return in_.one_of(params);
            }
            case 4: {
                shape s;
                return path(sc, s);
            }
            case 5: return sc.brackets ? "$" : "(" + expr(depth + 1, sc) + ")";
            default: return in_.one_of(string_literals);
        }
    }

    /// An atom followed by postfix operators (list operators and calls).
    std::string value_expr(int depth, const gscope& sc, shape& s) {
        std::string out = atom(depth, sc, s);
        for (unsigned i = 0, n = depth > 4 ? 0 : in_.pick(3); i < n; ++i) out += postfix(depth, s);
        return out;
    }

    std::string atom(int depth, const gscope& sc, shape& s) {
        switch (in_.pick(12)) {
            case 1:
                if (sc.brackets || in_.one_in(8)) {  // `$` at the top is rare in rules, but allowed
                    s = sc.element;
                    return "$";
                }
                break;
            case 2: return in_.one_of(string_literals);
            case 3: return in_.one_of(number_literals);
            case 4: {
                static const char* const params[] = {"{s}", "{n}", "{b}", "{l}", "-{n}"};
                return in_.one_of(params);
            }
            case 5:
                if (depth < 4) return "(" + expr(depth + 1, sc) + ")";
                break;
            default: break;
        }
        return path(sc, s);
    }

    std::string postfix(int depth, shape& s) {
        static const char* const quantifiers[] = {" contain", " contain-any", " contain-all", " contain-none",
                                                  " contain-single", " with"};
        static const char* const calls[] = {
            " length()", " isEmpty()", " before(-90, 'days')", " after(-1, 'years')", " after(0, 'days')",
            " before({n}, 'days')", " allows('s3:GetObject')", " isCrossAccount()", " externalIds()",
            " admittedAccounts()", " assumableWithout('mfa')", " isWeakExternalId(4)",
            " assumableByAccountOutside({l})", " dateDifference(createDate, 'days')"};
        gscope inner;
        inner.brackets = true;
        inner.element = s;
        switch (in_.pick(4)) {
            case 1: {
                s = {};
                return calls[in_.pick(sizeof calls / sizeof calls[0])];
            }
            case 2: {
                shape key;
                const std::string k = value_expr(depth + 1, inner, key);
                s.group = true;
                return " groupBy [" + k + "]";
            }
            default: {
                const std::string kw = in_.one_of(quantifiers);
                const std::string body = expr(depth + 1, inner);
                if (kw != " with") s = {};
                return kw + " [" + body + "]";
            }
        }
    }

    /// A path from the scope: schema names (and aliases) where the schema is known, a pool of
    /// keys otherwise, now and then an unknown name.
    std::string path(const gscope& sc, shape& s) {
        std::string out;
        const field* at = nullptr;
        const std::vector<field>* names = nullptr;
        if (!sc.brackets && aggregate_) {
            out = "items";
            s = {};
            if (!in_.one_in(2)) return out;
            names = members_of(item_fields_);
        } else if (!sc.brackets) {
            names = members_of(item_fields_);
        } else if (sc.element.group) {
            if (in_.one_in(2)) return "key";
            out = "values";
            s = {};
            if (!in_.one_in(2)) return out;
            names = members_of(sc.element.schema);
        } else {
            names = members_of(sc.element.schema);
        }
        for (int depth = 0; depth < 4; ++depth) {
            std::string seg;
            if (names != nullptr && !names->empty() && !in_.one_in(10)) {
                at = &(*names)[in_.pick(static_cast<unsigned>(names->size()))];
                seg = at->name;
                if (!at->aliases.empty() && in_.one_in(3)) seg = at->aliases[in_.pick(static_cast<unsigned>(at->aliases.size()))];
                if (seg.empty()) seg = "x";
            } else {
                static const char* const keys[] = {"name", "value", "key", "Effect", "Action", "x", "StringEquals",
                                                   "sts:ExternalId", "AWS", "isActive"};
                seg = in_.one_of(keys);
                at = nullptr;
            }
            out += (out.empty() ? "" : ".") + seg;
            names = members_of(at);
            if (names == nullptr || !in_.one_in(2)) break;
        }
        s = {at, false};
        return out;
    }

    choices& in_;
    const field* item_fields_;
    bool aggregate_ = false;
};

// ---- the differential ----

std::string quoted_rule_string(std::string_view s) {
    std::string out = "'";
    for (const char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string rule_file(choices& in) {
    static const char* const types[] = {"Role", "User", "Policy", "Group", "IamRole", "iamuser"};
    static const char* const string_defaults[] = {"a", "A", "1", "", "%", "true", "2024-01-01"};
    static const char* const number_defaults[] = {"1", "0", "1.5", "-2", "3600"};
    std::string out;
    for (unsigned r = 0, count = 1 + in.pick(2); r < count; ++r) {
        out += "rule F." + std::to_string(r + 1) + " {\n";
        out += "  param s: string = " + quoted_rule_string(in.one_of(string_defaults)) + "\n";
        out += "  param n: number = " + std::string(in.one_of(number_defaults)) + "\n";
        out += std::string("  param b: bool = ") + (in.one_in(2) ? "true" : "false") + "\n";
        out += "  param l: list = [";
        for (unsigned i = 0, n = in.pick(4); i < n; ++i)
            out += (i ? ", " : "") + quoted_rule_string(in.one_of(string_defaults));
        out += "]\n";
        std::string logic;
        if (in.one_in(16)) {
            logic = in.one_in(2) ? "true" : "TRUE";
        } else {
            const std::string type = in.one_of(types);
            const bool aggregate = in.one_in(4);
            // the fields of the type, wrapped as one object, so that paths can be drawn from it
            static std::map<std::string, field> item_fields;
            auto [it, fresh] = item_fields.try_emplace(type);
            if (fresh) {
                it->second.type = field_type::object;
                it->second.children = iamguard::entity::schema::get().fields(*iamguard::entity::parse_entity_type(type));
            }
            rule_generator g(in, &it->second);
            logic = g.logic(type, aggregate);
        }
        out += "  logic: " + logic + "\n}\n";
    }
    return out;
}

std::string lib_outcome(const iamguard::rules::finding* f) {
    return f == nullptr ? "not applicable" : std::string(iamguard::rules::to_string(f->result));
}

bool same(const iamguard::rules::finding* f, const iamguard::fuzz::ref_result& r) {
    using iamguard::fuzz::ref_outcome;
    if (f == nullptr) return r.outcome == ref_outcome::not_applicable;
    switch (f->result) {
        case iamguard::rules::outcome::pass: return r.outcome == ref_outcome::pass;
        case iamguard::rules::outcome::fail: return r.outcome == ref_outcome::fail;
        case iamguard::rules::outcome::error: return r.outcome == ref_outcome::error;
    }
    return false;
}

[[noreturn]] void disagree(const std::string& rules_text, const std::vector<iamguard::entity::entity>& all,
                           const std::string& rule_id, const std::string& where,
                           const iamguard::rules::finding* f, const iamguard::fuzz::ref_result& r) {
    std::fprintf(stderr, "fuzz_rule_diff: the compiled rule set and the reference disagree\n");
    std::fprintf(stderr, "--- rules:\n%s", rules_text.c_str());
    std::fprintf(stderr, "--- entities:\n");
    for (const auto& e : all) std::fprintf(stderr, "%s\n", iamguard::entity::to_canonical_json(e).c_str());
    std::fprintf(stderr, "--- rule %s on %s\n", rule_id.c_str(), where.c_str());
    std::fprintf(stderr, "compiled:  %s%s%s\n", lib_outcome(f).c_str(), f ? " -- " : "", f ? f->message.c_str() : "");
    std::fprintf(stderr, "reference: %s%s%s\n", std::string(iamguard::fuzz::to_string(r.outcome)).c_str(),
                 r.detail.empty() ? "" : " -- ", r.detail.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace rules = iamguard::rules;
    choices in(data, size);

    std::string lines;
    entity_generator eg(in);
    for (unsigned i = 0, n = 1 + in.pick(3); i < n; ++i) lines += eg.entity_line();
    const std::string text = rule_file(in);

    rules::compile_options opts;
    opts.limit.max_nesting = 32;
    const auto compiled = rules::compile(text, "diff.rule", opts);
    // IAMGUARD_FUZZ_VERBOSE=1: show what an input generates (to write seeds, to read a finding)
    static const bool verbose = std::getenv("IAMGUARD_FUZZ_VERBOSE") != nullptr;
    if (verbose) {
        std::fprintf(stderr, "%s%s--- %s\n", lines.c_str(), text.c_str(),
                     compiled.rules ? "compiles" : compiled.diagnostics.front().message.c_str());
    }
    if (!compiled.rules) return 0;
    const auto parsed = rules::parse(text, "diff.rule", opts.limit);
    const rules::rule_set& rs = *compiled.rules;
    if (parsed.rules.size() != rs.size()) {
        std::fprintf(stderr, "fuzz_rule_diff: parse() gave %zu rules, compile() %zu\n%s", parsed.rules.size(),
                     rs.size(), text.c_str());
        std::abort();
    }

    iamguard::entity::load_options lo;
    lo.format = iamguard::entity::input_format::canonical;
    const auto loaded = iamguard::entity::load(lines, "diff.jsonl", lo);
    const auto& all = loaded.entities;

    rules::eval_context ctx;
    ctx.now = std::chrono::sys_days{std::chrono::year{2024} / 6 / 1};
    // which rule a finding is about: its index in rule_set::rules(), the order of parse()
    auto by_rule = [&](const std::vector<rules::finding>& out) {
        std::vector<const rules::finding*> found(rs.size(), nullptr);
        for (const auto& f : out) found[static_cast<std::size_t>(f.rule - rs.rules().data())] = &f;
        return found;
    };

    std::vector<rules::finding> out;
    for (const auto& e : all) {
        out.clear();
        rs.evaluate(e, ctx, out);
        const auto found = by_rule(out);
        for (std::size_t i = 0; i < rs.size(); ++i) {
            const auto ref = iamguard::fuzz::evaluate_rule(parsed.rules[i], e, ctx.now);
            if (!same(found[i], ref))
                disagree(text, all, rs.rules()[i].id,
                         std::string(iamguard::entity::to_string(e.type)) + " `" + e.name + "`", found[i], ref);
        }
    }
    out.clear();
    rs.evaluate_aggregates(all, ctx, out);
    const auto found = by_rule(out);
    for (std::size_t i = 0; i < rs.size(); ++i) {
        const auto ref = iamguard::fuzz::evaluate_aggregate_rule(parsed.rules[i], all, ctx.now);
        if (!same(found[i], ref)) disagree(text, all, rs.rules()[i].id, "all entities (List<T>)", found[i], ref);
    }
    return 0;
}
