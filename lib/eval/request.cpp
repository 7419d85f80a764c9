// SPDX-License-Identifier: Apache-2.0
#include <iamguard/eval/request.hpp>

#include <algorithm>

#include <iamguard/eval/glob.hpp>
#include <iamguard/policy/arn.hpp>

namespace iamguard::eval {

request_context::request_context(std::initializer_list<std::pair<std::string_view, context_value>> init) {
    for (const auto& [k, v] : init) set(k, v);
}

request_context::entry* request_context::entry_of(std::string_view key) noexcept {
    for (auto& e : entries_) {
        if (iequals(e.key_lower, key)) {
            e.key.assign(key);  // the case given last; same length, so no allocation
            return &e;
        }
    }
    return nullptr;
}

void request_context::set(std::string_view key, const context_value& value) {
    // Replacing a key (what probes do over and over) allocates nothing for the key, and the
    // copy reuses the vector and strings of the value it replaces.
    if (entry* e = entry_of(key)) {
        e->value = value;
        return;
    }
    entries_.push_back({std::string(key), ascii_lower(key), value});
}

void request_context::set(std::string_view key, context_value&& value) {
    if (entry* e = entry_of(key)) {
        e->value = std::move(value);
        return;
    }
    entries_.push_back({std::string(key), ascii_lower(key), std::move(value)});
}

void request_context::set_list(std::string_view key, std::vector<std::string> values) {
    set(key, context_value::list(std::move(values)));
}

void request_context::erase(std::string_view key) noexcept {
    std::erase_if(entries_, [&](const entry& e) { return iequals(e.key, key); });
}

const context_value* request_context::find(std::string_view key) const noexcept {
    for (const auto& e : entries_)
        if (iequals(e.key_lower, key)) return &e.value;
    return nullptr;
}

const context_value* request_context::find_lower(std::string_view key_lower) const noexcept {
    for (const auto& e : entries_)
        if (e.key_lower == key_lower) return &e.value;
    return nullptr;
}

principal_info describe_principal(std::string_view p) noexcept {
    principal_info info;
    info.text = p;
    if (p.empty()) return info;
    const auto parts = policy::split_arn(p);
    if (!parts) {
        info.kind = principal_kind::service;
        return info;
    }
    info.account = parts->account;
    info.kind = principal_kind::other_arn;
    const std::string_view res = parts->resource;
    if (parts->service == "iam") {
        if (res == "root") {
            info.kind = principal_kind::account_root;
        } else if (res.substr(0, 5) == "user/") {
            info.kind = principal_kind::iam_user;
        } else if (res.substr(0, 5) == "role/") {
            info.kind = principal_kind::iam_role;
            info.role_name = res.substr(res.rfind('/') + 1);
        }
    } else if (parts->service == "sts") {
        if (res.substr(0, 13) == "assumed-role/") {
            const std::string_view rest = res.substr(13);
            const std::size_t slash = rest.find('/');
            if (slash != std::string_view::npos) {
                info.kind = principal_kind::role_session;
                info.role_name = rest.substr(0, slash);
            }
        } else if (res.substr(0, 15) == "federated-user/") {
            info.kind = principal_kind::federated_user;
        }
    }
    return info;
}

}  // namespace iamguard::eval
