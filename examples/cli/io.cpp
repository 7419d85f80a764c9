// SPDX-License-Identifier: Apache-2.0
#include "io.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <filesystem>

#include <unistd.h>

namespace iamguard::cli {

std::optional<std::string> read_input(const std::string& path, std::string& error) {
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        return ss.str();
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        error = path + ": is a directory";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": cannot open: " + std::strerror(errno);
        return std::nullopt;
    }
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        error = path + ": read error";
        return std::nullopt;
    }
    return data;
}

bool use_colour(int fd) {
    const char* no = std::getenv("NO_COLOR");
    return isatty(fd) != 0 && (no == nullptr || *no == '\0');
}

std::string paint(std::string_view text, std::string_view code, bool on) {
    if (!on) return std::string(text);
    std::string out = "\033[";
    out += code;
    out += 'm';
    out += text;
    out += "\033[0m";
    return out;
}

}  // namespace iamguard::cli
