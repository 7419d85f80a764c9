// SPDX-License-Identifier: Apache-2.0
// eval/base64.hpp: base64 decoding for BinaryEquals.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iamguard::eval {

/// Decodes standard base64 (RFC 4648 §4, `=` padding optional). Returns nullopt for any other
/// character or a dangling bit group. Complexity: linear. Thread safety: reentrant.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

/// True when base64 `text` decodes to exactly `bytes`; false when it does not decode.
/// Complexity: linear; no allocation.
[[nodiscard]] bool base64_equals_bytes(std::string_view text, std::string_view bytes) noexcept;

}  // namespace iamguard::eval
