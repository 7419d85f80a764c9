// SPDX-License-Identifier: Apache-2.0
// scan_pipeline.hpp: runs scan jobs on worker threads and hands their results back in order.
//
// Output must not depend on the thread count, so results are consumed in submission order, one
// at a time (the writer is not thread-safe). At most `max_in_flight` jobs are queued or
// done-but-unconsumed, which bounds memory when a large input is streamed.
//
// The results are consumed by the workers: the one that finishes the next result in order
// consumes it, and every later one already done, while the others go on with their jobs; what
// the consumer leaves of a result is freed by the worker that made it. The submitting thread
// only reads and submits. (It consumed them before: with two workers, three busy threads on two
// cores. The pages of a 10^4-role account, eight runs each: the rules' phase took 51-75 ms
// (median 55) instead of 47-67 (median 51), the chunks' jobs 86-100 ms of CPU (median 90)
// instead of 82-96 (median 87), the consumer 9-12 ms of CPU on that thread against 4-5 on one
// thread; bench/HISTORY.md. Running jobs on the submitting thread while it waits was tried too:
// two threads then took 8-10% more CPU and were slower.)
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/entity/entity.hpp>
#include <iamguard/rules/aggregate_state.hpp>
#include <iamguard/rules/finding.hpp>

namespace iamguard::cli {

/// What one job (a chunk of entities, or a chunk of JSON Lines) produced.
struct chunk_result {
    std::vector<rules::finding> findings;
    std::vector<diagnostic> diagnostics;   ///< input problems, positions in the whole input
    std::vector<std::string> rendered;     ///< the same problems rendered with their source line
    std::size_t entities = 0;              ///< entities evaluated
    rules::aggregate_state aggregates;     ///< what the aggregate rules keep of the chunk (when asked)
    std::size_t unreadable_inputs = 0;     ///< inputs that could not be read or parsed at all
    /// The chunk's input text, handed back once read, so that the reader fills the same buffer
    /// again: a fresh 4 MB buffer per chunk was fresh pages, zeroed and faulted in each time.
    std::string spent_input;
};

/// A pool of workers whose results are consumed in submission order.
class ordered_pool {
public:
    using job = std::function<chunk_result()>;
    using consumer = std::function<void(chunk_result&&)>;

    /// `threads` <= 1 runs each job, and consumes its result, inline in submit(); otherwise
    /// `threads` workers are started, which run the jobs and consume the results: `consume` is
    /// then called on a worker, never on two threads at once, each call seeing what the
    /// previous ones did. What it shares with the submitting thread needs a lock of its own.
    ordered_pool(unsigned threads, std::size_t max_in_flight, consumer consume);
    /// Waits for the jobs still queued or running (their results are not consumed).
    ~ordered_pool();
    ordered_pool(const ordered_pool&) = delete;
    ordered_pool& operator=(const ordered_pool&) = delete;

    /// Queues `j`, first waiting for room. Errors: the first exception `consume` threw on a
    /// worker is thrown here, once no job runs any more (the results after it are dropped).
    void submit(job j);
    /// Waits until every result is consumed. Errors: as submit().
    void finish();

private:
    void work(unsigned self);
    void drain(std::unique_lock<std::mutex>& lock, unsigned self);
    void wait_for(std::unique_lock<std::mutex>& lock, std::size_t most_in_flight);

    consumer consume_;
    std::size_t max_in_flight_;
    std::mutex mutex_;
    std::condition_variable work_ready_, result_ready_;
    std::deque<std::pair<std::size_t, job>> queue_;
    struct done_job {
        chunk_result result;
        unsigned worker = 0;  // the one that made it
    };
    std::map<std::size_t, done_job> done_;
    // Results consumed on another worker than the one that made them, left for that one to free
    // (before its next job): glibc frees a block fastest on the thread that allocated it. Freed
    // on the consuming worker, a JSON Lines scan took 8% longer on two threads.
    std::vector<std::vector<chunk_result>> to_free_;
    std::size_t submitted_ = 0, consumed_ = 0;  // consumed_: consumed or dropped
    bool stop_ = false;
    std::size_t running_ = 0;         // jobs taken by a worker, not yet done
    bool consuming_ = false;          // a worker is in drain()
    std::exception_ptr failure_;      // the first exception of `consume_`
    std::vector<std::thread> workers_;
};

}  // namespace iamguard::cli
