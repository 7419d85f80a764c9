// SPDX-License-Identifier: Apache-2.0
// test_paths.hpp: where tests find the repository and the optional ../shared data.
#pragma once

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace iamguard::test {

inline std::filesystem::path source_dir() { return IAMGUARD_SOURCE_DIR; }

/// ../shared (licensed corpora and conformance data); may be absent.
inline std::filesystem::path shared_dir() { return IAMGUARD_SHARED_DIR; }

/// True when `sub` exists under shared_dir(); otherwise prints a visible SKIPPED line (CTest
/// reports the test as skipped through SKIP_REGULAR_EXPRESSION) and returns false.
inline bool shared_available(const std::string& sub) {
    if (std::filesystem::exists(shared_dir() / sub)) return true;
    std::cout << "SKIPPED: " << (shared_dir() / sub).string() << " is absent\n";
    return false;
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace iamguard::test
