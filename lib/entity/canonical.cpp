// SPDX-License-Identifier: Apache-2.0
// canonical.cpp: reading and writing the canonical entity form (see entity/canonical.hpp).
#include <iamguard/entity/canonical.hpp>

#include "entity/detail.hpp"

namespace iamguard::entity {

void write_json(std::string& out, const json::value& v) { json::append_compact(out, v); }

std::string to_canonical_json(const entity& e) {
    std::string out = "{\"type\":";
    json::append_quoted(out, to_string(e.type));
    for (const auto& m : e.fields.members) {
        out += ',';
        json::append_quoted(out, m.key);
        out += ':';
        write_json(out, m.val);
    }
    out += '}';
    return out;
}

std::string to_json_lines(const std::vector<entity>& entities) {
    std::string out;
    for (const auto& e : entities) {
        out += to_canonical_json(e);
        out += '\n';
    }
    return out;
}

std::string to_canonical_document(const std::vector<entity>& entities) {
    std::string out = "{\"format\":\"iamguard-entities/1\",\"entities\":[";
    for (std::size_t i = 0; i < entities.size(); ++i) {
        out += i == 0 ? "\n" : ",\n";
        out += to_canonical_json(entities[i]);
    }
    out += "\n]}\n";
    return out;
}

namespace detail {

void read_canonical_entity(loader& ld, json::value& obj, const std::string& path) {
    if (!obj.is_object()) {
        ld.report(severity::error, codes::wrong_type,
                  "expected an entity object, found " + std::string(json::to_string(obj.type)), obj.pos, path);
        return;
    }
    const json::value* type = obj.find("type");
    if (type == nullptr || !type->is_string()) {
        ld.report(severity::error, codes::missing_field, "entity without a `type` string", obj.pos, path,
                  "one of `Account`, `Role`, `User`, `Group`, `Policy`");
        return;
    }
    const auto t = parse_entity_type(type->text);
    if (!t) {
        ld.report(severity::error, codes::unknown_entity_type, "unknown entity type `" + type->text + "`", type->pos,
                  path.empty() ? "type" : path + ".type", "one of `Account`, `Role`, `User`, `Group`, `Policy`");
        return;
    }
    std::string name(string_of(obj, "name"));
    if (name.empty() && *t == entity_type::account) name = std::string(string_of(obj, "accountId"));
    if (name.empty()) {
        ld.report(severity::error, codes::missing_field,
                  "entity of type `" + std::string(to_string(*t)) + "` without a `name` was not loaded", obj.pos, path);
        return;
    }
    entity& e = ld.add(*t, name, std::string(string_of(obj, "arn")), obj.pos, path);
    if (const std::string_view acct = string_of(obj, "accountId"); !acct.empty()) e.account_id = std::string(acct);
    const schema& sc = schema::get();
    e.fields.members.reserve(obj.members.size());
    for (auto& m : obj.members) {
        if (m.key == "type") continue;
        if (!ld.opts.combined_policies && m.key == "combinedPolicies") continue;  // nobody reads it: do not parse its documents
        const lookup_result r = sc.lookup(*t, {m.key});
        if (r.target == nullptr) {
            ld.report(severity::warning, codes::unknown_field,
                      "field `" + m.key + "` is not in the schema of " + std::string(to_string(*t)) + " (in " + label(e) +
                          ")",
                      m.key_pos, path.empty() ? m.key.str() : path + "." + m.key,
                      r.suggestion.empty() ? std::string() : "did you mean `" + r.suggestion + "`?");
        }
        e.fields.members.push_back(std::move(m));
        if (r.target != nullptr && r.canonical.size() == 1 && r.canonical.front() != e.fields.members.back().key)
            e.fields.members.back().key = r.canonical.front();  // an alias (`trust`) is stored under its name
    }
    if (e.type == entity_type::account && e.fields.find("name") == nullptr) set(e.fields, "name", make_string(name, obj.pos));
}

}  // namespace detail

}  // namespace iamguard::entity
