// SPDX-License-Identifier: Apache-2.0
// small_blocks.hpp: the `iamguard` command's allocator for blocks of up to 512 bytes (what
// `new` asks for most: JSON values, object members, strings, AST nodes), with a cache per thread
// that no other thread locks.
#pragma once

#include <cstddef>

// Defined in builds with a sanitizer that checks `new` and `delete` (AddressSanitizer,
// ThreadSanitizer, MemorySanitizer): global_new.cpp then leaves the runtime's operators alone.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define IAMGUARD_CLI_SANITIZED 1  // GCC
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define IAMGUARD_CLI_SANITIZED 1  // clang
#endif
#endif

namespace iamguard::cli::small_blocks {

/// Why: a scan of one account's authorization-details pages makes about 2.8 million allocations,
/// most of them the account that stays loaded until the report is written. glibc's malloc takes
/// the arena's lock for every one its per-thread cache cannot serve, once the process has started
/// a thread: on two threads that lock's two atomic instructions were about 7% of the scan's CPU,
/// which one thread never pays (bench/HISTORY.md, eleventh session). Here a thread takes blocks
/// from spans of its own (64 KiB, one size class each, carved from one reserved region) and puts
/// back blocks it freed on a list of its own; a block freed by another thread goes back to the
/// owning thread through a lock-free stack, so memory freed anywhere is reused (streamed scans
/// stay bounded). A thread that ends leaves its spans to the next thread that starts. Memory is
/// never given back to the system (as the command's glibc settings already keep the heap).
///
/// Blocks are 16-byte aligned and sized in steps of 16 bytes; `new` with a larger alignment, and
/// requests above max_size, go to malloc. The region is reserved once (64 GiB of address space,
/// MAP_NORESERVE: the memory is committed only where it is touched); when the system refuses the
/// reservation, or the region is used up, allocate() returns nullptr and the caller uses malloc.
///
/// Thread safety: every function may be called from any thread at any time, including before
/// main() and while threads end. Complexity: allocate() and deallocate() take constant time,
/// except that allocate() sometimes first moves the blocks other threads handed back to this
/// thread's lists (linear in their number, each block moved once).

/// The largest request served here.
inline constexpr std::size_t max_size = 512;

/// A block of at least `n` bytes (n <= max_size; 0 is served as 1), 16-byte aligned; nullptr when
/// n > max_size or when no region could be reserved or it is used up.
[[nodiscard]] void* allocate(std::size_t n) noexcept;

/// Whether `p` is a block of allocate() (false for nullptr and for any other memory).
[[nodiscard]] bool owns(const void* p) noexcept;

/// Takes back a block of allocate(), from any thread. `p` must satisfy owns().
void deallocate(void* p) noexcept;

/// How many spans have been taken from the region so far (for tests: memory that is reused does
/// not take new spans).
[[nodiscard]] std::size_t spans_taken() noexcept;

/// The size of one span, in bytes; a span holds blocks of one size class.
inline constexpr std::size_t span_size = std::size_t{64} << 10;

}  // namespace iamguard::cli::small_blocks
