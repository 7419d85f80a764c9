// SPDX-License-Identifier: Apache-2.0
// account_units.cpp: see account_units.hpp.
#include "account_units.hpp"

#include <map>

namespace iamguard::cli {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The account of an IAM ARN starting at `arn` (`arn:PARTITION:iam::123456789012:`), or empty.
std::string_view iam_account(std::string_view arn) {
    if (arn.substr(0, 4) != "arn:") return {};
    const std::size_t partition_end = arn.find(':', 4);
    if (partition_end == std::string_view::npos || arn.substr(partition_end, 6) != ":iam::") return {};
    const std::size_t at = partition_end + 6;
    if (arn.size() < at + 13 || arn[at + 12] != ':') return {};
    for (std::size_t i = at; i < at + 12; ++i)
        if (!is_digit(arn[i])) return {};
    return arn.substr(at, 12);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The first `"Arn": "<IAM ARN of an account>"` member. A member key is a string followed by a
// colon; `"Arn"` inside a string value is preceded by an escaped quote, so it is skipped.
std::string_view first_arn_member(std::string_view text) {
    constexpr std::string_view key = "\"Arn\"";
    for (std::size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
        if (at > 0 && text[at - 1] == '\\') continue;
        std::size_t i = at + key.size();
        while (i < text.size() && is_space(text[i])) ++i;
        if (i >= text.size() || text[i] != ':') continue;
        ++i;
        while (i < text.size() && is_space(text[i])) ++i;
        if (i >= text.size() || text[i] != '"') continue;
        if (const auto account = iam_account(text.substr(i + 1)); !account.empty()) return account;
    }
    return {};
}

// The first IAM ARN of an account anywhere in `text` (a CSV credential report's rows).
std::string_view first_arn(std::string_view text) {
    for (std::size_t at = text.find("arn:"); at != std::string_view::npos; at = text.find("arn:", at + 1))
        if (const auto account = iam_account(text.substr(at)); !account.empty()) return account;
    return {};
}

}  // namespace

account_probe probe_account(std::string_view prefix, std::optional<entity::input_format> forced) {
    using entity::input_format;
    const auto format = forced ? forced : entity::detect_format(prefix);
    account_probe p;
    if (!format) return p;
    switch (*format) {
        case input_format::authorization_details:
            p.authorization_details = true;
            p.account = std::string(first_arn_member(prefix));
            break;
        case input_format::get_role:
        case input_format::list_roles:
            p.account = std::string(first_arn_member(prefix));
            break;
        case input_format::credential_report_csv:
            p.account = std::string(first_arn(prefix));
            break;
        default:
            break;
    }
    return p;
}

std::vector<std::vector<std::size_t>> join_units(const std::vector<account_probe>& inputs) {
    std::vector<std::vector<std::size_t>> units;
    std::map<std::string, std::size_t> unit_of;  // account -> index in `units`
    std::size_t previous = 0;                    // the unit of the input before
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const account_probe& in = inputs[i];
        if (in.account.empty()) {
            if (!in.authorization_details || units.empty()) {
                std::vector<std::size_t> all(inputs.size());
                for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
                return {std::move(all)};
            }
            units[previous].push_back(i);
            continue;
        }
        const auto [it, fresh] = unit_of.try_emplace(in.account, units.size());
        if (fresh) units.emplace_back();
        units[it->second].push_back(i);
        previous = it->second;
    }
    return units;
}

}  // namespace iamguard::cli
