// SPDX-License-Identifier: Apache-2.0
// cmd_conformance.cpp: `iamguard conformance FILE.jsonl... [--exclude-tag TAG]...`: run IAM
// evaluation test vectors (shared/conformance/iam-eval/README.md format) and report failures.
#include <iostream>
#include <string>
#include <vector>

#include <iamguard/eval/conformance.hpp>

#include "commands.hpp"
#include "io.hpp"

namespace iamguard::cli {
namespace {

struct conformance_cli_options {
    std::vector<std::string> files;
    std::vector<std::string> exclude_tags;
    bool include_disputed = false;
};

int run_conformance_command(const conformance_cli_options& o) {
    eval::conformance_options opts;
    opts.exclude_tags = o.exclude_tags;
    opts.skip_disputed = !o.include_disputed;
    eval::conformance_report report;
    int rc = 0;
    for (const auto& file : o.files) {
        std::string why;
        const auto text = read_input(file, why);
        if (!text) {
            std::cerr << "iamguard conformance: " << why << '\n';
            rc = 2;
            continue;
        }
        const std::size_t before = report.failures.size();
        eval::run_conformance(*text, opts, report, file);
        for (std::size_t i = before; i < report.failures.size(); ++i)
            std::cout << "FAIL " << report.failures[i].id << ": " << report.failures[i].message << '\n';
    }
    if (report.skipped > 0) std::cout << report.skipped << " skipped\n";
    std::cout << report.passed << " passed, " << report.failed << " failed\n";
    if (rc != 0) return rc;
    return report.failed == 0 ? 0 : 1;
}

}  // namespace

void add_conformance_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<conformance_cli_options>();
    auto* sub = app.add_subcommand("conformance", "Run IAM evaluation test vectors (JSON Lines)");
    sub->add_option("files", opts->files, "Vector files (.jsonl)")->required();
    sub->add_option("--exclude-tag", opts->exclude_tags,
                    "Skip cases with this tag; a trailing * matches a prefix (e.g. service:*); repeatable")
        ->allow_extra_args(false);  // `--exclude-tag x FILE` must not take FILE as a tag
    sub->add_flag("--include-disputed", opts->include_disputed,
                  "Also run cases whose expectation contradicts AWS documentation (review status disputed)");
    sub->callback([opts, &exit_code] { exit_code = run_conformance_command(*opts); });
}

}  // namespace iamguard::cli
