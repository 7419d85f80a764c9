// SPDX-License-Identifier: Apache-2.0
#include <iamguard/eval/glob.hpp>

#include <cstddef>

#include "eval/glob_linear.hpp"

namespace iamguard::eval {
namespace {

constexpr char fold(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Length of the UTF-8 sequence that starts with `lead` (1 for ASCII and for stray bytes, so the
// matcher always makes progress on malformed input).
std::size_t utf8_length(unsigned char lead) noexcept {
    if (lead < 0xC0) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

std::size_t advance(std::string_view text, std::size_t t) noexcept {
    const std::size_t n = t + utf8_length(static_cast<unsigned char>(text[t]));
    return n > text.size() ? text.size() : n;
}

// One pattern token at `p`: its kind, its literal character and its width in the pattern.
struct token {
    enum kind_t : unsigned char { literal, star, any } kind;
    char ch;
    std::size_t width;
};

template <bool Escaped>
token token_at(std::string_view pat, std::size_t p) noexcept {
    const char c = pat[p];
    if constexpr (Escaped) {
        if (c == '\\' && p + 1 < pat.size()) return {token::literal, pat[p + 1], 2};
    }
    if (c == '*') return {token::star, c, 1};
    if (c == '?') return {token::any, c, 1};
    return {token::literal, c, 1};
}

template <bool Escaped>
bool match(std::string_view pat, std::string_view text, bool fold_case) noexcept {
    std::size_t p = 0, t = 0;
    std::size_t star_p = std::string_view::npos, star_t = 0;
    while (t < text.size()) {
        if (p < pat.size()) {
            const token tk = token_at<Escaped>(pat, p);
            if (tk.kind == token::star) {
                star_p = p + 1;  // resume after the star; the star first matches nothing
                star_t = t;
                p = star_p;
                continue;
            }
            if (tk.kind == token::any) {
                p += tk.width;
                t = advance(text, t);
                continue;
            }
            const bool same = fold_case ? fold(tk.ch) == fold(text[t]) : tk.ch == text[t];
            if (same) {
                p += tk.width;
                ++t;
                continue;
            }
        }
        if (star_p == std::string_view::npos) return false;
        // Backtrack: let the last star swallow one more code point.
        star_t = advance(text, star_t);
        t = star_t;
        p = star_p;
    }
    while (p < pat.size()) {
        const token tk = token_at<Escaped>(pat, p);
        if (tk.kind != token::star) return false;
        p += tk.width;
    }
    return true;
}

}  // namespace

// Above this product of sizes the two-pointer matcher's O(n*k) worst case could take long (a
// crafted `*aaaa...ab` against a long value), so the linear matcher is used instead.
constexpr std::size_t quadratic_budget = std::size_t{1} << 22;

bool glob_match(std::string_view pattern, std::string_view text, case_mode mode, pattern_syntax syntax) noexcept {
    const bool f = mode == case_mode::ascii_fold;
    if (pattern.size() > 64 && pattern.size() * text.size() > quadratic_budget) {
        try {
            return detail::glob_match_linear(pattern, text, f, syntax == pattern_syntax::escaped);
        } catch (...) {  // std::bad_alloc: fall back to the matcher that needs no memory
        }
    }
    return syntax == pattern_syntax::escaped ? match<true>(pattern, text, f) : match<false>(pattern, text, f);
}

bool has_wildcard(std::string_view pattern) noexcept {
    // A plain loop: find_first_of("*?") searches the two-character set for every character.
    for (const char c : pattern)
        if (c == '*' || c == '?') return true;
    return false;
}

void append_literal(std::string& out, std::string_view text) {
    for (const char c : text) {
        if (c == '*' || c == '?' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = fold(c);
    return out;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (fold(a[i]) != fold(b[i])) return false;
    return true;
}

}  // namespace iamguard::eval
