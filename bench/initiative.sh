#!/usr/bin/env bash
# Initiative benchmark. Seeds N stakeholders, then `convene initiative bench` adds one
# initiative of the given size — a consultation with P participants voting on S statements
# (half each), a forum with A attendees, a five-line plan and a decision — and times, as the
# median of R runs in one process: the plan's progress, the public "you said, we did" view
# (its data), the public page rendered in Spanish, and the board report as HTML. Runs on SQLite
# and (when PostgreSQL 15 is installed) PostgreSQL, and prints one table with PostgreSQL's
# times as a ratio of SQLite's, both measured in this run.
#   bench/initiative.sh [N=20000] [P=5000] [S=40] [A=2000] [R=15]
# CONVENE_BIN=path uses an already built release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CONVENE_TEST_POSTGRES_URL:-}" ] && [ -z "${BENCH_INSIDE:-}" ]; then
  export BENCH_INSIDE=1
  exec scripts/with-postgres "$0" "$@"
fi
N=${1:-20000}; P=${2:-5000}; S=${3:-40}; A=${4:-2000}; R=${5:-15}
export SWIFT_DETERMINISTIC_HASHING=1
if [ -z "${CONVENE_BIN:-}" ]; then
  swift build -c release --product convene --scratch-path .build-release >/dev/null
  CONVENE_BIN=.build-release/release/convene
fi
OUT=$(mktemp -d /tmp/convene-initiative-bench.XXXXXX)
run() { # engine database → one tab-separated row
  "$CONVENE_BIN" seed --database "$2" --stakeholders "$N" >/dev/null
  "$CONVENE_BIN" initiative bench --database "$2" --participants "$P" --statements "$S" --attendees "$A" --repetitions "$R" | tail -1
}
echo "Convene initiative benchmark: $N stakeholders, $P participants x $S statements, $A attendees, median of $R; $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
SQLITE=$(run sqlite "$OUT/bench.sqlite")
PG=""
if [ -n "${CONVENE_TEST_POSTGRES_URL:-}" ]; then
  BASE=${CONVENE_TEST_POSTGRES_URL%/*}
  psql "$CONVENE_TEST_POSTGRES_URL" -qc "CREATE DATABASE convene_initiative_bench" >/dev/null
  PG=$(run postgresql "$BASE/convene_initiative_bench")
else
  echo "PostgreSQL is not available: its row is missing."
fi
python3 - "$SQLITE" "$PG" <<'PY'
import sys
head = ["engine", "stakeholders", "participants", "votes", "attendees", "load_s", "analysis_s", "progress_ms", "public_view_ms", "public_page_ms", "board_report_ms"]
rows = [r.split("\t") for r in sys.argv[1:] if r.strip()]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for r in rows: print("| " + " | ".join(r) + " |")
if len(rows) == 2:
    ratio = ["postgresql / sqlite", "", "", "", ""] + [f"{float(b) / float(a):.2f}x" if float(a) > 0 else "-" for a, b in zip(rows[0][5:], rows[1][5:])]
    print("| " + " | ".join(ratio) + " |")
PY
rm -rf "$OUT"
