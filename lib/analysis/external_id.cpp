// SPDX-License-Identifier: Apache-2.0
// external_id.cpp: guessability checks for external IDs (AWS Well-Architected SEC03-BP09).
#include <iamguard/analysis/external_id.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace iamguard::analysis {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_hex(char c) noexcept { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool looks_like_phone(std::string_view v) noexcept {
    std::size_t digits = 0;
    for (const char c : v) {
        if (is_digit(c)) {
            ++digits;
        } else if (c != '+' && c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
            return false;
        }
    }
    return digits >= 7 && digits <= 15 && !(digits == 12 && digits == v.size());
}

// Shannon entropy of the value's characters, in bits per character.
double entropy(std::string_view v) noexcept {
    std::array<std::size_t, 256> counts{};
    for (const char c : v) ++counts[static_cast<unsigned char>(c)];
    double h = 0;
    for (const auto n : counts) {
        if (n == 0) continue;
        const double p = static_cast<double>(n) / static_cast<double>(v.size());
        h -= p * std::log2(p);
    }
    return h;
}

bool repeats_a_pattern(std::string_view v) noexcept {
    for (std::size_t len = 1; len <= v.size() / 2; ++len) {
        if (v.size() % len != 0) continue;
        bool all = true;
        for (std::size_t i = len; i < v.size() && all; ++i) all = v[i] == v[i % len];
        if (all) return true;
    }
    return false;
}

std::size_t distinct(std::string_view v) noexcept {
    std::array<bool, 256> seen{};
    std::size_t n = 0;
    for (const char c : v)
        if (!seen[static_cast<unsigned char>(c)]) {
            seen[static_cast<unsigned char>(c)] = true;
            ++n;
        }
    return n;
}

// Values made of letters (and word separators) only: a word, a name, a company.
bool name_like(std::string_view v) noexcept {
    bool letters = false;
    for (const char c : v) {
        if (is_alpha(c)) {
            letters = true;
        } else if (c != '-' && c != '_' && c != ' ' && c != '.') {
            return false;
        }
    }
    return letters;
}

// Common defaults seen in tutorials and vendor templates, matched after removing digits and
// separators (so `ExternalId123` and `external-id` count).
bool common_default(std::string_view v) {
    static constexpr std::array<std::string_view, 18> words = {
        "external", "externalid", "extid", "secret", "password", "passw", "test", "default", "changeme",
        "example", "admin", "partner", "vendor", "customer", "aws", "role", "trust", "qwerty"};
    std::string core;
    for (const char c : v)
        if (is_alpha(c)) core += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (core.empty()) return false;
    return std::find(words.begin(), words.end(), core) != words.end();
}

}  // namespace

std::string_view to_string(external_id_weakness w) noexcept {
    switch (w) {
        case external_id_weakness::wildcard: return "wildcard";
        case external_id_weakness::account_id: return "account id";
        case external_id_weakness::phone_number: return "phone number";
        case external_id_weakness::too_short: return "too short";
        case external_id_weakness::low_entropy: return "low entropy";
        case external_id_weakness::common_word: return "common word";
    }
    return "low entropy";
}

bool is_uuid(std::string_view v) noexcept {
    if (v.size() != 36) return false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? v[i] != '-' : !is_hex(v[i])) return false;
    }
    return true;
}

std::vector<external_id_weakness> external_id_weaknesses(std::string_view v, std::size_t min_length) {
    std::vector<external_id_weakness> out;
    if (v.find_first_of("*?") != std::string_view::npos) out.push_back(external_id_weakness::wildcard);
    if (v.size() == 12 && std::all_of(v.begin(), v.end(), is_digit)) {
        out.push_back(external_id_weakness::account_id);
    } else if (looks_like_phone(v)) {
        out.push_back(external_id_weakness::phone_number);
    }
    if (v.size() < min_length) out.push_back(external_id_weakness::too_short);
    if (!is_uuid(v) && !v.empty() && (distinct(v) <= 3 || repeats_a_pattern(v) || (v.size() >= 8 && entropy(v) < 2.5)))
        out.push_back(external_id_weakness::low_entropy);
    if (common_default(v) || (name_like(v) && v.size() < 32)) out.push_back(external_id_weakness::common_word);
    return out;
}

}  // namespace iamguard::analysis
