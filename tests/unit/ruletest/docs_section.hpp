// SPDX-License-Identifier: Apache-2.0
// docs_section.hpp: generated sections of dsl/rules/README.md. A test computes a section and
// checks that the committed README holds exactly that text between its markers; with
// IAMGUARD_UPDATE_DOCS=1 in the environment it writes the section instead.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_paths.hpp"

namespace iamguard::test {

/// The text between `<!-- NAME:begin -->\n` and `<!-- NAME:end -->` in `file` (empty when absent).
inline std::string read_section(const std::filesystem::path& file, const std::string& name) {
    const std::string text = read_file(file);
    const std::string begin = "<!-- " + name + ":begin -->\n";
    const std::string end = "<!-- " + name + ":end -->";
    const auto b = text.find(begin);
    const auto e = text.find(end);
    if (b == std::string::npos || e == std::string::npos || e < b) return {};
    return text.substr(b + begin.size(), e - b - begin.size());
}

/// True when the environment asks the tests to rewrite generated sections.
inline bool updating_docs() {
    const char* v = std::getenv("IAMGUARD_UPDATE_DOCS");
    return v != nullptr && std::string(v) == "1";
}

/// Replaces the section `name` of `file` with `content` (the markers must exist).
inline bool write_section(const std::filesystem::path& file, const std::string& name, const std::string& content) {
    std::string text = read_file(file);
    const std::string begin = "<!-- " + name + ":begin -->\n";
    const std::string end = "<!-- " + name + ":end -->";
    const auto b = text.find(begin);
    const auto e = text.find(end);
    if (b == std::string::npos || e == std::string::npos || e < b) return false;
    text.replace(b + begin.size(), e - b - begin.size(), content);
    std::ofstream(file, std::ios::binary) << text;
    return true;
}

}  // namespace iamguard::test
