// SPDX-License-Identifier: Apache-2.0
// diagnostic.hpp: source positions and the diagnostics every iamguard component reports.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iamguard {

/// A position in a source text. `line` and `column` are both 1-based; the column counts bytes,
/// so a caret lines up with the source in any UTF-8 terminal only for ASCII lines.
struct source_pos {
    std::uint32_t offset = 0;  ///< bytes from the start of the text (past 4 GiB: 2^32-1, never wrapped)
    std::uint32_t line = 1;    ///< 1-based line number
    std::uint32_t column = 1;  ///< 1-based column, in bytes
    friend bool operator==(const source_pos&, const source_pos&) = default;
};

/// How bad a diagnostic is. `error` means the input is rejected (AWS would reject the policy,
/// the rule does not compile); `warning` means it is accepted but probably not what was meant.
enum class severity : std::uint8_t { error, warning, note };

/// One problem found in an input. Codes are stable: a code never changes meaning, even when the
/// wording of its message does (see docs in README.md, "Diagnostic codes").
struct diagnostic {
    severity level = severity::error;
    std::string code;     ///< stable id, e.g. `P105` (policies), `J002` (JSON), `R210` (rules)
    std::string message;  ///< lowercase, no final period, user text in `backticks`, one line
    std::string help;     ///< optional hint, e.g. "did you mean `StringLike`?"
    std::string file;     ///< the input's name, filled by whoever knows it (may be empty)
    std::string path;     ///< JSON path of the element, e.g. `Statement[1].Effect` (may be empty)
    source_pos pos;       ///< where the problem starts
    std::uint32_t length = 1;  ///< bytes to underline from `pos`
};

/// Returns "error", "warning" or "note".
[[nodiscard]] std::string_view to_string(severity s) noexcept;

/// True when any diagnostic in `diags` has severity::error.
/// Complexity: linear in `diags.size()`.
[[nodiscard]] bool has_errors(const std::vector<diagnostic>& diags) noexcept;

/// Computes the 1-based line and column of byte `offset` in `source` (offsets past the end are
/// clamped). Complexity: linear in `offset`.
[[nodiscard]] source_pos locate(std::string_view source, std::uint32_t offset) noexcept;

/// One line: `file:line:col: severity[CODE]: message` (and ` (at PATH)` when a path is set).
/// The file part is omitted when `d.file` is empty, the `line:col` part when `d.pos.line` is 0
/// (a diagnostic about a whole input, such as a file that cannot be read: `file: error[L001]: ...`).
[[nodiscard]] std::string render_short(const diagnostic& d);

/// The short line, then the source line with a caret under the problem, then `= help: ...`.
/// `source` is the text the positions refer to; when it is empty (or `d.pos.line` is 0), only the
/// short line is given.
[[nodiscard]] std::string render(const diagnostic& d, std::string_view source);

/// Adds `file` to every diagnostic that has none.
void set_file(std::vector<diagnostic>& diags, std::string_view file);

}  // namespace iamguard
