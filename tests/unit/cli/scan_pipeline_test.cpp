// SPDX-License-Identifier: Apache-2.0
// scan_pipeline_test.cpp: the ordered pool of `iamguard scan` (examples/cli/scan_pipeline.hpp):
// results in submission order whatever the thread count, consumed on the workers one at a time
// (inline with one thread), a job that runs out of memory reported as its chunk's result (on a
// worker or inline), and a consumer's exception thrown on the submitting thread.
#define BOOST_TEST_MODULE scan_pipeline
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <new>
#include <stdexcept>
#include <string>
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

BOOST_AUTO_TEST_CASE(results_are_consumed_on_the_workers_one_at_a_time) {
    const auto submitter = std::this_thread::get_id();
    std::atomic<int> inside{0};
    int most_inside = 0;  // written by the consumer alone: a data race if two ran at once
    std::vector<std::thread::id> consumers;
    std::size_t consumed = 0;
    {
        ordered_pool pool(2, 5, [&](chunk_result&&) {
            most_inside = std::max(most_inside, ++inside);
            consumers.push_back(std::this_thread::get_id());
            std::this_thread::sleep_for(std::chrono::microseconds(300));  // long enough to overlap
            ++consumed;
            --inside;
        });
        for (std::size_t i = 0; i < 30; ++i) pool.submit([i] { return tagged(i); });
        pool.finish();
        BOOST_TEST(consumed == 30u);  // all consumed when finish() returns
    }
    BOOST_TEST(most_inside == 1);
    for (const auto& id : consumers) BOOST_TEST((id != submitter));
    // with one thread, each result is consumed inline, on the submitting thread
    std::vector<std::thread::id> inline_consumers;
    {
        ordered_pool pool(1, 5, [&](chunk_result&&) { inline_consumers.push_back(std::this_thread::get_id()); });
        pool.submit([] { return tagged(0); });
        BOOST_TEST(inline_consumers.size() == 1u);  // before finish()
        pool.finish();
    }
    BOOST_TEST_REQUIRE(inline_consumers.size() == 1u);
    BOOST_TEST((inline_consumers[0] == submitter));
}

BOOST_AUTO_TEST_CASE(a_consumers_exception_is_thrown_on_the_submitting_thread_once_the_jobs_stopped) {
    std::vector<std::size_t> consumed;
    std::atomic<int> running{0};
    {
        ordered_pool pool(2, 4, [&](chunk_result&& r) {
            if (r.entities == 3) throw std::runtime_error("sink failed");
            consumed.push_back(r.entities);
        });
        bool thrown = false;
        try {
            for (std::size_t i = 0; i < 50; ++i) {
                pool.submit([i, &running] {
                    ++running;
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
                    --running;
                    return tagged(i);
                });
            }
            pool.finish();
        } catch (const std::runtime_error& e) {
            thrown = true;
            BOOST_TEST(std::string(e.what()) == "sink failed");
            BOOST_TEST(running.load() == 0);  // no job still runs when the exception arrives
        }
        BOOST_TEST(thrown);
        BOOST_CHECK_THROW(pool.finish(), std::runtime_error);  // and again: the failure stays
    }
    // the results before the failing one were consumed in order, none after it
    BOOST_TEST_REQUIRE(consumed.size() == 3u);
    for (std::size_t i = 0; i < consumed.size(); ++i) BOOST_TEST(consumed[i] == i);
}
