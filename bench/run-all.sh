#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/run-all.sh: regenerates every figure of bench/RESULTS.md from scratch.
#
#   bench/run-all.sh [--quick] [--skip-build] [--scans-only] [--rt] [--sizes "1000 10000 100000 1000000"]
#
# 1. configures and builds the `bench` preset (Release, benchmarks on; build/bench);
# 2. runs every Google Benchmark suite (bm_parse, bm_load, bm_eval, bm_rules, bm_condition, bm_scan) with
#    repetitions, JSON results in build/bench/results/;
# 3. runs bench/iam-simulate (the JavaScript comparison of bm_eval) when node and npm are installed
#    (from a copy in build/bench/iam-simulate, where npm installs its pinned package);
# 4. generates the corpora (corpus_gen, seed 1) under build/bench/corpus/rN for each size;
# 5. times `iamguard scan` with the shipped pack on each corpus with /usr/bin/time -v, with one
#    and two threads, JSON Lines and (up to 10^4 roles) authorization-details pages, and an
#    organisation of 8 such accounts (account by account, and loaded together); checks that the
#    JSON Lines form equals what `iamguard entities` makes of the pages; up to 10^5 roles, what
#    the host gives two threads at the same moments (bench/host-capacity.sh);
# 6. prints the Markdown tables of bench/RESULTS.md (also written to build/bench/results/tables.md).
#
# Nothing is written outside build/bench. The machine should be otherwise idle: the load
# average is printed before each measurement; CPU times (user+sys) are quoted beside wall times.
# --quick: one repetition and sizes up to 10^5 (to check the script, not to quote).
# --scans-only: steps 4-6 only (the corpora and the timed scans, for the sizes given).
# --rt: run the timed scans with real-time priority (`chrt -f 1`, needs root), so that other
#   work on a shared machine does not take the second core away from the two-thread runs.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/bench"
results="$build/results"
corpora="$build/corpus"
reps=5
sizes="1000 10000 100000 1000000"
skip_build=0
scans_only=0
prio=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) reps=1; sizes="1000 10000 100000" ;;
    --skip-build) skip_build=1 ;;
    --scans-only) scans_only=1; skip_build=1 ;;
    --rt) prio=(chrt -f 1) ;;
    --sizes) sizes="$2"; shift ;;
    *) echo "run-all.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
[ -x /usr/bin/time ] || { echo "run-all.sh: /usr/bin/time is missing (cmake/install-deps.sh --bench installs it)" >&2; exit 2; }

cd "$root"
if [ "$skip_build" = 0 ]; then
  cmake --preset bench >/dev/null
  cmake --build --preset bench -j2
fi
mkdir -p "$results" "$corpora"
echo "== $(date -u +%FT%TZ) $(uname -m), $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$results/machine.txt"

gbench() {  # name, extra args...
  local name=$1; shift
  echo "== $name (load $(cut -d' ' -f1-3 /proc/loadavg))"
  "$build/bench/$name" --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
    --benchmark_out="$results/$name.json" --benchmark_out_format=json "$@"
}

# ---- 4. corpora (first: bm_scan reads r10000) ----
corpus_sizes="$sizes"; [ "$scans_only" = 1 ] || corpus_sizes="$sizes 10000"
for n in $corpus_sizes; do
  if ! grep -qs "lines in" "$corpora/r$n.log"; then  # the log ends so only when corpus_gen finished
    echo "== corpus_gen --roles $n"
    "$build/bench/corpus_gen" --roles "$n" --seed 1 --out "$corpora/r$n" 2>&1 | tee "$corpora/r$n.log"
  fi
done
du -sb "$corpora"/r*/authz "$corpora"/r*/entities.jsonl | tee "$results/corpus-sizes.txt"

# ---- 2. Google Benchmark suites ----
[ "$scans_only" = 1 ] || for s in bm_parse bm_load bm_eval bm_rules bm_condition; do
  [ -x "$build/bench/$s" ] && gbench "$s"
done
# bm_scan: repetitions of 2 s (with the default 0.5 s, a repetition of the pages is one or two
# 0.4 s iterations, and the first pays for touching fresh memory). Not interleaved
# (--benchmark_enable_random_interleaving): nlohmann's parse of the pages, timed after the scans
# in their heap, then took 587 ms instead of 250-420 ms (bench/HISTORY.md, 2026-12-04, fourth
# session).
[ "$scans_only" = 1 ] || gbench bm_scan --corpus "$corpora/r10000" --benchmark_min_time=2

# ---- 3. the JavaScript comparison of bm_eval ----
# Run from a copy under build/bench, so that npm's node_modules stays out of the source tree;
# npm installs the pinned version of package.json the first time.
if [ "$scans_only" = 0 ] && command -v node >/dev/null && command -v npm >/dev/null; then
  echo "== iam-simulate"
  sim="$build/iam-simulate"
  mkdir -p "$sim"
  cp "$root"/bench/iam-simulate/{package.json,bench.mjs,cases.json} "$sim/"
  if [ -d "$sim/node_modules/@cloud-copilot/iam-simulate" ] ||
     (cd "$sim" && npm install --no-audit --no-fund --loglevel=error); then
    (cd "$sim" && node bench.mjs) | tee "$results/iam-simulate.txt" ||
      echo "run-all.sh: bench.mjs failed; the iam-simulate comparison is skipped" >&2
  else
    echo "run-all.sh: npm install failed in $sim; the iam-simulate comparison is skipped" >&2
  fi
fi

# ---- 5. scans timed with /usr/bin/time -v ----
# The command of every row (exit status 1 means findings were reported, which they are):
#   iamguard scan --threads T -f json -o /dev/null --now 2026-01-01T00:00:00Z [--rules R ...] INPUT...
# "full" is the whole shipped pack (dsl/rules); "per_entity" leaves out its aggregate rules
# (`List<T>`, IG.IAM.010 today), to show what they cost. JSON Lines are streamed (the aggregate
# rules keep a digest per grouped role, not the entities); the authorization-details pages are
# loaded together for their joins, so they are run up to 10^5 roles only (about 2.5 GB there;
# memory linear in the account, see bench/RESULTS.md).
per_entity_rules=()
for f in "$root"/dsl/rules/*.rule; do
  grep -q "List<" "$f" || per_entity_rules+=(--rules "$f")
done
timed() {  # label, threads, arguments...
  local label=$1 threads=$2; shift 2
  local log="$results/time-$label-j$threads.txt"
  echo "== scan $label -j$threads (load $(cut -d' ' -f1-3 /proc/loadavg))"
  "${prio[@]}" /usr/bin/time -v "$build/iamguard" scan --threads "$threads" -f json -o /dev/null \
    --now 2026-01-01T00:00:00Z "$@" 2>"$log" >/dev/null || [ $? = 1 ]
  grep -E "Elapsed|Maximum resident|User time|System time" "$log"
}
for n in $sizes; do
  rm -f "$results"/time-*-r"$n"-rep*.txt
  runs=3; [ "$n" -ge 1000000 ] && runs=1  # 10^6 roles: one run per thread count
  for rep in $(seq "$runs"); do  # one thread then two, in turn: each pair sees the host in one state
    for t in 1 2; do
      timed "jsonl_full-r$n-rep$rep" "$t" "$corpora/r$n/entities.jsonl"
      timed "jsonl_per_entity-r$n-rep$rep" "$t" "${per_entity_rules[@]}" "$corpora/r$n/entities.jsonl"
      if [ "$n" -le 100000 ]; then
        timed "pages_full-r$n-rep$rep" "$t" "$corpora/r$n"/authz/page-*.json
      fi
    done
  done
done

# An organisation: 8 accounts of 10^4 roles (seeds 1-8, pages only), one directory per account.
# `units`: `iamguard scan org8/` scans it account by account (examples/cli/README.md);
# `together`: the same inputs plus an empty CloudFormation template, an input whose account is
# unknown, which makes the scan load every input together (as every scan did before 2026-12-04).
for s in 1 2 3 4 5 6 7 8; do
  if [ ! -s "$corpora/org8/acct-$s/authz/page-00013.json" ]; then
    "$build/bench/corpus_gen" --roles 10000 --seed "$s" --pages --out "$corpora/org8/acct-$s"
  fi
done
echo '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}' > "$corpora/empty-stack.json"
rm -f "$results"/time-org_*.txt
for rep in 1 2 3; do
  for t in 1 2; do
    timed "org_units-a8-r10000-rep$rep" "$t" "$corpora/org8"
    timed "org_together-a8-r10000-rep$rep" "$t" "$corpora/org8" "$corpora/empty-stack.json"
  done
done

# What the host gives two threads, measured beside what they gain (bench/host-capacity.sh):
# one-thread scans pinned to each CPU, alone and two at once, then one and two threads, in turn.
rm -f "$results"/capacity-*.txt
for n in $sizes; do
  [ "$n" -le 100000 ] || continue
  rounds=8; [ "$n" -ge 100000 ] && rounds=3
  "$root/bench/host-capacity.sh" "$build/iamguard" "$rounds" "$results/capacity-pages-r$n.txt" "$corpora/r$n"/authz/page-*.json
  "$root/bench/host-capacity.sh" "$build/iamguard" "$rounds" "$results/capacity-jsonl-r$n.txt" "$corpora/r$n/entities.jsonl"
done

# The generator's contract, on a 1,000-role account of another seed: same seed same bytes, page
# markers, JSON Lines = `iamguard entities` of the pages, same failures found in both forms.
"$root/bench/gen/check_corpus.sh" "$build/bench/corpus_gen" "$build/iamguard" "$build/check-corpus" |
  tee "$results/corpus-check.txt"

# ---- 6. tables ----
python3 "$root/bench/gen/tables.py" "$results" "$corpora" | tee "$results/tables.md"
