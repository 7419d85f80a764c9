// SPDX-License-Identifier: Apache-2.0
// malloc_tuning.cpp: see malloc_tuning.hpp.
#include "malloc_tuning.hpp"

#include <cstdlib>

#include <unistd.h>

namespace iamguard::cli {

void tune_malloc(char** argv) noexcept {
#if defined(__GLIBC__) && defined(__linux__)
    if (std::getenv("GLIBC_TUNABLES") != nullptr) return;
    constexpr const char* tunables =
        "glibc.malloc.tcache_count=1000:glibc.malloc.hugetlb=1"
        ":glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456"
        ":glibc.malloc.top_pad=67108864";
    if (setenv("GLIBC_TUNABLES", tunables, 1) != 0) return;
    execv("/proc/self/exe", argv);
    unsetenv("GLIBC_TUNABLES");  // still here: the execution failed; run as we are
#else
    (void)argv;
#endif
}

}  // namespace iamguard::cli
