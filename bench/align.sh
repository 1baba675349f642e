#!/usr/bin/env bash
# Alignment benchmark: quality on NTREX-128 document pairs (kk-en, kk-ru; clean,
# 10% merged, 5% dropped, both, both without paragraphs) for audarma::align
# beside plain Gale–Church (c = 1, s² = 6.8) in the same run, then the speed
# of two 5,000-sentence documents with the banded DP.
#
# Usage: bench/align.sh [NTREX_TSV]   (default: ../shared/corpora/ntrex128/ntrex128.kk-en-ru.tsv)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpora/ntrex128/ntrex128.kk-en-ru.tsv}"
if [[ ! -f "$corpus" ]]; then
    echo "bench/align.sh: $corpus not found; skipping" >&2
    exit 0
fi
unset ALIGN_TUNE ALIGN_DEBUG ALIGN_RU
cargo build --release --quiet --example align_bench
exec target/release/examples/align_bench "$corpus"
