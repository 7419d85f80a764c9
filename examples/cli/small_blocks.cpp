// SPDX-License-Identifier: Apache-2.0
// small_blocks.cpp: see small_blocks.hpp.
#include "small_blocks.hpp"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>

#include <sys/mman.h>

namespace iamguard::cli::small_blocks {

namespace {

constexpr std::size_t granule = 16;                      // block sizes: 16, 32, ..., max_size
constexpr std::size_t class_count = max_size / granule;
constexpr std::size_t region_bytes = std::size_t{64} << 30;
constexpr std::size_t span_count = region_bytes / span_size;

struct heap;

// The first bytes of every span: whose blocks it holds and how large they are. A block finds its
// span by rounding its address down to span_size (the region starts on a span boundary).
struct span_header {
    heap* owner;
    std::size_t block_size;
};
static_assert(sizeof(span_header) == granule);  // the first block starts 16-byte aligned

struct size_class {
    void* freed = nullptr;  // blocks freed on the owning thread: a list through their first word
    char* next = nullptr;   // the current span's part not handed out yet: [next, end)
    char* end = nullptr;
};

// One thread's blocks. Only the thread that holds it touches `classes`; other threads push the
// blocks they free onto `returned`, which the owner empties all at once (a stack that is only
// pushed to and taken whole has no ABA problem). A heap is never destroyed: a thread that ends
// leaves it on the abandoned list, with its spans, for the next thread that starts.
struct heap {
    size_class classes[class_count];
    std::atomic<void*> returned{nullptr};
    heap* next_abandoned = nullptr;
};

// The reserved address range: 64 GiB, committed only where touched (MAP_NORESERVE), given
// transparent huge pages where the system allows them (as glibc.malloc.hugetlb=1 does for the heap,
// malloc_tuning.hpp). Spans are taken in order and never given back.
struct region_t {
    char* base = nullptr;  // nullptr: the system refused the reservation; everything goes to malloc
    std::atomic<std::size_t> taken{0};

    region_t() noexcept {
        void* p = mmap(nullptr, region_bytes + span_size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) return;
        const auto at = reinterpret_cast<std::uintptr_t>(p);
        base = reinterpret_cast<char*>((at + span_size - 1) & ~(span_size - 1));
        (void)madvise(base, region_bytes, MADV_HUGEPAGE);  // refused where THP is off: no matter
    }
};

// A function-local static: reserved on first use, which may come before main() (a static
// constructor's `new`); its initialisation is thread-safe.
region_t& region() noexcept {
    static region_t r;
    return r;
}

std::mutex abandoned_lock;  // constant-initialised: usable before main()
heap* abandoned = nullptr;  // LIFO, under abandoned_lock

thread_local heap* this_thread_heap = nullptr;
thread_local bool thread_ending = false;  // after the thread's heap was left: malloc from then on

// Leaves the thread's heap on the abandoned list when the thread ends. Blocks it handed out stay
// valid; those freed later go to its `returned` stack, taken by the thread that adopts it.
struct heap_release {
    heap_release() = default;
    heap_release(const heap_release&) = delete;
    heap_release& operator=(const heap_release&) = delete;
    ~heap_release() {
        heap* h = this_thread_heap;
        thread_ending = true;
        this_thread_heap = nullptr;
        if (h == nullptr) return;
        const std::lock_guard lock(abandoned_lock);
        h->next_abandoned = abandoned;
        abandoned = h;
    }
};

// The first allocation of a thread: an abandoned heap if there is one, else a new one (from
// malloc: never freed, like the spans).
[[gnu::noinline]] heap* adopt_heap() noexcept {
    if (thread_ending) return nullptr;
    heap* h = nullptr;
    {
        const std::lock_guard lock(abandoned_lock);
        if (abandoned != nullptr) {
            h = abandoned;
            abandoned = h->next_abandoned;
            h->next_abandoned = nullptr;
        }
    }
    if (h == nullptr) {
        void* raw = std::malloc(sizeof(heap));
        if (raw == nullptr) return nullptr;
        h = ::new (raw) heap();
    }
    this_thread_heap = h;
    // Registers the release at the thread's end (glibc's __cxa_thread_atexit_impl, which uses
    // malloc, not `new`: no recursion into this allocator).
    static thread_local heap_release release;
    (void)release;
    return h;
}

span_header* span_of(const void* p) noexcept {
    return reinterpret_cast<span_header*>(reinterpret_cast<std::uintptr_t>(p) & ~(span_size - 1));
}

std::size_t class_of(std::size_t block_size) noexcept { return block_size / granule - 1; }

void push(size_class& k, void* p) noexcept {
    *static_cast<void**>(p) = k.freed;
    k.freed = p;
}

// Moves the blocks other threads gave back to this heap onto its lists.
void take_returned(heap& h) noexcept {
    void* p = h.returned.exchange(nullptr, std::memory_order_acquire);
    while (p != nullptr) {
        void* const after = *static_cast<void**>(p);
        push(h.classes[class_of(span_of(p)->block_size)], p);
        p = after;
    }
}

// The slow path of allocate(): blocks given back by other threads, else a new span.
[[gnu::noinline]] void* refill(heap& h, std::size_t c) noexcept {
    size_class& k = h.classes[c];
    if (h.returned.load(std::memory_order_relaxed) != nullptr) {
        take_returned(h);
        if (void* p = k.freed) {
            k.freed = *static_cast<void**>(p);
            return p;
        }
    }
    region_t& r = region();
    if (r.base == nullptr) return nullptr;
    const std::size_t i = r.taken.fetch_add(1, std::memory_order_relaxed);
    if (i >= span_count) return nullptr;  // used up: malloc from now on
    char* const span = r.base + i * span_size;
    const std::size_t size = (c + 1) * granule;
    ::new (span) span_header{&h, size};
    // What was left of the previous span is smaller than one block: not worth keeping.
    k.next = span + sizeof(span_header) + size;
    k.end = span + span_size;
    return span + sizeof(span_header);
}

}  // namespace

void* allocate(std::size_t n) noexcept {
    if (n > max_size) return nullptr;
    heap* h = this_thread_heap;
    if (h == nullptr) [[unlikely]] {
        h = adopt_heap();
        if (h == nullptr) return nullptr;
    }
    const std::size_t c = n == 0 ? 0 : (n - 1) / granule;
    size_class& k = h->classes[c];
    if (void* p = k.freed) {
        k.freed = *static_cast<void**>(p);
        return p;
    }
    const std::size_t size = (c + 1) * granule;
    if (static_cast<std::size_t>(k.end - k.next) >= size) {
        void* p = k.next;
        k.next += size;
        return p;
    }
    return refill(*h, c);
}

bool owns(const void* p) noexcept {
    const region_t& r = region();
    return r.base != nullptr &&
           reinterpret_cast<std::uintptr_t>(p) - reinterpret_cast<std::uintptr_t>(r.base) < region_bytes;
}

void deallocate(void* p) noexcept {
    const span_header* s = span_of(p);
    heap* const owner = s->owner;
    if (owner == this_thread_heap) {
        push(owner->classes[class_of(s->block_size)], p);
        return;
    }
    void* head = owner->returned.load(std::memory_order_relaxed);
    do {
        *static_cast<void**>(p) = head;
    } while (!owner->returned.compare_exchange_weak(head, p, std::memory_order_release, std::memory_order_relaxed));
}

std::size_t spans_taken() noexcept {
    const std::size_t t = region().taken.load(std::memory_order_relaxed);
    return t < span_count ? t : span_count;
}

}  // namespace iamguard::cli::small_blocks
