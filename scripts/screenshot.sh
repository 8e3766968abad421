#!/usr/bin/env bash
# Remakes the README's screenshot of the HTML view (docs/html-view.png)
# with headless Chromium (Debian package `chromium`).
#
#   scripts/screenshot.sh [ARTICLE]     (default fixtures/port-strike.txt)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
article="${1:-fixtures/port-strike.txt}"
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$here" && target/release/brief analyze --format html "$article") > "$work/page.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$work/profile" --window-size=1280,780 \
  --screenshot="$here/docs/html-view.png" "$work/page.html" 2>/dev/null
echo "wrote docs/html-view.png"
