// SPDX-License-Identifier: Apache-2.0
// entity/canonical.hpp: iamguard's own JSON form of entities, which hosts can write directly.
//
// One entity is one JSON object: `"type"` (an entity type name or alias: `Role`, `IamUser`...)
// followed by its fields, with the names of the schema (schema.hpp):
//
//     {"type":"Role","name":"deploy","arn":"arn:aws:iam::111122223333:role/deploy",
//      "accountId":"111122223333","assumeRolePolicy":{"Version":"2012-10-17","Statement":[...]},...}
//
// `name` is required (for `Account`, `accountId` may stand in for it). Policy-typed fields
// (`assumeRolePolicy`, `document`, `inlinePolicies[].document`, `combinedPolicies[].policyDocument`)
// may be given as objects, JSON strings or URL-encoded strings; they are read with the policy
// parser and written back in normalised form (policy/print.hpp, `normalized`). Dates are ISO-8601
// strings; a date that is unknown or "never" is null. Fields the schema does not know are kept
// and reported as warning L012.
//
// A file holds either one entity per line (JSON Lines), a JSON array of entities, or the
// document `{"format": "iamguard-entities/1", "entities": [...]}`. load() reads all three
// (input_format::canonical, detected by content); writing then reading gives the same entities.
#pragma once

#include <string>
#include <vector>

#include <iamguard/entity/entity.hpp>
#include <iamguard/json/value.hpp>

namespace iamguard::entity {

/// Writes `e` as one line of canonical JSON (no trailing newline).
/// Errors: none. Thread safety: reentrant. Complexity: linear in the size of the fields.
[[nodiscard]] std::string to_canonical_json(const entity& e);

/// Writes one canonical JSON line per entity, each ending in `\n`.
[[nodiscard]] std::string to_json_lines(const std::vector<entity>& entities);

/// Writes the document form `{"format":"iamguard-entities/1","entities":[...]}` (one entity per line).
[[nodiscard]] std::string to_canonical_document(const std::vector<entity>& entities);

/// Writes a located JSON value compactly (strings escaped, number lexemes as read).
void write_json(std::string& out, const json::value& v);

}  // namespace iamguard::entity
