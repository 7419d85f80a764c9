// SPDX-License-Identifier: Apache-2.0
#include <iamguard/json/value.hpp>

namespace iamguard::json {

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

void append_quoted(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
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

}  // namespace iamguard::json
