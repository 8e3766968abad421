#!/usr/bin/env bash
# Scores brief against the 40 hand-made dev gold briefs (actors, quotes
# with speakers, stances) with ../shared/eval/score_gold.py.
#
#   scripts/score_dev_gold.sh [--json]
#
# Needs ../shared (or BRIEF_SHARED) and python3; builds the release binary.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${BRIEF_SHARED:-$here/../shared}"
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
pred="$(mktemp -d)"
trap 'rm -rf "$pred"' EXIT
for gold in "$shared"/eval/dev-gold/*.json; do
  name="$(basename "$gold" .json)"
  "$here/target/release/brief" analyze --jsonl "$shared/data/polnear/dev/$name.txt" > "$pred/$name.json"
done
python3 "$shared/eval/score_gold.py" --gold "$shared/eval/dev-gold" \
  --texts "$shared/data/polnear/dev" --pred "$pred" "$@"
