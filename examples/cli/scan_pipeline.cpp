// SPDX-License-Identifier: Apache-2.0
// scan_pipeline.cpp: the ordered worker pool of `iamguard scan`.
#include "scan_pipeline.hpp"

#include <exception>
#include <new>

namespace iamguard::cli {

ordered_pool::ordered_pool(unsigned threads, std::size_t max_in_flight, consumer consume)
    : consume_(std::move(consume)), max_in_flight_(max_in_flight == 0 ? 1 : max_in_flight) {
    if (threads <= 1) return;
    workers_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

ordered_pool::~ordered_pool() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
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

void ordered_pool::work() {
    for (;;) {
        std::pair<std::size_t, job> item;
        {
            std::unique_lock lock(mutex_);
            work_ready_.wait(lock, [this] { return stop_ || !queue_.empty(); });
            if (queue_.empty()) return;
            item = std::move(queue_.front());
            queue_.pop_front();
        }
        chunk_result r = run_job(item.second);
        {
            std::lock_guard lock(mutex_);
            done_.emplace(item.first, std::move(r));
        }
        result_ready_.notify_all();
    }
}

void ordered_pool::drain(std::unique_lock<std::mutex>& lock) {
    while (!done_.empty() && done_.begin()->first == consumed_) {
        auto node = done_.extract(done_.begin());
        ++consumed_;
        lock.unlock();
        consume_(std::move(node.mapped()));
        lock.lock();
    }
}

void ordered_pool::submit(job j) {
    if (workers_.empty()) {
        ++submitted_;
        ++consumed_;
        consume_(run_job(j));
        return;
    }
    std::unique_lock lock(mutex_);
    for (;;) {
        drain(lock);
        if (submitted_ - consumed_ < max_in_flight_) break;
        result_ready_.wait(lock);
    }
    queue_.emplace_back(submitted_++, std::move(j));
    lock.unlock();
    work_ready_.notify_one();
}

void ordered_pool::finish() {
    if (workers_.empty()) return;
    std::unique_lock lock(mutex_);
    for (;;) {
        drain(lock);
        if (consumed_ == submitted_) return;
        result_ready_.wait(lock);
    }
}

}  // namespace iamguard::cli
