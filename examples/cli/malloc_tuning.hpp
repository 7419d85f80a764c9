// SPDX-License-Identifier: Apache-2.0
// malloc_tuning.hpp: gives glibc's allocator a larger per-thread cache for the whole run.
#pragma once

namespace iamguard::cli {

/// A scan builds and frees a JSON tree and a policy AST per entity: thousands of blocks of a few
/// sizes, freed together. glibc keeps only 7 free blocks per size in its per-thread cache by
/// default; the rest go through the locked bins and are consolidated again and again (a third of
/// a scan's time in malloc and free). With 1,000 per size a scan takes about 20% less CPU
/// (bench/RESULTS.md). glibc reads this setting only at start-up, from GLIBC_TUNABLES, so when
/// that variable is unset the process sets it and executes itself again, once; when it is set
/// (by the user, or by the first run) nothing happens, so `GLIBC_TUNABLES= iamguard ...` keeps
/// glibc's defaults. If the new execution fails, the run goes on with the defaults.
/// Does nothing with other C libraries. Call first in main(), before any thread starts.
void tune_malloc(char** argv) noexcept;

}  // namespace iamguard::cli
