// SPDX-License-Identifier: Apache-2.0
// scan_pipeline.cpp: the ordered worker pool of `iamguard scan`.
#include "scan_pipeline.hpp"

#include <exception>
#include <new>

namespace iamguard::cli {

ordered_pool::ordered_pool(unsigned threads, std::size_t max_in_flight, consumer consume)
    : consume_(std::move(consume)), max_in_flight_(max_in_flight == 0 ? 1 : max_in_flight) {
    if (threads <= 1) return;
    to_free_.resize(threads);
    for (auto& v : to_free_) v.reserve(max_in_flight_);  // drain() adds to them under the lock
    workers_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this, i] { work(i); });
}

ordered_pool::~ordered_pool() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        queue_.clear();  // after finish() there is none; else (an exception) they are dropped
    }
    work_ready_.notify_all();
    for (auto& t : workers_) t.join();
}

namespace {

chunk_result run_job(const ordered_pool::job& j) {
    try {
        return j();
    } catch (const std::bad_alloc&) {
        // Out of memory in one chunk: report it for that chunk instead of ending the process.
        chunk_result r;
        diagnostic d;
        d.code = "L001";
        d.message = "out of memory while scanning a chunk of the input";
        r.diagnostics.push_back(d);
        r.rendered.push_back(render_short(d) + "\n");
        r.unreadable_inputs = 1;
        return r;
    }
}

}  // namespace

void ordered_pool::work(unsigned self) {
    std::vector<chunk_result> spent;
    for (;;) {
        std::pair<std::size_t, job> item;
        {
            std::unique_lock lock(mutex_);
            work_ready_.wait(lock, [this] { return stop_ || !queue_.empty(); });
            spent.swap(to_free_[self]);
            if (queue_.empty()) return;
            item = std::move(queue_.front());
            queue_.pop_front();
            ++running_;
        }
        spent.clear();  // this worker's results, consumed on another one
        chunk_result r = run_job(item.second);
        item.second = nullptr;  // the job's captures go here, not under the lock
        {
            std::unique_lock lock(mutex_);
            --running_;
            done_.emplace(item.first, done_job{std::move(r), self});
            if (!consuming_) drain(lock, self);  // else the worker in drain() takes it too
        }
        result_ready_.notify_all();
    }
}

// Consumes, on this worker, the next results in order while they are done. consumed_ counts a
// result once consume_ has returned, so that finish() returns only when the consumer is done.
void ordered_pool::drain(std::unique_lock<std::mutex>& lock, unsigned self) {
    consuming_ = true;
    while (!done_.empty() && done_.begin()->first == consumed_) {
        auto node = done_.extract(done_.begin());
        const bool drop = stop_ || failure_ != nullptr;
        lock.unlock();
        std::exception_ptr failed;
        if (!drop) {
            try {
                consume_(std::move(node.mapped().result));
            } catch (...) {
                failed = std::current_exception();
            }
        }
        const unsigned maker = node.mapped().worker;
        if (maker == self) node = {};  // what the consumer left of it, freed outside the lock
        lock.lock();
        if (!node.empty()) to_free_[maker].push_back(std::move(node.mapped().result));
        if (failed && failure_ == nullptr) failure_ = failed;
        ++consumed_;
        result_ready_.notify_all();
    }
    consuming_ = false;
}

// Waits until at most `most_in_flight` results are not consumed. After a consumer failed: drops
// the jobs not started, waits for the running ones and rethrows.
void ordered_pool::wait_for(std::unique_lock<std::mutex>& lock, std::size_t most_in_flight) {
    for (;;) {
        if (failure_ != nullptr) {
            queue_.clear();
            result_ready_.wait(lock, [this] { return running_ == 0 && !consuming_; });
            std::rethrow_exception(failure_);
        }
        if (submitted_ - consumed_ <= most_in_flight) return;
        result_ready_.wait(lock);
    }
}

void ordered_pool::submit(job j) {
    if (workers_.empty()) {
        ++submitted_;
        consume_(run_job(j));
        ++consumed_;
        return;
    }
    std::unique_lock lock(mutex_);
    wait_for(lock, max_in_flight_ - 1);
    queue_.emplace_back(submitted_++, std::move(j));
    lock.unlock();
    work_ready_.notify_one();
}

void ordered_pool::finish() {
    if (workers_.empty()) return;
    std::unique_lock lock(mutex_);
    wait_for(lock, 0);
}

}  // namespace iamguard::cli
