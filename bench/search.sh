#!/usr/bin/env bash
# Search benchmark. Seeds N stakeholders, then measures in one run on one machine, for SQLite
# and (when PostgreSQL 15 is installed) PostgreSQL: the seeding rate; /healthz throughput, the
# ceiling; search latency under concurrent load with wrk; the server's peak memory; and on
# PostgreSQL the throughput of two servers on one database against one. Prints a table.
#   bench/search.sh [N=100000] [CONNECTIONS=32] [SECONDS=10]
# CONVENE_BIN=path uses an already built release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CONVENE_TEST_POSTGRES_URL:-}" ] && [ -z "${BENCH_INSIDE:-}" ]; then
  export BENCH_INSIDE=1
  exec scripts/with-postgres "$0" "$@"
fi
N=${1:-100000}; C=${2:-32}; D=${3:-10}
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
export SWIFT_DETERMINISTIC_HASHING=1
if [ -z "${CONVENE_BIN:-}" ]; then
  swift build -c release --product convene --scratch-path .build-release >/dev/null
  CONVENE_BIN=.build-release/release/convene
fi
BIN=$CONVENE_BIN
OUT=$(mktemp -d /tmp/convene-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$OUT"; }
trap cleanup EXIT
cat > "$OUT/lat.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.timeout))
end
LUA
QUERIES=("q=garcia" "q=chronic+absenteeism" "q=educat*&type=educator" "q=%22school+board%22" "type=parent&area=Lincoln+Elementary" "q=budget&facets=true")

start_server() { # db -> sets PORT, appends pid
  PORT=$(( 30000 + RANDOM % 20000 ))
  CONVENE_JOB_INTERVAL=30 "$BIN" serve --database "$1" --port "$PORT" --log-level error >/dev/null 2>&1 &
  PIDS+=($!); LAST=$!
  for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server did not start" >&2; exit 1
}
load() { # connections url -> "rps p50 p99 errors"
  wrk -t2 -c"$1" -d"${D}s" -s "$OUT/lat.lua" -H "Authorization: Bearer $TOKEN" "$2" | awk '/^RESULT/ {print $2, $3, $4, $5}'
}
row() { printf "%-10s %-36s %9s %8s %8s %6s %s\n" "$@"; }

suite() { # engine database
  local engine=$1 db=$2
  SEED=$("$BIN" seed --database "$db" --stakeholders "$N")
  echo "bench-password-1234" | "$BIN" user create --database "$db" --email bench@example.org --role viewer --bcrypt-cost 4 >/dev/null
  TOKEN=$("$BIN" token create --database "$db" --email bench@example.org --name bench 2>/dev/null)
  start_server "$db"; local server=$LAST port=$PORT
  read -r H_RPS H_P50 H_P99 H_ERR <<<"$(load "$C" "http://127.0.0.1:$port/healthz")"
  row "$engine" "GET /healthz (ceiling)" "$H_RPS" "$H_P50" "$H_P99" "$H_ERR"
  for q in "${QUERIES[@]}"; do
    read -r RPS P50 P99 ERR <<<"$(load "$C" "http://127.0.0.1:$port/api/v1/stakeholders?$q")"
    row "$engine" "search $q" "$RPS" "$P50" "$P99" "$ERR" "$(awk -v a="$RPS" -v b="$H_RPS" 'BEGIN {printf "%.2f of healthz", a / b}')"
  done
  echo "$engine: $SEED"
  echo "$engine: server peak memory (VmHWM) $(( $(awk '/VmHWM/ {print $2}' /proc/$server/status) / 1024 )) MB"
  if [ "$engine" = postgresql ]; then
    local q="/api/v1/stakeholders?q=garcia"
    read -r ONE _ _ _ <<<"$(load "$C" "http://127.0.0.1:$port$q")"
    start_server "$db"; local port2=$PORT
    load $(( C / 2 )) "http://127.0.0.1:$port$q" > "$OUT/a" & local w1=$!
    load $(( C / 2 )) "http://127.0.0.1:$port2$q" > "$OUT/b" & local w2=$!
    wait $w1 $w2
    local TWO; TWO=$(cat "$OUT/a" "$OUT/b" | awk '{s += $1} END {print s}')
    echo "postgresql: search q=garcia, one server $ONE req/s, two servers on one database $TWO req/s ($(awk -v a="$TWO" -v b="$ONE" 'BEGIN {printf "%.2f", a / b}')x), $C connections in all"
  fi
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; PIDS=()
}

echo "Convene search benchmark: $N stakeholders, $C connections, ${D}s a request; $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
row engine "request" "req/s" "p50 ms" "p99 ms" "errors" ""
suite sqlite "$OUT/bench.sqlite"
if [ -n "${CONVENE_TEST_POSTGRES_URL:-}" ]; then
  BASE=${CONVENE_TEST_POSTGRES_URL%/*}
  psql "$CONVENE_TEST_POSTGRES_URL" -qc "CREATE DATABASE convene_bench" >/dev/null
  suite postgresql "$BASE/convene_bench"
else
  echo "PostgreSQL is not available: its rows are missing."
fi
