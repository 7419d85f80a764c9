// SPDX-License-Identifier: Apache-2.0
// scan.hpp (private): a skeleton scan of JSON text, for format detection and for splitting a
// stream of JSON values (concatenated pages) without parsing the values twice.
#pragma once

#include <string_view>
#include <vector>

namespace iamguard::entity::detail {

/// Index of the first byte at or after `at` that is not JSON whitespace (or a UTF-8 BOM at 0).
std::size_t skip_space(std::string_view text, std::size_t at) noexcept;

/// Index just after the JSON value starting at `at` (strings and brackets are matched; scalars
/// end at a delimiter). Returns `limit` (or text.size()) when the value does not end before it.
std::size_t skip_value(std::string_view text, std::size_t at,
                       std::size_t limit = std::string_view::npos) noexcept;

/// The keys of the top-level object starting at `at` (or of the first object of a top-level
/// array), as raw text between the quotes, and the string values of `type` and `format`.
struct skeleton {
    std::vector<std::string_view> keys;
    std::string_view type_value;
    std::string_view format_value;
};

/// Scans the skeleton. The scan stops after the first key that decides the format (e.g.
/// `RoleDetailList`), so detection does not walk a large dump.
skeleton scan_skeleton(std::string_view text, std::size_t at);

}  // namespace iamguard::entity::detail
