// SPDX-License-Identifier: Apache-2.0
// Inputs given by a reader (entity::input::read) instead of their text: they load exactly as the
// same texts given whole, on any number of threads; each thread reads into one buffer it reuses;
// an input that cannot be read is L001 at line 0 and the others still load; a reader's exception
// ends the load. load_files() reads its files that way and names the ones it cannot read.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <iamguard/entity/canonical.hpp>
#include <iamguard/entity/load.hpp>

#include "support.hpp"
#include "test_paths.hpp"

using namespace iamguard;
using namespace iamguard::entity;

namespace {

// Pages of one account (a user on one page, its managed policy on another, a role on both) and a
// page cut short, of different sizes.
struct pages {
    std::vector<std::string> names{"small.json", "large.json", "broken.json", "medium.json"};
    std::vector<std::string> texts{
        R"({"UserDetailList": [{"UserName": "bob", "Arn": "arn:aws:iam::111122223333:user/bob",
            "AttachedManagedPolicies": [{"PolicyName": "Ops", "PolicyArn": "arn:aws:iam::111122223333:policy/Ops"}]}]})",
        R"({"Policies": [{"PolicyName": "Ops", "Arn": "arn:aws:iam::111122223333:policy/Ops",
            "DefaultVersionId": "v1", "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
            "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}}]}],
            "RoleDetailList": [{"RoleName": "split", "Arn": "arn:aws:iam::111122223333:role/split",
            "RolePolicyList": [{"PolicyName": "in", "PolicyDocument": {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
            "Action": "s3:*", "Resource": "*"}}}]}]})",
        "{\"RoleDetailList\": [{\"RoleName\": \"cut\", \"Arn\": \"arn:aws:iam::111122223333:role/cut\"},\n  {\"RoleName\": ",
        R"({"RoleDetailList": [{"RoleName": "split", "Arn": "arn:aws:iam::111122223333:role/split",
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "444455556666"},
            "Action": "sts:AssumeRole"}}}]})"};

    [[nodiscard]] load_result given_whole(unsigned threads) const {
        std::vector<input> in;
        for (std::size_t i = 0; i < texts.size(); ++i) in.emplace_back(names[i], std::string_view(texts[i]));
        load_options o;
        o.threads = threads;
        return load(in, o);
    }
};

load_options on_threads(unsigned n) {
    load_options o;
    o.threads = n;
    return o;
}

// Everything a consumer sees of a load, as text.
std::string describe(const load_result& r) {
    std::string s;
    for (const auto& e : r.entities)
        s += to_canonical_json(e) + " from " + e.from.file + ":" + std::to_string(e.from.pos.line) + ":" +
             std::to_string(e.from.pos.column) + "\n";
    return s + iamguard::test::all_diags(r);
}

// What the readers were given: the buffers (by address) and the inputs, in the order of the calls.
struct reads {
    std::mutex lock;
    std::vector<const std::string*> buffers;
    std::vector<std::size_t> blocks_reused;  // per call: 1 when the buffer kept the block it had
    std::vector<std::size_t> inputs;
};

std::vector<input> readers(const pages& p, reads& seen, bool with_sizes) {
    std::vector<input> in;
    for (std::size_t i = 0; i < p.texts.size(); ++i) {
        in.emplace_back(p.names[i], [&p, &seen, i](std::string& text, std::string&) {
            const char* before = text.data();
            const bool had_room = text.capacity() >= p.texts[i].size();
            text.assign(p.texts[i]);  // as a file reader does: into the block when it fits
            const std::lock_guard hold(seen.lock);
            seen.buffers.push_back(&text);
            seen.blocks_reused.push_back(had_room && text.data() == before ? 1 : 0);
            seen.inputs.push_back(i);
            return true;
        }, with_sizes ? p.texts[i].size() : 0);
    }
    return in;
}

struct temp_dir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / "iamguard-reader-input-test";
    temp_dir() {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~temp_dir() { std::filesystem::remove_all(path); }
    std::filesystem::path write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return path / name;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(reader_inputs, pages)

BOOST_AUTO_TEST_CASE(inputs_read_by_readers_load_as_their_texts_given_whole) {
    const std::string whole = describe(given_whole(1));
    BOOST_TEST_REQUIRE(iamguard::test::find(given_whole(1), entity_type::role, "split") != nullptr);
    BOOST_TEST_REQUIRE(iamguard::test::diag(given_whole(1), "J001") != nullptr);
    for (unsigned threads : {1u, 2u, 3u, 0u}) {
        for (bool sizes : {true, false}) {
            reads seen;
            const auto r = load(readers(*this, seen, sizes), on_threads(threads));
            BOOST_TEST(describe(r) == whole, "threads = " << threads << ", sizes given = " << sizes);
            BOOST_TEST(std::multiset<std::size_t>(seen.inputs.begin(), seen.inputs.end()) ==
                       (std::multiset<std::size_t>{0, 1, 2, 3}));  // each read once
        }
    }
}

BOOST_AUTO_TEST_CASE(one_thread_reads_every_input_into_one_buffer_in_input_order) {
    reads seen;
    (void)load(readers(*this, seen, true), on_threads(1));
    BOOST_TEST(seen.inputs == (std::vector<std::size_t>{0, 1, 2, 3}));
    BOOST_TEST(std::set<const std::string*>(seen.buffers.begin(), seen.buffers.end()).size() == 1u);
}

BOOST_AUTO_TEST_CASE(threads_read_the_largest_first_each_into_a_buffer_it_reuses) {
    reads seen;
    (void)load(readers(*this, seen, true), on_threads(2));
    BOOST_TEST_REQUIRE(seen.inputs.size() == 4u);
    // at most one buffer per thread
    BOOST_TEST(std::set<const std::string*>(seen.buffers.begin(), seen.buffers.end()).size() <= 2u);
    // a buffer's first input is the largest it reads, so its next ones fit in the block it has
    std::set<const std::string*> first_use;
    for (std::size_t k = 0; k < seen.inputs.size(); ++k) {
        if (first_use.insert(seen.buffers[k]).second) continue;
        BOOST_TEST(seen.blocks_reused[k] == 1u, "read " << k << " of input " << seen.inputs[k]);
    }
    // each thread reads the inputs it takes largest first
    for (std::size_t k = 0; k < seen.inputs.size(); ++k)
        for (std::size_t later = k + 1; later < seen.inputs.size(); ++later)
            if (seen.buffers[later] == seen.buffers[k])
                BOOST_TEST(texts[seen.inputs[later]].size() <= texts[seen.inputs[k]].size());
}

BOOST_AUTO_TEST_CASE(an_input_that_cannot_be_read_is_L001_at_line_0_and_the_others_load) {
    for (unsigned threads : {1u, 2u}) {
        reads seen;
        auto in = readers(*this, seen, true);
        in[1] = input("large.json", [](std::string&, std::string& why) {
            why = "cannot open: Permission denied";
            return false;
        });
        const auto r = load(in, on_threads(threads));
        const diagnostic* d = iamguard::test::diag(r, "L001");
        BOOST_TEST_REQUIRE(d != nullptr, iamguard::test::all_diags(r));
        BOOST_TEST(d->file == "large.json");
        BOOST_TEST(d->message == "cannot open: Permission denied");
        BOOST_TEST(d->pos.line == 0u);
        BOOST_TEST((d->level == severity::error));
        BOOST_TEST(iamguard::test::find(r, entity_type::user, "bob") != nullptr);  // the others loaded
        BOOST_TEST(iamguard::test::find(r, entity_type::role, "split") != nullptr);
        BOOST_TEST(iamguard::test::find(r, entity_type::policy, "Ops") == nullptr);
        // in input order among the others' diagnostics, as a sequential load gives them
        BOOST_TEST_REQUIRE(r.diagnostics.size() >= 2u);
        BOOST_TEST(r.diagnostics[0].code == "L001");
        BOOST_TEST(r.diagnostics[1].file == "broken.json");
    }
}

BOOST_AUTO_TEST_CASE(an_exception_from_a_reader_ends_the_load) {
    for (unsigned threads : {1u, 2u}) {
        reads seen;
        auto in = readers(*this, seen, true);
        in[2] = input("broken.json", [](std::string&, std::string&) -> bool { throw std::runtime_error("disk gone"); });
        BOOST_CHECK_THROW((void)load(in, on_threads(threads)), std::runtime_error);
    }
}

BOOST_AUTO_TEST_CASE(load_files_reads_each_file_and_names_those_it_cannot) {
    const temp_dir dir;
    const auto small = dir.write("small.json", texts[0]);
    const auto large = dir.write("large.json", texts[1]);
    const auto missing = dir.path / "missing.json";
    for (unsigned threads : {1u, 2u}) {
        const auto r = load_files({small, missing, dir.path, large}, on_threads(threads));
        BOOST_TEST_REQUIRE(r.diagnostics.size() == 2u, iamguard::test::all_diags(r));
        BOOST_TEST(r.diagnostics[0].code == "L001");
        BOOST_TEST(r.diagnostics[0].file == missing.string());
        BOOST_TEST(r.diagnostics[0].message == "cannot read `" + missing.string() + "`: it cannot be opened");
        BOOST_TEST(r.diagnostics[0].pos.line == 0u);
        BOOST_TEST(r.diagnostics[1].file == dir.path.string());
        BOOST_TEST(r.diagnostics[1].message == "cannot read `" + dir.path.string() + "`: it is a directory");
        const auto* bob = iamguard::test::find(r, entity_type::user, "bob");
        BOOST_TEST_REQUIRE(bob != nullptr);
        BOOST_TEST(bob->from.file == small.string());
        // the joins saw both files: bob's managed policy is in the other one
        BOOST_TEST(iamguard::test::text_at(*bob, "combinedPolicies[0].policyDocument.Statement[0].Action[0]") == "iam:*");
    }
}

BOOST_AUTO_TEST_SUITE_END()
