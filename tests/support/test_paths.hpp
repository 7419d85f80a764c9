// SPDX-License-Identifier: Apache-2.0
// test_paths.hpp: where tests find the repository and the optional ../shared data.
#pragma once

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace iamguard::test {

inline std::filesystem::path source_dir() { return IAMGUARD_SOURCE_DIR; }

/// ../shared (licensed corpora and conformance data); may be absent.
inline std::filesystem::path shared_dir() { return IAMGUARD_SHARED_DIR; }

/// What the test cases of this process skipped, in order.
inline std::vector<std::string>& skipped_parts() {
    static std::vector<std::string> parts;
    return parts;
}

/// Reports the skips at the end of the run, and only when no check failed: CTest marks a test
/// whose output matches SKIP_REGULAR_EXPRESSION ("SKIPPED:") as skipped whatever its exit code,
/// so a marker printed by one case would hide another case's failure.
class skip_reporter : public boost::unit_test::test_observer {
public:
    void assertion_result(boost::unit_test::assertion_result r) override {
        if (r == boost::unit_test::AR_FAILED) failed_ = true;
    }
    void exception_caught(const boost::execution_exception&) override { failed_ = true; }
    void test_unit_aborted(const boost::unit_test::test_unit&) override { failed_ = true; }
    void test_unit_timed_out(const boost::unit_test::test_unit&) override { failed_ = true; }
    void test_finish() override {
        if (skipped_parts().empty()) return;
        if (failed_) {
            std::cout << "(also skipped: " << skipped_parts().size() << " part(s) needing absent data)\n";
            return;
        }
        std::cout << "SKIPPED: " << skipped_parts().size() << " part(s) need data that is absent:";
        for (const auto& p : skipped_parts()) std::cout << "\n  " << p;
        std::cout << '\n';
    }

private:
    bool failed_ = false;
};

/// Registers one skip_reporter per test process (every file of a module includes this header,
/// so the global fixture below is set up once per file; only the first registers).
struct skip_report_fixture {
    skip_report_fixture() {
        static skip_reporter reporter;
        static const bool registered = (boost::unit_test::framework::register_observer(reporter), true);
        (void)registered;
    }
};
BOOST_TEST_GLOBAL_FIXTURE(skip_report_fixture);

/// True when `sub` exists under shared_dir(); otherwise says so and returns false. The run then
/// ends with a visible SKIPPED line (CTest reports the test as skipped through
/// SKIP_REGULAR_EXPRESSION), unless a check failed: then it is reported as failed.
inline bool shared_available(const std::string& sub) {
    if (std::filesystem::exists(shared_dir() / sub)) return true;
    const std::string what = (shared_dir() / sub).string() + " is absent";
    std::cout << "skipping: " << what << '\n';
    skipped_parts().push_back(what);
    return false;
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace iamguard::test
