// SPDX-License-Identifier: Apache-2.0
// scan.cpp: skeleton scan of JSON text (see scan.hpp).
#include "entity/scan.hpp"

#include <algorithm>

namespace iamguard::entity::detail {

namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Index just after the string whose opening quote is at `at`.
std::size_t skip_string(std::string_view text, std::size_t at) noexcept {
    for (std::size_t i = at + 1; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == '"') {
            return i + 1;
        }
    }
    return text.size();
}

}  // namespace

std::size_t skip_space(std::string_view text, std::size_t at) noexcept {
    if (at == 0 && text.substr(0, 3) == "\xEF\xBB\xBF") at = 3;
    while (at < text.size() && is_space(text[at])) ++at;
    return at;
}

std::size_t skip_value(std::string_view text, std::size_t at, std::size_t limit) noexcept {
    text = text.substr(0, std::min(limit, text.size()));
    if (at >= text.size()) return text.size();
    const char c = text[at];
    if (c == '"') return skip_string(text, at);
    if (c != '{' && c != '[') {
        while (at < text.size() && !is_space(text[at]) && text[at] != ',' && text[at] != '}' && text[at] != ']') ++at;
        return at;
    }
    std::size_t depth = 0;
    for (std::size_t i = at; i < text.size(); ++i) {
        const char d = text[i];
        if (d == '"') {
            i = skip_string(text, i) - 1;
        } else if (d == '{' || d == '[') {
            ++depth;
        } else if (d == '}' || d == ']') {
            if (--depth == 0) return i + 1;
        }
    }
    return text.size();
}

skeleton scan_skeleton(std::string_view text, std::size_t at) {
    skeleton sk;
    at = skip_space(text, at);
    if (at < text.size() && text[at] == '[') {
        at = skip_space(text, at + 1);
        if (at >= text.size() || text[at] != '{') return sk;
    }
    if (at >= text.size() || text[at] != '{') return sk;
    std::size_t i = skip_space(text, at + 1);
    while (i < text.size() && text[i] == '"') {
        const std::size_t key_end = skip_string(text, i);
        if (key_end >= text.size()) break;
        const std::string_view key = text.substr(i + 1, key_end - i - 2);
        sk.keys.push_back(key);
        // keys that only one format has: nothing after them changes the verdict
        for (std::string_view decisive : {"UserDetailList", "GroupDetailList", "RoleDetailList", "format_version",
                                          "planned_values", "resource_changes", "AWSTemplateFormatVersion",
                                          "Resources"})
            if (key == decisive) return sk;
        i = skip_space(text, key_end);
        if (i >= text.size() || text[i] != ':') break;
        i = skip_space(text, i + 1);
        const std::size_t value_end = skip_value(text, i);
        if (i < text.size() && text[i] == '"' && value_end > i + 1) {
            const std::string_view value = text.substr(i + 1, value_end - i - 2);
            if (key == "type") sk.type_value = value;
            if (key == "format") sk.format_value = value;
        }
        i = skip_space(text, value_end);
        if (i >= text.size() || text[i] != ',') break;
        i = skip_space(text, i + 1);
    }
    return sk;
}

}  // namespace iamguard::entity::detail
