// SPDX-License-Identifier: Apache-2.0
// policy/print.hpp: a policy::document back to JSON.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include <iamguard/policy/ast.hpp>

namespace iamguard::policy {

/// How print() lays out its output.
struct print_options {
    bool pretty = true;           ///< newlines and indentation (4 spaces); compact otherwise
    bool normalized = false;      ///< lists everywhere, canonical principals; otherwise the original shapes
};

/// Writes the canonical JSON of `doc`: elements in the order Version, Id, Statement and, in a
/// statement, Sid, Effect, Principal, Action, Resource, Condition. parse(print(d)) is
/// equivalent() to d. Errors: none. Complexity: linear in the document size.
[[nodiscard]] std::string print(const document& doc, const print_options& opts = {});

/// The same content as an nlohmann::ordered_json value (for embedding in other JSON output).
[[nodiscard]] nlohmann::ordered_json to_json(const document& doc, const print_options& opts = {});

}  // namespace iamguard::policy
