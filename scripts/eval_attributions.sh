#!/usr/bin/env bash
# Runs brief over a PolNeAR folder and scores its claims against the gold
# attributions, with and without --direct-only.
#
#   scripts/eval_attributions.sh [SPLIT_DIR] [SHARED]
#
# SPLIT_DIR defaults to ../shared/data/polnear/dev; SHARED (the folder with
# eval/score_attributions.py) to ../shared. Uses the release build.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
split="${1:-$here/../shared/data/polnear/dev}"
shared="${2:-$here/../shared}"
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/target/release/brief" analyze --jsonl "$split"/*.txt > "$out/pred.jsonl"
echo "== all attributions"
python3 "$shared/eval/score_attributions.py" --gold "$split" --pred "$out/pred.jsonl"
echo
echo "== direct and mixed quotations only (--direct-only)"
python3 "$shared/eval/score_attributions.py" --gold "$split" --pred "$out/pred.jsonl" --direct-only
