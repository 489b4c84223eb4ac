#!/usr/bin/env bash
# Browser tests of the Gongkai Sync pages (docs/station-ui.md § Browser tests):
#   bash tests/browser/run.sh BUILD_DIR [SPEC_FILE…]
# Needs node (>= 20), npm and Debian's chromium (apt-get install chromium
# nodejs npm fonts-wqy-zenhei — the font makes Chinese legible in the
# screenshots); installs playwright-core from package-lock.json (npm ci) if
# node_modules is missing. Each spec starts what it needs (a real
# gongkai-hub serve on a free port, stations made with gongkai-station)
# through lib/town.js, under BUILD_DIR/browser-runs, and saves screenshots
# into BUILD_DIR/browser-screenshots.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="$(cd "${1:?usage: run.sh BUILD_DIR [SPEC…]}" && pwd)"
shift

for bin in "$BUILD/hub/gongkai-hub" "$BUILD/station/gongkai-station"; do
  [ -x "$bin" ] || { echo "run.sh: $bin is not built" >&2; exit 1; }
done
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "run.sh: no chromium at $CHROMIUM (apt-get install chromium)" >&2; exit 1; }
command -v node >/dev/null || { echo "run.sh: node is not installed (apt-get install nodejs npm)" >&2; exit 1; }
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$NODE_MAJOR" -lt 20 ]; then
  echo "run.sh: node $(node --version) is too old: playwright-core needs node >= 20" >&2
  exit 1
fi

cd "$HERE"
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

export GONGKAI_BUILD="$BUILD"
export GONGKAI_BROWSER_RUNS="$BUILD/browser-runs"
export GONGKAI_SCREENSHOTS="$BUILD/browser-screenshots"
export CHROMIUM
rm -rf "$GONGKAI_BROWSER_RUNS"
mkdir -p "$GONGKAI_BROWSER_RUNS" "$GONGKAI_SCREENSHOTS"

if [ "$#" -eq 0 ]; then
  set -- specs/*.test.js
fi
# One spec file at a time (each starts its own hub, stations and browser).
concurrency=()
if node --help | grep -q -- --test-concurrency; then concurrency=(--test-concurrency=1); fi
status=0
node --test "${concurrency[@]}" "$@" || status=$?
# Keep the run directories only when something failed (logs to look at).
[ "$status" -eq 0 ] && rm -rf "$GONGKAI_BROWSER_RUNS"
echo "screenshots: $GONGKAI_SCREENSHOTS"
exit "$status"
