// SPDX-License-Identifier: Apache-2.0
// util.cpp: builders, paths, positions and dates shared by the adapters.
#include "entity/detail.hpp"

#include <charconv>
#include <cstdio>

#include <iamguard/policy/arn.hpp>

namespace iamguard::entity::detail {

// ---- builders ----

json::value make_null(source_pos p) {
    json::value v;
    v.pos = p;
    return v;
}

json::value make_string(std::string s, source_pos p) {
    json::value v;
    v.type = json::kind::string;
    v.text = std::move(s);
    v.pos = p;
    return v;
}

json::value make_bool(bool b, source_pos p) {
    json::value v;
    v.type = json::kind::boolean;
    v.boolean = b;
    v.pos = p;
    return v;
}

json::value make_number(std::string lexeme, source_pos p) {
    json::value v;
    v.type = json::kind::number;
    v.text = std::move(lexeme);
    v.pos = p;
    return v;
}

json::value make_integer(std::int64_t n, source_pos p) { return make_number(std::to_string(n), p); }

json::value make_object(source_pos p) {
    json::value v;
    v.type = json::kind::object;
    v.pos = p;
    return v;
}

json::value make_array(source_pos p) {
    json::value v;
    v.type = json::kind::array;
    v.pos = p;
    return v;
}

json::value& set(json::value& obj, std::string_view key, json::value v) {
    if (json::value* existing = obj.find(key)) {
        *existing = std::move(v);
        return *existing;
    }
    json::member m;
    m.key = std::string(key);
    m.key_pos = v.pos;
    m.val = std::move(v);
    obj.members.push_back(std::move(m));
    return obj.members.back().val;
}

std::string_view string_of(const json::value& obj, std::string_view key) {
    const json::value* v = obj.find(key);
    return v != nullptr && v->is_string() ? std::string_view(v->text) : std::string_view();
}

json::value* resolve_path(json::value& root, std::string_view path) {
    json::value* cur = &root;
    std::size_t i = 0;
    while (i < path.size() && cur != nullptr) {
        if (path[i] == '.') {
            ++i;
            continue;
        }
        if (path[i] == '[') {
            const std::size_t close = path.find(']', i);
            if (close == std::string_view::npos || !cur->is_array()) return nullptr;
            std::size_t index = 0;
            const auto r = std::from_chars(path.data() + i + 1, path.data() + close, index);
            if (r.ec != std::errc{} || index >= cur->items.size()) return nullptr;
            cur = &cur->items[index];
            i = close + 1;
            continue;
        }
        std::size_t end = i;
        while (end < path.size() && path[end] != '.' && path[end] != '[') ++end;
        if (!cur->is_object()) return nullptr;
        cur = cur->find(path.substr(i, end - i));
        i = end;
    }
    return cur;
}

source_pos shift(source_pos p, source_pos base) {
    source_pos r = p;
    r.offset = p.offset + base.offset;
    if (p.line == 1) r.column = p.column + base.column - 1;
    r.line = p.line + base.line - 1;
    return r;
}

void shift_positions(json::value& v, source_pos base) {
    v.pos = shift(v.pos, base);
    for (auto& item : v.items) shift_positions(item, base);
    for (auto& m : v.members) {
        m.key_pos = shift(m.key_pos, base);
        shift_positions(m.val, base);
    }
}

source_pos pos_at(std::string_view text, std::size_t offset) {
    return locate(text, static_cast<std::uint32_t>(std::min(offset, text.size())));
}

// ---- dates ----

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
    if (at + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yy + (m <= 2 ? 1 : 0));
}

}  // namespace

std::string normalise_date(std::string_view s) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
        !digits(s, 8, 2, d))
        return {};
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return {};
    std::size_t i = 10;
    int offset_minutes = 0;
    if (i < s.size()) {
        if (s[i] != 'T' && s[i] != ' ' && s[i] != 't') return {};
        if (!digits(s, i + 1, 2, h) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, mi)) return {};
        i += 6;
        if (i < s.size() && s[i] == ':') {
            if (!digits(s, i + 1, 2, se)) return {};
            i += 3;
        }
        if (i < s.size() && s[i] == '.') {  // fractions of a second are dropped
            ++i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        }
        if (i < s.size()) {
            if (s[i] == 'Z' || s[i] == 'z') {
                ++i;
            } else if (s[i] == '+' || s[i] == '-') {
                int oh = 0, om = 0;
                if (!digits(s, i + 1, 2, oh)) return {};
                std::size_t j = i + 3;
                if (j < s.size() && s[j] == ':') ++j;
                if (!digits(s, j, 2, om)) return {};
                offset_minutes = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
                i = j + 2;
            } else {
                return {};
            }
        }
        if (i != s.size() || h > 23 || mi > 59 || se > 60) return {};
    }
    // to UTC
    std::int64_t minutes = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 1440 +
                           h * 60 + mi - offset_minutes;
    std::int64_t days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    const std::int64_t rem = minutes - days * 1440;
    int yy = 0;
    unsigned mm = 0, dd = 0;
    civil_from_days(days, yy, mm, dd);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", yy, mm, dd, static_cast<int>(rem / 60),
                  static_cast<int>(rem % 60), se);
    return buf;
}

std::string account_of_arn(std::string_view arn) {
    const auto parts = policy::split_arn(arn);
    if (!parts || !policy::is_account_id(parts->account)) return {};
    return std::string(parts->account);
}

std::string label(entity_type t, std::string_view name) {
    std::string s;
    switch (t) {
        case entity_type::account: s = "account"; break;
        case entity_type::role: s = "role"; break;
        case entity_type::user: s = "user"; break;
        case entity_type::group: s = "group"; break;
        case entity_type::policy: s = "policy"; break;
    }
    s += " `";
    s += name;
    s += '`';
    return s;
}

std::string label(const entity& e) { return label(e.type, e.name); }

}  // namespace iamguard::entity::detail
