#!/usr/bin/env bash
# Import benchmark, in one run on one machine:
# - CSV import of N stakeholders end to end into SQLite (`convene import stakeholders`, both
#   passes, one transaction) against sqlite3's own `.import` of the same file into a table
#   with the same columns, as a ratio; and peak memory of imports of N/10 and N rows (flat
#   means the two are close);
# - parsing throughput of the vCard export of the same stakeholders against python's vobject,
#   and of an iCalendar file of events against python's icalendar, as ratios.
#   bench/import.sh [N=100000]
# CONVENE_BIN=path uses an already built release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
command -v sqlite3 >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq sqlite3 >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; }
python3 -c "import vobject, icalendar" 2>/dev/null || python3 -m pip install --quiet vobject icalendar
export SWIFT_DETERMINISTIC_HASHING=1
if [ -z "${CONVENE_BIN:-}" ]; then
  swift build -c release --product convene --scratch-path .build-release >/dev/null
  CONVENE_BIN=.build-release/release/convene
fi
BIN=$CONVENE_BIN
OUT=$(mktemp -d /tmp/convene-import-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); awk -v a="$s" -v b="$e" 'BEGIN {printf "%.2f", b - a}'; }
peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }  # KiB

echo "Convene import benchmark: $N stakeholders; $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
"$BIN" seed --database "$OUT/source.sqlite" --stakeholders "$N" >/dev/null
"$BIN" export stakeholders --database "$OUT/source.sqlite" --format csv --to "$OUT/people.csv" 2>/dev/null
"$BIN" export stakeholders --database "$OUT/source.sqlite" --format vcard --to "$OUT/people.vcf" 2>/dev/null
head -n $(( N / 10 + 1 )) "$OUT/people.csv" > "$OUT/tenth.csv"
ROWS=$(( $(wc -l < "$OUT/people.csv") - 1 ))
echo "files: people.csv $(du -h "$OUT/people.csv" | cut -f1) ($ROWS lines after the header; some records span lines), people.vcf $(du -h "$OUT/people.vcf" | cut -f1)"

CONVENE=$(secs "$BIN" import stakeholders "$OUT/people.csv" --database "$OUT/imported.sqlite" --policy create)
COUNT=$(sqlite3 "$OUT/imported.sqlite" "SELECT count(*) FROM stakeholders")
HEADER=$(head -1 "$OUT/people.csv")
sqlite3 "$OUT/plain.sqlite" "CREATE TABLE people ($(echo "$HEADER" | tr -d '\r' | sed 's/,/ TEXT, /g') TEXT)"
SQLITE=$(secs sqlite3 "$OUT/plain.sqlite" ".import --csv --skip 1 $OUT/people.csv people")
PLAIN=$(sqlite3 "$OUT/plain.sqlite" "SELECT count(*) FROM people")
printf "%-58s %8s s  %s\n" "convene import stakeholders (CSV, dry run + write, $COUNT records)" "$CONVENE" \
  "$(awk -v a="$COUNT" -v t="$CONVENE" 'BEGIN {printf "%.0f rows/s", a / t}')"
printf "%-58s %8s s  %s\n" "sqlite3 .import of the same file ($PLAIN rows, no indexes)" "$SQLITE" \
  "$(awk -v a="$PLAIN" -v t="$SQLITE" 'BEGIN {printf "%.0f rows/s", a / t}')"
echo "convene / sqlite3 speed: $(awk -v c="$CONVENE" -v s="$SQLITE" 'BEGIN {printf "%.3f", s / c}') (aim: at least 0.5)"

M10=$(peak "$BIN" import stakeholders "$OUT/tenth.csv" --database "$OUT/m10.sqlite" --policy create)
M100=$(peak "$BIN" import stakeholders "$OUT/people.csv" --database "$OUT/m100.sqlite" --policy create)
echo "peak memory: $(( M10 / 1024 )) MB importing $(( N / 10 )) rows, $(( M100 / 1024 )) MB importing $N rows (ratio $(awk -v a="$M100" -v b="$M10" 'BEGIN {printf "%.2f", a / b}'))"

VCF_CONVENE=$("$BIN" parse vcard "$OUT/people.vcf" --repeat 3 | awk '{print $4}')
VCF_PY=$(python3 - "$OUT/people.vcf" <<'PY'
import sys, time, vobject
data = open(sys.argv[1], encoding="utf-8").read()
t = time.perf_counter(); n = sum(1 for _ in vobject.readComponents(data)); d = time.perf_counter() - t
print(f"{d:.4f} {n}")
PY
)
printf "%-58s %8s s\n" "vCard parse, convene ($(grep -c '^BEGIN:VCARD' "$OUT/people.vcf") cards)" "$VCF_CONVENE"
printf "%-58s %8s s\n" "vCard parse, python vobject ($(echo "$VCF_PY" | cut -d' ' -f2) cards)" "$(echo "$VCF_PY" | cut -d' ' -f1)"
echo "vCard: convene is $(awk -v c="$VCF_CONVENE" -v p="$(echo "$VCF_PY" | cut -d' ' -f1)" 'BEGIN {printf "%.1f", p / c}') times faster (aim: 30)"

# An iCalendar file: every readable file of the corpus, each as its own calendar, 20 times.
ICS="$OUT/events.ics"
: > "$ICS"
for i in $(seq 1 20); do
  find ../shared/corpora/ics/icalendar -name "*.ics" | sort | while read -r f; do
    case "$(basename "$f")" in fuzz_*|broken_*|parsing_error*|invalid_*) continue ;; esac
    "$BIN" parse ics "$f" >/dev/null 2>&1 || continue
    python3 -c "import icalendar,sys; icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read(), multiple=True)" "$f" 2>/dev/null || continue
    cat "$f" >> "$ICS"; printf '\r\n' >> "$ICS"
  done
done
ICS_CONVENE=$("$BIN" parse ics "$ICS" --repeat 3 | awk '{print $4}')
ICS_PY=$(python3 - "$ICS" <<'PY'
import sys, time, icalendar
data = open(sys.argv[1], "rb").read()
t = time.perf_counter(); cals = icalendar.Calendar.from_ical(data, multiple=True)
n = sum(len(c.walk("VEVENT")) for c in cals); d = time.perf_counter() - t
print(f"{d:.4f} {n}")
PY
)
printf "%-58s %8s s\n" "iCalendar parse, convene ($(du -h "$ICS" | cut -f1))" "$ICS_CONVENE"
printf "%-58s %8s s\n" "iCalendar parse, python icalendar ($(echo "$ICS_PY" | cut -d' ' -f2) events)" "$(echo "$ICS_PY" | cut -d' ' -f1)"
echo "iCalendar: convene is $(awk -v c="$ICS_CONVENE" -v p="$(echo "$ICS_PY" | cut -d' ' -f1)" 'BEGIN {printf "%.1f", p / c}') times faster (aim: 30)"
