// SPDX-License-Identifier: Apache-2.0
#include "variables.hpp"

#include <iamguard/eval/glob.hpp>

namespace iamguard::eval::detail {

void text_buffer::push_back(char c) {
    if (!on_heap_ && size_ < capacity) {
        inline_[size_++] = c;
        return;
    }
    if (!on_heap_) {
        heap_.assign(inline_, size_);
        on_heap_ = true;
    }
    heap_.push_back(c);
}

void text_buffer::append(std::string_view s) {
    if (!on_heap_ && size_ + s.size() <= capacity) {
        s.copy(inline_ + size_, s.size());
        size_ += s.size();
        return;
    }
    for (const char c : s) push_back(c);
}

namespace {

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

void put_literal(std::string_view s, subst_mode mode, text_buffer& out) {
    if (mode == subst_mode::plain || s.find_first_of("*?\\") == std::string_view::npos) {
        out.append(s);
        return;
    }
    for (const char c : s) {
        if (c == '*' || c == '?' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
}

}  // namespace

bool substitute(std::string_view text, const request_context& ctx, subst_mode mode, text_buffer& out) {
    out.clear();
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '$' && i + 1 < text.size() && text[i + 1] == '{') {
            const std::size_t close = text.find('}', i + 2);
            if (close != std::string_view::npos) {
                const std::string_view inner = text.substr(i + 2, close - i - 2);
                i = close + 1;
                if (inner == "*" || inner == "?" || inner == "$") {
                    put_literal(inner, mode, out);
                    continue;
                }
                std::string_view name = inner;
                std::string_view fallback;
                bool has_default = false;
                if (const std::size_t comma = inner.find(','); comma != std::string_view::npos) {
                    name = inner.substr(0, comma);
                    const std::string_view d = trim(inner.substr(comma + 1));
                    if (d.size() >= 2 && d.front() == '\'' && d.back() == '\'') {
                        fallback = d.substr(1, d.size() - 2);
                        has_default = true;
                    }
                }
                name = trim(name);
                const context_value* v = ctx.find(name);
                if (v != nullptr && !v->multi && !v->values.empty()) {
                    put_literal(v->values.front(), mode, out);
                } else if (has_default) {
                    put_literal(fallback, mode, out);
                } else {
                    return false;
                }
                continue;
            }
        }
        // Policy text: wildcards stay wildcards; a backslash is literal in IAM, so escape it.
        if (c == '\\') {
            if (mode == subst_mode::pattern) out.push_back('\\');
            out.push_back(c);
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < text.size() && text[j] != '$' && text[j] != '\\') ++j;
        out.append(text.substr(i, j - i));
        i = j;
    }
    return true;
}

}  // namespace iamguard::eval::detail
