// SPDX-License-Identifier: Apache-2.0
// scan_time.hpp: the `--now` option of `iamguard scan` (ISO 8601 evaluation time).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace iamguard::cli {

/// Parses `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or an
/// offset `+HH:MM`/`-HH:MM` (a time zone is required: a scan must not depend on the machine's).
/// nullopt for anything else, including impossible dates such as 2026-02-30.
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view s);

}  // namespace iamguard::cli
