#!/usr/bin/env bash
# Fuzzy-matching benchmark (issue 4): on TMs made by gen_tm.py at N = 10k, 100k, 1M
#   * warm lookups (index loaded, as in a session), threshold 50%, 200 queries: median, p95, index memory;
#   * one-shot `audarma suggest` as a new process on the same database: median and p95 wall time;
#   * the peer, ../shared/bench/peer_bruteforce.py (RapidFuzz scanning every source), on the same files
#     in the same run, and the ratio of medians;
#   * recall of the index against a brute-force scan that scores every unit (must be 1.000).
#
# Usage: bench/fuzzy.sh                 (SIZES="10000 100000 1000000" OUT=/tmp/audarma-bench)
#        SIZES=10000 bench/fuzzy.sh     (quick run)
# Needs: python3 with rapidfuzz (pip install rapidfuzz). Writes its JSON results to $OUT.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
[ -d "$SHARED/bench" ] || SHARED=$ROOT/../../shared   # from a worktree under wt/
OUT=${OUT:-/tmp/audarma-bench}
SIZES=${SIZES:-"10000 100000 1000000"}
QUERIES=${QUERIES:-200}        # timed queries (ours and the peer's)
ONESHOT=${ONESHOT:-20}         # one-shot processes per N
RECALL_1M=${RECALL_1M:-20}     # brute-force-checked queries at N >= 1M (100 at 100k, 200 below)
mkdir -p "$OUT"

cd "$ROOT"
cargo build --release --quiet --example fuzzy_bench --bin audarma
BENCH=$ROOT/target/release/examples/fuzzy_bench
AUDARMA=$ROOT/target/release/audarma

for N in $SIZES; do
  # gen_tm's queries depend on N (its lexicon does), so each N gets its own folder.
  D=$OUT/$N
  [ -f "$D/tm_$N.tmx" ] || python3 "$SHARED/bench/gen_tm.py" "$N" "$D" >/dev/null
  DB=$D/tm_$N.db
  if [ ! -f "$DB" ]; then
    "$BENCH" load "$D/tm_$N.tmx" "$DB" > "$OUT/load_$N.json"
  fi
  RECALL=200; [ "$N" -ge 100000 ] && RECALL=100; [ "$N" -ge 1000000 ] && RECALL=$RECALL_1M
  head -n "$QUERIES" "$D/queries.tsv" > "$OUT/queries_$N.tsv"
  "$BENCH" query "$DB" "$OUT/queries_$N.tsv" --min 50 --limit 5 --recall "$RECALL" > "$OUT/ours_$N.json"
  python3 "$SHARED/bench/peer_bruteforce.py" "$D/tm_$N.kk.txt" "$OUT/queries_$N.tsv" \
    --min 0.5 --limit 5 --count "$QUERIES" > "$OUT/peer_$N.json"
  # One-shot: a new process per query (cold start included), spread over the query kinds.
  : > "$OUT/oneshot_$N.txt"
  STEP=$(( QUERIES / ONESHOT )); [ "$STEP" -ge 1 ] || STEP=1
  awk -F'\t' -v s="$STEP" 'NR % s == 1 {print $3}' "$OUT/queries_$N.tsv" | head -n "$ONESHOT" |
  while IFS= read -r q; do
    t0=$(date +%s%N)
    "$AUDARMA" --db "$DB" suggest "$q" --to en --min 50 --limit 5 --json > /dev/null
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) >> "$OUT/oneshot_$N.txt"
  done
  python3 - "$N" "$OUT" <<'PY'
import json, sys
n, out = sys.argv[1], sys.argv[2]
ours = json.load(open(f"{out}/ours_{n}.json"))
peer = json.load(open(f"{out}/peer_{n}.json"))
load = json.load(open(f"{out}/load_{n}.json"))
one = sorted(int(x) / 1000 for x in open(f"{out}/oneshot_{n}.txt"))
med = one[len(one) // 2]
p95 = one[min(len(one) - 1, int(0.95 * len(one)))]
print(f"N={int(n):>9,}  warm median {ours['median_ms']:.3f} ms  p95 {ours['p95_ms']:.3f} ms  "
      f"| peer median {peer['median_ms']:.1f} ms  ratio {peer['median_ms'] / ours['median_ms']:.0f}x  "
      f"| one-shot median {med:.1f} ms  p95 {p95:.1f} ms  "
      f"| index heap {ours['index_heap_mb']:.0f} MB (rss +{ours['index_rss_mb']:.0f} MB), load {ours['index_load_s']} s  "
      f"| recall {ours['recall']:.3f} over {ours['recall_queries']} queries  "
      f"| import+index {load['load_s']} s (index {load['index_s']} s), peak rss {load['peak_rss_mb']:.0f} MB")
PY
done
