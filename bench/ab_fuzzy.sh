#!/usr/bin/env bash
# A/B of fuzzy lookups for two or more builds on one database, interleaved
# (the machines are shared and noisy: compare builds within one run only).
#
#   bench/ab_fuzzy.sh ROUNDS DB QUERIES.tsv NAME=DIR...
#
# DIR holds a build: DIR/audarma and DIR/fuzzy_bench (copy target/release/audarma
# and target/release/examples/fuzzy_bench there). The database must be one both
# builds read (the same schema version). In every round, for every build in
# turn: the warm lookup (`fuzzy_bench query`, index in memory, --min 50
# --limit 5) over all of QUERIES.tsv, then ONESHOT (default 100) one-shot
# `audarma suggest` processes spread over the query kinds. Prints per build
# the median over rounds of the warm median and p95, and the one-shot median
# and p95 over every process of every round.
set -euo pipefail
ROUNDS=$1; DB=$2; QUERIES=$3; shift 3
ONESHOT=${ONESHOT:-100}
OUT=$(mktemp -d)
N=$(wc -l < "$QUERIES")
STEP=$(( N / ONESHOT )); [ "$STEP" -ge 1 ] || STEP=1
awk -F'\t' -v s="$STEP" 'NR % s == 1 {print $3}' "$QUERIES" | head -n "$ONESHOT" > "$OUT/oneshot.txt"
for _ in $(seq "$ROUNDS"); do
  for spec in "$@"; do
    name=${spec%%=*}; dir=${spec#*=}
    "$dir/fuzzy_bench" query "$DB" "$QUERIES" --min 50 --limit 5 --recall 0 >> "$OUT/warm_$name.jsonl"
    while IFS= read -r q; do
      t0=$(date +%s%N)
      "$dir/audarma" --db "$DB" suggest "$q" --to en --min 50 --limit 5 --json > /dev/null
      t1=$(date +%s%N)
      echo $(( (t1 - t0) / 1000 )) >> "$OUT/oneshot_$name.txt"
    done < "$OUT/oneshot.txt"
  done
done
python3 - "$OUT" "$@" <<'PY'
import json, sys
out, specs = sys.argv[1], sys.argv[2:]
def q(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]
for spec in specs:
    name = spec.split("=", 1)[0]
    warm = [json.loads(l) for l in open(f"{out}/warm_{name}.jsonl")]
    one = [int(x) / 1000 for x in open(f"{out}/oneshot_{name}.txt")]
    print(f"{name:>10}: warm median {q([w['median_ms'] for w in warm], 0.5):.3f} ms, "
          f"p95 {q([w['p95_ms'] for w in warm], 0.5):.3f} ms (medians of {len(warm)} rounds) | "
          f"one-shot median {q(one, 0.5):.1f} ms, p95 {q(one, 0.95):.1f} ms ({len(one)} processes)")
PY
rm -rf "$OUT"
