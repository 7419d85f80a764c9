// SPDX-License-Identifier: Apache-2.0
// lib/rules/ast.cpp: names of AST operators and printing expressions back in rule syntax.
#include <iamguard/rules/ast.hpp>

namespace iamguard::rules::ast {

std::string_view to_string(list_op_kind k) noexcept {
    switch (k) {
        case list_op_kind::contain: return "contain";
        case list_op_kind::contain_any: return "contain-any";
        case list_op_kind::contain_all: return "contain-all";
        case list_op_kind::contain_none: return "contain-none";
        case list_op_kind::contain_single: return "contain-single";
        case list_op_kind::with: return "with";
        case list_op_kind::group_by: return "groupBy";
    }
    return "contain";
}

std::string_view to_string(compare_op op) noexcept {
    switch (op) {
        case compare_op::eq: return "=";
        case compare_op::ne: return "!=";
        case compare_op::lt: return "<";
        case compare_op::gt: return ">";
        case compare_op::le: return "<=";
        case compare_op::ge: return ">=";
        case compare_op::like: return "like";
        case compare_op::unlike: return "unlike";
        case compare_op::regex_match: return "regexMatch";
        case compare_op::in: return "in";
    }
    return "=";
}

source_pos start_of(const expr& e) noexcept {
    struct visitor {
        source_pos operator()(const literal& n) const { return n.where.pos; }
        source_pos operator()(const regex& n) const { return n.where.pos; }
        source_pos operator()(const param_ref& n) const { return n.where.pos; }
        source_pos operator()(const path& n) const { return n.where.pos; }
        source_pos operator()(const box<call>& n) const { return start_of(n->receiver); }
        source_pos operator()(const box<list_op>& n) const { return start_of(n->subject); }
        source_pos operator()(const box<comparison>& n) const { return start_of(n->lhs); }
        source_pos operator()(const box<logical>& n) const {
            return n->operands.empty() ? source_pos{} : start_of(n->operands.front());
        }
        source_pos operator()(const box<negation>& n) const { return n->where.pos; }
    };
    return std::visit(visitor{}, e);
}

namespace {

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

void print(const expr& e, std::string& out, bool nested);

void print_operand(const expr& e, std::string& out) {
    // logical operators inside an operand position need parentheses
    const bool group = std::holds_alternative<box<logical>>(e);
    if (group) out += '(';
    print(e, out, false);
    if (group) out += ')';
}

void print(const expr& e, std::string& out, bool nested) {
    struct visitor {
        std::string& out;
        bool nested;
        void operator()(const literal& n) const {
            out += n.type == literal::kind::string ? quote(n.text) : n.text;
        }
        void operator()(const regex& n) const { out += "/" + n.pattern + "/" + n.flags; }
        void operator()(const param_ref& n) const { out += (n.negated ? "-{" : "{") + n.name + "}"; }
        void operator()(const path& n) const {
            if (n.current) {
                out += '$';
                return;
            }
            for (std::size_t i = 0; i < n.segments.size(); ++i) out += (i ? "." : "") + n.segments[i];
        }
        void operator()(const box<call>& n) const {
            print_operand(n->receiver, out);
            out += " " + n->name + "(";
            for (std::size_t i = 0; i < n->args.size(); ++i) {
                if (i) out += ", ";
                print(n->args[i], out, false);
            }
            out += ")";
        }
        void operator()(const box<list_op>& n) const {
            print_operand(n->subject, out);
            out += " ";
            out += to_string(n->op);
            out += " [";
            print(n->predicate, out, false);
            out += "]";
        }
        void operator()(const box<comparison>& n) const {
            print_operand(n->lhs, out);
            out += " ";
            out += to_string(n->op);
            out += " ";
            if (n->op == compare_op::in) {
                out += "(";
                for (std::size_t i = 0; i < n->rhs.size(); ++i) {
                    if (i) out += ", ";
                    print(n->rhs[i], out, false);
                }
                out += ")";
            } else if (!n->rhs.empty()) {
                print_operand(n->rhs.front(), out);
            }
        }
        void operator()(const box<logical>& n) const {
            if (nested) out += '(';
            for (std::size_t i = 0; i < n->operands.size(); ++i) {
                if (i) out += n->op == logical_op::and_ ? " and " : " or ";
                // `and` inside `or` binds tighter and needs no parentheses; `or` inside `and` does
                const bool inner_nested =
                    std::holds_alternative<box<logical>>(n->operands[i]) &&
                    std::get<box<logical>>(n->operands[i])->op == logical_op::or_ && n->op == logical_op::and_;
                print(n->operands[i], out, inner_nested);
            }
            if (nested) out += ')';
        }
        void operator()(const box<negation>& n) const {
            out += "not ";
            const bool group = std::holds_alternative<box<logical>>(n->operand);
            print(n->operand, out, group);
        }
    };
    std::visit(visitor{out, nested}, e);
}

}  // namespace

std::string to_string(const expr& e) {
    std::string out;
    print(e, out, false);
    return out;
}

}  // namespace iamguard::rules::ast
