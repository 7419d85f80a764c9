// SPDX-License-Identifier: Apache-2.0
// scan_pipeline_test.cpp: the ordered pool of `iamguard scan` (examples/cli/scan_pipeline.hpp):
// results in submission order whatever the thread count, and a job that runs out of memory
// reported as its chunk's result (on a worker or inline).
#define BOOST_TEST_MODULE scan_pipeline
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <new>
#include <thread>
#include <vector>

#include "scan_pipeline.hpp"

using namespace iamguard;
using iamguard::cli::chunk_result;
using iamguard::cli::ordered_pool;

namespace {

// A result that says which job made it (in `entities`).
chunk_result tagged(std::size_t job) {
    chunk_result r;
    r.entities = job;
    return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(results_are_consumed_in_submission_order_whatever_the_thread_count) {
    for (const unsigned threads : {1u, 2u, 3u}) {
        std::vector<std::size_t> consumed;
        {
            ordered_pool pool(threads, 5, [&](chunk_result&& r) { consumed.push_back(r.entities); });
            for (std::size_t i = 0; i < 40; ++i) {
                pool.submit([i] {
                    // early jobs take longest, so that later ones finish first on other threads
                    std::this_thread::sleep_for(std::chrono::microseconds(i % 4 == 0 ? 2000 : 50));
                    return tagged(i);
                });
            }
            pool.finish();
        }
        BOOST_TEST_REQUIRE(consumed.size() == 40u, threads << " threads");
        for (std::size_t i = 0; i < consumed.size(); ++i) BOOST_TEST(consumed[i] == i, threads << " threads, job " << i);
    }
}

BOOST_AUTO_TEST_CASE(a_job_out_of_memory_is_reported_as_its_chunks_result_and_the_others_go_on) {
    for (const unsigned threads : {1u, 2u}) {
        std::vector<chunk_result> consumed;
        {
            ordered_pool pool(threads, 3, [&](chunk_result&& r) { consumed.push_back(std::move(r)); });
            pool.submit([] { return tagged(7); });
            pool.submit([]() -> chunk_result { throw std::bad_alloc(); });
            pool.submit([] { return tagged(9); });
            pool.finish();
        }
        BOOST_TEST_REQUIRE(consumed.size() == 3u, threads << " threads");
        BOOST_TEST(consumed[0].entities == 7u);
        BOOST_TEST(consumed[2].entities == 9u);
        BOOST_TEST(consumed[1].unreadable_inputs == 1u);
        BOOST_TEST_REQUIRE(consumed[1].diagnostics.size() == 1u);
        BOOST_TEST(consumed[1].diagnostics[0].code == "L001");
        BOOST_TEST(consumed[1].diagnostics[0].message == "out of memory while scanning a chunk of the input");
    }
}
