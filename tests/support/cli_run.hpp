// SPDX-License-Identifier: Apache-2.0
// cli_run.hpp: run the `iamguard` binary from an end-to-end test and capture what it printed.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "test_paths.hpp"

namespace iamguard::test {

/// What one run of the command-line tool produced.
struct cli_result {
    int code = -1;    ///< exit status, or -1 when the process did not exit normally
    std::string out;  ///< standard output
    std::string err;  ///< standard error
};

/// The scratch directories this test process made; removed when it exits (they were left
/// behind, one per test run, under the temporary directory).
class scratch_dirs {
public:
    static scratch_dirs& instance() {
        static scratch_dirs dirs;
        return dirs;
    }
    void add(const std::filesystem::path& dir) {
        for (const auto& d : dirs_)
            if (d == dir) return;
        dirs_.push_back(dir);
    }
    scratch_dirs(const scratch_dirs&) = delete;
    scratch_dirs& operator=(const scratch_dirs&) = delete;
    ~scratch_dirs() {
        std::error_code ec;
        for (const auto& d : dirs_) std::filesystem::remove_all(d, ec);
    }

private:
    scratch_dirs() = default;
    std::vector<std::filesystem::path> dirs_;
};

/// A scratch directory for this test process: `<tmp>/iamguard-<tag>-<pid>`, created on first use
/// and removed when the process exits.
inline std::filesystem::path scratch_dir(const std::string& tag) {
    const auto dir = std::filesystem::temp_directory_path() / ("iamguard-" + tag + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    scratch_dirs::instance().add(dir);
    return dir;
}

/// Runs `binary args` through the shell (`args` is a shell fragment, so quote paths), with
/// `stdin_file` as standard input and `env` (arguments of env(1), e.g. "A=1 B=2") added to the
/// environment; standard output and error are captured apart through files in `dir`.
inline cli_result run_cli(const std::string& binary, const std::string& args, const std::filesystem::path& dir,
                          const std::string& stdin_file = "/dev/null", const std::string& env = "") {
    const auto out = dir / "stdout", err = dir / "stderr";
    const std::string cmd = (env.empty() ? "" : "env " + env + " ") + binary + " " + args + " < '" + stdin_file +
                            "' > '" + out.string() + "' 2> '" + err.string() + "'";
    const int status = std::system(cmd.c_str());
    cli_result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

/// `p` in single quotes, for a shell fragment (test paths hold no single quote).
inline std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

/// A failure message for BOOST_TEST: the exit status and both streams.
inline std::string describe(const cli_result& r) {
    return "exit " + std::to_string(r.code) + "\nstdout:\n" + r.out + "\nstderr:\n" + r.err;
}

}  // namespace iamguard::test
