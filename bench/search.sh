#!/usr/bin/env bash
# Search benchmark on SQLite: seeds N stakeholders, then measures, in one run on one machine,
# /healthz throughput (the ceiling) and search latency under concurrent load with wrk, and the
# server's peak memory. Prints a table. Usage: bench/search.sh [N=100000] [CONNECTIONS=32] [SECONDS=10]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}; C=${2:-32}; D=${3:-10}
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
export SWIFT_DETERMINISTIC_HASHING=1
swift build -c release --product convene >/dev/null
BIN=$(swift build -c release --show-bin-path)/convene
OUT=$(mktemp -d /tmp/convene-bench.XXXXXX)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$OUT"' EXIT
DB="$OUT/bench.sqlite"
echo "seeding $N stakeholders..."
SEED_LINE=$("$BIN" seed --database "$DB" --stakeholders "$N")
echo "$SEED_LINE"
echo "bench-password-1234" | "$BIN" user create --database "$DB" --email bench@example.org --role viewer --bcrypt-cost 4 >/dev/null
TOKEN=$("$BIN" token create --database "$DB" --email bench@example.org --name bench 2>/dev/null)
PORT=$(( 30000 + RANDOM % 20000 ))
"$BIN" serve --database "$DB" --port "$PORT" --log-level error > "$OUT/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
run() { # name path -> "rps p50 p99"
  cat > "$OUT/lat.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
LUA
  wrk -t2 -c"$C" -d"${D}s" -s "$OUT/lat.lua" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$2" | awk '/^RESULT/ {print $2, $3, $4, $5}'
}
printf "%-34s %10s %9s %9s %7s\n" "request ($C connections, ${D}s)" "req/s" "p50 ms" "p99 ms" "non-2xx"
read -r H_RPS H_P50 H_P99 H_ERR <<<"$(run healthz /healthz)"
printf "%-34s %10s %9s %9s %7s\n" "GET /healthz (ceiling)" "$H_RPS" "$H_P50" "$H_P99" "$H_ERR"
for q in "q=garcia" "q=chronic+absenteeism" "q=educat*&type=educator" "q=%22school+board%22" "type=parent&area=Lincoln+Elementary" "q=budget&facets=true"; do
  read -r RPS P50 P99 ERR <<<"$(run search "/api/v1/stakeholders?$q")"
  printf "%-34s %10s %9s %9s %7s   (%.2f of healthz)\n" "search $q" "$RPS" "$P50" "$P99" "$ERR" "$(echo "$RPS / $H_RPS" | bc -l)"
done
PEAK=$(awk '/VmHWM/ {print $2}' /proc/$SERVER/status)
echo "server peak memory (VmHWM): $((PEAK / 1024)) MB"
echo "machine: $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%d)"
