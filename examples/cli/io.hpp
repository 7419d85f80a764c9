// SPDX-License-Identifier: Apache-2.0
// io.hpp: small helpers shared by the subcommands (reading inputs, terminal colours).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iamguard::cli {

/// Reads a whole file, or standard input for "-". Returns nullopt and sets `error` (a sentence
/// naming the file and the reason) when the file cannot be read.
std::optional<std::string> read_input(const std::string& path, std::string& error);

/// True when `fd` is a terminal and NO_COLOR is unset (https://no-color.org).
bool use_colour(int fd);

/// Wraps `text` in an ANSI colour when `on`; `code` is e.g. "31" (red) or "1;33" (bold yellow).
std::string paint(std::string_view text, std::string_view code, bool on);

}  // namespace iamguard::cli
