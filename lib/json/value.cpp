// SPDX-License-Identifier: Apache-2.0
#include <iamguard/json/value.hpp>

#include "string_bytes.hpp"

namespace iamguard::json {

// A loaded account holds about a million values and half a million members: the memory they
// occupy is most of what a scan touches (json/compact_string.hpp says why that matters).
static_assert(sizeof(void*) != 8 || sizeof(value) <= 48, "json::value grew past 48 bytes");
static_assert(sizeof(void*) != 8 || sizeof(member) <= 80, "json::member grew past 80 bytes");

std::string_view to_string(kind k) noexcept {
    switch (k) {
        case kind::null: return "null";
        case kind::boolean: return "boolean";
        case kind::number: return "number";
        case kind::string: return "string";
        case kind::array: return "array";
        case kind::object: return "object";
    }
    return "null";
}

const value* value::find(std::string_view key) const noexcept {
    for (const auto& m : members)
        if (m.key == key) return &m.val;
    return nullptr;
}

value* value::find(std::string_view key) noexcept {
    for (auto& m : members)
        if (m.key == key) return &m.val;
    return nullptr;
}

value unshared_copy(const value& v) {
    value out;
    out.type = v.type;
    out.pos = v.pos;
    out.boolean = v.boolean;
    out.text = v.text;
    out.items.reserve(v.items.size());
    for (const auto& item : v.items) out.items.push_back(unshared_copy(item));
    out.members.reserve(v.members.size());
    for (const auto& m : v.members) out.members.push_back({m.key, m.key_pos, unshared_copy(m.val)});
    return out;
}

namespace {

// Length of the valid UTF-8 sequence at `i` (2..4), or 0 when the bytes there are not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept {
    const auto b0 = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) { return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        const auto b1 = static_cast<unsigned char>(s[i + 1]);
        if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 >= 0xA0)) return 0;
        return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        const auto b1 = static_cast<unsigned char>(s[i + 1]);
        if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 >= 0x90)) return 0;
        return 4;
    }
    return 0;
}

}  // namespace

void append_quoted(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        // Most text needs no escape: append each run of plain ASCII in one go.
        const std::size_t run = detail::plain_run_end(s, i);
        if (run > i) {
            out.append(s.data() + i, run - i);
            i = run;
            if (i == s.size()) break;
        }
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            // JSON text must be UTF-8 (RFC 8259): a byte that starts no valid sequence (data read
            // from a CSV, say) is written as U+FFFD, so the output always parses again.
            const std::size_t n = utf8_sequence(s, i);
            if (n == 0) {
                out += "\ufffd";
            } else {
                out.append(s.substr(i, n));
                i += n - 1;
            }
            continue;
        }
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (u < 0x20) {
                    out += "\\u00";
                    out += hex[u >> 4];
                    out += hex[u & 15];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

void append_compact(std::string& out, const value& v, std::size_t limit) {
    if (out.size() > limit) return;
    switch (v.type) {
        case kind::null: out += "null"; break;
        case kind::boolean: out += v.boolean ? "true" : "false"; break;
        case kind::number: out += v.text; break;
        case kind::string: append_quoted(out, v.text); break;
        case kind::array:
            out += '[';
            for (std::size_t i = 0; i < v.items.size(); ++i) {
                if (i > 0) out += ',';
                append_compact(out, v.items[i], limit);
            }
            out += ']';
            break;
        case kind::object:
            out += '{';
            for (std::size_t i = 0; i < v.members.size(); ++i) {
                if (i > 0) out += ',';
                append_quoted(out, v.members[i].key);
                out += ':';
                append_compact(out, v.members[i].val, limit);
            }
            out += '}';
            break;
    }
}

}  // namespace iamguard::json
