#!/usr/bin/env bash
# The import side of the fuzzy index (issue 4): `audarma tmx import` of gen_tm's TMX into a new
# database, index included (the import stems each unit on its reading thread as it goes and
# writes the posting blobs once, before committing).
# Prints wall seconds, peak RSS and the share of the time spent indexing (a rebuild of the index
# on the imported database, timed separately with `fuzzy_bench reindex`).
#
# Usage: bench/fuzzy_import.sh [N ...]      (default 1000000; OUT=/tmp/audarma-bench as bench/fuzzy.sh)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
[ -d "$SHARED/bench" ] || SHARED=$ROOT/../../shared
OUT=${OUT:-/tmp/audarma-bench}
cd "$ROOT"
cargo build --release --quiet --example fuzzy_bench --bin audarma
for N in "${@:-1000000}"; do
  D=$OUT/$N
  [ -f "$D/tm_$N.tmx" ] || python3 "$SHARED/bench/gen_tm.py" "$N" "$D" >/dev/null
  DB=$D/import_$N.db
  rm -f "$DB" "$DB-wal" "$DB-shm"
  "$ROOT/target/release/audarma" --db "$DB" init > /dev/null
  /usr/bin/time -f "%e %M" -o "$OUT/import_time_$N.txt" \
    "$ROOT/target/release/audarma" --db "$DB" tmx import "$D/tm_$N.tmx" > /dev/null
  read -r WALL KB < "$OUT/import_time_$N.txt"
  REINDEX=$("$ROOT/target/release/examples/fuzzy_bench" reindex "$DB")
  echo "N=$N  tmx import with index: ${WALL} s wall, peak RSS $((KB / 1024)) MB | index rebuild alone: $REINDEX"
done
