// SPDX-License-Identifier: Apache-2.0
// lib/rules/params.cpp: parameter values and parameter files (JSON or YAML).
#include <iamguard/rules/params.hpp>

#include <yaml-cpp/yaml.h>

#include <iamguard/json/value.hpp>
#include <iamguard/rules/codes.hpp>

#include "values.hpp"

namespace iamguard::rules {

std::string_view to_string(param_type t) noexcept {
    switch (t) {
        case param_type::string: return "string";
        case param_type::number: return "number";
        case param_type::boolean: return "bool";
        case param_type::list: return "list";
    }
    return "string";
}

std::optional<param_type> parse_param_type(std::string_view s) noexcept {
    if (s == "string") return param_type::string;
    if (s == "number") return param_type::number;
    if (s == "bool" || s == "boolean") return param_type::boolean;
    if (s == "list") return param_type::list;
    return std::nullopt;
}

std::string to_string(const param_value& v) {
    auto quote = [](const std::string& s) {
        std::string out = "'";
        for (char c : s) {
            if (c == '\'') out += '\'';
            out += c;
        }
        return out + "'";
    };
    switch (v.type()) {
        case param_type::string: return quote(std::get<std::string>(v.data));
        case param_type::number: return detail::format_number(std::get<double>(v.data));
        case param_type::boolean: return std::get<bool>(v.data) ? "true" : "false";
        case param_type::list: {
            std::string out = "[";
            const auto& items = std::get<std::vector<std::string>>(v.data);
            for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quote(items[i]);
            return out + "]";
        }
    }
    return {};
}

void parameters::set(std::string name, param_value v) {
    origins_.erase(name);
    values_[std::move(name)] = std::move(v);
}

void parameters::set(std::string name, param_value v, param_origin where) {
    origins_[name] = std::move(where);
    values_[std::move(name)] = std::move(v);
}

const param_origin* parameters::origin(std::string_view name) const {
    const auto it = origins_.find(name);
    return it == origins_.end() ? nullptr : &it->second;
}

const param_value* parameters::get(std::string_view name) const {
    const auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
}

const param_value* parameters::find(std::string_view rule_id, std::string_view name) const {
    if (!rule_id.empty()) {
        std::string qualified(rule_id);
        qualified += '.';
        qualified += name;
        if (const auto* v = get(qualified)) return v;
    }
    return get(name);
}

namespace {

void problem(std::vector<diagnostic>& diags, std::string_view file, source_pos pos, std::string message,
             std::string help = {}) {
    diagnostic d;
    d.code = std::string(codes::param_file);
    d.file = std::string(file);
    d.pos = pos;
    d.message = std::move(message);
    d.help = std::move(help);
    diags.push_back(std::move(d));
}

// A mapping under a name: most likely one rule's parameters nested under its id, which is
// written with the id as a prefix instead.
std::string nested_help(const std::string& name) {
    return "to set a parameter of one rule, write its name after the rule id: `" + name + ".NAME: VALUE`";
}

void load_json(std::string_view text, std::string_view file, std::vector<diagnostic>& diags, parameters& out) {
    auto parsed = json::parse(text);
    for (auto& d : parsed.diagnostics) {
        d.file = std::string(file);
        diags.push_back(std::move(d));
    }
    if (!parsed.ok) return;
    if (!parsed.root.is_object()) {
        problem(diags, file, parsed.root.pos, "a parameter file must hold an object of names to values");
        return;
    }
    for (const auto& m : parsed.root.members) {
        const json::value& v = m.val;
        const param_origin at{std::string(file), m.key_pos};
        switch (v.type) {
            case json::kind::string: out.set(m.key, {v.text}, at); break;
            case json::kind::number: out.set(m.key, {std::strtod(v.text.c_str(), nullptr)}, at); break;
            case json::kind::boolean: out.set(m.key, {v.boolean}, at); break;
            case json::kind::array: {
                std::vector<std::string> items;
                bool ok = true;
                for (const auto& item : v.items) {
                    if (auto t = detail::scalar_text(item)) {
                        items.emplace_back(*t);
                    } else {
                        problem(diags, file, item.pos, "parameter `" + m.key + "`: list items must be scalars");
                        ok = false;
                    }
                }
                if (ok) out.set(m.key, {std::move(items)}, at);
                break;
            }
            default:
                problem(diags, file, v.pos,
                        "parameter `" + m.key + "` must be a string, number, boolean or list, not " +
                            std::string(json::to_string(v.type)),
                        v.is_object() ? nested_help(m.key) : std::string());
        }
    }
}

source_pos yaml_pos(const YAML::Mark& m) {
    source_pos p;
    if (m.pos >= 0) p.offset = static_cast<std::uint32_t>(m.pos);
    if (m.line >= 0) p.line = static_cast<std::uint32_t>(m.line + 1);
    if (m.column >= 0) p.column = static_cast<std::uint32_t>(m.column + 1);
    return p;
}

param_value yaml_scalar(const YAML::Node& n) {
    const std::string s = n.Scalar();
    // plain (unquoted) YAML scalars may be numbers or booleans; quoted ones are strings
    if (n.Tag() != "!") {
        if (s == "true" || s == "True" || s == "TRUE") return {true};
        if (s == "false" || s == "False" || s == "FALSE") return {false};
        json::value probe;
        probe.type = json::kind::string;
        probe.text = s;
        if (auto d = detail::as_number(probe)) return {*d};
    }
    return {s};
}

void load_yaml(std::string_view text, std::string_view file, std::vector<diagnostic>& diags, parameters& out) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        problem(diags, file, yaml_pos(e.mark), "invalid YAML: " + e.msg);
        return;
    }
    if (root.IsNull()) return;
    if (!root.IsMap()) {
        problem(diags, file, yaml_pos(root.Mark()), "a parameter file must hold a mapping of names to values");
        return;
    }
    for (const auto& kv : root) {
        const std::string name = kv.first.Scalar();
        const YAML::Node& v = kv.second;
        const param_origin at{std::string(file), yaml_pos(kv.first.Mark())};
        if (v.IsScalar()) {
            out.set(name, yaml_scalar(v), at);
        } else if (v.IsSequence()) {
            std::vector<std::string> items;
            bool ok = true;
            for (const auto& item : v) {
                if (item.IsScalar()) {
                    items.push_back(item.Scalar());
                } else {
                    problem(diags, file, yaml_pos(item.Mark()), "parameter `" + name + "`: list items must be scalars");
                    ok = false;
                }
            }
            if (ok) out.set(name, {std::move(items)}, at);
        } else {
            problem(diags, file, yaml_pos(v.Mark()), "parameter `" + name + "` must be a string, number, boolean or list",
                    v.IsMap() ? nested_help(name) : std::string());
        }
    }
}

}  // namespace

parameters load_parameters(std::string_view text, std::string_view file, std::vector<diagnostic>& diagnostics) {
    parameters out;
    std::size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
    try {
        if (i < text.size() && text[i] == '{') {
            load_json(text, file, diagnostics, out);
        } else {
            load_yaml(text, file, diagnostics, out);
        }
    } catch (const std::exception& e) {
        problem(diagnostics, file, {}, std::string("cannot read parameters: ") + e.what());
    }
    return out;
}

}  // namespace iamguard::rules
