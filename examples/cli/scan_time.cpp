// SPDX-License-Identifier: Apache-2.0
// scan_time.cpp: ISO 8601 time points for `iamguard scan --now`.
#include "scan_time.hpp"

namespace iamguard::cli {

namespace {

// Reads exactly `n` digits at `s[i]`.
bool digits(std::string_view s, std::size_t& i, std::size_t n, int& out) {
    if (i + n > s.size()) return false;
    out = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const char c = s[i + k];
        if (c < '0' || c > '9') return false;
        out = out * 10 + (c - '0');
    }
    i += n;
    return true;
}

bool expect(std::string_view s, std::size_t& i, char c) {
    if (i >= s.size() || s[i] != c) return false;
    ++i;
    return true;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view s) {
    using namespace std::chrono;
    std::size_t i = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!digits(s, i, 4, y) || !expect(s, i, '-') || !digits(s, i, 2, mo) || !expect(s, i, '-') || !digits(s, i, 2, d))
        return std::nullopt;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    system_clock::time_point t = sys_days{date};
    if (i == s.size()) return t;
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
    ++i;
    if (!digits(s, i, 2, h) || !expect(s, i, ':') || !digits(s, i, 2, mi)) return std::nullopt;
    milliseconds frac{0};
    if (i < s.size() && s[i] == ':') {
        ++i;
        if (!digits(s, i, 2, sec)) return std::nullopt;
        if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
            ++i;
            int ms = 0, scale = 100, n = 0;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
                ms += (s[i] - '0') * scale;
                scale /= 10;
                ++i;
                ++n;
            }
            if (n == 0) return std::nullopt;
            frac = milliseconds{ms};
        }
    }
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
    t += hours{h} + minutes{mi} + seconds{sec} + frac;
    if (i >= s.size()) return std::nullopt;  // a time needs a zone
    if (s[i] == 'Z' || s[i] == 'z') {
        ++i;
    } else if (s[i] == '+' || s[i] == '-') {
        const bool minus = s[i] == '-';
        ++i;
        int oh = 0, om = 0;
        if (!digits(s, i, 2, oh)) return std::nullopt;
        if (i < s.size() && s[i] == ':') ++i;
        if (!digits(s, i, 2, om) || oh > 23 || om > 59) return std::nullopt;
        const auto offset = hours{oh} + minutes{om};
        t += minus ? offset : -offset;  // local = UTC + offset
    } else {
        return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    return t;
}

}  // namespace iamguard::cli
