// SPDX-License-Identifier: Apache-2.0
// malloc_tuning.hpp: gives glibc's allocator a larger per-thread cache, huge pages, and a heap that
// keeps the memory it has touched, for the whole run.
#pragma once

namespace iamguard::cli {

/// Blocks of up to 512 bytes that `new` asks for come from small_blocks.hpp; these settings
/// govern the rest (larger lists and strings, the inputs' texts, C and library allocations). The
/// figures below were measured before small_blocks.hpp, when malloc served every block.
/// A scan builds and frees a JSON tree and a policy AST per entity: thousands of blocks of a few
/// sizes, freed together. glibc keeps only 7 free blocks per size in its per-thread cache by
/// default; the rest go through the locked bins and are consolidated again and again (a third of
/// a scan's time in malloc and free). With 1,000 per size a scan takes about 20% less CPU
/// (bench/HISTORY.md). And the heap is given transparent huge pages (`glibc.malloc.hugetlb=1`,
/// glibc 2.35 or later; older versions ignore it): loading a 16 MB authorization-details dump
/// touches about 250 MB of heap, and with 4 KiB pages the first touch of each page is a page
/// fault, 60,000 to 90,000 of them, about half the wall time of such a scan on a virtual
/// machine; with 2 MiB pages there are a few hundred. The kernel gives huge pages only when
/// /sys/kernel/mm/transparent_hugepage/enabled is `madvise` or `always`; otherwise nothing
/// changes. For the same reason memory, once touched, is kept: blocks below 32 MiB come from the
/// heap (`mmap_threshold`; a streamed chunk's buffer of a few MB was otherwise mapped and unmapped
/// again, fresh pages each time), the heap keeps up to 256 MiB free at its top instead of
/// giving it back (`trim_threshold`), and grows 64 MiB at a time (`top_pad`): at 10^4 and 10^5
/// roles of JSON Lines, 3-8 times fewer page faults and 5-10% less time (bench/HISTORY.md).
/// The size of `top_pad` matters for worker threads: glibc gives each a heap of its own, made
/// with `top_pad` bytes of room (at most 64 MiB) and then grown one 4 KiB page per allocation
/// that does not fit, which gets no huge pages; a heap made whole at 64 MiB gets them. Two
/// workers scanning 8 accounts of 10^4 roles (each account freed in turn, its heaps given back
/// and made again): 800 page faults instead of 76,000; the pages of one such account: 900
/// instead of 9,700.
/// glibc reads these settings only at start-up, from GLIBC_TUNABLES, so when that variable is
/// unset the process sets it and executes itself again, once; when it is set (by the user, or by
/// the first run) nothing happens, so `GLIBC_TUNABLES= iamguard ...` keeps glibc's defaults.
/// If the new execution fails, the run goes on with the defaults.
/// Does nothing with other C libraries. Call first in main(), before any thread starts.
void tune_malloc(char** argv) noexcept;

}  // namespace iamguard::cli
