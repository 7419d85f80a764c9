// SPDX-License-Identifier: Apache-2.0
// eval/ip.hpp: IPv4/IPv6 addresses and CIDR blocks for IpAddress / NotIpAddress.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace iamguard::eval {

enum class ip_family : std::uint8_t { v4, v6 };

/// An address; v4 uses the first four bytes. IPv6 is compared numerically, so hex case and `::`
/// compression do not matter. An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) stays IPv6.
struct ip_address {
    ip_family family = ip_family::v4;
    std::array<std::uint8_t, 16> bytes{};
    friend bool operator==(const ip_address&, const ip_address&) = default;
};

/// A CIDR block; a bare address is /32 (v4) or /128 (v6).
struct cidr_block {
    ip_address base;
    std::uint8_t prefix = 0;
};

/// Parses dotted-quad IPv4 (no leading `+`, each part 0-255) or RFC 4291 IPv6 text (with `::`
/// and an optional dotted IPv4 tail). Returns nullopt for anything else.
/// Complexity: linear in the text; no allocation. Thread safety: reentrant.
[[nodiscard]] std::optional<ip_address> parse_ip(std::string_view text) noexcept;

/// Parses `address[/prefix]`. Host bits below the prefix are ignored, as AWS does.
[[nodiscard]] std::optional<cidr_block> parse_cidr(std::string_view text) noexcept;

/// True when `a` lies in `block`; false when the families differ.
[[nodiscard]] bool contains(const cidr_block& block, const ip_address& a) noexcept;

}  // namespace iamguard::eval
