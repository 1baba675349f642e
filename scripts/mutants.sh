#!/usr/bin/env bash
# Mutation score of the test suite on chosen source files, with cargo-mutants.
#
#   scripts/mutants.sh [FILE[@K/N] ...]       run, then print one summary line per file
#   LIST=1 scripts/mutants.sh [FILE ...]      only count the mutants of each file
#   SUMMARY=1 scripts/mutants.sh [FILE ...]   only print the summary of the last run
#
# Without FILE, the modules of issue 12 as measured there (the large ones by a
# tenth, shard 0/10): src/tmx/inline.rs src/review/mod.rs src/fuzzy/score.rs@0/10
# src/text/homoglyph.rs@0/10 src/align/dp.rs@0/10 src/report/mod.rs.
# FILE@K/N runs only shard K of N of that file's mutants (K from 0, round-robin, so
# the shard is spread over the whole file), e.g. src/align/dp.rs@0/6.
#
# Needs `cargo install cargo-mutants --locked` (written against 27.1).
#
# Output, one line per file:
#   FILE  caught C  missed M  unviable U  timeout T  score S%   (S = C / (C + M))
# and cargo-mutants' full results in $MUTANTS_OUT/<file>/mutants.out/
# (caught.txt, missed.txt, unviable.txt, timeout.txt, outcomes.json, log/).
#
# Environment:
#   MUTANTS_OUT       where results go (default /tmp/audarma-mutants; never in the repo)
#   CARGO_TARGET_DIR  build directory (default ./target); also holds the tree copy
#   NICE              niceness of everything run (default 15: the machine is shared)
#   MIN_TIMEOUT       least per-mutant test timeout, s (default 60, see below)
#   FULL=1            run the whole `cargo test` for every mutant instead of the
#                     per-file selection below (about 10x slower)
#   EXTRA_TARGETS     more cargo test targets for every file, e.g.
#                     "--test=text_normalize_reference" (to re-check missed mutants)
#   RE                only the mutants whose name matches this regex (cargo mutants --re)
# One run at a time: runs share the tree copy and the target directory.
#
# Choices, measured on the 2-core machine (debug profile, deps at opt-level 2):
# * Tests per mutant. A full `cargo test` takes minutes (text_normalize_reference
#   73 s, fuzzy_recall 27 s in debug): ~200 s a mutant, days for the ~930
#   mutants of the default files. So each file runs the library's unit tests and
#   the suite's modules of its area (`libtest_for` below, by test-name filter):
#   ~10 s to rebuild, 5-25 s to test. Left out everywhere: text_normalize_reference
#   and fuzzy_recall (slow; they test normalisation and retrieval recall, not
#   these modules' rules directly). The slow dp test
#   `band_matches_full_matrix_on_translations` is skipped except for
#   src/align/dp.rs. A mutant missed here may still be caught by a left-out
#   test: FULL=1 on the same file settles it.
# * Timeout: cargo-mutants' automatic one (5 x the unmutated test time), but at
#   least MIN_TIMEOUT = 60 s, because the machine is shared and timings jitter.
# * Where it builds: a copy of the tree (tracked and untracked-unignored files) at
#   $CARGO_TARGET_DIR/mutants-tree/audarma, mutated in place by cargo-mutants.
#   The path is stable, so the incremental build of one run is reused by the next
#   (cargo-mutants' own copies get a fresh temp path each run, ~2 min of rebuild
#   per file). The work tree itself is never mutated. ../shared of the copy is a
#   symlink to the repository's ../shared (the corpora some tests read).
# * One mutant at a time (--in-place implies -j 1; cargo-mutants refuses -j with
#   it), everything under nice.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
out_base="${MUTANTS_OUT:-/tmp/audarma-mutants}"
nice_n="${NICE:-15}"
min_timeout="${MIN_TIMEOUT:-60}"

default_files=(src/tmx/inline.rs src/review/mod.rs src/fuzzy/score.rs@0/10
    src/text/homoglyph.rs@0/10 src/align/dp.rs@0/10 src/report/mod.rs)
if [ "$#" -gt 0 ]; then specs=("$@"); else specs=("${default_files[@]}"); fi

command -v cargo-mutants >/dev/null ||
    { echo "mutants.sh: cargo-mutants not found (cargo install cargo-mutants --locked)" >&2; exit 1; }

# The test targets for the mutants of one file (cargo args, given to
# cargo-mutants as --cargo-arg so its build step builds only these: the library's
# unit tests and the one integration-test program, tests/suite), and the libtest
# args that pick the tests of that file's area (given as `-- -- ARGS`: the first
# `--` ends cargo-mutants' options, the second cargo test's).
slow_lib_test=band_matches_full_matrix_on_translations
targets_for() {
    if [ -d "$root/tests/suite" ]; then echo "--lib --test=suite"; return; fi
    # The layout before tests/suite (one program per file, up to 29b9e85): copy
    # this script into such a checkout to measure it the same way.
    case "$1" in
    src/fuzzy/*) echo "--lib --test=fuzzy_cli --test=fuzzy_quality" ;;
    src/review/*) echo "--lib --test=review_cli --test=review_concurrency --test=review_props" \
        "--test=review_report --test=review_interactive" ;;
    src/report/*) echo "--lib --test=review_report --test=review_cli --test=review_props" \
        "--test=foundation_cli --test=align_cli" ;;
    src/align/*) echo "--lib --test=align_cli" ;;
    src/tmx/*) echo "--lib --test=tmx_cli --test=tmx_errors --test=tmx_proptest --test=tmx_roundtrip" ;;
    src/text/*) echo "--lib --test=text_facts --test=text_properties --test=text_corpus --test=segment_cases" ;;
    *) echo "--lib" ;;
    esac
}
# The tests of the suite (and of the library) that exercise a file: libtest
# name filters (a test runs when its path contains any of them).
libtest_for() {
    if [ ! -d "$root/tests/suite" ]; then
        case "$1" in src/align/*) echo "" ;; *) echo "--skip $slow_lib_test" ;; esac
        return
    fi
    local skip="--skip $slow_lib_test --skip text_normalize_reference --skip fuzzy_recall"
    case "$1" in
    src/fuzzy/*) echo "fuzzy safety_net $skip" ;;
    src/review/*) echo "review translate safety_net $skip" ;;
    src/report/*) echo "report review foundation_cli align_cli safety_net $skip" ;;
    src/align/*) echo "align safety_net --skip text_normalize_reference --skip fuzzy_recall" ;;
    src/tmx/*) echo "tmx safety_net $skip" ;;
    src/text/*) echo "text:: text_facts text_properties text_corpus segment_cases safety_net $skip" ;;
    *) echo "$skip" ;;
    esac
}

slug() { echo "${1//\//_}"; }

summary_line() { # FILE [SHARD]
    local dir="$out_base/$(slug "$1")/mutants.out" c m u t score
    if [ ! -d "$dir" ]; then printf '%-24s not run\n' "$1"; return; fi
    count() { if [ -f "$dir/$1" ]; then grep -c . "$dir/$1" || true; else echo 0; fi; }
    c=$(count caught.txt); m=$(count missed.txt); u=$(count unviable.txt); t=$(count timeout.txt)
    if [ $((c + m)) -gt 0 ]; then
        score=$(awk -v c="$c" -v m="$m" 'BEGIN { printf "%.1f%%", 100 * c / (c + m) }')
    else score="-"; fi
    printf '%-24s caught %3d  missed %3d  unviable %3d  timeout %2d  score %s%s\n' \
        "$1" "$c" "$m" "$u" "$t" "$score" "${2:+  (shard $2)}"
}

if [ "${LIST:-}" = 1 ]; then
    total=0
    for spec in "${specs[@]}"; do
        f="${spec%@*}"
        n=$(cd "$root" && cargo mutants --list --file "$f" | grep -c . || true)
        printf '%-24s %4d mutants\n' "$f" "$n"; total=$((total + n))
    done
    printf '%-24s %4d mutants\n' total "$total"
    exit 0
fi

if [ "${SUMMARY:-}" != 1 ]; then
    # Fresh copy of the tree at a stable path (see above). Touching lib.rs makes
    # cargo rebuild the crate even where a restored file kept an old mtime.
    tree_parent="$CARGO_TARGET_DIR/mutants-tree"
    tree="$tree_parent/audarma"
    rm -rf "$tree"
    mkdir -p "$tree"
    ln -sfn "$(cd "$root/.." && pwd)/shared" "$tree_parent/shared"
    (cd "$root" && git ls-files -z --cached --others --exclude-standard |
        tar --null -T - -cf - 2>/dev/null) | tar -C "$tree" -xf -
    touch "$tree/src/lib.rs"

    for spec in "${specs[@]}"; do
        f="${spec%@*}"
        shard=""; [ "$spec" != "$f" ] && shard="${spec#*@}"
        [ -f "$root/$f" ] || { echo "mutants.sh: $f: no such file" >&2; exit 1; }
        out="$out_base/$(slug "$f")"
        rm -rf "$out"; mkdir -p "$out"
        cargo_args=(); libtest_args=()
        if [ "${FULL:-}" != 1 ]; then
            for a in $(targets_for "$f") ${EXTRA_TARGETS:-}; do cargo_args+=(--cargo-arg="$a"); done
            read -ra libtest_args <<<"$(libtest_for "$f")"
        fi
        echo "== $f${shard:+ shard $shard}: cargo test ${cargo_args[*]:-(all targets)} -- ${libtest_args[*]:-}  [$(date +%H:%M:%S)]"
        rc=0
        (cd "$tree" && nice -n "$nice_n" cargo mutants --in-place --no-config \
            --file "$f" ${shard:+--shard "$shard" --sharding round-robin} \
            --minimum-test-timeout "$min_timeout" --output "$out" ${RE:+--re "$RE"} \
            "${cargo_args[@]}" ${libtest_args[0]+-- -- "${libtest_args[@]}"}) || rc=$?
        # 0 all caught, 2 some missed, 3 some timed out; anything else is a failure
        # (1 usage, 4 the unmutated tree fails its tests).
        case "$rc" in 0 | 2 | 3) ;; *) echo "mutants.sh: cargo mutants failed on $f (exit $rc)" >&2; exit "$rc" ;; esac
        summary_line "$f" "$shard"
    done
    echo "== done [$(date +%H:%M:%S)]"
fi

echo
echo "Summary (score = caught / (caught + missed)):"
tc=0; tm=0
for spec in "${specs[@]}"; do
    f="${spec%@*}"; shard=""; [ "$spec" != "$f" ] && shard="${spec#*@}"
    summary_line "$f" "$shard"
    dir="$out_base/$(slug "$f")/mutants.out"
    for k in caught missed; do
        n=0; [ -f "$dir/$k.txt" ] && n=$(grep -c . "$dir/$k.txt" || true)
        if [ "$k" = caught ]; then tc=$((tc + n)); else tm=$((tm + n)); fi
    done
done
if [ $((tc + tm)) -gt 0 ]; then
    awk -v c="$tc" -v m="$tm" 'BEGIN { printf "%-24s caught %3d  missed %3d  score %.1f%%\n", "total", c, m, 100 * c / (c + m) }'
fi
