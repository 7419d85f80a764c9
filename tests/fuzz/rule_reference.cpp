// SPDX-License-Identifier: Apache-2.0
// rule_reference.cpp: the reference interpreter of the rule AST (see rule_reference.hpp).
//
// Written from dsl/README.md and lib/rules/values.hpp, not from lib/rules/evaluate.cpp. Section
// numbers below ("§3.8") are those of dsl/README.md.
#include "rule_reference.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include <iamguard/analysis/functions.hpp>
#include <iamguard/entity/schema.hpp>
#include <iamguard/rules/functions.hpp>

namespace iamguard::fuzz {

namespace ast = rules::ast;
using node = const json::value*;

namespace {

// ---- how single values behave (§3.1, §3.3, §3.7, §4; lib/rules/values.hpp) ----

/// The characters of `s` (UTF-8 code points): `length()` of a string counts characters (§3.11).
std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;  // every byte but continuation bytes
    return n;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// True when `s` is a decimal number and nothing else: `-12`, `3.5`, `1e3`.
bool is_decimal(std::string_view s) {
    std::size_t i = 0;
    auto digits = [&] {
        const std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        return i > start;
    };
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!digits()) return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (!digits()) return false;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        if (!digits()) return false;
    }
    return i == s.size();
}

/// The number a value stands for: a JSON number, or a string that is a decimal number (§4:
/// "Numeric strings compare as numbers").
std::optional<double> number_of(const json::value& v) {
    if (v.is_number() || (v.is_string() && is_decimal(v.text))) return std::strtod(v.text.c_str(), nullptr);
    return std::nullopt;
}

/// The boolean a value stands for (§4: `true` equals `'true'`, `'TRUE'` and `1`; `false` equals
/// `'false'` and `0`): booleans, the strings true/false in any case, and the numbers 1 and 0.
std::optional<bool> boolean_of(const json::value& v) {
    if (v.is_bool()) return v.boolean;
    if (v.is_string()) {
        const std::string l = ascii_lower(v.text);
        if (l == "true") return true;
        if (l == "false") return false;
    }
    if (v.is_number()) {
        const double d = std::strtod(v.text.c_str(), nullptr);
        if (d == 1) return true;
        if (d == 0) return false;
    }
    return std::nullopt;
}

/// The text `like`, `regexMatch` and `groupBy` see: strings as they are, numbers as written,
/// booleans as true/false. Null, lists and objects have none.
std::optional<std::string> text_of(const json::value& v) {
    if (v.is_string() || v.is_number()) return v.text;
    if (v.is_bool()) return std::string(v.boolean ? "true" : "false");
    return std::nullopt;
}

/// Scalars are the only values comparisons look at: null, lists and objects never compare true.
bool is_scalar(const json::value& v) { return v.is_string() || v.is_number() || v.is_bool(); }

/// `=` (§4): booleans loosely, numbers numerically when a side is a number (numeric strings
/// included), two strings exactly (account ids such as `012345678901` must not lose their zeros).
bool equal(const json::value& a, const json::value& b) {
    if (!is_scalar(a) || !is_scalar(b)) return false;
    if (a.is_bool() || b.is_bool()) {
        const auto x = boolean_of(a);
        const auto y = boolean_of(b);
        return x && y && *x == *y;
    }
    if (a.is_number() || b.is_number()) {
        const auto x = number_of(a);
        const auto y = number_of(b);
        if (x && y) return *x == *y;
    }
    return a.text == b.text;
}

/// `<`, `>`, `<=`, `>=` (§3.3): numbers, or dates when both sides are dates; false otherwise.
bool ordered(const json::value& a, const json::value& b, ast::compare_op op) {
    auto holds = [op](const auto& x, const auto& y) {
        switch (op) {
            case ast::compare_op::lt: return x < y;
            case ast::compare_op::gt: return x > y;
            case ast::compare_op::le: return x <= y;
            default: return x >= y;
        }
    };
    const auto x = number_of(a);
    const auto y = number_of(b);
    if (x && y) return holds(*x, *y);
    if (a.is_string() && b.is_string()) {
        const auto da = rules::parse_date(a.text);
        const auto db = rules::parse_date(b.text);
        if (da && db) return holds(*da, *db);
    }
    return false;
}

/// `like` (§3.4): `%` is any run of characters, everything else literal, anchored at both ends,
/// ASCII case-insensitive. Dynamic programming: `match[i][j]` is "the first i characters of the
/// text match the first j of the pattern".
bool like(std::string_view text, std::string_view pattern) {
    const std::string t = ascii_lower(text);
    const std::string p = ascii_lower(pattern);
    std::vector<std::vector<bool>> match(t.size() + 1, std::vector<bool>(p.size() + 1, false));
    match[0][0] = true;
    for (std::size_t j = 1; j <= p.size(); ++j) match[0][j] = match[0][j - 1] && p[j - 1] == '%';
    for (std::size_t i = 1; i <= t.size(); ++i) {
        for (std::size_t j = 1; j <= p.size(); ++j) {
            if (p[j - 1] == '%') {
                match[i][j] = match[i][j - 1] || match[i - 1][j];  // `%` matches nothing, or one more character
            } else {
                match[i][j] = match[i - 1][j - 1] && t[i - 1] == p[j - 1];
            }
        }
    }
    return match[t.size()][p.size()];
}

/// Truthiness of a bare path (§3.7): missing, null, false, `'false'`, `''`, 0, `[]` and `{}` are
/// false. `'FALSE'` is false too: strings stand for booleans in any case (§4).
bool truthy(const json::value& v) {
    switch (v.type) {
        case json::kind::null: return false;
        case json::kind::boolean: return v.boolean;
        case json::kind::number: return std::strtod(v.text.c_str(), nullptr) != 0;
        case json::kind::string: return !v.text.empty() && ascii_lower(v.text) != "false";
        case json::kind::array: return !v.items.empty();
        case json::kind::object: return !v.members.empty();
    }
    return false;
}

/// Shortest text of a number parameter's value (integers without a fraction).
std::string number_text(double d) {
    if (d == static_cast<double>(static_cast<long long>(d)) && d > -1e15 && d < 1e15)
        return std::to_string(static_cast<long long>(d));  // also turns -0 into "0"
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
}

// ---- values of expressions ----

/// What an expression stands for: the JSON nodes a path reached (a list among them still stands
/// for its elements, §4 "A list compared with a scalar..."), or, with `is_list`, the elements of a
/// list the rule itself made (`with`, `groupBy`, `items`), which are not to be unpacked again.
struct value {
    std::vector<node> nodes;
    bool is_list = false;
};

/// The elements a value stands for in list operators and comparisons (§3.8, §4): a list gives its
/// items, a scalar or an object is a one-element list, and a missing or null value is an empty
/// list (as isEmpty() and length() already say, §3.11).
std::vector<node> elements(const value& v) {
    if (v.is_list) return v.nodes;
    std::vector<node> out;
    for (const node n : v.nodes) {
        if (n->is_array()) {
            for (const auto& item : n->items) out.push_back(&item);
        } else if (!n->is_null()) {
            out.push_back(n);
        }
    }
    return out;
}

/// `length()` (§3.11, values.hpp): a made list counts its elements; otherwise each node counts
/// its items (list), members (object) or characters (string), null counts 0, another scalar 1.
std::size_t length(const value& v) {
    if (v.is_list) return v.nodes.size();
    std::size_t total = 0;
    for (const node n : v.nodes) {
        switch (n->type) {
            case json::kind::null: break;
            case json::kind::array: total += n->items.size(); break;
            case json::kind::object: total += n->members.size(); break;
            case json::kind::string: total += utf8_length(n->text); break;
            default: total += 1;
        }
    }
    return total;
}

/// A function failed: the rule's outcome is `error`.
struct evaluation_failed {
    std::string why;
};
/// The documentation says the rule cannot compile.
struct not_a_rule {
    std::string why;
};

/// Where paths inside an expression resolve (§3.2, §3.8).
struct scope {
    bool in_brackets = false;              ///< inside `[...]`: paths start at `element`
    node element = nullptr;                ///< the current element (`$`)
    const entity::field* schema = nullptr; ///< what the schema says about the element, when it knows
    const entity::entity* owner = nullptr; ///< the entity functions run on (§3.10: in `List<T>`, the item's)
};

/// What the schema knows about an expression's value: the field it names and whether the value
/// is a made list (then `field` describes one element).
struct schema_info {
    const entity::field* field = nullptr;
    bool is_list = false;
};

const rules::function_registry& registry() {
    static const rules::function_registry r = analysis::standard_functions();
    return r;
}

class interpreter {
public:
    interpreter(const ast::rule_def& rule, entity::entity_type type, std::chrono::system_clock::time_point now)
        : rule_(rule), type_(type), now_(now) {}

    /// A per-entity rule: paths at the top start at `e`.
    void set_subject(const entity::entity& e) { subject_ = &e; }

    /// A `List<T>` rule: paths at the top start with `items`, every entity of the type (§2.1).
    void set_items(std::vector<const entity::entity*> items) {
        aggregate_ = true;
        item_entities_ = std::move(items);
        for (const auto* e : item_entities_) items_.push_back(&e->fields);
    }

    [[nodiscard]] scope top() const { return scope{false, nullptr, nullptr, subject_}; }

    /// The truth of `e` as a condition (§3, §3.7).
    bool test(const ast::expr& e, const scope& sc) {
        if (const auto* l = std::get_if<ast::box<ast::logical>>(&e)) {
            // left to right, stopping at the first operand that decides
            if ((*l)->op == ast::logical_op::and_)
                return std::all_of((*l)->operands.begin(), (*l)->operands.end(),
                                   [&](const ast::expr& o) { return test(o, sc); });
            return std::any_of((*l)->operands.begin(), (*l)->operands.end(),
                               [&](const ast::expr& o) { return test(o, sc); });
        }
        if (const auto* n = std::get_if<ast::box<ast::negation>>(&e)) return !test((*n)->operand, sc);
        if (const auto* c = std::get_if<ast::box<ast::comparison>>(&e)) return compare(**c, sc);
        if (const auto* op = std::get_if<ast::box<ast::list_op>>(&e)) {
            const auto k = (*op)->op;
            if (k != ast::list_op_kind::with && k != ast::list_op_kind::group_by) return quantify(**op, sc);
        }
        if (const auto* lit = std::get_if<ast::literal>(&e); lit != nullptr && lit->type != ast::literal::kind::boolean)
            throw not_a_rule{"a string or number literal is not a condition (R023)"};
        if (std::holds_alternative<ast::regex>(e)) throw not_a_rule{"a regular expression is not a condition"};
        // a value as a condition: a made list is true when non-empty, anything else when some
        // node it reached is truthy (§3.7, §3.9)
        const value v = eval(e, sc);
        if (v.is_list) return !v.nodes.empty();
        return std::any_of(v.nodes.begin(), v.nodes.end(), [](node n) { return truthy(*n); });
    }

    /// The value of `e`.
    value eval(const ast::expr& e, const scope& sc) {
        if (const auto* l = std::get_if<ast::literal>(&e)) return {{make_literal(*l)}};
        if (const auto* p = std::get_if<ast::param_ref>(&e)) return {{make_param(*p)}};
        if (const auto* p = std::get_if<ast::path>(&e)) return path(*p, sc);
        if (const auto* c = std::get_if<ast::box<ast::call>>(&e)) return call(**c, sc);
        if (const auto* op = std::get_if<ast::box<ast::list_op>>(&e)) {
            if ((*op)->op == ast::list_op_kind::with) return with(**op, sc);
            if ((*op)->op == ast::list_op_kind::group_by) return group_by(**op, sc);
        }
        if (std::holds_alternative<ast::regex>(e)) throw not_a_rule{"a regular expression may only follow regexMatch"};
        // conditions used as values (`(a = 1) = true`, `groupBy [a = 1]`) are booleans
        return {{make_bool(test(e, sc))}};
    }

private:
    // ---- made values (literals, parameters, results, groups) live as long as the interpreter ----

    node keep(json::value v) {
        made_.push_back(std::move(v));
        return &made_.back();
    }
    node make_bool(bool b) {
        json::value v;
        v.type = json::kind::boolean;
        v.boolean = b;
        return keep(std::move(v));
    }
    node make_number(double d) {
        json::value v;
        v.type = json::kind::number;
        v.text = number_text(d);
        return keep(std::move(v));
    }
    node make_string(std::string s) {
        json::value v;
        v.type = json::kind::string;
        v.text = std::move(s);
        return keep(std::move(v));
    }

    node make_literal(const ast::literal& l) {
        switch (l.type) {
            case ast::literal::kind::string: return make_string(l.text);
            case ast::literal::kind::boolean: return make_bool(l.boolean);
            case ast::literal::kind::number: {
                json::value v;  // a number keeps the text it was written with (`1.0`)
                v.type = json::kind::number;
                v.text = l.text;
                return keep(std::move(v));
            }
        }
        return make_bool(false);
    }

    /// `{name}`: the default the rule declares (§1.3); `-{name}` negates a number.
    const rules::param_value& param_value(const ast::param_ref& p) {
        for (const auto& d : rule_.params)
            if (d.name == p.name) return d.default_value;
        throw not_a_rule{"undefined parameter `" + p.name + "` (R050)"};
    }

    node make_param(const ast::param_ref& p) {
        const rules::param_value& v = param_value(p);
        if (p.negated) {
            if (v.type() != rules::param_type::number) throw not_a_rule{"`-{" + p.name + "}` on a non-number (R033)"};
            return make_number(-std::get<double>(v.data));
        }
        switch (v.type()) {
            case rules::param_type::string: return make_string(std::get<std::string>(v.data));
            case rules::param_type::number: return make_number(std::get<double>(v.data));
            case rules::param_type::boolean: return make_bool(std::get<bool>(v.data));
            case rules::param_type::list: {
                json::value list;  // a list parameter is a list of strings
                list.type = json::kind::array;
                for (const auto& s : std::get<std::vector<std::string>>(v.data)) {
                    json::value item;
                    item.type = json::kind::string;
                    item.text = s;
                    list.items.push_back(std::move(item));
                }
                return keep(std::move(list));
            }
        }
        return make_bool(false);
    }

    /// A string pattern for `like` or `regexMatch`: a string literal or a string parameter.
    std::optional<std::string> pattern_text(const ast::expr& e) {
        if (const auto* l = std::get_if<ast::literal>(&e); l != nullptr && l->type == ast::literal::kind::string)
            return l->text;
        if (const auto* p = std::get_if<ast::param_ref>(&e)) {
            const rules::param_value& v = param_value(*p);
            if (v.type() == rules::param_type::string && !p->negated) return std::get<std::string>(v.data);
        }
        return std::nullopt;
    }

    // ---- the schema, for aliases (§3.2: `trust` is `assumeRolePolicy`) ----

    const entity::field* synthetic(entity::field f) {
        synthetic_.push_back(std::move(f));
        return &synthetic_.back();
    }

    /// One item of a `List<T>`: an object with the fields of T.
    const entity::field* item_schema() {
        entity::field f;
        f.type = entity::field_type::object;
        f.children = entity::schema::get().fields(type_);
        return synthetic(std::move(f));
    }

    /// The element of a value that `[...]` sees (§3.8): one element of a list field, or the value itself.
    static const entity::field* element_schema(const schema_info& s) {
        if (s.field == nullptr || s.is_list) return s.field;
        if (s.field->type == entity::field_type::list && !s.field->element.empty()) return &s.field->element.front();
        return s.field;
    }

    /// What the schema knows about the value of `e`: only paths and the lists made from them
    /// (`with`, `groupBy`) have a known shape; results of functions and conditions do not.
    schema_info schema_of(const ast::expr& e, const scope& sc) {
        if (const auto* p = std::get_if<ast::path>(&e)) {
            if (p->current) return {sc.in_brackets ? sc.schema : nullptr, false};
            if (aggregate_ && !sc.in_brackets) {
                const auto* item = item_schema();
                if (p->segments.size() == 1) return {item, true};  // `items`: the list of items
                const std::vector<std::string> rest(p->segments.begin() + 1, p->segments.end());
                return {entity::schema::get().lookup(*item, rest).target, false};
            }
            if (!sc.in_brackets) return {entity::schema::get().lookup(type_, p->segments).target, false};
            if (sc.schema == nullptr) return {};
            return {entity::schema::get().lookup(*sc.schema, p->segments).target, false};
        }
        if (const auto* op = std::get_if<ast::box<ast::list_op>>(&e)) {
            const auto* element = element_schema(schema_of((*op)->subject, sc));
            if ((*op)->op == ast::list_op_kind::with) return {element, true};
            if ((*op)->op == ast::list_op_kind::group_by) return {group_schema(element), true};
        }
        return {};
    }

    /// A group of `groupBy` (§3.10): `key`, and `values`, a list of the grouped elements.
    const entity::field* group_schema(const entity::field* element) {
        entity::field key;
        key.name = "key";
        key.type = entity::field_type::any;
        entity::field values;
        values.name = "values";
        values.type = entity::field_type::list;
        entity::field any;
        any.type = entity::field_type::any;
        values.element.push_back(element != nullptr ? *element : any);
        entity::field g;
        g.type = entity::field_type::object;
        g.children = {std::move(key), std::move(values)};
        return synthetic(std::move(g));
    }

    /// The segments with aliases replaced by the names entities use, where the schema knows them.
    std::vector<std::string> canonical(const std::vector<std::string>& segments, const entity::field* base) {
        const entity::lookup_result r = base != nullptr ? entity::schema::get().lookup(*base, segments)
                                                        : entity::schema::get().lookup(type_, segments);
        return r.target != nullptr ? r.canonical : segments;
    }

    // ---- paths (§3.2) ----

    /// One step of a path: the member `seg` of an object; lists are stepped through (§3.2:
    /// `trust.Statement.Effect` is the Effect of every statement), lists in lists too.
    static void step(node n, const std::string& seg, std::vector<node>& out) {
        if (n->is_array()) {
            for (const auto& item : n->items) step(&item, seg, out);
        } else if (n->is_object()) {
            if (const json::value* m = n->find(seg)) out.push_back(m);
        }
    }

    static std::vector<node> follow(std::vector<node> from, const std::vector<std::string>& segments) {
        for (const auto& seg : segments) {
            std::vector<node> next;
            for (const node n : from) step(n, seg, next);
            from = std::move(next);
        }
        return from;
    }

    value path(const ast::path& p, const scope& sc) {
        if (p.current) {
            if (sc.in_brackets) return {{sc.element}};
            if (aggregate_) throw not_a_rule{"`$` outside brackets in a List<T> rule: its paths start with `items` (R022)"};
            return {{&subject_->fields}};  // at the top of a per-entity rule: the entity
        }
        if (aggregate_ && !sc.in_brackets) {
            if (p.segments.front() != "items")
                throw not_a_rule{"a List<T> rule's path that does not start with `items` (R022)"};
            if (p.segments.size() == 1) return {items_, true};
            const std::vector<std::string> rest(p.segments.begin() + 1, p.segments.end());
            return {follow(items_, canonical(rest, item_schema())), false};
        }
        if (!sc.in_brackets) return {follow({&subject_->fields}, canonical(p.segments, nullptr)), false};
        const auto segments = sc.schema != nullptr ? canonical(p.segments, sc.schema) : p.segments;
        return {follow({sc.element}, segments), false};
    }

    // ---- list operators (§3.8 to §3.10) ----

    /// The scope of `[...]` for element `e` of a list whose elements the schema describes as
    /// `schema`. In a `List<T>` rule, an element that is an item carries its entity, for functions
    /// called within it (§3.10).
    scope inside(node e, const entity::field* schema, const scope& outer) const {
        scope s{true, e, schema, outer.owner};
        for (std::size_t i = 0; i < items_.size(); ++i)
            if (items_[i] == e) s.owner = item_entities_[i];
        return s;
    }

    bool quantify(const ast::list_op& op, const scope& sc) {
        const auto* schema = element_schema(schema_of(op.subject, sc));
        const std::vector<node> list = elements(eval(op.subject, sc));
        auto holds = [&](node e) { return test(op.predicate, inside(e, schema, sc)); };
        switch (op.op) {
            case ast::list_op_kind::contain_all: return std::all_of(list.begin(), list.end(), holds);
            case ast::list_op_kind::contain_none: return std::none_of(list.begin(), list.end(), holds);
            case ast::list_op_kind::contain_single: return std::count_if(list.begin(), list.end(), holds) == 1;
            default: return std::any_of(list.begin(), list.end(), holds);  // contain, contain-any
        }
    }

    value with(const ast::list_op& op, const scope& sc) {
        const auto* schema = element_schema(schema_of(op.subject, sc));
        value out;
        out.is_list = true;
        for (const node e : elements(eval(op.subject, sc)))
            if (test(op.predicate, inside(e, schema, sc))) out.nodes.push_back(e);
        return out;
    }

    /// §3.10: groups in the order their key is first seen; an element joins the group of each
    /// distinct key text it has (none: no group). Keys are compared by their text.
    value group_by(const ast::list_op& op, const scope& sc) {
        const auto* schema = element_schema(schema_of(op.subject, sc));
        std::vector<std::pair<std::string, json::value>> groups;
        for (const node e : elements(eval(op.subject, sc))) {
            std::set<std::string> mine;
            for (const node k : elements(eval(op.predicate, inside(e, schema, sc)))) {
                const auto text = text_of(*k);
                if (!text || !mine.insert(*text).second) continue;
                auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == *text; });
                if (it == groups.end()) {
                    json::value g;
                    g.type = json::kind::object;
                    json::value values;
                    values.type = json::kind::array;
                    g.members.push_back(json::member{"key", {}, *k});
                    g.members.push_back(json::member{"values", {}, std::move(values)});
                    groups.emplace_back(*text, std::move(g));
                    it = groups.end() - 1;
                }
                it->second.members[1].val.items.push_back(*e);
            }
        }
        value out;
        out.is_list = true;
        for (auto& g : groups) out.nodes.push_back(keep(std::move(g.second)));
        return out;
    }

    // ---- comparisons (§3.3 to §3.6) ----

    bool compare(const ast::comparison& c, const scope& sc) {
        const std::vector<node> left = elements(eval(c.lhs, sc));
        // §4: "A list compared with a scalar is true when any element compares true. This holds for
        // every comparison."
        auto any_left = [&](auto&& pred) { return std::any_of(left.begin(), left.end(), pred); };
        switch (c.op) {
            case ast::compare_op::like:
            case ast::compare_op::unlike: {
                const auto pattern = pattern_text(c.rhs.front());
                if (!pattern) throw not_a_rule{"like/unlike needs a string pattern (R033)"};
                const bool want = c.op == ast::compare_op::like;
                return any_left([&](node n) {
                    const auto t = text_of(*n);
                    return t && like(*t, *pattern) == want;
                });
            }
            case ast::compare_op::regex_match: {
                const RE2& re = regex(c.rhs.front());
                return any_left([&](node n) {
                    const auto t = text_of(*n);
                    return t && RE2::PartialMatch(*t, re);
                });
            }
            default: break;
        }
        std::vector<node> right;
        for (const auto& r : c.rhs) {
            const auto items = elements(eval(r, sc));
            right.insert(right.end(), items.begin(), items.end());
        }
        return any_left([&](node a) {
            return std::any_of(right.begin(), right.end(), [&](node b) {
                switch (c.op) {
                    case ast::compare_op::eq:
                    case ast::compare_op::in: return equal(*a, *b);
                    case ast::compare_op::ne: return is_scalar(*a) && is_scalar(*b) && !equal(*a, *b);
                    default: return ordered(*a, *b, c.op);
                }
            });
        });
    }

    /// §3.5: RE2, unanchored, flags i, m, s (g ignored); a string literal or parameter is a pattern too.
    const RE2& regex(const ast::expr& e) {
        std::string pattern;
        std::string flags;
        if (const auto* r = std::get_if<ast::regex>(&e)) {
            pattern = r->pattern;
            for (const char f : r->flags) {
                if (f == 'g') continue;
                if (f != 'i' && f != 'm' && f != 's') throw not_a_rule{std::string("regex flag ") + f + " (R031)"};
                if (flags.find(f) == std::string::npos) flags += f;
            }
        } else if (const auto t = pattern_text(e)) {
            pattern = *t;
        } else {
            throw not_a_rule{"regexMatch needs a regular expression (R033)"};
        }
        RE2::Options o;
        o.set_log_errors(false);
        regexes_.push_back(std::make_unique<RE2>(flags.empty() ? pattern : "(?" + flags + ")" + pattern, o));
        if (!regexes_.back()->ok()) throw not_a_rule{"invalid regular expression (R030)"};
        return *regexes_.back();
    }

    // ---- functions (§3.11) ----

    value call(const ast::call& c, const scope& sc) {
        const value receiver = eval(c.receiver, sc);
        if (c.args.empty() && c.name == "length") return {{make_number(static_cast<double>(length(receiver)))}};
        if (c.args.empty() && c.name == "isEmpty") return {{make_bool(length(receiver) == 0)}};
        const rules::function_def* fn = registry().find(c.name);
        if (fn == nullptr) throw not_a_rule{"unknown function `" + c.name + "` (R040)"};
        std::vector<rules::value_list> args;
        for (const auto& a : c.args) args.push_back(eval(a, sc).nodes);  // in the receiver's scope
        rules::call_context cx;
        cx.subject = sc.owner;
        cx.now = now_;
        cx.arena = &arena_;
        rules::call_result r;
        try {
            r = fn->impl(cx, receiver.nodes, args);
        } catch (const std::exception& e) {
            throw evaluation_failed{"`" + c.name + "` threw: " + e.what()};
        }
        if (!r.error.empty()) throw evaluation_failed{"`" + c.name + "`: " + r.error};
        return {std::move(r.values), false};
    }

    const ast::rule_def& rule_;
    entity::entity_type type_;
    std::chrono::system_clock::time_point now_;
    const entity::entity* subject_ = nullptr;
    bool aggregate_ = false;
    std::vector<node> items_;
    std::vector<const entity::entity*> item_entities_;
    std::deque<json::value> made_;
    std::deque<entity::field> synthetic_;
    std::vector<std::unique_ptr<RE2>> regexes_;
    rules::value_arena arena_;
};

/// §2: `where` selects, `should` passes when true, `should not` when false, no `should` fails.
ref_result decide(interpreter& in, const ast::logic& body) {
    try {
        if (body.filter && !in.test(*body.filter, in.top())) return {ref_outcome::not_applicable, {}};
        if (!body.has_should || !body.condition) return {ref_outcome::fail, {}};
        const bool holds = in.test(*body.condition, in.top());
        return {holds != body.negated ? ref_outcome::pass : ref_outcome::fail, {}};
    } catch (const evaluation_failed& e) {
        return {ref_outcome::error, e.why};
    } catch (const not_a_rule& e) {
        return {ref_outcome::invalid, e.why};
    }
}

}  // namespace

std::string_view to_string(ref_outcome o) noexcept {
    switch (o) {
        case ref_outcome::pass: return "pass";
        case ref_outcome::fail: return "fail";
        case ref_outcome::error: return "error";
        case ref_outcome::not_applicable: return "not applicable";
        case ref_outcome::invalid: return "invalid";
    }
    return "?";
}

ref_result evaluate_rule(const ast::rule_def& rule, const entity::entity& e, std::chrono::system_clock::time_point now) {
    const ast::logic& body = rule.body;
    if (body.constant_true)  // §2: GSL's placeholder rule passes the Account
        return {e.type == entity::entity_type::account ? ref_outcome::pass : ref_outcome::not_applicable, {}};
    const auto type = entity::parse_entity_type(body.subject.name);
    if (body.subject.aggregate || !type || *type != e.type) return {ref_outcome::not_applicable, {}};
    interpreter in(rule, *type, now);
    in.set_subject(e);
    return decide(in, body);
}

ref_result evaluate_aggregate_rule(const ast::rule_def& rule, std::span<const entity::entity> all,
                                   std::chrono::system_clock::time_point now) {
    const ast::logic& body = rule.body;
    const auto type = entity::parse_entity_type(body.subject.name);
    if (!body.subject.aggregate || !type) return {ref_outcome::not_applicable, {}};
    std::vector<const entity::entity*> items;
    for (const auto& e : all)
        if (e.type == *type) items.push_back(&e);
    interpreter in(rule, *type, now);
    in.set_items(std::move(items));
    return decide(in, body);
}

}  // namespace iamguard::fuzz
