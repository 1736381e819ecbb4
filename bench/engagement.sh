#!/usr/bin/env bash
# Relationships-over-time benchmark. Seeds N stakeholders and M interactions, then measures in
# one run on one machine, for SQLite and (when PostgreSQL 15 is installed) PostgreSQL:
# - the time to compute coverage and health for the whole district (`convene report`, from a
#   cold process, so the figure includes reading every profile and contact summary);
# - under concurrent load with wrk: the dashboard page (`/`, signed in), the dashboard as JSON
#   (`/api/v1/dashboard`), a stakeholder's page and a stakeholder's timeline, with /healthz as
#   the machine's ceiling in the same run.
#   bench/engagement.sh [N=100000] [M=1000000] [CONNECTIONS=16] [SECONDS=10]
# BENCH_ENGINES=sqlite leaves PostgreSQL out (a quicker run).
# CONVENE_BIN=path uses an already built release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CONVENE_TEST_POSTGRES_URL:-}" ] && [ -z "${BENCH_INSIDE:-}" ]; then
  export BENCH_INSIDE=1
  exec scripts/with-postgres "$0" "$@"
fi
N=${1:-100000}; M=${2:-1000000}; C=${3:-16}; D=${4:-10}
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

start_server() { # db -> sets PORT
  PORT=$(( 30000 + RANDOM % 20000 ))
  CONVENE_JOB_INTERVAL=30 "$BIN" serve --database "$1" --port "$PORT" --log-level error >/dev/null 2>&1 &
  PIDS+=($!); LAST=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server did not start" >&2; exit 1
}
load() { # connections url [header] -> "rps p50 p99 errors"
  wrk -t2 -c"$1" -d"${D}s" -s "$OUT/lat.lua" -H "${3:-Authorization: Bearer $TOKEN}" "$2" | awk '/^RESULT/ {print $2, $3, $4, $5}'
}
row() { printf "%-10s %-34s %9s %8s %8s %6s %s\n" "$@"; }
timed() { # command... -> seconds
  local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v a="$s" -v b="$e" 'BEGIN {printf "%.2f", b - a}'
}

suite() { # engine database
  local engine=$1 db=$2
  SEED=$("$BIN" seed --database "$db" --stakeholders "$N" --interactions "$M")
  echo "bench-password-1234" | "$BIN" user create --database "$db" --email bench@example.org --role staff --bcrypt-cost 4 >/dev/null
  TOKEN=$("$BIN" token create --database "$db" --email bench@example.org --name bench 2>/dev/null)
  echo "$engine: $SEED"
  local cov hea
  cov=$(timed "$BIN" report coverage --database "$db" --period year --format json)
  hea=$(timed "$BIN" report health --database "$db" --format csv)
  local covInside; covInside=$("$BIN" report coverage --database "$db" --period year --format json | awk -F': ' '/computeSeconds/ {gsub(/,/, "", $2); print $2}')
  echo "$engine: district-wide coverage (school year) $cov s as a command, of which computing $covInside s; health of everyone $hea s as a command"
  start_server "$db"; local server=$LAST port=$PORT
  # Sign in like a browser: the pre-session cookie, then the form.
  curl -s -c "$OUT/jar" "http://127.0.0.1:$port/login" -o "$OUT/login.html"
  local csrf; csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$OUT/login.html" | head -1)
  curl -s -b "$OUT/jar" -c "$OUT/jar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "email=bench@example.org" \
    --data-urlencode "password=bench-password-1234" "http://127.0.0.1:$port/login"
  local cookie; cookie="Cookie: convene_session=$(awk '$6 == "convene_session" {print $7}' "$OUT/jar")"
  local sid; sid=$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/v1/due-for-contact?limit=1" | sed -n 's/.*"stakeholderId":"\([^"]*\)".*/\1/p')
  [ -n "$sid" ] || { echo "no stakeholder to open" >&2; exit 1; }
  curl -fs -H "$cookie" "http://127.0.0.1:$port/" -o /dev/null || { echo "the dashboard page did not load signed in" >&2; exit 1; }
  read -r H_RPS H_P50 H_P99 H_ERR <<<"$(load "$C" "http://127.0.0.1:$port/healthz")"
  row "$engine" "GET /healthz (ceiling)" "$H_RPS" "$H_P50" "$H_P99" "$H_ERR"
  for spec in "dashboard page|/|$cookie" "dashboard JSON|/api/v1/dashboard|" "stakeholder page|/stakeholders/$sid|$cookie" \
              "stakeholder timeline JSON|/api/v1/interactions?stakeholderId=$sid|" "stakeholder health JSON|/api/v1/stakeholders/$sid/health|"; do
    IFS='|' read -r name path header <<<"$spec"
    read -r RPS P50 P99 ERR <<<"$(load "$C" "http://127.0.0.1:$port$path" "${header:-Authorization: Bearer $TOKEN}")"
    row "$engine" "$name" "$RPS" "$P50" "$P99" "$ERR" "$(awk -v a="$RPS" -v b="$H_RPS" 'BEGIN {printf "%.2f of healthz", a / b}')"
  done
  echo "$engine: server peak memory (VmHWM) $(( $(awk '/VmHWM/ {print $2}' /proc/$server/status) / 1024 )) MB"
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; PIDS=()
}

echo "Convene engagement benchmark: $N stakeholders, $M interactions, $C connections, ${D}s a request; $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
row engine "request" "req/s" "p50 ms" "p99 ms" "errors" ""
suite sqlite "$OUT/bench.sqlite"
if [ -n "${CONVENE_TEST_POSTGRES_URL:-}" ] && [ "${BENCH_ENGINES:-both}" != sqlite ]; then
  BASE=${CONVENE_TEST_POSTGRES_URL%/*}
  psql "$CONVENE_TEST_POSTGRES_URL" -qc "CREATE DATABASE convene_bench" >/dev/null
  suite postgresql "$BASE/convene_bench"
else
  echo "PostgreSQL is not available: its rows are missing."
fi
