// SPDX-License-Identifier: Apache-2.0
#include <iamguard/policy/condition_operator.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>
#include "core/edit_distance.hpp"

namespace iamguard::policy {
namespace {

struct base_info {
    condition_base base;
    std::string_view name;
    operator_family fam;
    bool negated;
    condition_base positive;
};

using cb = condition_base;
using of = operator_family;
constexpr std::array<base_info, 27> bases{{
    {cb::string_equals, "StringEquals", of::string, false, cb::string_equals},
    {cb::string_not_equals, "StringNotEquals", of::string, true, cb::string_equals},
    {cb::string_equals_ignore_case, "StringEqualsIgnoreCase", of::string, false, cb::string_equals_ignore_case},
    {cb::string_not_equals_ignore_case, "StringNotEqualsIgnoreCase", of::string, true, cb::string_equals_ignore_case},
    {cb::string_like, "StringLike", of::string, false, cb::string_like},
    {cb::string_not_like, "StringNotLike", of::string, true, cb::string_like},
    {cb::numeric_equals, "NumericEquals", of::numeric, false, cb::numeric_equals},
    {cb::numeric_not_equals, "NumericNotEquals", of::numeric, true, cb::numeric_equals},
    {cb::numeric_less_than, "NumericLessThan", of::numeric, false, cb::numeric_less_than},
    {cb::numeric_less_than_equals, "NumericLessThanEquals", of::numeric, false, cb::numeric_less_than_equals},
    {cb::numeric_greater_than, "NumericGreaterThan", of::numeric, false, cb::numeric_greater_than},
    {cb::numeric_greater_than_equals, "NumericGreaterThanEquals", of::numeric, false, cb::numeric_greater_than_equals},
    {cb::date_equals, "DateEquals", of::date, false, cb::date_equals},
    {cb::date_not_equals, "DateNotEquals", of::date, true, cb::date_equals},
    {cb::date_less_than, "DateLessThan", of::date, false, cb::date_less_than},
    {cb::date_less_than_equals, "DateLessThanEquals", of::date, false, cb::date_less_than_equals},
    {cb::date_greater_than, "DateGreaterThan", of::date, false, cb::date_greater_than},
    {cb::date_greater_than_equals, "DateGreaterThanEquals", of::date, false, cb::date_greater_than_equals},
    {cb::bool_, "Bool", of::boolean, false, cb::bool_},
    {cb::binary_equals, "BinaryEquals", of::binary, false, cb::binary_equals},
    {cb::ip_address, "IpAddress", of::ip, false, cb::ip_address},
    {cb::not_ip_address, "NotIpAddress", of::ip, true, cb::ip_address},
    {cb::arn_equals, "ArnEquals", of::arn, false, cb::arn_equals},
    {cb::arn_like, "ArnLike", of::arn, false, cb::arn_like},
    {cb::arn_not_equals, "ArnNotEquals", of::arn, true, cb::arn_equals},
    {cb::arn_not_like, "ArnNotLike", of::arn, true, cb::arn_like},
    {cb::null_, "Null", of::null, false, cb::null_},
}};

const base_info* info(condition_base b) noexcept {
    for (const auto& i : bases)
        if (i.base == b) return &i;
    return nullptr;
}

constexpr std::string_view for_all = "ForAllValues:";
constexpr std::string_view for_any = "ForAnyValue:";
constexpr std::string_view if_exists_suffix = "IfExists";

std::size_t edit_distance(std::string_view a, std::string_view b) { return iamguard::detail::edit_distance(a, b); }

}  // namespace

std::optional<condition_operator> parse_operator(std::string_view name) noexcept {
    condition_operator op;
    if (name.substr(0, for_all.size()) == for_all) {
        op.qualifier = set_qualifier::for_all_values;
        name.remove_prefix(for_all.size());
    } else if (name.substr(0, for_any.size()) == for_any) {
        op.qualifier = set_qualifier::for_any_value;
        name.remove_prefix(for_any.size());
    }
    for (const auto& i : bases) {
        if (name == i.name) {
            op.base = i.base;
            return op;
        }
    }
    if (name.size() > if_exists_suffix.size() && name.substr(name.size() - if_exists_suffix.size()) == if_exists_suffix) {
        name.remove_suffix(if_exists_suffix.size());
        for (const auto& i : bases) {
            if (name == i.name) {
                if (i.base == cb::null_) return std::nullopt;  // NullIfExists is not an operator
                op.base = i.base;
                op.if_exists = true;
                return op;
            }
        }
    }
    return std::nullopt;
}

std::string to_string(const condition_operator& op) {
    std::string out;
    if (op.qualifier == set_qualifier::for_all_values) out += for_all;
    if (op.qualifier == set_qualifier::for_any_value) out += for_any;
    out += to_string(op.base);
    if (op.if_exists) out += if_exists_suffix;
    return out;
}

std::string_view to_string(condition_base b) noexcept {
    const auto* i = info(b);
    return i ? i->name : std::string_view("unknown");
}

operator_family family(condition_base b) noexcept {
    const auto* i = info(b);
    return i ? i->fam : operator_family::unknown;
}

bool is_negated(condition_base b) noexcept {
    const auto* i = info(b);
    return i && i->negated;
}

condition_base positive_of(condition_base b) noexcept {
    const auto* i = info(b);
    return i ? i->positive : b;
}

bool allows_variables(condition_base b) noexcept {
    const auto f = family(b);
    return f == operator_family::string || f == operator_family::arn || f == operator_family::boolean;
}

std::string suggest_operator(std::string_view name) {
    // Compare the base part only; the qualifier and suffix are re-attached to the suggestion.
    std::string prefix;
    if (name.substr(0, for_all.size()) == for_all) {
        prefix = for_all;
        name.remove_prefix(for_all.size());
    } else if (name.substr(0, for_any.size()) == for_any) {
        prefix = for_any;
        name.remove_prefix(for_any.size());
    } else if (const auto colon = name.find(':'); colon != std::string_view::npos) {
        // A misspelt qualifier, e.g. `ForAllValue:StringLike`.
        const auto q = name.substr(0, colon + 1);
        prefix = edit_distance(q, for_all) <= edit_distance(q, for_any) ? for_all : for_any;
        name.remove_prefix(colon + 1);
    }
    std::string best;
    std::size_t best_d = name.size() / 3 + 2;
    for (const auto& i : bases) {
        for (const bool ie : {false, true}) {
            if (ie && i.base == cb::null_) continue;
            std::string cand(i.name);
            if (ie) cand += if_exists_suffix;
            const std::size_t d = edit_distance(name, cand);
            if (d < best_d) {
                best_d = d;
                best = prefix + cand;
            }
        }
    }
    return best;
}

}  // namespace iamguard::policy
