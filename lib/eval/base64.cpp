// SPDX-License-Identifier: Apache-2.0
#include <iamguard/eval/base64.hpp>

#include <cstddef>
#include <cstdint>

namespace iamguard::eval {
namespace {

int value_of(char c) noexcept {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

// Streams the decoded bytes of `s` to `sink`; false on malformed input.
template <class Sink>
bool decode(std::string_view s, Sink&& sink) noexcept(noexcept(sink(char{}))) {
    while (!s.empty() && s.back() == '=') s.remove_suffix(1);
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : s) {
        const int v = value_of(c);
        if (v < 0) return false;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (!sink(static_cast<char>((acc >> bits) & 0xFF))) return false;
        }
    }
    // Leftover bits must be padding zeros and fewer than a byte (one char alone is invalid).
    return bits < 6 && (acc & ((1u << bits) - 1)) == 0;
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 3 / 4);
    if (!decode(text, [&](char c) { out.push_back(c); return true; })) return std::nullopt;
    return out;
}

bool base64_equals_bytes(std::string_view text, std::string_view bytes) noexcept {
    std::size_t i = 0;
    const bool ok = decode(text, [&](char c) noexcept {
        if (i >= bytes.size() || bytes[i] != c) return false;
        ++i;
        return true;
    });
    return ok && i == bytes.size();
}

}  // namespace iamguard::eval
