// SPDX-License-Identifier: Apache-2.0
// cmd_test.cpp: `iamguard test [PATH...]`: run the tests that ship beside rules (`X.tests.json`
// next to `X.rule`), print every failing case and a final `N passed, N failed` line.
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <iamguard/analysis/functions.hpp>
#include <iamguard/rules/rule_test.hpp>

#include "commands.hpp"
#include "io.hpp"

namespace iamguard::cli {
namespace {

struct test_cli_options {
    std::vector<std::string> paths;
    bool verbose = false;
    bool no_color = false;
};

std::string where(const std::string& file, source_pos pos) {
    return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

void print_diagnostics(const std::vector<diagnostic>& diags) {
    std::map<std::string, std::string> sources;
    for (const auto& d : diags) {
        std::string text;
        if (!d.file.empty()) {
            auto it = sources.find(d.file);
            if (it == sources.end()) {
                std::string why;
                it = sources.emplace(d.file, read_input(d.file, why).value_or("")).first;
            }
            text = it->second;
        }
        std::cerr << render(d, text);
    }
}

int run_test(const test_cli_options& o) {
    std::vector<std::filesystem::path> paths(o.paths.begin(), o.paths.end());
    if (paths.empty()) paths.emplace_back(IAMGUARD_DEFAULT_RULES_DIR);
    const auto functions = analysis::standard_functions();
    rules::test_run_options opts;
    opts.functions = &functions;
    const auto report = rules::run_rule_tests(paths, opts);
    print_diagnostics(report.diagnostics);
    const bool colour = !o.no_color && use_colour(1);
    for (const auto& f : report.failures) {
        std::cout << paint("FAIL", "1;31", colour) << ' ' << f.rule_id << " `" << f.case_name << "` ("
                  << where(f.file, f.pos) << ")\n"
                  << "  " << f.entity << ": expected " << rules::to_string(f.expected) << ", got "
                  << rules::to_string(f.actual) << '\n';
        if (!f.message.empty()) std::cout << "    message: " << f.message << '\n';
        for (const auto& e : f.evidence) {
            std::cout << "    evidence: " << e.path;
            if (e.pos.line > 0) std::cout << " at " << e.pos.line << ":" << e.pos.column;
            std::cout << ": " << e.value << '\n';
        }
    }
    if (o.verbose)
        std::cout << report.rule_files << " rule file" << (report.rule_files == 1 ? "" : "s") << " tested\n";
    std::cout << report.passed << " passed, " << report.failed << " failed\n";
    if (report.has_errors()) return 2;
    return report.failed > 0 ? 1 : 0;
}

}  // namespace

void add_test_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<test_cli_options>();
    auto* cmd = app.add_subcommand("test", "Run the tests beside rule files (X.tests.json next to X.rule)");
    cmd->add_option("paths", opts->paths,
                    "Rule files, tests files or directories (searched recursively); default: the shipped rule pack");
    cmd->add_flag("-v,--verbose", opts->verbose, "Also print how many rule files were tested");
    cmd->add_flag("--no-color", opts->no_color, "Never colour the output");
    cmd->callback([opts, &exit_code] { exit_code = run_test(*opts); });
}

}  // namespace iamguard::cli
