#!/usr/bin/env bash
# Scores brief on the seed article (actors, quotes, stances) against its
# hand-made gold brief with ../shared/eval/score_gold.py.
#
#   scripts/score_seed.sh [SHARED]
#
# SHARED defaults to ../shared. Uses the release build.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${1:-$here/../shared}"
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/target/release/brief" analyze --pretty "$shared/seed/trump-putin-call.txt" > "$out/trump-putin-call.json"
python3 "$shared/eval/score_gold.py" --gold "$shared/seed" --pred "$out" --texts "$shared/seed"
