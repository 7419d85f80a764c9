// SPDX-License-Identifier: Apache-2.0
// commands.hpp: every subcommand of the `iamguard` tool registers itself through one function.
//
// Each add_*_command() adds a CLI11 subcommand whose callback stores the process exit code in
// `exit_code`: 0 success, 1 findings/errors in the input, 2 usage or unreadable input.
#pragma once

#include <CLI/CLI.hpp>

namespace iamguard::cli {

void add_check_command(CLI::App& app, int& exit_code);        // cmd_check.cpp: validate policies
void add_scan_command(CLI::App& app, int& exit_code);         // cmd_scan.cpp: run rules, report findings
void add_eval_command(CLI::App& app, int& exit_code);         // cmd_eval.cpp: evaluate a request
void add_conformance_command(CLI::App& app, int& exit_code);  // cmd_conformance.cpp: run IAM eval vectors
void add_entities_command(CLI::App& app, int& exit_code);     // cmd_entities.cpp: print loaded entities
void add_compile_command(CLI::App& app, int& exit_code);      // cmd_compile.cpp: check rule files
void add_test_command(CLI::App& app, int& exit_code);         // cmd_test.cpp: run the tests beside rules

}  // namespace iamguard::cli
