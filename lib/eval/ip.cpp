// SPDX-License-Identifier: Apache-2.0
#include <iamguard/eval/ip.hpp>

#include <cstddef>

namespace iamguard::eval {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool parse_v4(std::string_view s, std::uint8_t* out) noexcept {
    int part = 0;
    std::size_t i = 0;
    while (part < 4) {
        if (i >= s.size() || !is_digit(s[i])) return false;
        unsigned v = 0;
        std::size_t digits = 0;
        while (i < s.size() && is_digit(s[i])) {
            v = v * 10 + static_cast<unsigned>(s[i] - '0');
            if (++digits > 3 || v > 255) return false;
            ++i;
        }
        out[part++] = static_cast<std::uint8_t>(v);
        if (part < 4) {
            if (i >= s.size() || s[i] != '.') return false;
            ++i;
        }
    }
    return i == s.size();
}

bool parse_v6(std::string_view s, std::uint8_t* out) noexcept {
    std::uint16_t groups[8] = {};
    int n = 0, gap = -1;
    std::size_t i = 0;
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
        if (i == s.size()) goto done;
    } else if (!s.empty() && s[0] == ':') {
        return false;
    }
    while (i < s.size()) {
        if (n >= 8) return false;
        // An embedded IPv4 tail takes the last two groups.
        const std::size_t next_colon = s.find(':', i);
        const std::string_view piece = s.substr(i, next_colon == std::string_view::npos ? std::string_view::npos : next_colon - i);
        if (piece.find('.') != std::string_view::npos) {
            if (next_colon != std::string_view::npos || n > 6) return false;
            std::uint8_t v4[4];
            if (!parse_v4(piece, v4)) return false;
            groups[n++] = static_cast<std::uint16_t>(v4[0] << 8 | v4[1]);
            groups[n++] = static_cast<std::uint16_t>(v4[2] << 8 | v4[3]);
            i = s.size();
            break;
        }
        if (piece.empty() || piece.size() > 4) return false;
        unsigned v = 0;
        for (const char c : piece) {
            const int h = hex_value(c);
            if (h < 0) return false;
            v = v * 16 + static_cast<unsigned>(h);
        }
        groups[n++] = static_cast<std::uint16_t>(v);
        i += piece.size();
        if (i == s.size()) break;
        ++i;  // the colon
        if (i < s.size() && s[i] == ':') {
            if (gap >= 0) return false;  // a second `::`
            gap = n;
            ++i;
        } else if (i == s.size()) {
            return false;  // a trailing single colon
        }
    }
done:
    if (gap < 0 && n != 8) return false;
    if (gap >= 0 && n > 7) return false;
    std::uint16_t full[8] = {};
    if (gap < 0) {
        for (int k = 0; k < 8; ++k) full[k] = groups[k];
    } else {
        const int tail = n - gap;
        for (int k = 0; k < gap; ++k) full[k] = groups[k];
        for (int k = 0; k < tail; ++k) full[8 - tail + k] = groups[gap + k];
    }
    for (int k = 0; k < 8; ++k) {
        out[2 * k] = static_cast<std::uint8_t>(full[k] >> 8);
        out[2 * k + 1] = static_cast<std::uint8_t>(full[k] & 0xFF);
    }
    return true;
}

}  // namespace

std::optional<ip_address> parse_ip(std::string_view text) noexcept {
    ip_address a;
    if (text.find(':') != std::string_view::npos) {
        a.family = ip_family::v6;
        if (!parse_v6(text, a.bytes.data())) return std::nullopt;
        return a;
    }
    a.family = ip_family::v4;
    if (!parse_v4(text, a.bytes.data())) return std::nullopt;
    return a;
}

std::optional<cidr_block> parse_cidr(std::string_view text) noexcept {
    const std::size_t slash = text.find('/');
    auto addr = parse_ip(text.substr(0, slash));
    if (!addr) return std::nullopt;
    const unsigned max = addr->family == ip_family::v4 ? 32 : 128;
    unsigned prefix = max;
    if (slash != std::string_view::npos) {
        const std::string_view p = text.substr(slash + 1);
        if (p.empty() || p.size() > 3) return std::nullopt;
        prefix = 0;
        for (const char c : p) {
            if (!is_digit(c)) return std::nullopt;
            prefix = prefix * 10 + static_cast<unsigned>(c - '0');
        }
        if (prefix > max) return std::nullopt;
    }
    return cidr_block{*addr, static_cast<std::uint8_t>(prefix)};
}

bool contains(const cidr_block& block, const ip_address& a) noexcept {
    if (block.base.family != a.family) return false;
    unsigned bits = block.prefix;
    for (std::size_t i = 0; bits > 0; ++i) {
        const unsigned take = bits >= 8 ? 8 : bits;
        const auto mask = static_cast<std::uint8_t>(0xFF << (8 - take));
        if ((block.base.bytes[i] & mask) != (a.bytes[i] & mask)) return false;
        bits -= take;
    }
    return true;
}

}  // namespace iamguard::eval
