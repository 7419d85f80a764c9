// SPDX-License-Identifier: Apache-2.0
// How the `iamguard` binary is linked. With IAMGUARD_STATIC_CLI (the release and bench presets)
// it is one static executable: no program interpreter, so the dynamic loader does not run at
// either of a scan's two starts (examples/cli/malloc_tuning.hpp; bench/HISTORY.md, eleventh session, has the cost).
// Without it (the asan preset: sanitizers need the loader) it is linked dynamically.
#include <boost/test/unit_test.hpp>

#include <elf.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

namespace {

/// Whether the ELF file at `path` names a program interpreter (a PT_INTERP program header).
/// Fails the test when the file is not a 64-bit ELF file whose headers it holds.
bool has_program_interpreter(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Elf64_Ehdr header{};
    BOOST_TEST_REQUIRE(bytes.size() >= sizeof header);
    std::memcpy(&header, bytes.data(), sizeof header);
    BOOST_TEST_REQUIRE(std::memcmp(header.e_ident, ELFMAG, SELFMAG) == 0);
    BOOST_TEST_REQUIRE(header.e_ident[EI_CLASS] == ELFCLASS64);
    BOOST_TEST_REQUIRE(header.e_phentsize == sizeof(Elf64_Phdr));
    BOOST_TEST_REQUIRE(header.e_phoff + std::size_t{header.e_phnum} * sizeof(Elf64_Phdr) <= bytes.size());
    for (std::size_t i = 0; i < header.e_phnum; ++i) {
        Elf64_Phdr program_header{};
        std::memcpy(&program_header, bytes.data() + header.e_phoff + i * sizeof program_header, sizeof program_header);
        if (program_header.p_type == PT_INTERP) return true;
    }
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_link)

BOOST_AUTO_TEST_CASE(the_command_needs_the_dynamic_loader_only_when_not_linked_statically) {
    BOOST_TEST(has_program_interpreter(IAMGUARD_CLI) == !IAMGUARD_CLI_STATIC);
}

BOOST_AUTO_TEST_SUITE_END()
