// SPDX-License-Identifier: Apache-2.0
// small_blocks_test.cpp: the `iamguard` command's small-block allocator (examples/cli/
// small_blocks.hpp) and its `operator new` (global_new.cpp, linked into this test too): every
// size up to max_size, alignment, what it owns, memory freed on the same thread and on others
// reused without new spans, a thread's blocks outliving it and its spans going to the next thread,
// and blocks passed between threads while all of them allocate and free.
#define BOOST_TEST_MODULE small_blocks
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "small_blocks.hpp"

namespace sb = iamguard::cli::small_blocks;

namespace {

bool aligned16(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 16 == 0; }

// Fills a block with bytes that depend on its address and a seed, and checks them: a block
// handed out twice, or overwritten by the allocator's lists, fails the check.
void fill(void* p, std::size_t n, unsigned seed) {
    auto* b = static_cast<unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<unsigned char>(seed + i * 7);
}
bool intact(const void* p, std::size_t n, unsigned seed) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i)
        if (b[i] != static_cast<unsigned char>(seed + i * 7)) return false;
    return true;
}

struct block {
    void* p;
    std::size_t n;
    unsigned seed;
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_size_up_to_the_limit_is_served_aligned_and_distinct) {
    std::vector<block> blocks;
    for (std::size_t n = 0; n <= sb::max_size; ++n) {
        void* p = sb::allocate(n);
        BOOST_TEST_REQUIRE(p != nullptr);
        BOOST_TEST(sb::owns(p));
        BOOST_TEST(aligned16(p));
        fill(p, n, static_cast<unsigned>(n));
        blocks.push_back({p, n, static_cast<unsigned>(n)});
    }
    for (const auto& b : blocks) BOOST_TEST(intact(b.p, b.n, b.seed), "size " << b.n);
    for (const auto& b : blocks) sb::deallocate(b.p);
}

BOOST_AUTO_TEST_CASE(larger_requests_and_other_memory_are_not_its_own) {
    BOOST_TEST(sb::allocate(sb::max_size + 1) == nullptr);
    BOOST_TEST(sb::allocate(std::size_t{1} << 20) == nullptr);
    BOOST_TEST(!sb::owns(nullptr));
    int on_stack = 0;
    BOOST_TEST(!sb::owns(&on_stack));
    void* from_malloc = std::malloc(64);
    BOOST_TEST(!sb::owns(from_malloc));
    std::free(from_malloc);
}

BOOST_AUTO_TEST_CASE(blocks_freed_on_the_same_thread_are_reused_before_new_spans) {
    std::vector<void*> blocks(20000);
    for (auto& p : blocks) p = sb::allocate(48);
    for (void* p : blocks) sb::deallocate(p);
    const std::size_t spans = sb::spans_taken();
    for (int round = 0; round < 5; ++round) {
        for (auto& p : blocks) p = sb::allocate(48);
        for (void* p : blocks) sb::deallocate(p);
    }
    BOOST_TEST(sb::spans_taken() == spans);
}

BOOST_AUTO_TEST_CASE(blocks_freed_on_another_thread_go_back_to_their_thread) {
    // This thread allocates, another frees, and this thread allocates the same again: the blocks
    // come back through the lock-free stack, and no span is taken for the second round.
    std::vector<void*> blocks(20000);
    for (auto& p : blocks) p = sb::allocate(80);
    std::thread([&] {
        for (void* p : blocks) sb::deallocate(p);
    }).join();
    const std::size_t spans = sb::spans_taken();
    for (int round = 0; round < 5; ++round) {
        for (auto& p : blocks) p = sb::allocate(80);
        std::thread([&] {
            for (void* p : blocks) sb::deallocate(p);
        }).join();
    }
    BOOST_TEST(sb::spans_taken() == spans);
}

BOOST_AUTO_TEST_CASE(a_threads_blocks_outlive_it_and_its_spans_go_to_the_next_thread) {
    // A thread allocates and ends with its blocks in use; they stay intact, this thread frees
    // them, and the next thread that starts takes over the ended thread's spans (the most
    // recently left heap first) with the freed blocks in them: no new span.
    std::vector<block> blocks(5000);
    std::thread([&] {
        unsigned seed = 1;
        for (auto& b : blocks) {
            b = {sb::allocate(112), 112, seed++};
            fill(b.p, b.n, b.seed);
        }
    }).join();
    bool all_intact = true;
    for (const auto& b : blocks) all_intact = all_intact && intact(b.p, b.n, b.seed);
    BOOST_TEST(all_intact);
    for (const auto& b : blocks) sb::deallocate(b.p);
    const std::size_t spans = sb::spans_taken();
    std::thread([&] {
        for (auto& b : blocks) b.p = sb::allocate(112);
        for (const auto& b : blocks) sb::deallocate(b.p);
    }).join();
    BOOST_TEST(sb::spans_taken() == spans);
}

BOOST_AUTO_TEST_CASE(threads_that_allocate_free_and_pass_blocks_to_each_other_lose_nothing) {
    // Four threads allocate blocks of every size class, check and free half of them at once and
    // pass the other half to the next thread, which checks and frees them. A block handed out
    // twice, or one whose return to its thread was lost or duplicated, breaks a check.
    constexpr int threads = 4;
    constexpr int rounds = 200;
    std::mutex lock;
    std::vector<std::vector<block>> mailbox(threads);
    std::vector<int> failures(threads, 0);
    auto work = [&](int t) {
        unsigned seed = static_cast<unsigned>(t) * 1000003u;
        for (int r = 0; r < rounds; ++r) {
            std::vector<block> mine;
            for (std::size_t n = 1; n <= sb::max_size; n += 13) {
                block b{sb::allocate(n), n, ++seed};
                fill(b.p, b.n, b.seed);
                mine.push_back(b);
            }
            std::vector<block> received;
            {
                const std::lock_guard guard(lock);
                received.swap(mailbox[t]);
                for (std::size_t i = 0; i < mine.size(); i += 2) mailbox[(t + 1) % threads].push_back(mine[i]);
            }
            for (std::size_t i = 1; i < mine.size(); i += 2) {
                if (!intact(mine[i].p, mine[i].n, mine[i].seed)) ++failures[t];
                sb::deallocate(mine[i].p);
            }
            for (const auto& b : received) {
                if (!intact(b.p, b.n, b.seed)) ++failures[t];
                sb::deallocate(b.p);
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
    for (auto& th : pool) th.join();
    for (auto& box : mailbox)
        for (const auto& b : box) {
            BOOST_TEST(intact(b.p, b.n, b.seed));
            sb::deallocate(b.p);
        }
    for (int t = 0; t < threads; ++t) BOOST_TEST(failures[t] == 0, "thread " << t);
}

BOOST_AUTO_TEST_CASE(operator_new_serves_small_blocks_here_and_larger_ones_from_malloc) {
    // global_new.cpp is linked into this test as into the command. Sanitizer builds keep their
    // runtime's operators, so nothing is served here there.
#ifdef IAMGUARD_CLI_SANITIZED
    constexpr bool replaced = false;
#else
    constexpr bool replaced = true;
#endif
    const auto small = std::make_unique<char[]>(sb::max_size);
    const auto large = std::make_unique<char[]>(sb::max_size + 1);
    BOOST_TEST(sb::owns(small.get()) == replaced);
    BOOST_TEST(!sb::owns(large.get()));
    const std::string text(200, 'x');  // a std::string's heap block comes through `new` too
    BOOST_TEST(sb::owns(text.data()) == replaced);
}
