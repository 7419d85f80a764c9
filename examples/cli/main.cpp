// SPDX-License-Identifier: Apache-2.0
// main.cpp: the `iamguard` command-line tool, a host program built on the library.
#include <iostream>

#include "commands.hpp"
#include "malloc_tuning.hpp"

int main(int argc, char** argv) {
    iamguard::cli::tune_malloc(argv);  // may execute the program again, with the same arguments
    CLI::App app{"iamguard: audit AWS IAM policies, requests and accounts"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "iamguard 0.1.0");
    int exit_code = 0;
    iamguard::cli::add_check_command(app, exit_code);
    iamguard::cli::add_scan_command(app, exit_code);
    iamguard::cli::add_eval_command(app, exit_code);
    iamguard::cli::add_conformance_command(app, exit_code);
    iamguard::cli::add_entities_command(app, exit_code);
    iamguard::cli::add_compile_command(app, exit_code);
    iamguard::cli::add_test_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);  // prints help, the version or the usage error
        return rc == 0 ? 0 : 2;
    }
    return exit_code;
}
