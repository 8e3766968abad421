#!/usr/bin/env bash
# What each output view costs over plain JSON Lines, end to end through the
# release binary on one core (--jobs 1), over a folder of articles:
#
#   scripts/bench-formats.sh [ARTICLES_DIR] [RUNS]
#   scripts/bench-formats.sh --instructions [ARTICLES_DIR]
#
# With --instructions it counts instructions with valgrind's callgrind
# instead of timing (repeatable on a noisy machine; a few minutes).
#
# ARTICLES_DIR defaults to ../shared/data/polnear/train; RUNS (default 7)
# timed runs per format, the formats taking turns (hyperfine runs each
# command's runs in a row, so the script interleaves rounds itself to keep
# a noisy machine from favouring one). Prints each format's median and its
# ratio to jsonl. Needs hyperfine.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
count=false
if [ "${1:-}" = --instructions ]; then count=true; shift; fi
dir="${1:-$here/../shared/data/polnear/train}"
runs="${2:-7}"
exe="$here/target/release/brief"
if $count; then
  cargo build --release --quiet --manifest-path "$here/Cargo.toml"
  files=("$dir"/*.txt)
  echo "folder: $dir (${#files[@]} articles), instructions (callgrind)"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  for f in jsonl summary tsv csv html; do
    valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$exe" analyze --jobs 1 --format "$f" "${files[@]}" \
      2> "$work/$f.err" > /dev/null
    grep -o 'Collected : [0-9]*' "$work/$f.err" | awk -v f="$f" '{print f, $3}' >> "$work/counts"
  done
  awk 'NR == 1 {base = $2} {printf "%-8s %15.0f instructions   %.3fx jsonl\n", $1, $2, $2 / base}' "$work/counts"
  exit 0
fi
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
files=("$dir"/*.txt)
echo "folder: $dir (${#files[@]} articles), $runs rounds"
formats=(jsonl summary tsv csv html)
for round in $(seq "$runs"); do
  for f in "${formats[@]}"; do
    hyperfine --style none --runs 1 --export-json "$work/$f.$round.json" \
      -n "$f" "$exe analyze --jobs 1 --format $f ${files[*]} > /dev/null" > /dev/null
  done
done
python3 - "$work" "$runs" "${formats[@]}" <<'PY'
import json, statistics, sys
work, runs, formats = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
median = {}
for f in formats:
    times = [json.load(open(f"{work}/{f}.{r}.json"))["results"][0]["mean"] for r in range(1, runs + 1)]
    median[f] = statistics.median(times)
for f in formats:
    print("%-8s median %.3f s   %.3fx jsonl" % (f, median[f], median[f] / median["jsonl"]))
PY
