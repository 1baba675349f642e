#!/usr/bin/env bash
# A/B timing of `tmx import` for two or more builds, interleaved, with the
# peer's parse in every round (the machines are shared and noisy: compare
# binaries within one run, never across runs).
#
#   bench/ab_import.sh ROUNDS TMX BIN...
#
# Each round imports TMX into a fresh database with every BIN in turn, then
# runs Translate Toolkit's tmxfile.parsefile on it (if installed). Prints one
# line per run: name, wall seconds, peak RSS (KB), user CPU seconds.
# Copy the binaries aside first (cp target/release/audarma /tmp/a).
set -euo pipefail
ROUNDS=$1; TMX=$2; shift 2
[[ -x /usr/bin/time ]] || { echo "bench/ab_import.sh: needs /usr/bin/time" >&2; exit 1; }
DB=$(mktemp -d)/ab.db
for _ in $(seq "$ROUNDS"); do
  for BIN in "$@"; do
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
    "$BIN" --db "$DB" init >/dev/null
    /usr/bin/time -f "$BIN %e s %M KB %U u" "$BIN" --db "$DB" tmx import "$TMX" >/dev/null
  done
  if python3 -c 'import translate.storage.tmx' 2>/dev/null; then
    /usr/bin/time -f "toolkit_parse %e s %M KB %U u" python3 -c "import sys; from translate.storage import tmx; tmx.tmxfile.parsefile(sys.argv[1])" "$TMX"
  fi
done 2>&1
rm -rf "$(dirname "$DB")"
