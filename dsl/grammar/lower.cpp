// SPDX-License-Identifier: Apache-2.0
// dsl/grammar/lower.cpp: the parse tree becomes the public rule AST.
//
// Lowering folds postfix operators left to right (`L with [p] contain-all [q]` is
// contain-all(with(L, p), q)), flattens and/or chains, turns a bare literal inside brackets into
// a comparison with the element (`Action contain ['s3:*']` is `Action contain [$ = 's3:*']`), and
// reads the metadata and parameter declarations of a rule block.
#include "lower.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <utility>

#include <iamguard/rules/codes.hpp>
#include "core/edit_distance.hpp"

namespace iamguard::dsl {

namespace ast = rules::ast;

// ---- positions ----

line_index::line_index(std::string_view text) : size_(static_cast<std::uint32_t>(text.size())) {
    starts_.push_back(0);
    for (std::uint32_t i = 0; i < size_; ++i)
        if (text[i] == '\n') starts_.push_back(i + 1);
}

source_pos line_index::at(std::uint32_t offset) const noexcept {
    offset = std::min(offset, size_);
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const auto line = static_cast<std::uint32_t>(it - starts_.begin());
    return {offset, line, offset - starts_[line - 1] + 1};
}

ast::span lower_context::span_of(std::uint32_t begin, std::uint32_t end) const noexcept {
    return {lines->at(begin), end > begin ? end - begin : 0};
}

namespace {
void report(const lower_context& cx, severity level, std::string_view code, std::uint32_t begin, std::uint32_t end,
            std::string message, std::string help) {
    diagnostic d;
    d.level = level;
    d.code = std::string(code);
    d.message = std::move(message);
    d.help = std::move(help);
    d.file = cx.file;
    d.pos = cx.lines->at(begin);
    d.length = end > begin ? end - begin : 1;
    cx.diagnostics->push_back(std::move(d));
}
}  // namespace

void lower_context::error(std::string_view code, std::uint32_t begin, std::uint32_t end, std::string message,
                          std::string help) const {
    report(*this, severity::error, code, begin, end, std::move(message), std::move(help));
}
void lower_context::warning(std::string_view code, std::uint32_t begin, std::uint32_t end, std::string message,
                            std::string help) const {
    report(*this, severity::warning, code, begin, end, std::move(message), std::move(help));
}

std::string closest(std::string_view word, const std::vector<std::string_view>& candidates) {
    return iamguard::detail::closest(word, candidates);
}

// ---- expressions ----

namespace {

class lowerer {
public:
    explicit lowerer(const lower_context& cx) : cx_(cx) {}

    ast::expr expression(const pt::or_expr& e, bool in_brackets) {
        std::vector<ast::expr> terms;
        terms.reserve(e.terms.size());
        for (const auto& t : e.terms) terms.push_back(conjunction(t, in_brackets));
        if (terms.size() == 1) return std::move(terms.front());
        return ast::box<ast::logical>(ast::logical{ast::logical_op::or_, std::move(terms)});
    }

private:
    ast::expr conjunction(const pt::and_expr& e, bool in_brackets) {
        std::vector<ast::expr> terms;
        terms.reserve(e.terms.size());
        for (const auto& t : e.terms) terms.push_back(unary(t, in_brackets));
        if (terms.size() == 1) return std::move(terms.front());
        return ast::box<ast::logical>(ast::logical{ast::logical_op::and_, std::move(terms)});
    }

    ast::expr unary(const pt::unary& u, bool in_brackets) {
        ast::expr body = predicate(u.body, in_brackets);
        std::size_t count = u.nots.size();
        if (count > cx_.limit->max_nesting) {
            cx_.error(rules::codes::too_deep, u.nots.front(), u.nots.front() + 3,
                      "more than " + std::to_string(cx_.limit->max_nesting) + " `not`s in a row");
            count = count % 2;  // keep the meaning, drop the depth
        }
        for (std::size_t i = count; i-- > 0;) {
            const std::uint32_t at = u.nots[i];
            body = ast::box<ast::negation>(ast::negation{std::move(body), cx_.span_of(at, at + 3)});
        }
        return body;
    }

    ast::expr predicate(const pt::predicate& p, bool in_brackets) {
        ast::expr subject = value(p.subject);
        if (!p.cmp) {
            // `Action contain ['s3:*']`: a lone literal in brackets compares with the element
            if (in_brackets && p.subject.ops.empty()) {
                if (const auto* lit = std::get_if<ast::literal>(&subject)) {
                    ast::path cur;
                    cur.current = true;
                    cur.where = lit->where;
                    ast::comparison c;
                    c.op = ast::compare_op::eq;
                    c.where = lit->where;
                    c.lhs = std::move(cur);
                    c.rhs.push_back(std::move(subject));
                    return ast::box<ast::comparison>(std::move(c));
                }
            }
            return subject;
        }
        ast::comparison c;
        c.op = compare_op(p.cmp->op);
        c.where = cx_.span_of(p.cmp->op_begin, p.cmp->op_begin + static_cast<std::uint32_t>(p.cmp->op.size()));
        c.lhs = std::move(subject);
        for (const auto& a : p.cmp->rhs) c.rhs.push_back(atom(a));
        return ast::box<ast::comparison>(std::move(c));
    }

    static ast::compare_op compare_op(const std::string& op) {
        if (op == "=") return ast::compare_op::eq;
        if (op == "!=") return ast::compare_op::ne;
        if (op == "<") return ast::compare_op::lt;
        if (op == ">") return ast::compare_op::gt;
        if (op == "<=") return ast::compare_op::le;
        if (op == ">=") return ast::compare_op::ge;
        if (op == "like") return ast::compare_op::like;
        if (op == "unlike") return ast::compare_op::unlike;
        if (op == "regexMatch") return ast::compare_op::regex_match;
        return ast::compare_op::in;
    }

    static ast::list_op_kind list_kind(const std::string& k) {
        if (k == "contain-any") return ast::list_op_kind::contain_any;
        if (k == "contain-all") return ast::list_op_kind::contain_all;
        if (k == "contain-none") return ast::list_op_kind::contain_none;
        if (k == "contain-single") return ast::list_op_kind::contain_single;
        if (k == "with") return ast::list_op_kind::with;
        if (k == "groupBy") return ast::list_op_kind::group_by;
        return ast::list_op_kind::contain;
    }

    ast::expr value(const pt::value_expr& v) {
        ast::expr acc = atom(v.head);
        if (v.ops.size() > cx_.limit->max_nesting) {
            // each postfix operator nests the tree one level deeper: bound it like brackets
            cx_.error(rules::codes::too_deep, v.begin, v.end,
                      "more than " + std::to_string(cx_.limit->max_nesting) + " operators applied in a chain");
            return acc;
        }
        for (const auto& op : v.ops) {
            if (const auto* l = std::get_if<pt::list_op>(&op)) {
                ast::list_op n;
                n.op = list_kind(l->keyword);
                n.where = cx_.span_of(l->begin, l->begin + static_cast<std::uint32_t>(l->keyword.size()));
                n.subject = std::move(acc);
                n.predicate = expression(*l->pred, n.op != ast::list_op_kind::group_by);
                acc = ast::box<ast::list_op>(std::move(n));
            } else {
                const auto& c = std::get<pt::call_op>(op);
                ast::call n;
                n.name = c.name;
                n.where = cx_.span_of(c.begin, c.begin + static_cast<std::uint32_t>(c.name.size()));
                n.receiver = std::move(acc);
                for (const auto& a : c.args) n.args.push_back(atom(a));
                acc = ast::box<ast::call>(std::move(n));
            }
        }
        return acc;
    }

    ast::expr atom(const pt::atom& a) {
        return std::visit(
            [this](const auto& n) -> ast::expr {
                using T = std::decay_t<decltype(n)>;
                const ast::span sp = cx_.span_of(n.begin, n.end);
                if constexpr (std::is_same_v<T, pt::string_lit>) {
                    return ast::literal{ast::literal::kind::string, n.value, 0, false, sp};
                } else if constexpr (std::is_same_v<T, pt::number_lit>) {
                    return ast::literal{ast::literal::kind::number, n.text, std::strtod(n.text.c_str(), nullptr),
                                        false, sp};
                } else if constexpr (std::is_same_v<T, pt::bool_lit>) {
                    return ast::literal{ast::literal::kind::boolean, n.value ? "true" : "false", 0, n.value, sp};
                } else if constexpr (std::is_same_v<T, pt::regex_lit>) {
                    return ast::regex{n.pattern, n.flags, sp};
                } else if constexpr (std::is_same_v<T, pt::param_ref>) {
                    return ast::param_ref{n.name, sp, n.negated};
                } else if constexpr (std::is_same_v<T, pt::current>) {
                    ast::path p;
                    p.current = true;
                    p.where = sp;
                    return p;
                } else if constexpr (std::is_same_v<T, pt::path>) {
                    ast::path p;
                    p.segments = n.segments;
                    for (auto off : n.offsets) p.offsets.push_back(off - n.begin);
                    p.where = sp;
                    return p;
                } else {
                    return expression(*n.inner, false);
                }
            },
            a);
    }

    const lower_context& cx_;
};

}  // namespace

ast::logic lower_logic(const pt::logic& tree, const lower_context& cx) {
    ast::logic out;
    out.where = cx.span_of(tree.begin, tree.end);
    out.subject.name = tree.subject.name;
    out.subject.aggregate = tree.subject.aggregate;
    out.subject.where = cx.span_of(tree.subject.begin, tree.subject.end);
    lowerer l(cx);
    if (tree.where) out.filter = l.expression(*tree.where, false);
    if (tree.should) {
        out.has_should = true;
        out.negated = tree.should->negated;
        out.condition = l.expression(tree.should->cond, false);
    }
    // GSL's degenerate rule: the bare literal `true` (any case) as the whole logic
    if (!tree.subject.aggregate && !tree.where && !tree.should) {
        std::string lowered = tree.subject.name;
        for (auto& ch : lowered) ch = static_cast<char>((ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch);
        out.constant_true = lowered == "true";
    }
    return out;
}

// ---- rule blocks ----

namespace {

const std::vector<std::string_view> meta_keys = {"title",      "severity",   "description", "remediation",
                                                 "references", "compliance", "logic",       "param"};

std::string describe(pt::meta_value::kind k) {
    switch (k) {
        case pt::meta_value::kind::string: return "a string";
        case pt::meta_value::kind::number: return "a number";
        case pt::meta_value::kind::word: return "a word";
        case pt::meta_value::kind::list: return "a list";
    }
    return "a value";
}

bool expect_string(const pt::entry& e, const lower_context& cx, std::string& out) {
    if (e.value.type == pt::meta_value::kind::string) {
        out = e.value.text;
        return true;
    }
    cx.error(rules::codes::bad_metadata, e.value.begin, e.value.end,
             "`" + e.key + "` takes a string, found " + describe(e.value.type), "write it in single quotes: 'text'");
    return false;
}

void expect_strings(const pt::entry& e, const lower_context& cx, std::vector<std::string>& out) {
    if (e.value.type == pt::meta_value::kind::string) {
        out.push_back(e.value.text);
        return;
    }
    if (e.value.type != pt::meta_value::kind::list) {
        cx.error(rules::codes::bad_metadata, e.value.begin, e.value.end,
                 "`" + e.key + "` takes a list of strings, found " + describe(e.value.type),
                 "write ['first', 'second']");
        return;
    }
    for (const auto& item : e.value.items) {
        if (item.type == pt::meta_value::kind::string) {
            out.push_back(item.text);
        } else {
            cx.error(rules::codes::bad_metadata, item.begin, item.end,
                     "`" + e.key + "` takes a list of strings, found " + describe(item.type));
        }
    }
}

std::optional<rules::param_value> param_default(const pt::entry& e, rules::param_type type, const lower_context& cx) {
    const auto& v = e.value;
    auto mismatch = [&](std::uint32_t b, std::uint32_t en, const std::string& found) {
        cx.error(rules::codes::param_type, b, en,
                 "parameter `" + e.key + "` is declared " + std::string(rules::to_string(type)) + " but its default is " +
                     found);
        return std::nullopt;
    };
    switch (type) {
        case rules::param_type::string:
            if (v.type == pt::meta_value::kind::string) return rules::param_value{v.text};
            return mismatch(v.begin, v.end, describe(v.type));
        case rules::param_type::number:
            if (v.type == pt::meta_value::kind::number) return rules::param_value{std::strtod(v.text.c_str(), nullptr)};
            return mismatch(v.begin, v.end, describe(v.type));
        case rules::param_type::boolean:
            if (v.type == pt::meta_value::kind::word && (v.text == "true" || v.text == "false"))
                return rules::param_value{v.text == "true"};
            return mismatch(v.begin, v.end, describe(v.type));
        case rules::param_type::list: {
            if (v.type != pt::meta_value::kind::list) return mismatch(v.begin, v.end, describe(v.type));
            std::vector<std::string> items;
            for (const auto& item : v.items) {
                if (item.type == pt::meta_value::kind::list) return mismatch(item.begin, item.end, "a nested list");
                items.push_back(item.text);
            }
            return rules::param_value{std::move(items)};
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<ast::rule_def> lower_block(const pt::rule_block& tree, const lower_context& cx) {
    ast::rule_def def;
    def.info.id = tree.id;
    def.info.file = cx.file;
    def.info.pos = cx.lines->at(tree.begin);
    bool have_logic = false;
    std::vector<std::string> seen;
    for (const auto& e : tree.entries) {
        const std::uint32_t key_end = e.key_begin + static_cast<std::uint32_t>(e.key.size());
        if (e.type == pt::entry::kind::logic) {
            if (have_logic) {
                cx.error(rules::codes::bad_metadata, e.begin, e.begin + 5,
                         "rule `" + tree.id + "` has more than one `logic`", "put the conditions in one expression");
                continue;
            }
            have_logic = true;
            def.body = lower_logic(e.body, cx);
            def.info.logic = std::string(cx.source.substr(e.body.begin, e.body.end - e.body.begin));
            continue;
        }
        if (e.type == pt::entry::kind::param) {
            const auto type = rules::parse_param_type(e.param_type);
            if (!type) {
                cx.error(rules::codes::param_type, e.type_begin,
                         e.type_begin + static_cast<std::uint32_t>(e.param_type.size()),
                         "unknown parameter type `" + e.param_type + "`", "use string, number, bool or list");
                continue;
            }
            const bool dup = std::any_of(def.params.begin(), def.params.end(),
                                         [&](const ast::param_decl& p) { return p.name == e.key; });
            if (dup) {
                cx.error(rules::codes::duplicate_param, e.key_begin, key_end,
                         "parameter `" + e.key + "` is declared twice in rule `" + tree.id + "`");
                continue;
            }
            if (auto v = param_default(e, *type, cx))
                def.params.push_back({e.key, std::move(*v), cx.span_of(e.key_begin, key_end)});
            continue;
        }
        if (std::find(seen.begin(), seen.end(), e.key) != seen.end()) {
            cx.error(rules::codes::bad_metadata, e.key_begin, key_end, "`" + e.key + "` is given twice");
            continue;
        }
        seen.push_back(e.key);
        if (e.key == "title") {
            expect_string(e, cx, def.info.title);
        } else if (e.key == "description") {
            expect_string(e, cx, def.info.description);
        } else if (e.key == "remediation") {
            expect_string(e, cx, def.info.remediation);
        } else if (e.key == "references") {
            expect_strings(e, cx, def.info.references);
        } else if (e.key == "compliance") {
            expect_strings(e, cx, def.info.compliance);
        } else if (e.key == "severity") {
            const auto s = rules::parse_severity(e.value.text);
            if (e.value.type == pt::meta_value::kind::list || !s) {
                cx.error(rules::codes::bad_severity, e.value.begin, e.value.end,
                         "unknown severity `" + e.value.text + "`", "use info, low, medium, high or critical");
            } else {
                def.info.severity = *s;
            }
        } else {
            std::string help;
            if (auto c = closest(e.key, meta_keys); !c.empty()) help = "did you mean `" + c + "`?";
            cx.error(rules::codes::bad_metadata, e.key_begin, key_end, "unknown rule field `" + e.key + "`",
                     help.empty() ? "rule fields: title, severity, description, remediation, references, compliance, "
                                    "param, logic"
                                  : help);
        }
    }
    if (!have_logic) {
        cx.error(rules::codes::missing_logic, tree.id_begin, tree.id_begin + static_cast<std::uint32_t>(tree.id.size()),
                 "rule `" + tree.id + "` has no `logic`", "add `logic: <Entity> should ...`");
        return std::nullopt;
    }
    if (def.info.title.empty()) def.info.title = def.info.id;
    return def;
}

}  // namespace iamguard::dsl
