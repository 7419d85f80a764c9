// SPDX-License-Identifier: Apache-2.0
// rules/finding.hpp: what a rule says about one entity, and the metadata of a rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/entity/entity.hpp>

namespace iamguard::rules {

/// A rule's severity (the seeds' "risk level").
enum class rule_severity : std::uint8_t { info, low, medium, high, critical };

/// "info", "low", "medium", "high" or "critical".
[[nodiscard]] std::string_view to_string(rule_severity s) noexcept;
/// Parses the names above, case-insensitively; nullopt otherwise.
[[nodiscard]] std::optional<rule_severity> parse_severity(std::string_view s) noexcept;

/// The verdict of one rule on one entity. `error` means the rule could not be evaluated on the
/// entity (never a silent pass); entities filtered out by `where` produce no finding.
enum class outcome : std::uint8_t { pass, fail, error };

/// "pass", "fail" or "error".
[[nodiscard]] std::string_view to_string(outcome o) noexcept;

/// The metadata of a rule, from its `.rule` file.
struct rule_info {
    std::string id;           ///< stable, e.g. `IG.IAM.001` or a GSL id such as `D9.AWS.IAM.86`
    std::string title;
    rule_severity severity = rule_severity::medium;
    std::string description;
    std::string remediation;  ///< console and CLI steps (Markdown)
    std::vector<std::string> references;  ///< URLs
    std::vector<std::string> compliance;  ///< e.g. "CIS AWS 1.14", "NIST4", "AWS WA SEC03-BP09"
    std::string logic;        ///< the rule's expression as written
    std::string file;         ///< the .rule file it came from
    source_pos pos;           ///< position of the rule in that file
};

/// The element that decided an outcome, e.g. path `assumeRolePolicy.Statement[1]` with its
/// JSON text and its position in the input.
struct evidence {
    std::string path;
    std::string value;  ///< compact JSON (or text) of the element; may be truncated
    source_pos pos;     ///< position in the entity's input file (line 0 when unknown)
    /// The input `pos` refers to when it is not the entity's own (`finding::location.file`):
    /// a part joined from another input (entity::entity::file_of). Empty otherwise.
    std::string file;
};

/// One rule applied to one entity.
struct finding {
    const rule_info* rule = nullptr;   ///< points into the rule set that produced it
    entity::entity_type entity_type = entity::entity_type::role;
    std::string entity_name;
    std::string entity_arn;
    entity::origin location;           ///< where the entity is in the input
    outcome result = outcome::pass;
    std::string message;               ///< one line for people
    std::vector<rules::evidence> evidence;  // qualified: the member name hides the type
};

}  // namespace iamguard::rules
