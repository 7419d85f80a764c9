// SPDX-License-Identifier: Apache-2.0
// unit_inputs_test.cpp: a unit's inputs as the tool hands them to entity::load() (files by a
// reader, standard input by its text) and the texts read again for quoting diagnostics
// (examples/cli/unit_inputs.hpp).
#define BOOST_TEST_MODULE cli_unit_inputs
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <iamguard/entity/codes.hpp>

#include "cli_run.hpp"
#include "unit_inputs.hpp"

namespace fs = std::filesystem;
using iamguard::cli::is_unreadable_input;
using iamguard::cli::load_inputs;
using iamguard::cli::quoted_sources;
using iamguard::cli::unit_input;

namespace {

constexpr std::string_view page = R"({"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r"}]})";

fs::path write(const std::string& name, std::string_view text) {
    const fs::path dir = iamguard::test::scratch_dir("unit-inputs-test");
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
}

}  // namespace

BOOST_AUTO_TEST_CASE(files_are_given_by_readers_with_their_sizes_and_standard_input_by_its_text) {
    const fs::path file = write("page.json", page);
    const fs::path missing = file.parent_path() / "missing.json";
    const std::vector<unit_input> inputs = {{file.string(), file.string(), ""},
                                            {"<stdin>", "-", "{\"UserDetailList\": []}"},
                                            {missing.string(), missing.string(), ""}};
    const auto loaded = load_inputs(inputs);
    BOOST_TEST_REQUIRE(loaded.size() == 3u);
    BOOST_TEST(loaded[0].name == file.string());
    BOOST_TEST(static_cast<bool>(loaded[0].read));
    BOOST_TEST(loaded[0].size == page.size());
    std::string text, why;
    BOOST_TEST(loaded[0].read(text, why));
    BOOST_TEST(text == page);
    BOOST_TEST(!loaded[1].read);  // standard input cannot be read twice: given whole
    BOOST_TEST(loaded[1].text == "{\"UserDetailList\": []}");
    BOOST_TEST(!loaded[2].read(text, why));
    BOOST_TEST(why == "cannot open: No such file or directory");  // the diagnostic names the file
    BOOST_TEST(loaded[2].size == 0u);
}

BOOST_AUTO_TEST_CASE(load_reports_a_file_it_cannot_read_as_an_unreadable_input) {
    const fs::path file = write("page2.json", page);
    const fs::path missing = file.parent_path() / "missing.json";
    const std::vector<unit_input> inputs = {{missing.string(), missing.string(), ""}, {file.string(), file.string(), ""}};
    const auto r = iamguard::entity::load(load_inputs(inputs));
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(is_unreadable_input(r.diagnostics[0]));
    BOOST_TEST(r.diagnostics[0].file == missing.string());
    BOOST_TEST(r.diagnostics[0].message == "cannot open: No such file or directory");
    BOOST_TEST(r.entities.size() == 2u);  // the role and its account
    iamguard::diagnostic located = r.diagnostics[0];
    located.pos.line = 3;
    BOOST_TEST(!is_unreadable_input(located));  // a located L001 is quoted as any other
}

BOOST_AUTO_TEST_CASE(quoted_sources_read_each_text_once_and_keep_standard_input) {
    const fs::path file = write("quoted.json", "first\nsecond\n");
    const std::vector<unit_input> inputs = {{"shown-name", file.string(), ""}, {"<stdin>", "-", "from stdin"}};
    quoted_sources sources(inputs);
    BOOST_TEST(sources.text_of("shown-name") == "first\nsecond\n");  // by the name it is reported under
    std::ofstream(file, std::ios::binary) << "changed";
    BOOST_TEST(sources.text_of("shown-name") == "first\nsecond\n");  // read once
    BOOST_TEST(sources.text_of("<stdin>") == "from stdin");
    BOOST_TEST(sources.text_of("unknown").empty());
    fs::remove(file);
    quoted_sources gone(inputs);
    BOOST_TEST(gone.text_of("shown-name").empty());  // unreadable now: nothing to quote
}
