// SPDX-License-Identifier: Apache-2.0
// escape.cpp: JSON string, XML and URI escaping shared by the report writers.
#include "report/escape.hpp"

#include <iamguard/json/value.hpp>

#include <cstdint>

namespace iamguard::report::detail {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid (overlong forms,
// surrogates and code points above U+10FFFF are invalid, per RFC 3629).
std::size_t utf8_length(std::string_view s, std::size_t i, std::uint32_t& cp) noexcept {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t min = 0;
    if (b0 < 0x80) { cp = b0; return 1; }
    if ((b0 & 0xE0) == 0xC0) { n = 2; cp = b0 & 0x1Fu; min = 0x80; }
    else if ((b0 & 0xF0) == 0xE0) { n = 3; cp = b0 & 0x0Fu; min = 0x800; }
    else if ((b0 & 0xF8) == 0xF0) { n = 4; cp = b0 & 0x07u; min = 0x10000; }
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

constexpr char hex_digits[] = "0123456789ABCDEF";

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    json::append_quoted(out, s);  // the library's one JSON escaper (invalid UTF-8 becomes U+FFFD)
}

void append_xml(std::string& out, std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            std::uint32_t cp = 0;
            const std::size_t n = utf8_length(s, i, cp);
            // XML 1.0 also excludes U+FFFE and U+FFFF.
            if (n == 0 || cp == 0xFFFE || cp == 0xFFFF) { out += replacement; i += n == 0 ? 1 : n; continue; }
            out.append(s.substr(i, n));
            i += n;
            continue;
        }
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\t': out += "&#9;"; break;    // kept as references so attribute values keep them
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        default:
            if (u < 0x20) out += replacement;
            else out += c;
        }
        ++i;
    }
}

std::string file_uri(std::string_view path) {
    std::string out;
    if (!path.empty() && path.front() == '/') out = "file://";
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += hex_digits[u >> 4];
            out += hex_digits[u & 0xF];
        }
    }
    return out;
}

bool is_absolute_uri(std::string_view s) noexcept {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size()) return false;
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!alpha(s[0])) return false;
    for (std::size_t i = 1; i < colon; ++i) {
        const char c = s[i];
        if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
    }
    for (const char c : s)
        if (c == ' ' || static_cast<unsigned char>(c) < 0x20) return false;
    return true;
}

}  // namespace iamguard::report::detail
