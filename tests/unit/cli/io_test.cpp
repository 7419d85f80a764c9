// SPDX-License-Identifier: Apache-2.0
// io_test.cpp: the input helpers of the `iamguard` tool (examples/cli/io.hpp): reading the rest of
// a stream in blocks into reserved room, reading file after file into one string, and the files a
// directory argument stands for.
#define BOOST_TEST_MODULE cli_io
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io.hpp"
#include "cli_run.hpp"

namespace fs = std::filesystem;
using iamguard::cli::append_rest;
using iamguard::cli::expand_directory;
using iamguard::cli::read_input_into;
using iamguard::cli::read_prefix;
using iamguard::cli::input_extensions;
using iamguard::cli::rule_extensions;

namespace {

// Bytes that differ from block to block, so that a block read twice or skipped shows.
std::string pattern(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 4096) % 26);
    return s;
}

void touch(const fs::path& p) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "{}";
}

}  // namespace

BOOST_AUTO_TEST_CASE(append_rest_reads_every_byte_after_what_was_read) {
    const std::string text = pattern((3u << 20) + 12345);  // three blocks and a part
    std::istringstream in(text);
    std::string out(5, 'x');
    in.read(out.data(), 5);  // what a caller read first (the first line, say)
    BOOST_TEST(append_rest(in, out));
    BOOST_TEST(out.size() == text.size());
    BOOST_TEST((out == text));
}

BOOST_AUTO_TEST_CASE(append_rest_fills_reserved_room_without_moving_the_string) {
    const std::string text = pattern((1u << 20) + 777);
    std::istringstream in(text);
    std::string out;
    out.reserve(text.size() + 1);  // the size and one byte: the read that meets the end
    const char* before = out.data();
    BOOST_TEST(append_rest(in, out));
    BOOST_TEST((out == text));
    BOOST_TEST(static_cast<const void*>(out.data()) == static_cast<const void*>(before));
    std::istringstream empty;
    std::string none;
    BOOST_TEST(append_rest(empty, none));
    BOOST_TEST(none.empty());
}

BOOST_AUTO_TEST_CASE(read_prefix_reads_at_most_the_bytes_asked) {
    const fs::path dir = iamguard::test::scratch_dir("io-test") / "prefix";
    fs::create_directories(dir);
    std::ofstream((dir / "ten.json").string(), std::ios::binary) << "0123456789";
    std::string error;
    BOOST_TEST(read_prefix((dir / "ten.json").string(), 4, error).value_or("<none>") == "0123");
    BOOST_TEST(read_prefix((dir / "ten.json").string(), 64, error).value_or("<none>") == "0123456789");
    BOOST_TEST(error.empty());
    BOOST_TEST(!read_prefix(dir.string(), 4, error));
    BOOST_TEST(error == dir.string() + ": is a directory");
    BOOST_TEST(!read_prefix((dir / "missing.json").string(), 4, error));
    BOOST_TEST(error == (dir / "missing.json").string() + ": cannot open: No such file or directory");
}

BOOST_AUTO_TEST_CASE(read_input_into_replaces_the_text_in_the_block_it_has_when_it_fits) {
    const fs::path dir = iamguard::test::scratch_dir("io-test") / "into";
    fs::create_directories(dir);
    const std::string large = pattern((1u << 20) + 7);
    std::ofstream((dir / "large.json").string(), std::ios::binary) << large;
    std::ofstream((dir / "small.json").string(), std::ios::binary) << "{\"small\": true}";
    std::string text = "left over";
    std::string error;
    BOOST_TEST_REQUIRE(read_input_into((dir / "large.json").string(), text, error));
    BOOST_TEST((text == large));
    const char* block = text.data();
    BOOST_TEST_REQUIRE(read_input_into((dir / "small.json").string(), text, error));
    BOOST_TEST(text == "{\"small\": true}");  // nothing of the larger text left
    BOOST_TEST(static_cast<const void*>(text.data()) == static_cast<const void*>(block));  // the same block
    BOOST_TEST(error.empty());
    BOOST_TEST(!read_input_into((dir / "missing.json").string(), text, error));
    BOOST_TEST(error == (dir / "missing.json").string() + ": cannot open: No such file or directory");
    BOOST_TEST(!read_input_into(dir.string(), text, error));
    BOOST_TEST(error == dir.string() + ": is a directory");
}

BOOST_AUTO_TEST_CASE(a_file_or_dash_names_itself) {
    std::string error;
    BOOST_TEST((expand_directory("-", input_extensions, error) == std::vector<std::string>{"-"}));
    BOOST_TEST((expand_directory("/no/such/file.json", input_extensions, error) ==
                std::vector<std::string>{"/no/such/file.json"}));  // reading it will say it is missing
    BOOST_TEST(error.empty());
}

BOOST_AUTO_TEST_CASE(a_directory_names_its_input_files_recursively_in_path_order) {
    const fs::path dir = iamguard::test::scratch_dir("io-test") / "tree";
    fs::remove_all(dir);
    touch(dir / "b" / "page-2.json");
    touch(dir / "b" / "page-10.JSON");  // extensions compare without case
    touch(dir / "a.jsonl");
    touch(dir / "creds.csv");
    touch(dir / "stack.yml");
    touch(dir / "notes.txt");            // another kind of file
    touch(dir / ".hidden.json");         // hidden file
    touch(dir / ".git" / "config.json");  // below a hidden directory
    fs::create_symlink(dir / "missing.json", dir / "dangling.json");  // a link to nothing: skipped
    fs::create_directories(dir / "empty");
    std::string error;
    const auto files = expand_directory(dir.string(), input_extensions, error);
    BOOST_TEST(error.empty());
    const std::vector<std::string> expected{(dir / "a.jsonl").string(), (dir / "b" / "page-10.JSON").string(),
                                            (dir / "b" / "page-2.json").string(), (dir / "creds.csv").string(),
                                            (dir / "stack.yml").string()};
    BOOST_TEST(files == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_directory_without_such_files_names_the_extensions) {
    const fs::path dir = iamguard::test::scratch_dir("io-test") / "nothing";
    fs::remove_all(dir);
    touch(dir / "notes.txt");
    std::string error;
    BOOST_TEST(expand_directory(dir.string(), input_extensions, error).empty());
    BOOST_TEST(error == "is a directory without *.json, *.jsonl, *.ndjson, *.yaml, *.yml, *.template or *.csv files");
    error.clear();
    BOOST_TEST(expand_directory(dir.string(), rule_extensions, error).empty());
    BOOST_TEST(error == "is a directory without *.rule files");
}
