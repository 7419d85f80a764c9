// SPDX-License-Identifier: Apache-2.0
// io.hpp: small helpers shared by the subcommands (reading inputs, terminal colours).
#pragma once

#include <array>
#include <istream>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace iamguard::cli {

/// Reads a whole file, or standard input for "-". Returns nullopt and sets `error` to
/// `PATH: REASON` (e.g. `a.json: cannot open: No such file or directory`) when the file cannot
/// be read.
std::optional<std::string> read_input(const std::string& path, std::string& error);

/// As read_input(), into `text` (its contents replaced; its block reused when large enough, so a
/// thread reading file after file into one string takes fresh memory once). Returns false and
/// sets `error` as read_input() does.
bool read_input_into(const std::string& path, std::string& text, std::string& error);

/// The name an input is reported under: `<stdin>` for "-", else the path itself.
inline std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

/// Reads the first `bytes` bytes of a file (fewer when it is shorter). Returns nullopt and sets
/// `error` as read_input() does. Not for standard input, which cannot be read again.
std::optional<std::string> read_prefix(const std::string& path, std::size_t bytes, std::string& error);

/// Appends what is left of `in` to `out`, in large blocks (a character at a time, as
/// istreambuf_iterator reads, was a few percent of a scan of authorization-details pages).
/// Reads into out's spare capacity first: reserve the size still to read plus one byte and
/// `out` is not reallocated. Returns false on a read error (in.bad()).
bool append_rest(std::istream& in, std::string& out);

/// The extensions (lowercase, with the dot) of the files a directory given as an entity input
/// stands for: JSON and JSON Lines dumps, YAML templates, credential reports.
inline constexpr std::array<std::string_view, 7> input_extensions = {
    ".json", ".jsonl", ".ndjson", ".yaml", ".yml", ".template", ".csv"};
/// The extension of rule files.
inline constexpr std::array<std::string_view, 1> rule_extensions = {".rule"};

/// The files a command-line argument names: `path` itself when it is not a directory (or is
/// "-"); for a directory, the regular files below it (recursively) whose extension is one of
/// `extensions` (compared without case), sorted by path, skipping names that start with a dot.
/// A directory without such a file gives no file and sets `error` to the reason, which names
/// the extensions looked for (the caller names the path); so does one that cannot be listed.
/// `error` is left alone otherwise.
std::vector<std::string> expand_directory(const std::string& path, std::span<const std::string_view> extensions,
                                          std::string& error);

/// True when `fd` is a terminal and NO_COLOR is unset (https://no-color.org).
bool use_colour(int fd);

/// Wraps `text` in an ANSI colour when `on`; `code` is e.g. "31" (red) or "1;33" (bold yellow).
std::string paint(std::string_view text, std::string_view code, bool on);

}  // namespace iamguard::cli
