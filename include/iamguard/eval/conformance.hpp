// SPDX-License-Identifier: Apache-2.0
// eval/conformance.hpp: runs IAM evaluation test vectors (JSON Lines) against the evaluator.
//
// The record format is that of shared/conformance/iam-eval/README.md: one JSON object per line
// with `kind` = evaluation, condition, action_match, resource_match or principal_match, an `id`,
// optional `tags` and `review`, and `expect`. The CLI (`iamguard conformance`) and the corpus
// test share this runner.
//
// Per-case semantics that the vectors signal:
// - tag `lenient:principal-string-form`: policies are parsed with lenient_principal_string;
// - tag `short-arn`: short resource ARNs follow the iam-simulate table (short_arn_mode::iam_simulate);
// - review status `disputed`: the source contradicts AWS documentation; skipped by default.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace iamguard::eval {

/// Which cases to run.
struct conformance_options {
    /// Skip cases carrying any of these tags. A trailing `*` matches a prefix (`service:*`).
    std::vector<std::string> exclude_tags;
    /// Skip cases whose review status is `disputed` (their expectation contradicts AWS docs).
    bool skip_disputed = true;
};

/// One failing case.
struct conformance_failure {
    std::string id;       ///< the case id, or `line N` when the record has none
    std::string message;  ///< what was expected and what happened, one line
};

/// The tally of one or more runs.
struct conformance_report {
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t skipped = 0;
    std::vector<conformance_failure> failures;  ///< in input order
};

/// Runs every record of `jsonl` (JSON Lines text) and adds the results to `report`.
/// A malformed line or record counts as a failure naming `file` and the line number.
/// Errors: never throws for bad input. Thread safety: reentrant.
/// Complexity: linear in the input times the evaluation cost of each case.
void run_conformance(std::string_view jsonl, const conformance_options& opts, conformance_report& report,
                     std::string_view file = {});

/// True when `tags` contains a tag matched by `pattern` (exact, or a prefix when it ends in `*`).
[[nodiscard]] bool tag_matches(std::string_view pattern, std::string_view tag) noexcept;

}  // namespace iamguard::eval
