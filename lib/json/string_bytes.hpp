// SPDX-License-Identifier: Apache-2.0
// lib/json/string_bytes.hpp: which bytes of a JSON string need more than copying (private).
//
// The parser (reading a string) and append_quoted (writing one) both copy runs of plain ASCII
// at once and stop at the same bytes: `"`, `\`, control characters and non-ASCII (UTF-8 to check).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace iamguard::json::detail {

/// True for the bytes that end a run of plain string text. One table lookup per byte.
inline constexpr std::array<bool, 256> string_stops = [] {
    std::array<bool, 256> t{};
    for (std::size_t c = 0; c < 256; ++c) t[c] = c == '"' || c == '\\' || c < 0x20 || c >= 0x80;
    return t;
}();

/// The end of the run of plain bytes of `s` that starts at `i` (`i` itself when s[i] is a stop,
/// s.size() when the run reaches the end). Linear in the run.
inline std::size_t plain_run_end(std::string_view s, std::size_t i) noexcept {
    while (i < s.size() && !string_stops[static_cast<unsigned char>(s[i])]) ++i;
    return i;
}

}  // namespace iamguard::json::detail
