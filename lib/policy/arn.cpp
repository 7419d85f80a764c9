// SPDX-License-Identifier: Apache-2.0
#include <iamguard/policy/arn.hpp>

#include <algorithm>

namespace iamguard::policy {

std::optional<arn_parts> split_arn(std::string_view text) noexcept {
    if (text.substr(0, 4) != "arn:") return std::nullopt;
    std::string_view fields[5];
    std::size_t start = 4;
    for (int f = 0; f < 4; ++f) {
        const std::size_t colon = text.find(':', start);
        if (colon == std::string_view::npos) return std::nullopt;
        fields[f] = text.substr(start, colon - start);
        start = colon + 1;
    }
    fields[4] = text.substr(start);
    return arn_parts{fields[0], fields[1], fields[2], fields[3], fields[4]};
}

bool is_account_id(std::string_view text) noexcept {
    return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view account_of(std::string_view principal) noexcept {
    if (is_account_id(principal)) return principal;
    if (auto p = split_arn(principal)) return p->account;
    return {};
}

std::string canonical_aws_principal(std::string_view value) {
    if (is_account_id(value)) return "arn:aws:iam::" + std::string(value) + ":root";
    return std::string(value);
}

}  // namespace iamguard::policy
