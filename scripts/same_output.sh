#!/usr/bin/env bash
# Compares the briefs of two brief binaries byte for byte over the seed,
# the fixtures (text and web pages) and PolNeAR dev and train: for
# refactors that must not change any output.
#
#   scripts/same_output.sh OLD_BINARY [NEW_BINARY]
#
# NEW_BINARY defaults to target/release/brief (built first). Prints the
# number of articles compared and any that differ; exits 1 when one does.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${BRIEF_SHARED:-$here/../shared}"
old="$1"
new="${2:-$here/target/release/brief}"
[ $# -ge 2 ] || cargo build --release --quiet --manifest-path "$here/Cargo.toml"
files=("$shared/seed/trump-putin-call.txt" "$here"/fixtures/*.txt "$here"/fixtures/html/*.html
       "$shared"/data/polnear/dev/*.txt "$shared"/data/polnear/train/*.txt)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for exe in old new; do
  bin="$old"; [ "$exe" = new ] && bin="$new"
  "$bin" analyze --jsonl --quiet --with sentences,tokens "${files[@]}" > "$work/$exe.jsonl" 2> "$work/$exe.err" || true
done
if cmp -s "$work/old.jsonl" "$work/new.jsonl" && cmp -s "$work/old.err" "$work/new.err"; then
  echo "same output: ${#files[@]} articles byte-identical (with sentences and tokens)"
else
  python3 - "$work/old.jsonl" "$work/new.jsonl" <<'PY'
import json, sys
old = open(sys.argv[1]).read().splitlines()
new = open(sys.argv[2]).read().splitlines()
diff = [json.loads(a)["source"]["path"] for a, b in zip(old, new) if a != b]
print(f"DIFFERENT: {len(diff)} of {len(old)} articles (line counts {len(old)} vs {len(new)})")
for path in diff[:20]:
    print("  ", path)
PY
  exit 1
fi
