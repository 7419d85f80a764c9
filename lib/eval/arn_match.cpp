// SPDX-License-Identifier: Apache-2.0
#include <iamguard/eval/arn_match.hpp>

#include <array>
#include <cstddef>

namespace iamguard::eval {
namespace {

// Splits at the first five colons (skipping escaped characters). Returns how many fields were
// found (1..6); the sixth keeps every further colon.
std::size_t split_fields(std::string_view s, pattern_syntax syntax, std::array<std::string_view, 6>& out) noexcept {
    std::size_t n = 0, start = 0;
    for (std::size_t i = 0; i < s.size() && n < 5; ++i) {
        if (syntax == pattern_syntax::escaped && s[i] == '\\') {
            ++i;
            continue;
        }
        if (s[i] == ':') {
            out[n++] = s.substr(start, i - start);
            start = i + 1;
        }
    }
    out[n++] = s.substr(start);
    return n;
}

bool fields_match(const std::array<std::string_view, 6>& pat, const std::array<std::string_view, 6>& val,
                  pattern_syntax syntax) noexcept {
    for (std::size_t i = 0; i < 6; ++i)
        if (!glob_match(pat[i], val[i], case_mode::sensitive, syntax)) return false;
    return true;
}

bool starts_with_arn(std::string_view s) noexcept { return s.substr(0, 4) == "arn:"; }

bool contains_wildcard(std::string_view s, pattern_syntax syntax) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (syntax == pattern_syntax::escaped && s[i] == '\\') {
            ++i;
            continue;
        }
        if (s[i] == '*' || s[i] == '?') return true;
    }
    return false;
}

}  // namespace

bool action_matches(std::string_view pattern, std::string_view action) noexcept {
    if (pattern == "*") return true;
    const std::size_t colon = pattern.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == pattern.size()) return false;
    // A wildcard in the service prefix is not supported by AWS (iam-semantics.md §3.1).
    if (has_wildcard(pattern.substr(0, colon))) return false;
    return glob_match(pattern, action, case_mode::ascii_fold);
}

bool arn_like(std::string_view pattern, std::string_view arn, pattern_syntax syntax) noexcept {
    if (!starts_with_arn(pattern) || !starts_with_arn(arn)) return false;
    std::array<std::string_view, 6> p{}, v{};
    if (split_fields(pattern, syntax, p) != 6) return false;
    if (split_fields(arn, pattern_syntax::raw, v) != 6) return false;
    return fields_match(p, v, syntax);
}

match_result resource_matches(std::string_view pattern, std::string_view resource, pattern_syntax syntax,
                              short_arn_mode mode, pattern_origin origin) noexcept {
    if (pattern == "*") return match_result::match;
    // A wildcard-only action carries the literal resource `*`: only a bare `*` covers it.
    if (resource == "*") return match_result::no_match;
    if (!starts_with_arn(pattern))
        return glob_match(pattern, resource, case_mode::sensitive, syntax) ? match_result::match : match_result::no_match;
    std::array<std::string_view, 6> p{}, v{};
    const std::size_t pn = split_fields(pattern, syntax, p);
    if (!starts_with_arn(resource) || split_fields(resource, pattern_syntax::raw, v) != 6) return match_result::no_match;
    if (pn == 6) return fields_match(p, v, syntax) ? match_result::match : match_result::no_match;

    // A short ARN pattern (fewer than six fields).
    if (mode == short_arn_mode::no_match) return match_result::no_match;
    bool expand = false;
    switch (origin) {
        case pattern_origin::identity:
        case pattern_origin::boundary:
        case pattern_origin::session:
        case pattern_origin::vpc_endpoint: expand = true; break;
        case pattern_origin::resource:
            if (!contains_wildcard(pattern, syntax)) return match_result::no_match;
            expand = true;
            break;
        case pattern_origin::scp:
            if (pattern.back() != '*') return match_result::error;
            expand = true;
            break;
        case pattern_origin::rcp: return match_result::error;
    }
    if (!expand) return match_result::error;
    for (std::size_t i = pn; i < 6; ++i) p[i] = "*";
    return fields_match(p, v, syntax) ? match_result::match : match_result::error;
}

}  // namespace iamguard::eval
