#!/usr/bin/env bash
# Checks that bench/report.py reads what smtp_reply_bench writes: runs every
# case briefly with two repetitions (so the median and "min" statistics are
# there), turns the JSON into the tables and the chart, and checks that every
# case and every target of issue 4 made it into them. Run by the test
# `bench_report`; the figures themselves mean nothing here.
#
#   bench/check_report.sh SMTP_REPLY_BENCH_BINARY
set -euo pipefail

if [ $# -ne 1 ]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$1" --benchmark_min_time=0.01 --benchmark_repetitions=2 --benchmark_report_aggregates_only=true \
  --benchmark_format=json >"$work/bench.json" 2>/dev/null
python3 "$here/report.py" "$work/bench.json" --svg "$work/chart.svg" --markdown "$work/tables.md" >/dev/null

status=0
expect() {  # file, fixed string
  if ! grep -qF -- "$2" "$1"; then
    echo "missing from $(basename "$1"): $2"
    status=1
  fi
}
for label in "floor: memchr line scan" "parse(), whole buffer" "parser::feed(), one byte per read" \
             "parse() + classify()" "naive: getline + std::regex" "classify(): no rule matches" \
             "describe(enhanced_code)"; do
  expect "$work/tables.md" "| $label"
done
expect "$work/tables.md" "| target (issue 4) | measured: median / fastest |"
for target in "whole-buffer parse within 2×" "parse + classify within 5×" "one byte per read within 10×" \
              "16 KiB reads within 1.2×" "0 heap allocations per reply"; do
  expect "$work/tables.md" "| $target"
done
expect "$work/chart.svg" "<svg"
expect "$work/chart.svg" "fastest"
[ "$status" -eq 0 ] && echo "report.py read every case and target"
exit "$status"
