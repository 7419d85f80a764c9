// SPDX-License-Identifier: Apache-2.0
// report/writer.hpp: writers that turn findings into text, JSON, SARIF 2.1.0 or JUnit XML.
//
// The library does no I/O: a writer hands its output to a caller-supplied sink (a callback that
// receives chunks of text, in order), and render() collects everything into one string. A scan
// feeds a writer in three steps: begin() with the rules that may appear, add() with batches of
// findings as they are produced, end() with what the scan knows only at the end (entity count,
// input problems). Streaming formats (text, json, sarif) emit each batch in add(); JUnit emits
// everything in end().
//
// ## Layouts
//
// ### text
// One block per rule that has something to show in the batch, in the order given to begin():
//
//     IG.IAM.001 [high] Cross-account role without an external ID
//       fail  Role admin (arn:aws:iam::111111111111:role/admin) at account.json:12:7
//             the trust policy admits `222222222222` without an external ID
//             evidence: assumeRolePolicy.Statement[0] at account.json:14:9: {"Effect":"Allow"}
//
// then, from end(), one summary line:
//
//     summary: 1 failed (1 high), 0 errors, 3 passed; 4 entities, 2 rules
//
// (`; N input errors` is appended when inputs could not be loaded). Passing findings are listed
// only with options::include_passes. Each add() call is grouped on its own, so a caller that
// wants one block per rule for a whole scan passes all findings in one batch.
// With options::colour, outcomes and severities are wrapped in ANSI SGR sequences.
//
// ### json (iamguard findings, schema version 1)
// One JSON document; its members always come in this order:
//
//     {"version":1,
//      "tool":{"name":"iamguard","version":"0.1.0"},
//      "rules":[{"id","title","severity","description","remediation","references":[..],
//                "compliance":[..],"file","line","column"}, ...],
//      "findings":[
//     {"rule_id","severity","outcome","entity":{"type","name","arn","file","line","column","path"},
//      "message","evidence":[{"path","value","file","line","column"}, ...]},
//     ...
//     ],
//      "summary":{"entities","rules","findings","passed","failed","errors",
//                 "failed_by_severity":{"info","low","medium","high","critical"},
//                 "errors_by_severity":{...},
//                 "input_errors":[{"file","line","column","code","message"}, ...]}}
//
// - `outcome` is "pass", "fail" or "error"; `severity` is the rule's ("info".."critical");
//   `entity.type` is the primary type name ("Role", "User", ...).
// - `line`/`column` are 1-based integers, or null when the position is unknown; `file`, `arn`
//   and `path` are strings, empty when unknown. Columns count bytes. An evidence's `file` is the
//   input its position refers to: the entity's file, or the input a joined part came from.
// - Each finding is written on its own line, so the document can be read as it streams and
//   filtered line by line. Findings come in the order the caller added them (the CLI keeps input
//   order whatever the thread count); `rules` in the order given to begin().
// - Passing findings are included only with options::include_passes; `summary` counts them
//   always. Strings are valid UTF-8 (invalid bytes become U+FFFD).
// - A later version adds members only; a member's meaning never changes while `version` is 1.
//
// ### sarif (SARIF 2.1.0)
// One run. tool.driver has name, version, informationUri and rules[] (one reportingDescriptor per
// rule given to begin(): id, name, shortDescription (title), fullDescription (description), help
// (remediation, text and markdown), helpUri (first reference that is an absolute URI),
// defaultConfiguration.level, properties.severity, properties.tags (compliance tags, deduplicated)).
// Levels: critical and high -> "error", medium -> "warning", low and info -> "note".
// Results:
// - fail  -> kind "fail", level from the rule's severity;
// - error -> kind "review" (the rule could not decide; a person must look), level "none";
// - pass  -> kind "pass", level "none", only with options::include_passes.
// Each result has ruleId, ruleIndex, message.text, one location with the entity as a logical
// location (name = entity name, fullyQualifiedName = ARN, kind "resource") and, when the input
// file is known, a physicalLocation (artifactLocation.uri = the file as a URI reference, region
// startLine/startColumn when the line is known); evidence elements become relatedLocations;
// partialFingerprints["iamguard/v1"] is `ruleId|ARN` (or `ruleId|Type/name`).
// invocations[0].executionSuccessful is false when inputs could not be loaded, and each such
// problem is a toolExecutionNotification. Column numbers count bytes (equal to code points for
// ASCII input); run.columnKind is therefore not set.
//
// ### junit (JUnit XML)
// <testsuites> with one <testsuite> per rule given to begin() (name = rule id, then title), one
// <testcase> per finding (name = `Type name`, classname = rule id, file/line when known);
// a fail is a <failure message=.. type=severity>, an error an <error>, with the evidence as text.
// Input problems form one more testsuite named `inputs`, one <error> testcase each.
// Attribute and text values are XML-escaped; characters XML 1.0 forbids become U+FFFD.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/report/format.hpp>
#include <iamguard/report/tally.hpp>
#include <iamguard/rules/finding.hpp>

namespace iamguard::report {

/// Receives a writer's output, chunk by chunk, in order. A chunk is never empty.
using sink = std::function<void(std::string_view)>;

/// How a report looks.
struct options {
    bool colour = false;          ///< text: ANSI colours
    bool include_passes = false;  ///< text/json/sarif: list passing findings (JUnit always does)
    std::string tool_name = "iamguard";
    std::string tool_version = "0.1.0";
    std::string information_uri = "https://github.com/iamguard/iamguard";  ///< SARIF driver
};

/// What only the end of a scan knows.
struct run_summary {
    std::size_t entities = 0;                    ///< entities evaluated
    std::vector<diagnostic> input_diagnostics;   ///< problems loading inputs (errors and warnings)
};

/// Writes one report. Call begin() once, add() any number of times, end() once.
/// Errors: never throws for odd data (any string is escaped); exceptions from the sink pass through.
/// Thread safety: a writer is not thread-safe; feed it from one thread (or under a lock).
/// Complexity: linear in the size of the output; JUnit holds every finding until end().
class writer {
public:
    virtual ~writer() = default;
    writer() = default;
    writer(const writer&) = delete;
    writer& operator=(const writer&) = delete;

    /// Starts the report. `rules` lists the rules that may appear in findings, in report order;
    /// the pointers must stay valid until end(). A finding whose rule is not listed is still
    /// reported (after the listed rules, with no SARIF ruleIndex).
    virtual void begin(std::span<const rules::rule_info* const> rules) = 0;
    /// Adds one batch of findings (streaming formats write it now).
    virtual void add(std::span<const rules::finding> findings) = 0;
    /// Finishes the report: summary, counts, input problems.
    virtual void end(const run_summary& run) = 0;

    /// Everything added so far, counted.
    [[nodiscard]] const report::tally& counts() const noexcept { return tally_; }

protected:
    report::tally tally_;  ///< derived writers count every finding added
};

/// A writer of format `f` that sends its output to `out`.
[[nodiscard]] std::unique_ptr<writer> make_writer(format f, sink out, const options& opts = {});

/// Writes a whole report at once: begin(rules), add(findings), end(run), collected into a string.
[[nodiscard]] std::string render(format f, std::span<const rules::rule_info* const> rules,
                                 std::span<const rules::finding> findings, const run_summary& run = {},
                                 const options& opts = {});

/// SARIF's level for a rule severity: "error" (critical, high), "warning" (medium), "note".
[[nodiscard]] std::string_view sarif_level(rules::rule_severity s) noexcept;

}  // namespace iamguard::report
