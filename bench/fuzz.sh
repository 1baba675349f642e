#!/usr/bin/env bash
# Fuzz every reader for a bounded time under a memory limit, and say what broke.
#
#   bench/fuzz.sh [SECONDS]              structure-aware campaign (proptest), SECONDS per target (30)
#   bench/fuzz.sh --libfuzzer [SECONDS]  coverage-guided libFuzzer on the same targets (fuzz/)
#
# A target is a folder of fuzz/seeds/ and a function of fuzz/targets.rs. Each runs in its
# own process under `ulimit -v` (FUZZ_MEM_MB, 2048) and `timeout` (SECONDS + 120 s), so a
# panic, an abort (allocation failure), a crash or a hang is a finding. Findings (inputs and
# what broke) go to FUZZ_OUT (target/fuzz-findings/TARGET/); once fixed, a finding is moved
# to fuzz/regressions/TARGET/, where `cargo test` replays it for good. FUZZ_SEED repeats a
# campaign; FUZZ_PROFILE=debug uses the debug test build. Exit code: 0 no finding, 1 findings,
# 2 usage.
set -uo pipefail
cd "$(dirname "$0")/.."

mode=campaign
if [ "${1:-}" = "--libfuzzer" ]; then
  mode=libfuzzer
  shift
fi
secs="${1:-30}"
case "$secs" in
  '' | *[!0-9]*) echo "usage: bench/fuzz.sh [--libfuzzer] [SECONDS]" >&2; exit 2 ;;
esac
mem_mb="${FUZZ_MEM_MB:-2048}"
out="${FUZZ_OUT:-target/fuzz-findings}"
targets=$(ls fuzz/seeds)
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The input a process was running when it died (an abort cannot be caught).
keep_last() { # target status
  local dir="$out/$1" last="$out/$1/last-input"
  if [ -f "$last" ]; then
    local name="$dir/crash-$(sha256sum "$last" | cut -c1-16)"
    cp "$last" "$name"
    echo "$2 (process died; last input kept)" > "$name.md"
  fi
}

# A target's folder without the previous run's findings (a libFuzzer corpus stays).
fresh() {
  mkdir -p "$out/$1"
  rm -f "$out/$1"/finding-* "$out/$1"/crash-* "$out/$1"/oom-* "$out/$1"/timeout-* "$out/$1/last-input"
}

run_campaign() {
  # The release test build is the README's test command's: reused, not rebuilt
  # (FUZZ_PROFILE=debug uses the debug one, to try a target while writing it).
  local bin profile="${FUZZ_PROFILE:-release}" flag=--release
  [ "$profile" = release ] || flag=
  bin=$(cargo test $flag --test suite --no-run 2>&1 | grep -o "target/$profile/deps/suite-[0-9a-f]*" | tail -1)
  [ -x "$bin" ] || { echo "fuzz: could not build the test suite" >&2; exit 1; }
  for t in $targets; do
    fresh "$t"
    local log="$out/$t/log"
    (
      ulimit -v $((mem_mb * 1024))
      AUDARMA_FUZZ_TARGET="$t" AUDARMA_FUZZ_SECS="$secs" AUDARMA_FUZZ_OUT="$out" \
        AUDARMA_FUZZ_SEED="${FUZZ_SEED:-}" timeout --signal=KILL $((secs + 120)) \
        "$bin" fuzz_readers::campaign --ignored --exact --nocapture --test-threads=1
    ) > "$log" 2>&1
    local code=$? line
    [ $code -eq 0 ] || echo "$t" >> "$out/failed"
    line=$(grep -m1 -o "fuzz $t: [0-9].*" "$log" || true)
    case $code in
      0) ;;
      101) [ -n "$line" ] || { line="fuzz $t: panicked outside the target"; cp "$log" "$out/$t/crash-harness.md"; } ;;
      137) keep_last "$t" "killed (timeout or out of memory)"; line="fuzz $t: killed after $((secs + 120)) s or out of memory" ;;
      *) keep_last "$t" "exit $code"; line="fuzz $t: died with exit $code (abort, crash or out of memory)" ;;
    esac
    echo "${line:-fuzz $t: no report (exit $code)}"
    grep '^  finding' "$log" || true
  done
}

run_libfuzzer() {
  # Coverage instrumentation without nightly: what cargo-fuzz passes, minus sanitizers.
  export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
  local triple dir=target/libfuzzer
  triple=$(rustc -vV | sed -n 's/^host: //p')
  (cd fuzz && cargo build --release --target "$triple" --target-dir "../$dir") || exit 1
  for t in $targets; do
    fresh "$t"
    local corpus="$out/$t/corpus"
    mkdir -p "$corpus"
    cp fuzz/seeds/"$t"/* "$corpus"/ 2>/dev/null
    cp fuzz/regressions/"$t"/* "$corpus"/ 2>/dev/null
    rm -f "$corpus"/*.md
    (
      cd "$out/$t" &&
        timeout --signal=KILL $((secs + 120)) "$OLDPWD/$dir/$triple/release/$t" \
          -max_total_time="$secs" -rss_limit_mb="$mem_mb" -malloc_limit_mb="$mem_mb" -timeout=10 \
          -max_len=65536 -print_final_stats=1 "$corpus"
    ) > "$out/$t/log" 2>&1
    local code=$? execs
    [ $code -eq 0 ] || echo "$t" >> "$out/failed"
    execs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$out/$t/log" | grep -o '[0-9]*$')
    local found
    found=$(find "$out/$t" -maxdepth 1 \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \) | wc -l)
    echo "fuzz $t (libFuzzer): ${execs:-?} executions in $secs s, $found findings (exit $code)"
  done
}

rm -f "$out/failed"
echo "fuzz: $mode, $secs s per target, ${mem_mb} MiB, findings in $out"
if [ "$mode" = libfuzzer ]; then run_libfuzzer; else run_campaign; fi | tee "$out/summary"

findings=$(find "$out" -mindepth 2 -maxdepth 2 \( -name 'finding-*' -o -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \) ! -name '*.md' | wc -l)
if [ "$findings" -gt 0 ] || [ -s "$out/failed" ]; then
  echo "fuzz: $findings findings, failed: $(tr '\n' ' ' < "$out/failed" 2>/dev/null)"
  echo "fuzz: inputs and messages in $out/TARGET/ (once fixed, move them to fuzz/regressions/TARGET/)"
  exit 1
fi
echo "fuzz: no findings"
