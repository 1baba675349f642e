#!/usr/bin/env bash
# Render an Audarma HTML report to a PNG with headless Chromium, to check that it
# looks right. Offline: networking, sync and updates are switched off.
#
#   scripts/render_report.sh [REPORT.html] [OUT.png]     (WINDOW_SIZE=W,H: the page size, 1200,3400)
#
# Without REPORT.html, builds the sample report of tests/suite/review_report.rs
# (a few days of work on two documents) and renders that.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
report="${1:-}"
out="${2:-$root/target/report.png}"

chrome="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$chrome" ]; then
    echo "render_report.sh: no chromium found (apt-get install -y chromium)" >&2
    exit 1
fi

if [ -z "$report" ]; then
    sample_dir="$root/target/report-sample"
    mkdir -p "$sample_dir"
    (cd "$root" && AUDARMA_REPORT_OUT="$sample_dir" cargo test -q --test suite review_report::sample_report >/dev/null)
    report="$sample_dir/report.html"
fi
[ -f "$report" ] || { echo "render_report.sh: $report: no such file" >&2; exit 1; }

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars \
    --screenshot="$out" --window-size="${WINDOW_SIZE:-1200,3400}" \
    "file://$(realpath "$report")" >/dev/null 2>&1
[ -s "$out" ] || { echo "render_report.sh: chromium wrote no screenshot" >&2; exit 1; }
echo "$out"
