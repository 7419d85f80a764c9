// SPDX-License-Identifier: Apache-2.0
// rules/rule_test.hpp: the tests that ship beside rules (`X.rule` + `X.tests.json`), and their runner.
//
// A tests file is one JSON object (the format is documented in full in dsl/rules/README.md):
//
//     {"rule": "IG.IAM.001", "now": "2024-06-30T00:00:00Z",
//      "cases": [{"name": "partner with an external id",
//                 "params": {"trustedAccounts": ["444455556666"]},
//                 "entities": [{"type": "Role", "name": "r", "arn": "...", "assumeRolePolicy": {...}}],
//                 "input": {...any input entity::load() reads...},
//                 "expect": {"r": "pass"}}]}
//
// Every entity of a case that the expectation does not name must get no finding from the rule
// (`skip`); a name in `expect` that no entity (nor an aggregate `List<T>`) has is an error of
// the tests file, so a typo cannot pass as a skip. Positions of the entities are positions in the
// tests file, so evidence points into it.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/entity/entity.hpp>
#include <iamguard/rules/finding.hpp>
#include <iamguard/rules/functions.hpp>
#include <iamguard/rules/params.hpp>
#include <iamguard/rules/rule_set.hpp>

namespace iamguard::rules {

/// What a rule does with one entity in a test: `skip` means no finding (the `where` filtered
/// the entity out, or the rule does not target its type).
enum class test_outcome : std::uint8_t { pass, fail, error, skip };

/// "pass", "fail", "error" or "skip".
[[nodiscard]] std::string_view to_string(test_outcome o) noexcept;

/// Parses the names above (exact, lowercase); nullopt otherwise.
[[nodiscard]] std::optional<test_outcome> parse_test_outcome(std::string_view s) noexcept;

/// One expectation of a case: the entity (its name, or `Type:name`) and its outcome.
struct test_expectation {
    std::string entity;
    test_outcome expected = test_outcome::pass;
    source_pos pos;  ///< where the expectation is written in the tests file
};

/// One case: entities, the outcomes expected of them, and what the evaluation may depend on.
/// Move-only (it owns entities).
struct test_case {
    std::string name;         ///< unique in its file
    std::string description;  ///< why the expectations are right
    std::vector<std::string> rule_ids;  ///< the rules the case checks (from the case or the file)
    std::chrono::system_clock::time_point now;  ///< the case's, the file's, or default_test_time()
    parameters params;                  ///< overrides of the rules' parameter defaults
    std::vector<entity::entity> entities;
    std::vector<test_expectation> expect;
    source_pos pos;  ///< the case object in the tests file
};

/// A parsed tests file.
struct test_file {
    std::string file;       ///< the tests file, as given
    std::string rule_file;  ///< the `.rule` file beside it (`X.tests.json` -> `X.rule`)
    std::vector<test_case> cases;
};

/// A tests file and every problem found in it (diagnostics with file, line and column).
struct test_file_result {
    test_file tests;
    std::vector<diagnostic> diagnostics;
    [[nodiscard]] bool ok() const noexcept { return !has_errors(diagnostics); }
};

/// The evaluation time of cases that give none: 2024-06-30T00:00:00Z (the reference date of the
/// sample account), so that a test never depends on the clock.
[[nodiscard]] std::chrono::system_clock::time_point default_test_time() noexcept;

/// Parses a tests file: checks its shape, loads the entities of every case (with entity::load,
/// joins included) and resolves the expectations. `file_name` is used in diagnostics and in the
/// entities' origins. Errors: never throws for bad input; problems are diagnostics T001..T009 or
/// those of the JSON parser and the entity loader (J..., L...). A case with an error is dropped,
/// the others are kept. Thread safety: reentrant. Complexity: linear in the text size plus the
/// entity loads.
[[nodiscard]] test_file_result parse_rule_tests(std::string_view text, std::string_view file_name);

/// What one rule did with one entity of a case.
struct entity_result {
    std::string rule_id;  ///< one of the ids run_case() was given
    std::string entity;  ///< the name the expectation used (or the entity's name)
    test_outcome actual = test_outcome::skip;  ///< `skip` when the rule gave no finding
    std::string message;                ///< the finding's message (empty for skip)
    std::vector<rules::evidence> evidence;
};

/// Runs `rules` over the entities of `c` at `c.now` and returns, for every rule id in `rule_ids`
/// and every entity of the case (and every aggregate finding), what happened. Rules of the set
/// not in `rule_ids` are ignored. Thread safety: reentrant. Complexity: the rules' evaluation.
[[nodiscard]] std::vector<entity_result> run_case(const rule_set& rules, const test_case& c,
                                                  std::span<const std::string> rule_ids);

/// A case whose outcome for an entity differs from the expected one.
struct case_failure {
    std::string rule_id;     ///< the rule that disagreed
    std::string case_name;   ///< the case's `name`
    std::string file;   ///< the tests file
    source_pos pos;     ///< the case (or the expectation) in it
    std::string entity;      ///< as in run_case()
    test_outcome expected = test_outcome::pass;
    test_outcome actual = test_outcome::skip;
    std::string message;     ///< the finding's message (empty when there was no finding)
    std::vector<rules::evidence> evidence;  ///< the finding's evidence, positions in the tests file
};

/// Options of run_rule_tests().
struct test_run_options {
    /// The functions the rules may call; nullptr: function_registry::with_builtins(). Hosts pass
    /// analysis::standard_functions() to test rules that use the IAM-aware functions.
    const function_registry* functions = nullptr;
};

/// The outcome of a test run. `passed` and `failed` count cases; a case fails when any of its
/// entities' outcomes differs from the expectation (each difference is one entry of `failures`),
/// and a rule file without a tests file counts as one failed case.
struct test_report {
    std::size_t passed = 0;      ///< cases whose every entity got the expected outcome
    std::size_t failed = 0;      ///< cases with at least one difference, plus rule files without tests
    std::size_t rule_files = 0;  ///< rule files compiled and tested
    std::vector<case_failure> failures;  ///< every difference, in file and case order
    /// Rules that do not compile, unreadable paths, malformed tests files (T..., R..., J..., L...).
    std::vector<diagnostic> diagnostics;
    /// True when a rule file did not compile or a tests file could not be read or parsed.
    [[nodiscard]] bool has_errors() const noexcept { return iamguard::has_errors(diagnostics); }
};

/// Runs the tests of every `.rule` file given, or found recursively under a directory given
/// (sorted), with their `X.tests.json` beside them; a tests file may also be given directly.
/// Each rule file is compiled once, and again for each case that overrides parameters.
/// Errors: never throws for bad input; problems are in `diagnostics` (the other files still run).
/// Thread safety: reentrant. Complexity: the compilations plus the evaluations of every case.
[[nodiscard]] test_report run_rule_tests(const std::vector<std::filesystem::path>& paths,
                                         const test_run_options& opts = {});

/// The diagnostic codes of tests files.
namespace test_codes {
inline constexpr std::string_view unreadable = "T001";     ///< a tests or rule file that cannot be read
inline constexpr std::string_view bad_shape = "T002";      ///< a member of the wrong type, or a required one missing
inline constexpr std::string_view unknown_member = "T003"; ///< a member the format does not define
inline constexpr std::string_view bad_outcome = "T004";    ///< an expected outcome not pass/fail/error/skip
inline constexpr std::string_view bad_time = "T005";       ///< `now` that is not an ISO-8601 date-time
inline constexpr std::string_view unknown_entity = "T006"; ///< an expectation naming no entity of the case
inline constexpr std::string_view bad_entities = "T007";   ///< entities or input that do not load
inline constexpr std::string_view unknown_rule = "T008";   ///< a rule id the rule file does not define
inline constexpr std::string_view no_tests = "T009";       ///< warning: a rule file without a tests file
}  // namespace test_codes

}  // namespace iamguard::rules
