// SPDX-License-Identifier: Apache-2.0
// escape.hpp (private): JSON string, XML and URI escaping for the report writers.
#pragma once

#include <string>
#include <string_view>

namespace iamguard::report::detail {

/// Appends `s` as a JSON string literal (with quotes). Invalid UTF-8 becomes U+FFFD, control
/// characters are escaped, so the output is always valid JSON text.
void append_json_string(std::string& out, std::string_view s);

/// Appends `s` escaped for XML 1.0 text or attribute values (`&<>"'`). Characters that XML 1.0
/// forbids (controls other than tab, newline, carriage return; invalid UTF-8) become U+FFFD.
void append_xml(std::string& out, std::string_view s);

/// A file name as a URI reference (RFC 3986): absolute paths become `file:///...`, relative ones
/// stay relative; bytes outside the unreserved set and `/` are percent-encoded.
[[nodiscard]] std::string file_uri(std::string_view path);

/// True when `s` looks like an absolute URI (`scheme:` followed by something, scheme per RFC 3986).
[[nodiscard]] bool is_absolute_uri(std::string_view s) noexcept;

}  // namespace iamguard::report::detail
