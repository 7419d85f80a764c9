// SPDX-License-Identifier: Apache-2.0
// global_new.cpp: the `iamguard` command's `operator new` and `operator delete`: blocks of up to
// small_blocks::max_size bytes come from small_blocks.hpp (why: there), larger ones from malloc.
// Only the command replaces them: the library allocates through `new` and never assumes how.
//
// The other forms need no replacement: libstdc++'s nothrow and array forms call these, and its
// aligned forms (`new` of a type aligned beyond 16 bytes) use aligned_alloc and free, whose blocks
// are never the small allocator's.
//
// Sanitizer builds keep their runtime's operators, which check every `new` and `delete`.
#include <cstdlib>
#include <new>

#include "small_blocks.hpp"

#ifndef IAMGUARD_CLI_SANITIZED

namespace {

// What `new` does when the small allocator cannot serve: malloc, with the standard's loop over
// the new-handler.
void* from_malloc(std::size_t n) {
    if (n == 0) n = 1;
    for (;;) {
        if (void* p = std::malloc(n)) return p;
        const std::new_handler handler = std::get_new_handler();
        if (handler == nullptr) throw std::bad_alloc();
        handler();
    }
}

}  // namespace

void* operator new(std::size_t n) {
    if (void* p = iamguard::cli::small_blocks::allocate(n)) return p;
    return from_malloc(n);
}

void* operator new[](std::size_t n) { return ::operator new(n); }

void operator delete(void* p) noexcept {
    if (iamguard::cli::small_blocks::owns(p))
        iamguard::cli::small_blocks::deallocate(p);
    else
        std::free(p);
}

void operator delete[](void* p) noexcept { ::operator delete(p); }
void operator delete(void* p, std::size_t) noexcept { ::operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { ::operator delete(p); }

#endif  // IAMGUARD_CLI_SANITIZED
