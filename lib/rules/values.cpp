// SPDX-License-Identifier: Apache-2.0
// lib/rules/values.cpp: comparisons, truthiness and matching of rule values.
#include "values.hpp"

#include <iamguard/eval/glob.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace iamguard::rules::detail {

std::string format_number(double d) {
    if (std::isfinite(d) && std::fabs(d) < 1e15 && d == std::floor(d)) {
        char buf[32];
        const int n = std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
        return std::string(buf, static_cast<std::size_t>(n));
    }
    char buf[64];
    const int n = std::snprintf(buf, sizeof buf, "%.17g", d);
    return std::string(buf, static_cast<std::size_t>(n));
}

std::optional<double> as_number(const json::value& v) noexcept {
    if (v.type != json::kind::number && v.type != json::kind::string) return std::nullopt;
    const std::string& t = v.text;
    if (t.empty() || t.size() > 64) return std::nullopt;
    // a decimal number and nothing else: `-12`, `3.5`, `1e3`; not `0x1f`, ` 1`, `1 day`
    std::size_t i = (t[0] == '-' || t[0] == '+') ? 1 : 0;
    bool digit = false;
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c >= '0' && c <= '9') {
            digit = true;
        } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
            return std::nullopt;
        }
    }
    if (!digit) return std::nullopt;
    char* end = nullptr;
    const double d = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size()) return std::nullopt;
    return d;
}

std::optional<std::string_view> scalar_text(const json::value& v) noexcept {
    switch (v.type) {
        case json::kind::string:
        case json::kind::number: return std::string_view(v.text);
        case json::kind::boolean: return v.boolean ? std::string_view("true") : std::string_view("false");
        default: return std::nullopt;
    }
}

std::vector<const json::value*> collection(const value_list& v) {
    std::vector<const json::value*> out;
    out.reserve(v.size());
    for (const json::value* n : v) {
        if (n->is_array()) {
            for (const auto& item : n->items) out.push_back(&item);
        } else if (!n->is_null()) {  // null holds no value, as for isEmpty() and length()
            out.push_back(n);
        }
    }
    return out;
}

std::size_t length_of(const value_list& v, bool elements) {
    if (elements) return v.size();
    std::size_t total = 0;
    for (const json::value* n : v) {
        switch (n->type) {
            case json::kind::null: break;
            case json::kind::array: total += n->items.size(); break;
            case json::kind::object: total += n->members.size(); break;
            case json::kind::string: total += n->text.size(); break;
            default: total += 1;
        }
    }
    return total;
}

bool truthy(const json::value& v) noexcept {
    switch (v.type) {
        case json::kind::null: return false;
        case json::kind::boolean: return v.boolean;
        case json::kind::number: {
            const auto d = as_number(v);
            return !d || *d != 0;
        }
        case json::kind::string: return !v.text.empty() && lower(v.text) != "false";
        case json::kind::array: return !v.items.empty();
        case json::kind::object: return !v.members.empty();
    }
    return false;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

namespace {

std::optional<bool> as_bool(const json::value& v) noexcept {
    if (v.type == json::kind::boolean) return v.boolean;
    if (v.type == json::kind::string) {
        const std::string l = lower(v.text);
        if (l == "true") return true;
        if (l == "false") return false;
    }
    if (v.type == json::kind::number) {
        // by value, as numbers compare: `1.0` is the number 1 and `-0` is 0
        const auto d = as_number(v);
        if (d && *d == 1) return true;
        if (d && *d == 0) return false;
    }
    return std::nullopt;
}

}  // namespace

bool loose_equal(const json::value& a, const json::value& b) noexcept {
    using json::kind;
    if (a.type == kind::null || b.type == kind::null || a.is_array() || b.is_array() || a.is_object() ||
        b.is_object())
        return false;
    if (a.type == kind::boolean || b.type == kind::boolean) {
        const auto x = as_bool(a);
        const auto y = as_bool(b);
        return x && y && *x == *y;
    }
    if (a.type == kind::number || b.type == kind::number) {
        const auto x = as_number(a);
        const auto y = as_number(b);
        if (x && y) return *x == *y;
    }
    return a.text == b.text;
}

bool ordered(const json::value& a, const json::value& b, std::string_view op) noexcept {
    auto cmp = [op](auto x, auto y) {
        if (op == "<") return x < y;
        if (op == ">") return x > y;
        if (op == "<=") return x <= y;
        return x >= y;
    };
    const auto x = as_number(a);
    const auto y = as_number(b);
    if (x && y) return cmp(*x, *y);
    if (a.is_string() && b.is_string()) {
        const auto da = parse_date(a.text);
        const auto db = parse_date(b.text);
        if (da && db) return cmp(*da, *db);
    }
    return false;
}

std::string like_to_glob(std::string_view like_pattern) {
    std::string out;
    out.reserve(like_pattern.size());
    for (const char c : like_pattern) {
        if (c == '%') {
            out += '*';
            continue;
        }
        if (c == '*' || c == '?' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

bool like_match(std::string_view text, std::string_view glob) noexcept {
    return eval::glob_match(glob, text, eval::case_mode::ascii_fold, eval::pattern_syntax::escaped);
}

}  // namespace iamguard::rules::detail
