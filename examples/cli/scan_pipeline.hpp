// SPDX-License-Identifier: Apache-2.0
// scan_pipeline.hpp: runs scan jobs on worker threads and hands their results back in order.
//
// Output must not depend on the thread count, so results are consumed in submission order, on
// the thread that submits (the writer is not thread-safe). At most `max_in_flight` jobs are queued
// or done-but-unconsumed, which bounds memory when a large input is streamed.
//
// The submitting thread only reads, submits and consumes: it does not run jobs while it waits
// (tried: two threads then took 8-10% more CPU and were slower, bench/RESULTS.md).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
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

    /// `threads` <= 1 runs each job inline in submit(); otherwise `threads` workers are started.
    ordered_pool(unsigned threads, std::size_t max_in_flight, consumer consume);
    ~ordered_pool();
    ordered_pool(const ordered_pool&) = delete;
    ordered_pool& operator=(const ordered_pool&) = delete;

    /// Queues `j`; may first consume finished results (in order) and wait for room.
    void submit(job j);
    /// Waits for every job and consumes the remaining results in order.
    void finish();

private:
    void work();
    void drain(std::unique_lock<std::mutex>& lock);

    consumer consume_;
    std::size_t max_in_flight_;
    std::mutex mutex_;
    std::condition_variable work_ready_, result_ready_;
    std::deque<std::pair<std::size_t, job>> queue_;
    std::map<std::size_t, chunk_result> done_;
    std::size_t submitted_ = 0, consumed_ = 0;
    bool stop_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace iamguard::cli
