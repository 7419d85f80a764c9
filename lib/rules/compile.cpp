// SPDX-License-Identifier: Apache-2.0
// lib/rules/compile.cpp: checks the rule AST (schema, functions, parameters, operands) and
// emits the flat program that rule_set evaluates.
#include <iamguard/rules/compile.hpp>

#include <algorithm>
#include <deque>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <iamguard/analysis/functions.hpp>
#include <iamguard/entity/schema.hpp>

#include "aggregate_plan.hpp"
#include "program.hpp"
#include "values.hpp"
#include "core/edit_distance.hpp"

namespace iamguard::rules {

namespace {

using entity::field;
using entity::field_type;

/// Where paths of an expression resolve, and what the schema knows there.
struct scope {
    detail::path_base base = detail::path_base::root;
    const field* element = nullptr;  // schema of the element (element scopes), when known
    bool aggregate_root = false;     // the top of a List<T> rule: paths start with `items`
};

/// What a compiled expression is.
struct typed {
    std::uint32_t node = 0;
    const field* schema = nullptr;  // the field it denotes, when known
    bool elements = false;          // a filtered/grouped list (its nodes are the elements)
};

std::string describe(const ast::expr& e) {
    if (const auto* l = std::get_if<ast::literal>(&e)) {
        switch (l->type) {
            case ast::literal::kind::string: return "a string";
            case ast::literal::kind::number: return "a number";
            case ast::literal::kind::boolean: return "a boolean";
        }
    }
    if (std::holds_alternative<ast::regex>(e)) return "a regular expression";
    if (std::holds_alternative<ast::param_ref>(e)) return "a parameter";
    if (std::holds_alternative<ast::path>(e)) return "a field path";
    return "an expression";
}

ast::span span_of(const ast::expr& e) {
    return std::visit(
        [](const auto& n) -> ast::span {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, ast::literal> || std::is_same_v<T, ast::regex> ||
                          std::is_same_v<T, ast::param_ref> || std::is_same_v<T, ast::path>) {
                return n.where;
            } else if constexpr (std::is_same_v<T, ast::box<ast::logical>>) {
                return {start_of(n->operands.front()), 1};
            } else {
                return n->where;
            }
        },
        e);
}

json::value constant_of(const param_value& v) {
    json::value out;
    switch (v.type()) {
        case param_type::string:
            out.type = json::kind::string;
            out.text = std::get<std::string>(v.data);
            break;
        case param_type::number:
            out.type = json::kind::number;
            out.text = detail::format_number(std::get<double>(v.data));
            break;
        case param_type::boolean:
            out.type = json::kind::boolean;
            out.boolean = std::get<bool>(v.data);
            break;
        case param_type::list:
            out.type = json::kind::array;
            for (const auto& s : std::get<std::vector<std::string>>(v.data)) {
                json::value item;
                item.type = json::kind::string;
                item.text = s;
                out.items.push_back(std::move(item));
            }
            break;
    }
    return out;
}

const std::vector<std::string_view>& entity_names() {
    static const std::vector<std::string_view> names = {"Account", "Iam",   "Role",   "IamRole",  "User",
                                                        "IamUser", "Group", "IamGroup", "Policy", "IamPolicy"};
    return names;
}

std::string closest_name(std::string_view word, const std::vector<std::string_view>& candidates) {
    return iamguard::detail::closest(word, candidates);
}

class compiler {
public:
    compiler(detail::program& prog, const compile_options& opts, const function_registry& fns,
             std::vector<diagnostic>& diags)
        : prog_(prog), opts_(opts), fns_(fns), diags_(diags) {}

    void rule(const ast::rule_def& def) {
        def_ = &def;
        type_.reset();
        synthetic_.clear();
        params_.clear();
        detail::compiled_rule cr;
        const ast::logic& body = def.body;
        if (body.constant_true) {
            cr.constant_true = true;
            cr.type = entity::entity_type::account;
            finish(def, std::move(cr));
            return;
        }
        type_ = entity::parse_entity_type(body.subject.name);
        if (!type_ && !opts_.syntax_only) {
            const severity level = opts_.skip_unknown_entities ? severity::warning : severity::error;
            std::string help = "iamguard models Account (Iam), Role (IamRole), User (IamUser), Group (IamGroup) and "
                               "Policy (IamPolicy); use --syntax-only to check rules for other types";
            if (auto c = closest_name(body.subject.name, entity_names()); !c.empty()) help = "did you mean `" + c + "`?";
            if (level == severity::warning) help = "the rule is skipped: iamguard does not model `" + body.subject.name + "`";
            error(codes::unknown_entity, body.subject.where, "unknown entity type `" + body.subject.name + "`", help, level);
        }
        cr.type = type_;
        cr.aggregate = body.subject.aggregate;
        checks_ = type_.has_value() && !opts_.syntax_only;
        declare_params(def);
        scope top;
        top.aggregate_root = cr.aggregate;
        if (body.filter) {
            cr.filter = static_cast<std::int32_t>(predicate(*body.filter, top));
            cr.filter_text = ast::to_string(*body.filter);
        }
        cr.has_should = body.has_should;
        cr.negated = body.negated;
        if (body.condition) {
            cr.condition = static_cast<std::int32_t>(predicate(*body.condition, top));
            cr.condition_text = ast::to_string(*body.condition);
        }
        finish(def, std::move(cr));
    }

private:
    void finish(const ast::rule_def& def, detail::compiled_rule cr) {
        if (cr.aggregate) cr.plan = detail::plan_aggregate(prog_, cr);
        prog_.infos.push_back(def.info);
        prog_.rules.push_back(std::move(cr));
    }

    // ---- diagnostics ----

    void error(std::string_view code, const ast::span& where, std::string message, std::string help = {},
               severity level = severity::error) {
        diagnostic d;
        d.level = level;
        d.code = std::string(code);
        d.message = std::move(message);
        d.help = std::move(help);
        d.file = def_->info.file;
        d.pos = where.pos;
        d.length = std::max<std::uint32_t>(1, where.length);
        diags_.push_back(std::move(d));
    }

    // ---- parameters ----

    void declare_params(const ast::rule_def& def) {
        for (const auto& p : def.params) {
            prog_.parameter_names.emplace_back(def.info.id, p.name);
            const param_value* host = opts_.params.find(def.info.id, p.name);
            if (host != nullptr && host->type() != p.default_value.type()) {
                error(codes::param_type, p.where,
                      "parameter `" + p.name + "` of rule `" + def.info.id + "` is declared " +
                          std::string(to_string(p.default_value.type())) + " but was set to a " +
                          std::string(to_string(host->type())),
                      "set it to a " + std::string(to_string(p.default_value.type())));
                params_[p.name] = p.default_value;
                continue;
            }
            params_[p.name] = host != nullptr ? *host : p.default_value;
        }
    }

    std::optional<std::uint32_t> param(const ast::param_ref& r, param_value* value_out = nullptr) {
        prog_.parameter_names.emplace_back(def_->info.id, r.name);
        const param_value* v = nullptr;
        if (auto it = params_.find(r.name); it != params_.end()) {
            v = &it->second;
        } else {
            v = opts_.params.find(def_->info.id, r.name);
        }
        if (v == nullptr) {
            std::vector<std::string_view> names;
            for (const auto& [n, _] : params_) names.push_back(n);
            std::string help = "declare it in the rule: `param " + r.name + ": list = [...]`, or set it from the host";
            if (auto c = closest_name(r.name, names); !c.empty()) help = "did you mean `{" + c + "}`?";
            error(codes::undefined_param, r.where, "undefined parameter `" + r.name + "`", help);
            return std::nullopt;
        }
        if (r.negated) {
            if (v->type() != param_type::number) {
                error(codes::bad_operand, r.where,
                      "`-{" + r.name + "}` negates a number, but parameter `" + r.name + "` is a " +
                          std::string(to_string(v->type())));
                return std::nullopt;
            }
            const param_value negative{-std::get<double>(v->data)};
            if (value_out != nullptr) *value_out = negative;
            return constant(constant_of(negative));
        }
        if (value_out != nullptr) *value_out = *v;
        return constant(constant_of(*v));
    }

    // ---- emitting ----

    std::uint32_t emit(detail::op code, std::uint8_t kind, std::uint32_t a, const std::vector<std::uint32_t>& kids) {
        detail::node n;
        n.code = code;
        n.kind = kind;
        n.a = a;
        n.first = static_cast<std::uint32_t>(prog_.children.size());
        n.count = static_cast<std::uint32_t>(kids.size());
        prog_.children.insert(prog_.children.end(), kids.begin(), kids.end());
        prog_.nodes.push_back(n);
        return static_cast<std::uint32_t>(prog_.nodes.size() - 1);
    }

    std::uint32_t constant(json::value v) {
        prog_.constants.push_back(std::move(v));
        return emit(detail::op::constant, 0, static_cast<std::uint32_t>(prog_.constants.size() - 1), {});
    }

    std::uint32_t literal(const ast::literal& l) {
        json::value v;
        switch (l.type) {
            case ast::literal::kind::string:
                v.type = json::kind::string;
                v.text = l.text;
                break;
            case ast::literal::kind::number:
                v.type = json::kind::number;
                v.text = l.text;
                break;
            case ast::literal::kind::boolean:
                v.type = json::kind::boolean;
                v.boolean = l.boolean;
                v.text = l.text;
                break;
        }
        return constant(std::move(v));
    }

    // ---- predicates ----

    std::uint32_t predicate(const ast::expr& e, const scope& sc) {
        if (const auto* l = std::get_if<ast::literal>(&e)) {
            if (l->type != ast::literal::kind::boolean)
                error(codes::misplaced, l->where, describe(e) + " is not a condition",
                      "compare it with a field, e.g. `name = " + ast::to_string(e) + "`");
            return literal(*l);
        }
        if (const auto* r = std::get_if<ast::regex>(&e)) {
            error(codes::bad_operand, r->where, "a regular expression is not a condition",
                  "match it against a field: `name regexMatch " + ast::to_string(e) + "`");
            return constant({});
        }
        if (const auto* lg = std::get_if<ast::box<ast::logical>>(&e)) {
            std::vector<std::uint32_t> kids;
            for (const auto& o : (*lg)->operands) kids.push_back(predicate(o, sc));
            return emit((*lg)->op == ast::logical_op::and_ ? detail::op::and_ : detail::op::or_, 0, 0, kids);
        }
        if (const auto* n = std::get_if<ast::box<ast::negation>>(&e))
            return emit(detail::op::not_, 0, 0, {predicate((*n)->operand, sc)});
        return value(e, sc).node;  // paths, calls, filters: truthiness; comparisons and quantifiers: booleans
    }

    // ---- values ----

    typed value(const ast::expr& e, const scope& sc) {
        return std::visit(
            [&](const auto& n) -> typed {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, ast::literal>) {
                    return {literal(n)};
                } else if constexpr (std::is_same_v<T, ast::regex>) {
                    error(codes::bad_operand, n.where, "a regular expression may only follow `regexMatch`");
                    return {constant({})};
                } else if constexpr (std::is_same_v<T, ast::param_ref>) {
                    const auto c = param(n);
                    return {c ? *c : constant({})};
                } else if constexpr (std::is_same_v<T, ast::path>) {
                    return path(n, sc);
                } else if constexpr (std::is_same_v<T, ast::box<ast::call>>) {
                    return call(*n, sc);
                } else if constexpr (std::is_same_v<T, ast::box<ast::list_op>>) {
                    return list_op(*n, sc);
                } else if constexpr (std::is_same_v<T, ast::box<ast::comparison>>) {
                    return {comparison(*n, sc)};
                } else {
                    return {predicate(e, sc)};
                }
            },
            e);
    }

    typed path(const ast::path& p, const scope& sc) {
        detail::path_info info;
        info.written = ast::to_string(ast::expr{p});
        const bool element_scope = sc.base == detail::path_base::element;
        if (p.current) {
            // `$` at the top of a List<T> rule would name nothing: its only value is `items`
            if (sc.aggregate_root && !element_scope)
                error(codes::bad_aggregate, p.where,
                      "a `List<" + def_->body.subject.name + ">` rule sees only `items`, not `$`",
                      "`$` is the element inside `[...]`; write `items ...` here");
            prog_.paths.push_back(std::move(info));
            return {emit(detail::op::path, static_cast<std::uint8_t>(sc.base), static_cast<std::uint32_t>(prog_.paths.size() - 1), {}),
                    sc.element};
        }
        std::vector<std::string> segs = p.segments;
        detail::path_base base = sc.base;
        const field* items_field = nullptr;
        std::size_t skip = 0;
        if (sc.aggregate_root && !element_scope) {
            if (segs.front() != "items") {
                ast::span where = p.where;
                where.length = static_cast<std::uint32_t>(segs.front().size());
                error(codes::bad_aggregate, where,
                      "a `List<" + def_->body.subject.name + ">` rule sees only `items`, not `" + segs.front() + "`",
                      "write `items ...`, e.g. `items groupBy [name] contain [values length() > 1]`");
            } else {
                base = detail::path_base::items;
                // Only modelled types have a schema (syntax_only accepts others, e.g. `List<Lambda>`).
                if (type_) items_field = aggregate_items();
                skip = 1;
            }
        }
        const field* target = nullptr;
        std::vector<std::string> canonical = segs;
        if (type_) {
            const std::vector<std::string> rest(segs.begin() + static_cast<std::ptrdiff_t>(skip), segs.end());
            entity::lookup_result lr;
            bool looked = false;
            if (base == detail::path_base::root) {
                lr = entity::schema::get().lookup(*type_, rest);
                looked = true;
            } else if (base == detail::path_base::items) {
                if (rest.empty()) {
                    lr.target = items_field;
                } else {
                    lr = entity::schema::get().lookup(items_field->element.front(), rest);
                }
                looked = true;
            } else if (sc.element != nullptr) {
                lr = entity::schema::get().lookup(*sc.element, rest);
                looked = true;
            }
            if (looked && lr.target != nullptr) {
                target = lr.target;
                canonical.resize(skip);
                canonical.insert(canonical.end(), lr.canonical.begin(), lr.canonical.end());
            } else if (looked && checks_) {
                const std::size_t at = lr.failed_at + skip;
                ast::span where = p.where;
                if (at < p.offsets.size()) {
                    where.pos.offset += p.offsets[at];
                    where.pos.column += p.offsets[at];
                    where.length = static_cast<std::uint32_t>(segs[at].size());
                }
                const std::string owner =
                    base == detail::path_base::element ? "the elements here" : "`" + def_->body.subject.name + "`";
                error(codes::unknown_field, where,
                      "unknown field `" + segs[std::min(at, segs.size() - 1)] + "` in `" + info.written + "`: " +
                          owner + " has no such field",
                      lr.suggestion.empty() ? std::string("see the entity schema in dsl/README.md")
                                            : "did you mean `" + lr.suggestion + "`?");
            }
        }
        info.segments.assign(canonical.begin() + static_cast<std::ptrdiff_t>(skip), canonical.end());
        prog_.paths.push_back(std::move(info));
        return {emit(detail::op::path, static_cast<std::uint8_t>(base), static_cast<std::uint32_t>(prog_.paths.size() - 1), {}),
                target, base == detail::path_base::items && segs.size() == 1};
    }

    const field* aggregate_items() {
        field root;
        root.name = "";
        root.type = field_type::object;
        root.children = entity::schema::get().fields(*type_);
        field items;
        items.name = "items";
        items.type = field_type::list;
        items.element.push_back(std::move(root));
        synthetic_.push_back(std::move(items));
        return &synthetic_.back();
    }

    const field* group_field(const field* element) {
        field g;
        g.type = field_type::object;
        field key;
        key.name = "key";
        key.type = field_type::any;
        field values;
        values.name = "values";
        values.type = field_type::list;
        if (element != nullptr) {
            values.element.push_back(*element);
        } else {
            field any;
            any.type = field_type::any;
            values.element.push_back(std::move(any));
        }
        g.children = {std::move(key), std::move(values)};
        synthetic_.push_back(std::move(g));
        return &synthetic_.back();
    }

    static const field* element_of(const field* f, bool elements) {
        if (f == nullptr) return nullptr;
        if (elements) return f;
        if (f->type == field_type::list && !f->element.empty()) return &f->element.front();
        return f;
    }

    typed list_op(const ast::list_op& l, const scope& sc) {
        const typed subject = value(l.subject, sc);
        scope inner;
        inner.base = detail::path_base::element;
        inner.element = element_of(subject.schema, subject.elements);
        if (l.op == ast::list_op_kind::group_by) {
            const typed key = value(l.predicate, inner);
            const std::uint32_t n = emit(detail::op::group, 0, 0, {subject.node, key.node});
            return {n, group_field(inner.element), true};
        }
        const std::uint32_t pred = predicate(l.predicate, inner);
        if (l.op == ast::list_op_kind::with) {
            return {emit(detail::op::filter, 0, 0, {subject.node, pred}), subject.schema == nullptr ? nullptr : inner.element,
                    true};
        }
        return {emit(detail::op::quantify, static_cast<std::uint8_t>(l.op), 0, {subject.node, pred})};
    }

    std::uint32_t comparison(const ast::comparison& c, const scope& sc) {
        const typed lhs = value(c.lhs, sc);
        std::vector<std::uint32_t> kids{lhs.node};
        std::uint32_t a = 0;
        if (c.op == ast::compare_op::regex_match) {
            a = regex(c.rhs.front());
        } else if (c.op == ast::compare_op::like || c.op == ast::compare_op::unlike) {
            a = like(c.rhs.front(), c.op);
        } else {
            for (const auto& r : c.rhs) {
                if (std::holds_alternative<ast::regex>(r)) {
                    error(codes::bad_operand, span_of(r),
                          "`" + std::string(ast::to_string(c.op)) + "` cannot take a regular expression",
                          "use `regexMatch /.../` to match a pattern");
                    continue;
                }
                kids.push_back(value(r, sc).node);
            }
        }
        return emit(detail::op::compare, static_cast<std::uint8_t>(c.op), a, kids);
    }

    std::uint32_t like(const ast::expr& r, ast::compare_op op) {
        std::string pattern;
        if (const auto* l = std::get_if<ast::literal>(&r); l != nullptr && l->type == ast::literal::kind::string) {
            pattern = l->text;
        } else if (const auto* p = std::get_if<ast::param_ref>(&r)) {
            param_value v;
            if (param(*p, &v)) {
                if (v.type() == param_type::string) {
                    pattern = std::get<std::string>(v.data);
                } else {
                    error(codes::bad_operand, p->where, "`" + std::string(ast::to_string(op)) +
                                                            "` needs a string pattern; parameter `" + p->name +
                                                            "` is a " + std::string(to_string(v.type())));
                }
            }
        } else {
            error(codes::bad_operand, span_of(r),
                  "`" + std::string(ast::to_string(op)) + "` needs a string pattern, found " + describe(r),
                  "write e.g. `name like '%admin%'`");
        }
        prog_.like_patterns.push_back(detail::like_to_glob(pattern));
        return static_cast<std::uint32_t>(prog_.like_patterns.size() - 1);
    }

    std::uint32_t regex(const ast::expr& r) {
        std::string pattern;
        std::string flags;
        ast::span where = span_of(r);
        if (const auto* re = std::get_if<ast::regex>(&r)) {
            pattern = re->pattern;
            flags = re->flags;
        } else if (const auto* l = std::get_if<ast::literal>(&r); l != nullptr && l->type == ast::literal::kind::string) {
            pattern = l->text;
        } else if (const auto* p = std::get_if<ast::param_ref>(&r)) {
            param_value v;
            if (param(*p, &v) && v.type() == param_type::string) pattern = std::get<std::string>(v.data);
        } else {
            error(codes::bad_operand, where, "`regexMatch` needs a regular expression, found " + describe(r),
                  "write e.g. `name regexMatch /^admin/i`");
        }
        std::string prefix;
        for (std::size_t i = 0; i < flags.size(); ++i) {
            const char f = flags[i];
            if (f == 'i' || f == 'm' || f == 's') {
                if (prefix.find(f) == std::string::npos) prefix += f;
            } else if (f != 'g') {  // `g` (global) means nothing for a yes/no match
                ast::span fw = where;
                const auto at = static_cast<std::uint32_t>(where.length - flags.size() + i);
                fw.pos.offset += at;
                fw.pos.column += at;
                fw.length = 1;
                error(codes::bad_regex_flag, fw, std::string("unknown regular expression flag `") + f + "`",
                      "flags: i (ignore case), m (multi-line), s (dot matches newline)");
            }
        }
        RE2::Options o;
        o.set_log_errors(false);
        auto re = std::make_unique<RE2>(prefix.empty() ? pattern : "(?" + prefix + ")" + pattern, o);
        if (!re->ok()) {
            error(codes::bad_regex, where, "invalid regular expression: " + re->error(),
                  "RE2 syntax: no backreferences or lookaround");
        } else if (re->ProgramSize() > opts_.limit.max_regex_program) {
            error(codes::regex_too_large, where,
                  "regular expression too large (" + std::to_string(re->ProgramSize()) + " > " +
                      std::to_string(opts_.limit.max_regex_program) + ")");
        }
        prog_.regexes.push_back(std::move(re));
        return static_cast<std::uint32_t>(prog_.regexes.size() - 1);
    }

    // ---- calls ----

    static std::string kind_name(arg_kind k) {
        switch (k) {
            case arg_kind::string: return "a string";
            case arg_kind::number: return "a number";
            case arg_kind::boolean: return "a boolean";
            case arg_kind::path: return "a field path";
            case arg_kind::list: return "a list parameter";
            case arg_kind::any: return "a value";
        }
        return "a value";
    }

    bool arg_matches(const ast::expr& a, arg_kind k) {
        if (k == arg_kind::any) return true;
        if (const auto* l = std::get_if<ast::literal>(&a)) {
            return (k == arg_kind::string && l->type == ast::literal::kind::string) ||
                   (k == arg_kind::number && l->type == ast::literal::kind::number) ||
                   (k == arg_kind::boolean && l->type == ast::literal::kind::boolean);
        }
        if (const auto* p = std::get_if<ast::param_ref>(&a)) {
            const param_value* v = nullptr;
            if (auto it = params_.find(p->name); it != params_.end()) v = &it->second;
            if (v == nullptr) v = opts_.params.find(def_->info.id, p->name);
            if (v == nullptr) return true;  // reported as undefined when compiled
            return (k == arg_kind::string && v->type() == param_type::string) ||
                   (k == arg_kind::number && v->type() == param_type::number) ||
                   (k == arg_kind::boolean && v->type() == param_type::boolean) ||
                   (k == arg_kind::list && v->type() == param_type::list);
        }
        if (std::holds_alternative<ast::path>(a)) return k == arg_kind::path;
        return false;
    }

    typed call(const ast::call& c, const scope& sc) {
        const typed recv = value(c.receiver, sc);
        const function_def* fn = fns_.find(c.name);
        if (fn == nullptr) {
            if (!opts_.syntax_only && type_) {  // rules on unmodelled types (skipped) may use their own functions
                std::vector<std::string_view> names;
                for (const auto& d : fns_.all()) names.push_back(d.signature.name);
                std::string help = "functions: ";
                for (std::size_t i = 0; i < names.size(); ++i) help += (i ? ", " : "") + std::string(names[i]);
                if (auto best = closest_name(c.name, names); !best.empty()) help = "did you mean `" + best + "`?";
                error(codes::unknown_function, c.where, "unknown function `" + c.name + "`", help);
            }
            std::vector<std::uint32_t> kids{recv.node};
            for (const auto& a : c.args) kids.push_back(value(a, sc).node);
            prog_.unknown_functions.push_back(c.name);
            return {emit(detail::op::call, 1, static_cast<std::uint32_t>(prog_.unknown_functions.size() - 1), kids)};
        }
        const auto& sig = fn->signature;
        const std::size_t n = c.args.size();
        if (n < sig.min_args || (!sig.variadic && n > sig.params.size())) {
            const std::string expected = sig.min_args == sig.params.size()
                                             ? std::to_string(sig.params.size())
                                             : std::to_string(sig.min_args) + " to " + std::to_string(sig.params.size());
            error(codes::bad_arguments, c.where,
                  "`" + c.name + "` takes " + expected + " argument" + (sig.params.size() == 1 ? "" : "s") +
                      ", found " + std::to_string(n),
                  "e.g. `" + c.name + "(" + usage(sig) + ")`");
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                const arg_kind k = sig.params.empty() ? arg_kind::any : sig.params[std::min(i, sig.params.size() - 1)];
                if (!arg_matches(c.args[i], k)) {
                    error(codes::bad_arguments, span_of(c.args[i]),
                          "argument " + std::to_string(i + 1) + " of `" + c.name + "` must be " + kind_name(k) +
                              ", found " + describe(c.args[i]),
                          "e.g. `" + c.name + "(" + usage(sig) + ")`");
                }
            }
            const bool timed = c.name == "before" || c.name == "after" || c.name == "dateDifference";
            if (timed && n == 2) {
                if (const auto* u = std::get_if<ast::literal>(&c.args[1]);
                    u != nullptr && u->type == ast::literal::kind::string && !valid_time_unit(u->text)) {
                    error(codes::bad_time_unit, u->where, "unknown time unit `" + u->text + "`",
                          "units: seconds, minutes, hours, days, weeks, months, years");
                }
            }
        }
        if (recv.schema != nullptr && checks_ && !sig.receivers.empty()) {
            const field_type t = recv.schema->type;
            const bool ok = t == field_type::any || t == field_type::map ||
                            std::find(sig.receivers.begin(), sig.receivers.end(), t) != sig.receivers.end();
            if (!ok) {
                std::string accepted;
                for (std::size_t i = 0; i < sig.receivers.size(); ++i)
                    accepted += (i ? ", " : "") + std::string(entity::to_string(sig.receivers[i]));
                error(codes::bad_receiver, c.where,
                      "`" + c.name + "` cannot apply to `" + ast::to_string(c.receiver) + "`, which is a " +
                          std::string(entity::to_string(t)),
                      "`" + c.name + "` applies to: " + accepted);
            }
        }
        std::vector<std::uint32_t> kids{recv.node};
        if (c.name == "length" && n == 0) return {emit(detail::op::length, recv.elements ? 1 : 0, 0, kids)};
        if (c.name == "isEmpty" && n == 0) return {emit(detail::op::is_empty, recv.elements ? 1 : 0, 0, kids)};
        for (const auto& a : c.args) kids.push_back(value(a, sc).node);
        std::uint32_t index = 0;
        const auto it = std::find_if(prog_.functions.begin(), prog_.functions.end(),
                                     [&](const function_def& d) { return d.signature.name == c.name; });
        if (it == prog_.functions.end()) {
            prog_.functions.push_back(*fn);
            index = static_cast<std::uint32_t>(prog_.functions.size() - 1);
        } else {
            index = static_cast<std::uint32_t>(it - prog_.functions.begin());
        }
        return {emit(detail::op::call, 0, index, kids)};
    }

    static std::string usage(const function_signature& sig) {
        std::string out;
        for (std::size_t i = 0; i < sig.params.size(); ++i) {
            if (i) out += ", ";
            switch (sig.params[i]) {
                case arg_kind::string: out += i == 1 ? "'days'" : "'text'"; break;
                case arg_kind::number: out += "-90"; break;
                case arg_kind::boolean: out += "true"; break;
                case arg_kind::path: out += "otherField"; break;
                case arg_kind::list: out += "{listParam}"; break;
                case arg_kind::any: out += "value"; break;
            }
        }
        return out;
    }

    detail::program& prog_;
    const compile_options& opts_;
    const function_registry& fns_;
    std::vector<diagnostic>& diags_;
    const ast::rule_def* def_ = nullptr;
    std::optional<entity::entity_type> type_;
    bool checks_ = false;
    std::deque<field> synthetic_;
    std::map<std::string, param_value, std::less<>> params_;
};

compile_result build(std::vector<ast::rule_def> defs, std::vector<diagnostic> diags, const compile_options& opts) {
    compile_result out;
    // The default registry: the built-ins and the IAM-aware functions (allows, assumableWithout...).
    const function_registry builtins = opts.functions == nullptr ? analysis::standard_functions()
                                                                 : function_registry{};
    const function_registry& fns = opts.functions == nullptr ? builtins : *opts.functions;
    auto prog = std::make_shared<detail::program>();
    std::map<std::string, const ast::rule_def*, std::less<>> ids;
    compiler c(*prog, opts, fns, diags);
    for (const auto& def : defs) {
        if (auto [it, fresh] = ids.emplace(def.info.id, &def); !fresh) {
            diagnostic d;
            d.code = std::string(codes::duplicate_rule);
            d.file = def.info.file;
            d.pos = def.info.pos;
            d.message = "duplicate rule id `" + def.info.id + "`";
            d.help = "first defined at " + it->second->info.file + ":" + std::to_string(it->second->info.pos.line);
            diags.push_back(std::move(d));
            continue;
        }
        c.rule(def);
    }
    auto& names = prog->parameter_names;
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    out.diagnostics = std::move(diags);
    if (!has_errors(out.diagnostics)) {
        prog->reads = detail::find_field_use(*prog);
        out.rules = rule_set(std::move(prog));
    }
    return out;
}

}  // namespace

compile_result compile(std::string_view source, std::string_view file_name, const compile_options& opts) {
    try {
        parse_output parsed = parse(source, file_name, opts.limit);
        return build(std::move(parsed.rules), std::move(parsed.diagnostics), opts);
    } catch (const std::exception& e) {
        compile_result out;
        diagnostic d;
        d.code = std::string(codes::too_large);
        d.file = std::string(file_name);
        d.message = std::string("cannot compile: ") + e.what();
        out.diagnostics.push_back(std::move(d));
        return out;
    }
}

compile_result compile_paths(const std::vector<std::filesystem::path>& files_or_dirs, const compile_options& opts) {
    namespace fs = std::filesystem;
    std::vector<diagnostic> diags;
    std::vector<ast::rule_def> defs;
    auto unreadable = [&](const fs::path& p, const std::string& why) {
        diagnostic d;
        d.code = std::string(codes::unreadable);
        d.file = p.string();
        d.message = "cannot read `" + p.string() + "`: " + why;
        diags.push_back(std::move(d));
    };
    auto load = [&](const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        if (!in) {
            unreadable(p, "it cannot be opened");
            return;
        }
        std::ostringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        parse_output parsed = parse(text, p.string(), opts.limit);
        for (auto& r : parsed.rules) defs.push_back(std::move(r));
        for (auto& d : parsed.diagnostics) diags.push_back(std::move(d));
    };
    try {
        for (const auto& p : files_or_dirs) {
            std::error_code ec;
            if (fs::is_directory(p, ec)) {
                std::vector<fs::path> files;
                for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec))
                    if (it->is_regular_file() && it->path().extension() == ".rule") files.push_back(it->path());
                if (ec) unreadable(p, ec.message());
                std::sort(files.begin(), files.end());
                for (const auto& f : files) load(f);
            } else if (fs::exists(p, ec)) {
                load(p);
            } else {
                unreadable(p, "no such file or directory");
            }
        }
        compile_result out = build(std::move(defs), std::move(diags), opts);
        if (out) {
            const rule_set* whole[] = {&*out.rules};
            for (auto& d : unused_parameters(opts.params, whole)) out.diagnostics.push_back(std::move(d));
        }
        return out;
    } catch (const std::exception& e) {
        compile_result out;
        out.diagnostics = std::move(diags);
        diagnostic d;
        d.code = std::string(codes::unreadable);
        d.message = std::string("cannot compile: ") + e.what();
        out.diagnostics.push_back(std::move(d));
        return out;
    }
}

std::vector<diagnostic> unused_parameters(const parameters& params, std::span<const rule_set* const> sets) {
    std::vector<diagnostic> out;
    std::set<std::string, std::less<>> plain, qualified;  // names a host may set
    for (const rule_set* set : sets) {
        if (set == nullptr) continue;
        for (const auto& [id, name] : set->parameter_names()) {
            plain.insert(name);
            qualified.insert(id + "." + name);
        }
    }
    std::vector<std::string_view> candidates;
    for (const auto& [name, value] : params.entries()) {
        if (plain.contains(name) || qualified.contains(name)) continue;
        diagnostic d;
        d.level = severity::warning;
        d.code = std::string(codes::unused_param);
        if (const param_origin* at = params.origin(name)) {
            d.file = at->file;
            d.pos = at->pos;
            d.length = static_cast<std::uint32_t>(name.size());
        } else {
            d.pos.line = 0;  // set by the host: no position
        }
        d.message = "parameter `" + name + "` is set, but no rule declares or uses it; it has no effect";
        // A qualified name is compared with the qualified names, a plain one with the plain ones.
        const bool is_qualified = name.find('.') != std::string::npos;
        candidates.clear();
        for (const auto& n : is_qualified ? qualified : plain) candidates.push_back(n);
        if (auto c = closest_name(name, candidates); !c.empty()) {
            d.help = "did you mean `" + c + "`?";
        } else if (!candidates.empty() && candidates.size() <= 8) {
            std::string list;
            for (const auto n : candidates) list += (list.empty() ? "`" : ", `") + std::string(n) + "`";
            d.help = "the rules' parameters are " + list;
        }
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace iamguard::rules
