#!/usr/bin/env bash
# Rebuild data/integration.kk-en-ru.tmx, the team's translations of the sample as a
# TMX memory, from data/integration.segments.tsv, with Audarma itself:
# import the document, save each translation, export the memory.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/audarma
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export AUDARMA_DB="$work/sample.db" AUDARMA_USER=team
$bin init >/dev/null
$bin import data/integration.kk.txt --name integration >/dev/null
# position <TAB> paragraph <TAB> kk <TAB> en <TAB> ru
tail -n +2 data/integration.segments.tsv | while IFS=$'\t' read -r pos _ _ en ru; do
  $bin set integration "$pos" --to en --text "$en" >/dev/null
  $bin set integration "$pos" --to ru --text "$ru" >/dev/null
done
$bin tmx export data/integration.kk-en-ru.tmx --to all
echo "wrote data/integration.kk-en-ru.tmx"
