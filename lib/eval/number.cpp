// SPDX-License-Identifier: Apache-2.0
#include <iamguard/eval/number.hpp>

#include <algorithm>
#include <cstddef>

namespace iamguard::eval {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Compares magnitudes.
int compare_abs(const decimal& a, const decimal& b) noexcept {
    if (a.integer.size() != b.integer.size()) return a.integer.size() < b.integer.size() ? -1 : 1;
    if (const int c = a.integer.compare(b.integer); c != 0) return c < 0 ? -1 : 1;
    const std::size_t n = std::max(a.fraction.size(), b.fraction.size());
    for (std::size_t i = 0; i < n; ++i) {
        const char x = i < a.fraction.size() ? a.fraction[i] : '0';
        const char y = i < b.fraction.size() ? b.fraction[i] : '0';
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

bool is_zero(const decimal& d) noexcept { return d.integer.empty() && d.fraction.empty(); }

}  // namespace

std::optional<decimal> parse_decimal(std::string_view s) noexcept {
    decimal d;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) d.negative = s[i++] == '-';
    const std::size_t int_start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    std::string_view integer = s.substr(int_start, i - int_start);
    std::string_view fraction;
    if (i < s.size() && s[i] == '.') {
        const std::size_t frac_start = ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
        fraction = s.substr(frac_start, i - frac_start);
    }
    if (i != s.size() || (integer.empty() && fraction.empty())) return std::nullopt;
    while (!integer.empty() && integer.front() == '0') integer.remove_prefix(1);
    while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
    d.integer = integer;
    d.fraction = fraction;
    return d;
}

int compare(const decimal& a, const decimal& b) noexcept {
    const bool an = a.negative && !is_zero(a);
    const bool bn = b.negative && !is_zero(b);
    if (an != bn) return an ? -1 : 1;
    const int c = compare_abs(a, b);
    return an ? -c : c;
}

}  // namespace iamguard::eval
