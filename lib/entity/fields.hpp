// SPDX-License-Identifier: Apache-2.0
// fields.hpp (private): typed reads from input objects into entity fields, with diagnostics
// that name the entity and the element when the input has the wrong shape.
#pragma once

#include <string>
#include <string_view>

#include "entity/detail.hpp"

namespace iamguard::entity::detail {

/// What the reads below need to report a problem: the entity label and its JSON path. A nested
/// `where` refers to its parent and builds its path only when asked: the reads of a large dump
/// report nothing for almost every field, and building the paths anyway was ~150,000 strings
/// for 10,000 roles. A nested `where` must not outlive its parent.
class where {
public:
    /// A top-level place: `label` e.g. "role `admin`", `path` e.g. `RoleDetailList[3]`.
    where(std::string label, std::string path) : label_(std::move(label)), path_(std::move(path)) {}
    /// Member `key` of `parent` (`parent.key`), or its element `index` (`parent.key[index]`).
    where(const where& parent, std::string_view key, std::size_t index = npos)
        : parent_(&parent), key_(key), index_(index) {}

    [[nodiscard]] const std::string& label() const { return parent_ != nullptr ? parent_->label() : label_; }
    [[nodiscard]] std::string path() const {
        if (parent_ == nullptr) return path_;
        std::string p = parent_->at(key_);
        if (index_ != npos) p.append("[").append(std::to_string(index_)).append("]");
        return p;
    }
    /// The path of member `key` of this place.
    [[nodiscard]] std::string at(std::string_view key) const {
        std::string p = path();
        if (p.empty()) return std::string(key);
        return p.append(".").append(key);
    }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    const where* parent_ = nullptr;
    std::string label_;  // top level only
    std::string path_;   // top level only
    std::string_view key_;
    std::size_t index_ = npos;
};

/// `obj[key]` when it is an array; nullptr when absent or null; an L003 error when another type.
const json::value* list_at(loader& ld, const json::value& obj, std::string_view key, const where& w);
json::value* list_at(loader& ld, json::value& obj, std::string_view key, const where& w);

/// `obj[key]` when it is an object; nullptr when absent or null; an L003 error when another type.
const json::value* object_at(loader& ld, const json::value& obj, std::string_view key, const where& w);

/// Copies a string member `key` of `src` to member `to` of `dst` (strings only; numbers are
/// accepted as their lexeme). Returns true when copied. Wrong types are an L003 warning.
bool copy_string(loader& ld, json::value& dst, std::string_view to, const json::value& src, std::string_view key,
                 const where& w);
bool copy_number(loader& ld, json::value& dst, std::string_view to, const json::value& src, std::string_view key,
                 const where& w);
bool copy_bool(loader& ld, json::value& dst, std::string_view to, const json::value& src, std::string_view key,
               const where& w);
/// Copies a date member (present, even null): its ISO-8601 UTC form (normalise_date), null, or
/// the original string with an L011 warning when it is not a date.
bool copy_date(loader& ld, json::value& dst, std::string_view to, const json::value& src, std::string_view key,
               const where& w);

/// Tags `[{"Key": k, "Value": v}]` to `tags: [{"key": k, "value": v}]`.
void copy_tags(loader& ld, json::value& dst, const json::value& src, std::string_view key, const where& w);

/// Policies `[{"PolicyName": n, "PolicyDocument": d}]` (names configurable) to
/// `inlinePolicies: [{"name": n, "document": d}]`, the documents still raw (moved out of `src`).
void copy_inline_policies(loader& ld, json::value& dst, json::value& src, std::string_view key,
                          std::string_view name_key, std::string_view doc_key, const where& w);

/// `[{"PolicyName": n, "PolicyArn": a}]` to `managedPolicies: [{"arn": a, "name": n}]`.
void copy_attached_policies(loader& ld, json::value& dst, const json::value& src, std::string_view key,
                            const where& w);

/// The name part of an ARN's resource (`role/path/name` -> `name`).
std::string name_from_arn(std::string_view arn);

/// The `{"name", "arn"}` reference objects used by the join lists.
json::value reference(std::string name, std::string arn, source_pos pos);

}  // namespace iamguard::entity::detail
