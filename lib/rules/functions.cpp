// SPDX-License-Identifier: Apache-2.0
// lib/rules/functions.cpp: the function registry, the built-in functions and date arithmetic.
#include <iamguard/rules/functions.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "values.hpp"

namespace iamguard::rules {

// ---- arena ----

namespace {

json::value boolean_node(bool b) {
    json::value v;
    v.type = json::kind::boolean;
    v.boolean = b;
    return v;
}

}  // namespace

const json::value* value_arena::make_bool(bool b) {
    static const json::value yes = boolean_node(true);
    static const json::value no = boolean_node(false);
    return b ? &yes : &no;
}

const json::value* value_arena::make_number(double d) {
    json::value v;
    v.type = json::kind::number;
    v.text = detail::format_number(d);
    return adopt(std::move(v));
}

const json::value* value_arena::make_string(std::string s) {
    json::value v;
    v.type = json::kind::string;
    v.text = std::move(s);
    return adopt(std::move(v));
}

const json::value* value_arena::copy(const json::value& v) { return adopt(v); }

const json::value* value_arena::adopt(json::value v) {
    if (!nodes_) nodes_ = std::make_unique<std::deque<json::value>>();
    nodes_->push_back(std::move(v));
    return &nodes_->back();
}

// ---- registry ----

void function_registry::add(function_def def) {
    for (auto& d : defs_) {
        if (d.signature.name == def.signature.name) {
            d = std::move(def);
            return;
        }
    }
    defs_.push_back(std::move(def));
}

const function_def* function_registry::find(std::string_view name) const noexcept {
    for (const auto& d : defs_)
        if (d.signature.name == name) return &d;
    return nullptr;
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

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_date(std::string_view s) noexcept {
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0;
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
        !digits(s, 8, 2, d))
        return std::nullopt;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    sys_time<microseconds> t = sys_days{ymd};
    if (s.size() == 10) return time_point_cast<system_clock::duration>(t);
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
    int h = 0, mi = 0, se = 0;
    if (!digits(s, 11, 2, h) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2, mi)) return std::nullopt;
    std::size_t i = 16;
    if (i < s.size() && s[i] == ':') {
        if (!digits(s, 17, 2, se)) return std::nullopt;
        i = 19;
    }
    if (h > 23 || mi > 59 || se > 60) return std::nullopt;
    t += hours{h} + minutes{mi} + seconds{se};
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        long frac = 0, scale = 1;
        std::size_t n = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            if (n < 6) {
                frac = frac * 10 + (s[i] - '0');
                scale *= 10;
            }
            ++n;
            ++i;
        }
        if (n == 0) return std::nullopt;
        t += microseconds{frac * (1000000 / scale)};
    }
    // the zone is required for a date-time: `Z` or +hh:mm / +hhmm / +hh
    if (i >= s.size()) return std::nullopt;
    if (s[i] == 'Z' || s[i] == 'z') {
        if (i + 1 != s.size()) return std::nullopt;
    } else if (s[i] == '+' || s[i] == '-') {
        const int sign = s[i] == '-' ? -1 : 1;
        int zh = 0, zm = 0;
        if (!digits(s, i + 1, 2, zh)) return std::nullopt;
        std::size_t j = i + 3;
        if (j < s.size() && s[j] == ':') ++j;
        if (j < s.size()) {
            if (!digits(s, j, 2, zm)) return std::nullopt;
            j += 2;
        }
        if (j != s.size() || zh > 23 || zm > 59) return std::nullopt;
        t -= sign * (hours{zh} + minutes{zm});
    } else {
        return std::nullopt;
    }
    return time_point_cast<system_clock::duration>(t);
}

namespace {

enum class unit { second, minute, hour, day, week, month, year };

std::optional<unit> parse_unit(std::string_view u) noexcept {
    if (!u.empty() && u.back() == 's') u.remove_suffix(1);
    if (u == "second") return unit::second;
    if (u == "minute") return unit::minute;
    if (u == "hour") return unit::hour;
    if (u == "day") return unit::day;
    if (u == "week") return unit::week;
    if (u == "month") return unit::month;
    if (u == "year") return unit::year;
    return std::nullopt;
}

double seconds_per(unit u) {
    switch (u) {
        case unit::second: return 1;
        case unit::minute: return 60;
        case unit::hour: return 3600;
        case unit::day: return 86400;
        case unit::week: return 7 * 86400.0;
        case unit::month: return 30.436875 * 86400;  // mean Gregorian month, for differences only
        case unit::year: return 365.2425 * 86400;
    }
    return 1;
}

}  // namespace

bool valid_time_unit(std::string_view u) noexcept { return parse_unit(u).has_value(); }

std::optional<std::chrono::system_clock::time_point> add_time(std::chrono::system_clock::time_point t, double n,
                                                            std::string_view unit_name) noexcept {
    using namespace std::chrono;
    const auto u = parse_unit(unit_name);
    if (!u || !std::isfinite(n) || std::fabs(n) > 1e7) return std::nullopt;
    if (*u == unit::month || *u == unit::year) {
        // calendar arithmetic: the same time of day, the day clamped to the target month's end
        const auto whole = static_cast<int>(n);
        const int months = *u == unit::year ? whole * 12 : whole;
        const auto day_point = floor<days>(t);
        const auto time_of_day = t - day_point;
        year_month_day ymd{day_point};
        year_month ym = year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
        const auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
        const day dd = std::min(ymd.day(), last);
        return sys_days{year_month_day{ym.year(), ym.month(), dd}} + time_of_day;
    }
    const auto delta = duration<double>(n * seconds_per(*u));
    return t + duration_cast<system_clock::duration>(delta);
}

// ---- built-ins ----

namespace {

using detail::collection;

call_result compare_date(const call_context& cx, const value_list& receiver, std::span<const value_list> args,
                         bool before) {
    call_result r;
    if (args.size() != 2 || args[0].empty() || args[1].empty()) {
        r.error = "`before`/`after` need a number and a unit";
        return r;
    }
    const auto n = detail::as_number(*args[0].front());
    const auto limit = n ? add_time(cx.now, *n, args[1].front()->text) : std::nullopt;
    if (!limit) {
        r.error = "invalid offset or unit `" + args[1].front()->text + "`";
        return r;
    }
    bool any = false;
    for (const json::value* v : collection(receiver)) {
        if (!v->is_string()) continue;
        const auto d = parse_date(v->text);
        if (d && (before ? *d < *limit : *d > *limit)) {
            any = true;
            break;
        }
    }
    r.values.push_back(cx.arena->make_bool(any));
    return r;
}

}  // namespace

function_registry function_registry::with_builtins() {
    using entity::field_type;
    function_registry reg;
    reg.add({{"isEmpty", {}, {}, 0, false, result_kind::boolean,
              "true when the value is missing, null, or an empty list, object or string", true},
             [](const call_context& cx, const value_list& recv, std::span<const value_list>) {
                 call_result r;
                 r.values.push_back(cx.arena->make_bool(detail::length_of(recv, false) == 0));
                 return r;
             }});
    reg.add({{"length", {}, {}, 0, false, result_kind::number,
              "the number of elements of a list (characters of a string; 0 when missing)", true},
             [](const call_context& cx, const value_list& recv, std::span<const value_list>) {
                 call_result r;
                 r.values.push_back(cx.arena->make_number(static_cast<double>(detail::length_of(recv, false))));
                 return r;
             }});
    const std::vector<field_type> dates = {field_type::date, field_type::string, field_type::any};
    reg.add({{"before", dates, {arg_kind::number, arg_kind::string}, 2, false, result_kind::boolean,
              "the date is earlier than now plus n units (n may be negative)", true},
             [](const call_context& cx, const value_list& recv, std::span<const value_list> args) {
                 return compare_date(cx, recv, args, true);
             }});
    reg.add({{"after", dates, {arg_kind::number, arg_kind::string}, 2, false, result_kind::boolean,
              "the date is later than now plus n units (n may be negative)", true},
             [](const call_context& cx, const value_list& recv, std::span<const value_list> args) {
                 return compare_date(cx, recv, args, false);
             }});
    reg.add({{"dateDifference", dates, {arg_kind::path, arg_kind::string}, 2, false, result_kind::number,
              "the absolute difference between the date and another date field, in units", true},
             [](const call_context& cx, const value_list& recv, std::span<const value_list> args) {
                 call_result r;
                 if (args.size() != 2 || args[1].empty()) {
                     r.error = "`dateDifference` needs a date field and a unit";
                     return r;
                 }
                 const auto u = parse_unit(args[1].front()->text);
                 if (!u) {
                     r.error = "unknown unit `" + args[1].front()->text + "`";
                     return r;
                 }
                 auto first_date = [](const value_list& v) -> std::optional<std::chrono::system_clock::time_point> {
                     for (const json::value* n : collection(v))
                         if (n->is_string())
                             if (auto d = parse_date(n->text)) return d;
                     return std::nullopt;
                 };
                 const auto a = first_date(recv);
                 const auto b = first_date(args[0]);
                 if (a && b) {
                     const double secs = std::chrono::duration<double>(*a - *b).count();
                     r.values.push_back(cx.arena->make_number(std::fabs(secs) / seconds_per(*u)));
                 }
                 return r;  // a missing date yields a missing value: comparisons with it are false
             }});
    return reg;
}

}  // namespace iamguard::rules
