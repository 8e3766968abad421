#!/usr/bin/env bash
# The batch benchmarks, end to end through the release binary:
#   1. whole-pipeline tokens/s on one core (--jobs 1) over a folder;
#   2. the speed-up of --jobs 2 over --jobs 1;
#   3. peak RSS over the whole folder (--jobs 1 and --jobs 2);
#   4. the wall time of one small article in a fresh process.
#
#   scripts/bench.sh [ARTICLES_DIR] [RUNS]
#
# ARTICLES_DIR defaults to ../shared/data/polnear/train (840 articles,
# about 727,000 tokens); RUNS (default 5) is how many timed runs hyperfine
# makes of each batch command. Needs hyperfine and GNU time (/usr/bin/time).
# Machines are noisy: compare numbers from one run of this script.
# BENCH_EXE names another binary to measure (a baseline build) instead of
# target/release/brief.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$here/../shared/data/polnear/train}"
runs="${2:-5}"
exe="${BENCH_EXE:-$here/target/release/brief}"
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
files=("$dir"/*.txt)
tokens=$("$exe" analyze --jsonl "${files[@]}" | python3 -c 'import json,sys; print(sum(json.loads(l)["stats"]["tokens"] for l in sys.stdin))')
echo "folder: $dir (${#files[@]} articles, $tokens tokens)"
hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/batch.json" \
  -n jobs1 "$exe analyze --jobs 1 --jsonl ${files[*]} > /dev/null" \
  -n jobs2 "$exe analyze --jobs 2 --jsonl ${files[*]} > /dev/null" > /dev/null
hyperfine --style none --warmup 3 --runs 30 --export-json "$work/small.json" \
  -n small "$exe analyze --jsonl $here/fixtures/port-strike.txt > /dev/null" > /dev/null
rss() { /usr/bin/time -f '%M' "$exe" analyze --jobs "$1" --jsonl "${files[@]}" 2>&1 >/dev/null | tail -1; }
rss1=$(rss 1)
rss2=$(rss 2)
python3 - "$work/batch.json" "$work/small.json" "$tokens" "$rss1" "$rss2" <<'PY'
import json, sys
batch = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
small = json.load(open(sys.argv[2]))["results"][0]
tokens, rss1, rss2 = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
t1, t2 = batch["jobs1"]["median"], batch["jobs2"]["median"]
print("one core, whole pipeline:  %.2f M tokens/s  (median %.3f s)" % (tokens / t1 / 1e6, t1))
print("--jobs 2 over --jobs 1:    %.2fx  (median %.3f s)" % (t1 / t2, t2))
print("peak RSS, whole folder:    %.1f MB (--jobs 1), %.1f MB (--jobs 2)" % (rss1 / 1024, rss2 / 1024))
print("one small article:         %.1f ms wall (median of 30, fresh process)" % (small["median"] * 1000))
PY
