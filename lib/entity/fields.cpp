// SPDX-License-Identifier: Apache-2.0
// fields.cpp: typed reads with diagnostics (see fields.hpp).
#include "entity/fields.hpp"

namespace iamguard::entity::detail {

namespace {

void wrong_type(loader& ld, severity level, const json::value& v, std::string_view key, std::string_view expected,
                const where& w) {
    ld.report(level, codes::wrong_type,
              "expected " + std::string(expected) + " for `" + std::string(key) + "`, found " +
                  std::string(json::to_string(v.type)) + " (in " + w.label() + ")",
              v.pos, w.at(key));
}

}  // namespace

const json::value* list_at(loader& ld, const json::value& obj, std::string_view key, const where& w) {
    const json::value* v = obj.find(key);
    if (v == nullptr || v->is_null()) return nullptr;
    if (!v->is_array()) {
        wrong_type(ld, severity::error, *v, key, "a list", w);
        return nullptr;
    }
    return v;
}

json::value* list_at(loader& ld, json::value& obj, std::string_view key, const where& w) {
    const json::value* found = list_at(ld, static_cast<const json::value&>(obj), key, w);
    return found == nullptr ? nullptr : obj.find(key);
}

const json::value* object_at(loader& ld, const json::value& obj, std::string_view key, const where& w) {
    const json::value* v = obj.find(key);
    if (v == nullptr || v->is_null()) return nullptr;
    if (!v->is_object()) {
        wrong_type(ld, severity::error, *v, key, "an object", w);
        return nullptr;
    }
    return v;
}

bool copy_string(loader& ld, json::value& dst, std::string_view to, const json::value& src, std::string_view key,
                 const where& w) {
    const json::value* v = src.find(key);
    if (v == nullptr || v->is_null()) return false;
    if (v->is_string() || v->is_number()) {
        set(dst, to, make_string(v->text, v->pos));
        return true;
    }
    wrong_type(ld, severity::warning, *v, key, "a string", w);
    return false;
}

bool copy_number(loader& ld, json::value& dst, std::string_view to, const json::value& src, std::string_view key,
                 const where& w) {
    const json::value* v = src.find(key);
    if (v == nullptr || v->is_null()) return false;
    if (v->is_number()) {
        set(dst, to, *v);
        return true;
    }
    if (v->is_string() && !v->text.empty() &&
        v->text.find_first_not_of("0123456789") == std::string::npos) {  // CloudFormation writes "3600"
        set(dst, to, make_number(v->text, v->pos));
        return true;
    }
    wrong_type(ld, severity::warning, *v, key, "a number", w);
    return false;
}

bool copy_bool(loader& ld, json::value& dst, std::string_view to, const json::value& src, std::string_view key,
               const where& w) {
    const json::value* v = src.find(key);
    if (v == nullptr || v->is_null()) return false;
    if (v->is_bool()) {
        set(dst, to, *v);
        return true;
    }
    if (v->is_string() && (v->text == "true" || v->text == "false")) {
        set(dst, to, make_bool(v->text == "true", v->pos));
        return true;
    }
    wrong_type(ld, severity::warning, *v, key, "`true` or `false`", w);
    return false;
}

bool copy_date(loader& ld, json::value& dst, std::string_view to, const json::value& src, std::string_view key,
               const where& w) {
    const json::value* v = src.find(key);
    if (v == nullptr) return false;
    if (!v->is_string()) {
        if (!v->is_null())
            ld.report(severity::warning, codes::invalid_value,
                      "expected a date for `" + w.at(key) + "`, found " + std::string(json::to_string(v->type)),
                      v->pos);
        set(dst, to, make_null(v->pos));
        return true;
    }
    std::string iso = normalise_date(v->text);
    if (iso.empty()) {
        // the path is built only here: almost every date is well-formed
        ld.report(severity::warning, codes::invalid_value,
                  "`" + v->text + "` is not an ISO-8601 date (for `" + w.at(key) + "`); kept as written", v->pos);
        set(dst, to, make_string(v->text, v->pos));
        return true;
    }
    set(dst, to, make_string(std::move(iso), v->pos));
    return true;
}

void copy_tags(loader& ld, json::value& dst, const json::value& src, std::string_view key, const where& w) {
    const json::value* list = list_at(ld, src, key, w);
    if (list == nullptr) return;
    json::value out = make_array(list->pos);
    out.items.reserve(list->items.size());  // exact: a first push_back makes room for four
    for (std::size_t i = 0; i < list->items.size(); ++i) {
        const json::value& t = list->items[i];
        if (!t.is_object()) {
            wrong_type(ld, severity::warning, t, std::string(key) + "[" + std::to_string(i) + "]", "an object", w);
            continue;
        }
        json::value tag = make_object(t.pos);
        tag.members.reserve(2);
        const where tw(w, key, i);
        copy_string(ld, tag, "key", t, "Key", tw);
        copy_string(ld, tag, "value", t, "Value", tw);
        out.items.push_back(std::move(tag));
    }
    set(dst, "tags", std::move(out));
}

void copy_inline_policies(loader& ld, json::value& dst, json::value& src, std::string_view key,
                          std::string_view name_key, std::string_view doc_key, const where& w) {
    json::value* list = list_at(ld, src, key, w);
    json::value out = make_array(list != nullptr ? list->pos : src.pos);
    if (list != nullptr) {
        out.items.reserve(list->items.size());
        for (std::size_t i = 0; i < list->items.size(); ++i) {
            json::value& p = list->items[i];
            if (!p.is_object()) {
                wrong_type(ld, severity::error, p, std::string(key) + "[" + std::to_string(i) + "]", "an object", w);
                continue;
            }
            json::value item = make_object(p.pos);
            item.members.reserve(2);  // name, document
            const where pw(w, key, i);
            copy_string(ld, item, "name", p, name_key, pw);
            if (json::value* doc = p.find(doc_key)) {
                ld.note_input_path("inlinePolicies[" + std::to_string(out.items.size()) + "].document", pw.at(doc_key));
                set(item, "document", std::move(*doc));
            } else {
                ld.report(severity::error, codes::missing_field,
                          "inline policy without `" + std::string(doc_key) + "` (in " + w.label() + ")", p.pos, pw.path());
            }
            out.items.push_back(std::move(item));
        }
    }
    set(dst, "inlinePolicies", std::move(out));
}

void copy_attached_policies(loader& ld, json::value& dst, const json::value& src, std::string_view key,
                            const where& w) {
    const json::value* list = list_at(ld, src, key, w);
    json::value out = make_array(list != nullptr ? list->pos : src.pos);
    if (list != nullptr) {
        out.items.reserve(list->items.size());
        for (std::size_t i = 0; i < list->items.size(); ++i) {
            const json::value& p = list->items[i];
            if (!p.is_object()) {
                wrong_type(ld, severity::error, p, std::string(key) + "[" + std::to_string(i) + "]", "an object", w);
                continue;
            }
            const std::string arn(string_of(p, "PolicyArn"));
            std::string name(string_of(p, "PolicyName"));
            if (name.empty()) name = name_from_arn(arn);
            out.items.push_back(reference(std::move(name), arn, p.pos));
        }
    }
    set(dst, "managedPolicies", std::move(out));
}

std::string name_from_arn(std::string_view arn) {
    const std::size_t slash = arn.rfind('/');
    if (slash != std::string_view::npos) return std::string(arn.substr(slash + 1));
    const std::size_t colon = arn.rfind(':');
    return std::string(colon == std::string_view::npos ? arn : arn.substr(colon + 1));
}

json::value reference(std::string name, std::string arn, source_pos pos) {
    json::value r = make_object(pos);
    r.members.reserve(2);  // one block, not two (the joins make hundreds of thousands)
    set(r, "arn", make_string(std::move(arn), pos));
    set(r, "name", make_string(std::move(name), pos));
    return r;
}

}  // namespace iamguard::entity::detail
