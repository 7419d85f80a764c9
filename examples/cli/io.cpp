// SPDX-License-Identifier: Apache-2.0
#include "io.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>
#include <filesystem>

#include <unistd.h>

namespace iamguard::cli {

namespace {

bool has_extension(const std::filesystem::path& p, std::span<const std::string_view> extensions) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
}

}  // namespace

std::vector<std::string> expand_directory(const std::string& path, std::span<const std::string_view> extensions,
                                          std::string& error) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (path == "-" || !fs::is_directory(path, ec)) return {path};
    std::vector<std::string> files;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        // An entry that cannot be examined (a dangling link, say) is skipped; only an error of
        // the listing itself (`ec`) stops it.
        std::error_code entry_ec;
        if (!name.empty() && name.front() == '.') {  // hidden: neither the file nor what is below
            if (it->is_directory(entry_ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(entry_ec) && has_extension(it->path(), extensions))
            files.push_back(it->path().string());
    }
    if (ec) {
        error = "cannot list the directory: " + ec.message();
        return {};
    }
    if (files.empty()) {
        error = "is a directory without ";
        std::size_t i = 0;
        for (const auto ext : extensions) {
            if (i > 0) error += i + 1 == extensions.size() ? " or " : ", ";
            error += "*";
            error += ext;
            ++i;
        }
        error += " files";
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool append_rest(std::istream& in, std::string& out) {
    constexpr std::size_t block = 1u << 20;
    while (in) {
        // Into the room the caller reserved first (no reallocation when it reserved the file's
        // size and one byte more, the byte that meets the end), then a block at a time.
        const std::size_t had = out.size();
        const std::size_t room = out.capacity() - had;
        const std::size_t n = room != 0 ? std::min(room, block) : block;
        out.resize(had + n);
        in.read(out.data() + had, static_cast<std::streamsize>(n));
        out.resize(had + static_cast<std::size_t>(in.gcount()));
    }
    return !in.bad();
}

namespace {

// Opens a file for reading; nullopt with `error` (naming the file and the reason) when it is a
// directory or cannot be opened.
std::optional<std::ifstream> open_input(const std::string& path, std::string& error) {
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
    return in;
}

}  // namespace

std::optional<std::string> read_prefix(const std::string& path, std::size_t bytes, std::string& error) {
    auto in = open_input(path, error);
    if (!in) return std::nullopt;
    std::string data(bytes, '\0');
    in->read(data.data(), static_cast<std::streamsize>(bytes));
    if (in->bad()) {
        error = path + ": read error";
        return std::nullopt;
    }
    data.resize(static_cast<std::size_t>(in->gcount()));
    return data;
}

std::optional<std::string> read_input(const std::string& path, std::string& error) {
    std::string data;
    if (!read_input_into(path, data, error)) return std::nullopt;
    return data;
}

bool read_input_into(const std::string& path, std::string& text, std::string& error) {
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        text = std::move(ss).str();
        return true;
    }
    auto in = open_input(path, error);
    if (!in) return false;
    text.clear();
    std::error_code ec;
    if (const auto size = std::filesystem::file_size(path, ec); !ec) text.reserve(size + 1);
    if (!append_rest(*in, text)) {
        error = path + ": read error";
        return false;
    }
    return true;
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
