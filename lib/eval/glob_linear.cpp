// SPDX-License-Identifier: Apache-2.0
// glob_linear.cpp: glob matching whose time stays (near) linear in the input for any pattern.
//
// The two-pointer matcher of glob.cpp needs no memory and is fastest on ordinary inputs, but a
// long literal run between stars (`*aaaa...ab` against a long value) makes it O(n*k). This
// matcher splits the pattern at its stars and finds each segment at its leftmost position
// after the previous one, which is enough for star-separated segments: KMP for plain segments
// (O(n + k)), a bit-parallel scan for segments with `?` (O(n * k / 64)). glob.cpp switches to it
// when the product of the sizes is large.
#include <cstdint>
#include <string_view>
#include <vector>

#include "eval/glob_linear.hpp"

namespace iamguard::eval::detail {
namespace {

struct token {
    bool any = false;        // `?`
    bool star = false;       // `*`
    std::uint32_t cp = 0;    // the literal code point
};

constexpr std::uint32_t fold(std::uint32_t c) noexcept { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

// Decodes one UTF-8 code point at `i`; stray bytes decode to themselves, marked so they never
// equal a real code point (the byte matcher treats them as one unit too).
std::uint32_t decode(std::string_view s, std::size_t& i) noexcept {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = b0 < 0x80 ? 1 : b0 < 0xC0 ? 0 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    if (len == 0 || i + len > s.size()) {
        ++i;
        return 0x80000000u | b0;
    }
    std::uint32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1Fu) : len == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    i += len;
    return cp;
}

using segment = std::vector<token>;

bool token_matches(const token& t, std::uint32_t c) noexcept { return t.any || t.cp == c; }

// Leftmost start >= from (and <= last_start) where `seg` (no `?`) occurs in `text`, or -1.
long find_plain(const segment& seg, const std::vector<std::uint32_t>& text, std::size_t from, std::size_t last_start) {
    const std::size_t k = seg.size();
    std::vector<std::size_t> fail(k, 0);
    for (std::size_t i = 1, j = 0; i < k; ++i) {
        while (j > 0 && seg[i].cp != seg[j].cp) j = fail[j - 1];
        if (seg[i].cp == seg[j].cp) ++j;
        fail[i] = j;
    }
    for (std::size_t i = from, j = 0; i < text.size(); ++i) {
        while (j > 0 && text[i] != seg[j].cp) j = fail[j - 1];
        if (text[i] == seg[j].cp) ++j;
        if (j == k) {
            const std::size_t start = i + 1 - k;
            return start <= last_start ? static_cast<long>(start) : -1;
        }
    }
    return -1;
}

// The same for a segment with `?`: Shift-And over words of 64 bits.
long find_wild(const segment& seg, const std::vector<std::uint32_t>& text, std::size_t from, std::size_t last_start) {
    const std::size_t k = seg.size();
    const std::size_t words = (k + 63) / 64;
    std::vector<std::uint64_t> any_mask(words, 0);  // positions holding `?`
    for (std::size_t j = 0; j < k; ++j)
        if (seg[j].any) any_mask[j / 64] |= std::uint64_t{1} << (j % 64);
    std::vector<std::uint64_t> state(words, 0), mask(words);
    for (std::size_t i = from; i < text.size(); ++i) {
        // mask = positions j where seg[j] matches text[i]
        mask = any_mask;
        for (std::size_t j = 0; j < k; ++j)
            if (!seg[j].any && seg[j].cp == text[i]) mask[j / 64] |= std::uint64_t{1} << (j % 64);
        std::uint64_t carry = 1;
        for (std::size_t w = 0; w < words; ++w) {
            const std::uint64_t next_carry = state[w] >> 63;
            state[w] = ((state[w] << 1) | carry) & mask[w];
            carry = next_carry;
        }
        if ((state[(k - 1) / 64] >> ((k - 1) % 64)) & 1u) {
            const std::size_t start = i + 1 - k;
            return start <= last_start ? static_cast<long>(start) : -1;
        }
    }
    return -1;
}

bool matches_at(const segment& seg, const std::vector<std::uint32_t>& text, std::size_t at) noexcept {
    if (at + seg.size() > text.size()) return false;
    for (std::size_t j = 0; j < seg.size(); ++j)
        if (!token_matches(seg[j], text[at + j])) return false;
    return true;
}

}  // namespace

bool glob_match_linear(std::string_view pattern, std::string_view text, bool fold_case, bool escaped) {
    // Tokenise the pattern and decode the text into code points (ASCII-folded when asked).
    std::vector<token> toks;
    for (std::size_t i = 0; i < pattern.size();) {
        token t;
        if (escaped && pattern[i] == '\\' && i + 1 < pattern.size()) {
            ++i;
            t.cp = decode(pattern, i);
        } else if (pattern[i] == '*') {
            t.star = true;
            ++i;
        } else if (pattern[i] == '?') {
            t.any = true;
            ++i;
        } else {
            t.cp = decode(pattern, i);
        }
        if (fold_case) t.cp = fold(t.cp);
        toks.push_back(t);
    }
    std::vector<std::uint32_t> chars;
    chars.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) chars.push_back(fold_case ? fold(decode(text, i)) : decode(text, i));

    // Split at stars.
    std::vector<segment> segs(1);
    for (const auto& t : toks) {
        if (t.star) {
            segs.emplace_back();
        } else {
            segs.back().push_back(t);
        }
    }
    if (segs.size() == 1) return segs[0].size() == chars.size() && matches_at(segs[0], chars, 0);

    const segment& first = segs.front();
    const segment& last = segs.back();
    if (first.size() + last.size() > chars.size()) return false;
    if (!matches_at(first, chars, 0) || !matches_at(last, chars, chars.size() - last.size())) return false;
    std::size_t pos = first.size();
    const std::size_t end = chars.size() - last.size();  // middle segments must end by here
    for (std::size_t s = 1; s + 1 < segs.size(); ++s) {
        const segment& seg = segs[s];
        if (seg.empty()) continue;
        if (pos + seg.size() > end) return false;
        const std::size_t last_start = end - seg.size();
        bool wild = false;
        for (const auto& t : seg) wild = wild || t.any;
        const long at = wild ? find_wild(seg, chars, pos, last_start) : find_plain(seg, chars, pos, last_start);
        if (at < 0) return false;
        pos = static_cast<std::size_t>(at) + seg.size();
    }
    return true;
}

}  // namespace iamguard::eval::detail
