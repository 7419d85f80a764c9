#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/host-capacity.sh: what two threads can gain on this host, measured beside what they gain.
#
#   bench/host-capacity.sh IAMGUARD ROUNDS OUT INPUT...
#
# Each round, back to back, with the shipped pack and the arguments of every timed scan
# (--threads T -f json -o /dev/null --now 2026-01-01T00:00:00Z INPUT...):
#   alone0, alone1  a one-thread scan pinned to CPU 0, then to CPU 1 (taskset), alone;
#   pair0, pair1    two one-thread scans started together, one pinned to each CPU;
#   t1, t2          the scan with --threads 1 and --threads 2 on either CPU (as users run it).
# One line per run goes to OUT: `round name wall_ms user_s sys_s` (user and system times from
# /usr/bin/time).
#
# Why: the two vCPUs of a small cloud machine are not two whole cores at every moment. On the
# machine of bench/RESULTS.md a one-thread scan has run 75% slower on CPU 0 than on CPU 1 while a
# loop of multiplications ran at the same speed on both (memory, not the ALU, is shared with
# other tenants; bench/HISTORY.md, eighth session). The pair is the best case of two threads: two scans that share nothing, no
# serial part, no coordination. Its rate, t1 * (1/pair0 + 1/pair1), is the speed-up two
# perfectly parallel threads would reach at that moment (bench/gen/tables.py prints it beside
# t1 / t2). Needs taskset (util-linux) and at least two CPUs.
set -euo pipefail
[ $# -ge 4 ] || { echo "usage: host-capacity.sh IAMGUARD ROUNDS OUT INPUT..." >&2; exit 2; }
bin=$1 rounds=$2 out=$3
shift 3
command -v taskset >/dev/null || { echo "host-capacity.sh: taskset is missing (util-linux)" >&2; exit 2; }
[ "$(nproc)" -ge 2 ] || { echo "host-capacity.sh: needs two CPUs, found $(nproc)" >&2; exit 2; }

scan() {  # log file, threads, CPUs (taskset list), input...
  local log=$1 threads=$2 cpus=$3
  shift 3
  # every run through taskset, so that all pay its start; the wall time to the ms around
  # /usr/bin/time (which gives user and system times); exit status 1 means findings were
  # reported, which they are; anything else stops the measurement with the scan's messages
  local start=$EPOCHREALTIME status=0
  taskset -c "$cpus" /usr/bin/time -o "$log" -f "%U %S" "$bin" scan --threads "$threads" -f json -o /dev/null \
    --now 2026-01-01T00:00:00Z "$@" >/dev/null 2>"$log.err" || status=$?
  local end=$EPOCHREALTIME
  if [ "$status" -gt 1 ]; then
    echo "host-capacity.sh: the scan exited with status $status (--threads $threads on CPUs $cpus):" >&2
    head -5 "$log.err" >&2
    return 1
  fi
  echo "$(( (${end/./} - ${start/./}) / 1000 )) $(tail -1 "$log")" >"$log.line"
}
record() {  # round, name, log file
  echo "$1 $2 $(cat "$3.line")" >>"$out"
}

: >"$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for round in $(seq "$rounds"); do
  scan "$tmp/a0" 1 0 "$@"; record "$round" alone0 "$tmp/a0"
  scan "$tmp/a1" 1 1 "$@"; record "$round" alone1 "$tmp/a1"
  scan "$tmp/p0" 1 0 "$@" &
  pair0=$!
  scan "$tmp/p1" 1 1 "$@"
  wait "$pair0"  # its status: a failed scan stops here too
  record "$round" pair0 "$tmp/p0"; record "$round" pair1 "$tmp/p1"
  scan "$tmp/t1" 1 0,1 "$@"; record "$round" t1 "$tmp/t1"
  scan "$tmp/t2" 2 0,1 "$@"; record "$round" t2 "$tmp/t2"
done
