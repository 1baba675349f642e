#!/usr/bin/env bash
# How long a translator's save waits while a large TMX import runs (issue 13,
# item 6), for one or more builds, interleaved over ROUNDS.
#
#   bench/save_during_import.sh ROUNDS TMX BIN...
#
# Each run: a fresh database with a one-sentence document, `tmx import TMX`
# started in the background, then after DELAY seconds (1.5) a `set` of that
# sentence allowed to wait at most 1 s for the lock (AUDARMA_BUSY_TIMEOUT_MS
# 1000). Prints per run: the build, the save's exit code and wall seconds, and
# the import's wall seconds. A build that holds the lock for the whole import
# fails the save with exit 4 (database locked).
# Make TMX with ../shared/bench/gen_tm.py (300000 units ≈ 150 MB); copy the
# binaries aside first (cp target/release/audarma /tmp/a).
set -euo pipefail
ROUNDS=$1; TMX=$2; shift 2
DELAY=${DELAY:-1.5}
[[ -x /usr/bin/time ]] || { echo "bench/save_during_import.sh: needs /usr/bin/time" >&2; exit 1; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
printf 'Кеден одағы 2010 жылы құрылды.\n' > "$DIR/doc.txt"
for _ in $(seq "$ROUNDS"); do
  for BIN in "$@"; do
    DB=$DIR/t.db
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
    "$BIN" --db "$DB" init >/dev/null
    "$BIN" --db "$DB" import "$DIR/doc.txt" --name doc >/dev/null
    /usr/bin/time -o "$DIR/import.time" -f "%e" "$BIN" --db "$DB" tmx import "$TMX" >/dev/null 2>&1 &
    IMPORT=$!
    sleep "$DELAY"
    START=$(date +%s.%N)
    set +e
    AUDARMA_BUSY_TIMEOUT_MS=1000 "$BIN" --db "$DB" set doc 1 --to en \
      --text "The Customs Union was set up in 2010." >/dev/null 2>&1
    CODE=$?
    set -e
    END=$(date +%s.%N)
    wait "$IMPORT" || true
    printf '%s save_exit %d save_s %.2f import_s %s\n' "$BIN" "$CODE" \
      "$(awk "BEGIN { print $END - $START }")" "$(cat "$DIR/import.time")"
  done
done
