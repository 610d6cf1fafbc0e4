#!/usr/bin/env bash
# Compares two builds of smtp_reply_bench on a machine whose load moves from
# minute to minute: runs them one after the other, alternately, and prints
# for each case the fastest and the median of each binary's repetitions.
# Alternating spreads a burst of load over both, and the fastest repetition
# is the one least disturbed by it.
#
#   bench/compare.sh BEFORE AFTER [filter] [rounds] [repetitions]
#       BEFORE, AFTER  smtp_reply_bench binaries (e.g. of two checkouts)
#       filter         --benchmark_filter regex (default: parse_classify|classify/)
#       rounds         alternations (default 4); repetitions per run (default 7)
#   SMTP_REPLY_COMPARE_ARGS: more arguments for both binaries (the test
#   workflow passes --benchmark_min_time=0.01, with a small stream)
#
# Example, against the version before a change:
#   git worktree add /tmp/before HEAD~1 && (cd /tmp/before && cmake --workflow --preset bench)
#   bench/compare.sh /tmp/before/build/bench/bench/smtp_reply_bench build/bench/bench/smtp_reply_bench
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
before=$1
after=$2
filter=${3:-parse_classify|classify/}
rounds=${4:-4}
repetitions=${5:-7}
command -v python3 >/dev/null || { echo "python3 is needed"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for round in $(seq "$rounds"); do
  for side in before after; do
    binary=$before
    [ "$side" = after ] && binary=$after
    # shellcheck disable=SC2086 # the extra arguments are meant to split
    "$binary" --benchmark_filter="$filter" --benchmark_repetitions="$repetitions" \
      --benchmark_format=json ${SMTP_REPLY_COMPARE_ARGS:-} >"$work/$side.$round.json" 2>/dev/null
  done
done

python3 - "$work" "$rounds" <<'EOF'
import json
import statistics
import sys

work, rounds = sys.argv[1], int(sys.argv[2])
times = {}  # case -> side -> ns per reply of every repetition
for side in ("before", "after"):
    for round_ in range(1, rounds + 1):
        try:
            with open(f"{work}/{side}.{round_}.json") as f:
                runs = json.load(f)["benchmarks"]
        except (OSError, ValueError, KeyError):
            runs = []  # no case matched the filter: the binary wrote no JSON
        for b in runs:
            if b.get("run_type") != "iteration":
                continue
            value = b.get("ns_per_reply", b["real_time"])
            times.setdefault(b["run_name"], {}).setdefault(side, []).append(value)

compared = 0
print(f"{'case':<28} {'before: fastest':>16} {'median':>9} {'after: fastest':>16} {'median':>9} {'fastest, after/before':>22}")
for case, sides in times.items():
    b, a = sides.get("before", []), sides.get("after", [])
    if not b or not a:
        continue
    print(f"{case:<28} {min(b):>16.1f} {statistics.median(b):>9.1f} {min(a):>16.1f} {statistics.median(a):>9.1f}"
          f" {min(a) / min(b):>21.2f}x")
    compared += 1
if compared == 0:
    sys.exit("compare.sh: no case ran in both binaries (check the filter)")
EOF
