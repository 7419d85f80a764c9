// SPDX-License-Identifier: Apache-2.0
// pieces.hpp: running the independent pieces of a load step (the joins' per-entity work) on
// the threads load_options::threads allows.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <system_error>
#include <thread>
#include <type_traits>
#include <vector>

namespace iamguard::entity::detail {

/// The threads a step of `pieces` pieces runs on for load_options::threads `asked` (0: one per
/// core): never more than there are pieces.
inline unsigned piece_workers(unsigned asked, std::size_t pieces) {
    if (pieces <= 1 || asked == 1) return 1;
    // hardware_concurrency() reads /sys on every call with glibc: only when asked for
    const unsigned wanted = asked == 0 ? std::max(1u, std::thread::hardware_concurrency()) : asked;
    return static_cast<unsigned>(std::min<std::size_t>(wanted, pieces));
}

/// Calls `piece(k)` once for every k in [0, pieces), on up to `workers` threads (this one
/// included), each thread taking the next piece not yet taken. A `piece` that takes a second
/// argument is told which thread runs it (0 .. workers-1, 0 being this one), for state a thread
/// keeps from one piece to the next. The pieces must not touch the
/// same data, or only read it. With one worker, everything runs here, in order. The first
/// exception a piece throws (std::bad_alloc) stops the pieces not yet started and is rethrown
/// once every thread has stopped. When threads cannot be started, fewer run the pieces (this
/// one alone, at worst).
template <class Piece>
void run_pieces(std::size_t pieces, unsigned workers, Piece&& piece) {
    auto run = [&](std::size_t k, unsigned w) {
        if constexpr (std::is_invocable_v<Piece&, std::size_t, unsigned>) {
            piece(k, w);
        } else {
            piece(k);
        }
    };
    if (workers <= 1) {
        for (std::size_t k = 0; k < pieces; ++k) run(k, 0);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::exception_ptr> failures(workers);
    auto work = [&](unsigned w) {
        try {
            for (std::size_t k = next++; k < pieces; k = next++) run(k, w);
        } catch (...) {
            failures[w] = std::current_exception();
            next = pieces;
        }
    };
    std::vector<std::thread> threads;
    threads.reserve(workers - 1);
    try {
        for (unsigned w = 1; w < workers; ++w) threads.emplace_back(work, w);
    } catch (const std::system_error&) {
        // fewer threads than asked: the ones started and this one take every piece
    }
    work(0);
    for (auto& t : threads) t.join();
    for (const auto& f : failures)
        if (f) std::rethrow_exception(f);
}

}  // namespace iamguard::entity::detail
