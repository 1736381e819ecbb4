#!/usr/bin/env bash
# Issue radar benchmark, in one run on one machine:
# - feed-parsing throughput against feedparser-rs and feedparser (bench/radar-parse.sh);
# - at scale, on SQLite: ISSUES issues and ITEMS generated items read through the real reader,
#   sanitizer and matcher into the database (`convene radar seed`), every item matched again
#   against every issue (`convene radar rematch`: the matching time alone and with reading and
#   writing), and every issue's weekly trend with burst detection (`convene radar trends`).
#   bench/radar.sh [ITEMS=200000] [ISSUES=200]
# CONVENE=path uses an already built release binary (default: builds one in .build-release).
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-200000}
ISSUES=${2:-200}
export SWIFT_DETERMINISTIC_HASHING=1
if [ -z "${CONVENE:-}" ]; then
  swift build -c release --product convene --scratch-path .build-release >/dev/null
  CONVENE=.build-release/release/convene
fi
export CONVENE
echo "Convene radar benchmark: $ITEMS items, $ISSUES issues; $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
bench/radar-parse.sh
OUT=$(mktemp -d /tmp/convene-radar-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
echo
echo "At scale (SQLite):"
"$CONVENE" radar seed --database "$OUT/radar.sqlite" --issues "$ISSUES" --items "$ITEMS"
"$CONVENE" radar rematch --database "$OUT/radar.sqlite"
"$CONVENE" radar trends --database "$OUT/radar.sqlite" --limit 3 --time-zone America/Chicago
