#!/usr/bin/env bash
# Speed of two brief binaries on the same folder, measured in one run:
# interleaved rounds of the whole pipeline on one core (--jobs 1 --jsonl),
# median wall time of each and their ratio, then (with --instructions)
# callgrind instruction counts over the first 120 articles, which do not
# depend on what else the machine is doing.
#
#   scripts/bench-compare.sh OLD_BINARY [NEW_BINARY] [--rounds N] [--instructions]
#
# NEW_BINARY defaults to target/release/brief (built first); the folder is
# ../shared/data/polnear/train (BRIEF_SHARED to move it).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${BRIEF_SHARED:-$here/../shared}"
old="$1"; shift
new="$here/target/release/brief"
rounds=9
instructions=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --instructions) instructions=true; shift ;;
    *) new="$1"; shift ;;
  esac
done
[ "$new" != "$here/target/release/brief" ] || cargo build --release --quiet --manifest-path "$here/Cargo.toml"
files=("$shared"/data/polnear/train/*.txt)
echo "folder: ${#files[@]} PolNeAR train articles; $rounds interleaved rounds"
python3 - "$old" "$new" "$rounds" "${files[@]}" <<'PY'
import statistics, subprocess, sys, time
old, new, rounds, files = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
times = {old: [], new: []}
for _ in range(rounds):
    for exe in (old, new):
        start = time.perf_counter()
        subprocess.run([exe, "analyze", "--jobs", "1", "--jsonl", *files], stdout=subprocess.DEVNULL, check=True)
        times[exe].append(time.perf_counter() - start)
mo, mn = statistics.median(times[old]), statistics.median(times[new])
bo, bn = min(times[old]), min(times[new])
print(f"old median {mo:.3f} s (best {bo:.3f}), new median {mn:.3f} s (best {bn:.3f}): new/old {mn / mo:.3f} (best {bn / bo:.3f})")
PY
if $instructions; then
  subset=("${files[@]:0:120}")
  for which in old new; do
    bin="$old"; [ "$which" = new ] && bin="$new"
    n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" analyze --jobs 1 --jsonl "${subset[@]}" 2>&1 >/dev/null \
        | grep -o 'Collected : [0-9]*' | awk '{print $3}')
    echo "$which: $n instructions (120 articles)"
    eval "count_$which=$n"
  done
  python3 -c "print('instructions new/old: %.4f' % ($count_new / $count_old))"
fi
