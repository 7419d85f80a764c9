#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# check_corpus.sh: the generator's contract, checked on a 1,000-role account.
#
#   bench/gen/check_corpus.sh CORPUS_GEN IAMGUARD WORK_DIR
#
# - the same seed gives the same bytes, another seed other bytes;
# - the page size changes the pages, never the entities they hold;
# - every page but the last says `"IsTruncated":true` and has a Marker, the last `false`;
# - the pages load without errors, and `iamguard entities` of the pages gives exactly the lines of
#   entities.jsonl (in another order);
# - scanning the JSON Lines with the shipped pack finds the same failures as scanning the pages.
set -euo pipefail
gen=$1 iamguard=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "check_corpus: $*" >&2; exit 1; }

"$gen" --roles 1000 --seed 7 --out "$work/a" 2>/dev/null
"$gen" --roles 1000 --seed 7 --out "$work/b" 2>/dev/null
"$gen" --roles 1000 --seed 8 --out "$work/c" --jsonl 2>/dev/null
"$gen" --roles 1000 --seed 7 --out "$work/d" --max-items 100 --pages 2>/dev/null
diff -r "$work/a" "$work/b" >/dev/null || fail "seed 7 twice gave different bytes"
cmp -s "$work/a/entities.jsonl" "$work/c/entities.jsonl" && fail "seeds 7 and 8 gave the same bytes"

pages=("$work/a"/authz/page-*.json)
[ "${#pages[@]}" -eq 2 ] || fail "expected 2 pages of 1000 items, got ${#pages[@]}"
small=("$work/d"/authz/page-*.json)
[ "${#small[@]}" -eq 13 ] || fail "expected 13 pages of 100 items, got ${#small[@]}"
last=${small[${#small[@]}-1]}
for p in "${small[@]}"; do
  if [ "$p" = "$last" ]; then
    grep -q '"IsTruncated":false}' "$p" || fail "$p: the last page must say IsTruncated false"
    grep -q '"Marker"' "$p" && fail "$p: the last page has a Marker"
  else
    grep -q '"IsTruncated":true,"Marker":"' "$p" || fail "$p: IsTruncated true and a Marker expected"
  fi
done

"$iamguard" entities "${pages[@]}" 2>"$work/load.err" | sort >"$work/from-pages.jsonl"
[ -s "$work/load.err" ] && { cat "$work/load.err" >&2; fail "the pages load with diagnostics"; }
"$iamguard" entities "${small[@]}" | sort >"$work/from-small-pages.jsonl"
sort "$work/a/entities.jsonl" >"$work/lines.jsonl"
cmp -s "$work/from-pages.jsonl" "$work/lines.jsonl" || fail "entities.jsonl differs from iamguard entities of the pages"
cmp -s "$work/from-small-pages.jsonl" "$work/lines.jsonl" || fail "100-item pages hold other entities than 1000-item pages"

scan() {  # prints the failed findings as "rule entity"
  "$iamguard" scan -f json --fail-on none --now 2026-01-01T00:00:00Z "$@" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print("\n".join(sorted(f["rule_id"]+" "+f["entity"]["type"]+" "+f["entity"]["name"] for f in d["findings"] if f["outcome"]=="fail")))'
}
scan "${pages[@]}" >"$work/scan-pages.txt"
scan "$work/a/entities.jsonl" >"$work/scan-lines.txt"
[ -s "$work/scan-pages.txt" ] || fail "the shipped pack finds nothing in the generated account"
cmp -s "$work/scan-pages.txt" "$work/scan-lines.txt" || fail "the pack finds other failures in the pages than in the JSON Lines"
echo "check_corpus: ok ($(wc -l <"$work/scan-pages.txt") failed findings, the same in both forms)"
