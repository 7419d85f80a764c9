// SPDX-License-Identifier: Apache-2.0
#include <iamguard/eval/date.hpp>

#include <cstddef>

namespace iamguard::eval {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at `i`.
bool digits(std::string_view s, std::size_t& i, std::size_t n, int& out) noexcept {
    if (i + n > s.size()) return false;
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (!is_digit(s[i + k])) return false;
        v = v * 10 + (s[i + k] - '0');
    }
    out = v;
    i += n;
    return true;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) noexcept {
    static constexpr int table[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : table[m - 1];
}

std::optional<instant> parse_epoch(std::string_view s) noexcept {
    std::size_t i = 0;
    bool neg = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
    if (i == s.size() || s.size() - i > 18) return std::nullopt;
    std::int64_t v = 0;
    for (; i < s.size(); ++i) {
        if (!is_digit(s[i])) return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return instant{neg ? -v : v, 0};
}

}  // namespace

std::optional<instant> parse_date(std::string_view s) noexcept {
    if (s.empty()) return std::nullopt;
    // Epoch seconds: all digits and not of the `YYYY` form (four digits are read as a year).
    const bool all_digits = s.find_first_not_of("0123456789") == std::string_view::npos;
    if ((all_digits && s.size() != 4) || ((s[0] == '-' || s[0] == '+') && s.size() > 1 &&
                                          s.find_first_not_of("0123456789", 1) == std::string_view::npos))
        return parse_epoch(s);

    std::size_t i = 0;
    int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    std::int32_t nanos = 0;
    if (!digits(s, i, 4, year)) return std::nullopt;
    if (i < s.size()) {
        if (s[i++] != '-' || !digits(s, i, 2, month)) return std::nullopt;
        if (i < s.size()) {
            if (s[i++] != '-' || !digits(s, i, 2, day)) return std::nullopt;
        }
    }
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
    int offset_minutes = 0;
    if (i < s.size()) {
        if (s[i] != 'T' && s[i] != 't') return std::nullopt;
        ++i;
        if (!digits(s, i, 2, hour) || i >= s.size() || s[i++] != ':' || !digits(s, i, 2, minute)) return std::nullopt;
        if (i < s.size() && s[i] == ':') {
            ++i;
            if (!digits(s, i, 2, second)) return std::nullopt;
            if (i < s.size() && s[i] == '.') {
                ++i;
                std::size_t n = 0;
                std::int32_t scale = 100000000;
                while (i < s.size() && is_digit(s[i])) {
                    if (n < 9) nanos += (s[i] - '0') * scale;
                    scale /= 10;
                    ++n;
                    ++i;
                }
                if (n == 0) return std::nullopt;
            }
        }
        if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
        // The time zone designator is required once a time is given.
        if (i >= s.size()) return std::nullopt;
        if (s[i] == 'Z' || s[i] == 'z') {
            ++i;
        } else if (s[i] == '+' || s[i] == '-') {
            const int sign = s[i++] == '-' ? -1 : 1;
            int oh = 0, om = 0;
            if (!digits(s, i, 2, oh) || i >= s.size() || s[i++] != ':' || !digits(s, i, 2, om)) return std::nullopt;
            if (oh > 23 || om > 59) return std::nullopt;
            offset_minutes = sign * (oh * 60 + om);
        } else {
            return std::nullopt;
        }
        if (i != s.size()) return std::nullopt;
    }
    const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - std::int64_t{offset_minutes} * 60;
    return instant{secs, nanos};
}

}  // namespace iamguard::eval
