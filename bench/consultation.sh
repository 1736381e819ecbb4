#!/usr/bin/env bash
# Consultation analysis benchmark. For each size, `convene consultation bench` generates a
# consultation with three planted opinion groups (10 % noise), writes its votes as CSV, and times
# Convene's analysis; then red-dwarf (PyPI, the Python reproduction of the Pol.is pipeline) and a
# plain scikit-learn pipeline (mean-imputed dense matrix, PCA(2), sparsity-aware scaling, k-means
# k = 2…5 chosen by silhouette on a 10,000-participant sample) are timed in-process on the same
# votes (loading the CSV is not timed). Prints one table: size, seconds, ratios, and the adjusted
# Rand index between each pair of groupings and against the planted groups.
#   bench/consultation.sh [SIZES="10000:1000:1000000 100000:2000:10000000"]
# CONVENE=path uses an already built release binary (default: builds one in .build-release).
# SEED (1), OUT (a new folder under /tmp), VENV (/tmp/venv-consultation-bench) and
# RD_TIMEOUT (seconds per red-dwarf run, 3600) can be set.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-"10000:1000:1000000 100000:2000:10000000"}
SEED=${SEED:-1}
VENV=${VENV:-/tmp/venv-consultation-bench}
RD_TIMEOUT=${RD_TIMEOUT:-3600}
export SWIFT_DETERMINISTIC_HASHING=1
if [ -z "${CONVENE:-}" ]; then
  swift build -c release --product convene --scratch-path .build-release >/dev/null
  CONVENE=.build-release/release/convene
fi
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import reddwarf, sklearn" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "red-dwarf>=0.4,<0.5" scikit-learn pandas >/dev/null
fi
OUT=${OUT:-$(mktemp -d /tmp/convene-consultation-bench.XXXXXX)}
mkdir -p "$OUT"

cat > "$OUT/others.py" <<'PY'
"""Times red-dwarf and a scikit-learn pipeline on a votes CSV; prints one JSON line with times and ARIs."""
import csv, json, sys, time, signal
import numpy as np, pandas as pd
from sklearn.metrics import adjusted_rand_score as ari

votes_csv, groups_csv, seed, rd_timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
df = pd.read_csv(votes_csv)
groups = pd.read_csv(groups_csv).set_index("participant_id")
out = {}
labels = {"convene": groups["convene_group"].to_dict(), "planted": groups["planted_group"].to_dict()}

def sklearn_pipeline(df):
    from sklearn.decomposition import PCA
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    pids, rows = np.unique(df.participant_id.values, return_inverse=True)
    sids, cols = np.unique(df.statement_id.values, return_inverse=True)
    M = np.full((len(pids), len(sids)), np.nan)
    M[rows, cols] = df.vote.values  # a later vote on the same statement overwrites
    counts = (~np.isnan(M)).sum(axis=1)
    means = np.nanmean(M, axis=0)
    X = np.where(np.isnan(M), means, M)
    P = PCA(n_components=2, random_state=seed).fit_transform(X)
    P *= np.sqrt(len(sids) / np.maximum(counts, 1))[:, None]
    keep = counts >= min(7, len(sids))
    Pk = P[keep]
    best = None
    for k in range(2, 6):
        km = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(Pk)
        s = silhouette_score(Pk, km.labels_, sample_size=min(len(Pk), 10000), random_state=seed)
        if best is None or s > best[0]:
            best = (s, k, km.labels_)
    return dict(zip(pids[keep].tolist(), best[2].tolist())), best[1]

t = time.perf_counter()
labels["sklearn"], k = sklearn_pipeline(df)
out["sklearn_s"], out["sklearn_k"] = time.perf_counter() - t, k

class Timeout(Exception):
    pass
def on_alarm(*_):
    raise Timeout()
signal.signal(signal.SIGALRM, on_alarm)
records = [{"participant_id": int(p), "statement_id": int(s), "vote": int(v), "modified": i}
           for i, (p, s, v) in enumerate(zip(df.participant_id.values, df.statement_id.values, df.vote.values))]
try:
    from reddwarf.implementations.polis import run_pipeline
    signal.alarm(rd_timeout)
    t = time.perf_counter()
    r = run_pipeline(votes=records, random_state=seed)
    out["reddwarf_s"] = time.perf_counter() - t
    signal.alarm(0)
    p = r.participants_df
    p = p[p.cluster_id.notna()]
    labels["reddwarf"] = {int(i): int(c) for i, c in zip(p.index, p.cluster_id)}
    out["reddwarf_k"] = int(p.cluster_id.nunique())
except Timeout:
    out["reddwarf_s"] = None
    out["reddwarf_timeout"] = rd_timeout

names = [n for n in ("convene", "reddwarf", "sklearn", "planted") if n in labels]
for i, a in enumerate(names):
    for b in names[i + 1:]:
        common = sorted(set(labels[a]) & set(labels[b]))
        out[f"ari_{a}_{b}"] = ari([labels[a][x] for x in common], [labels[b][x] for x in common]) if common else None
print(json.dumps(out))
PY

printf "%-22s %9s %11s %9s %10s %10s %7s %7s %7s %7s %7s\n" size convene_s reddwarf_s sklearn_s rd/convene sk/convene k ARI_c-rd ARI_c-sk ARI_rd-sk ARI_c-pl
for size in $SIZES; do
  IFS=: read -r P N V <<<"$size"
  CSV="$OUT/votes-$P-$N-$V.csv"
  LINE=$("$CONVENE" consultation bench --participants "$P" --statements "$N" --votes "$V" --seed "$SEED" --csv "$CSV")
  echo "# convene: $LINE" >&2
  CONV_S=$(sed -E 's/^analysis: ([0-9.]+) s.*/\1/' <<<"$LINE")
  K=$(sed -E 's/.*k=([0-9]+).*/\1/' <<<"$LINE")
  JSON=$("$VENV/bin/python" "$OUT/others.py" "$CSV" "$CSV.groups.csv" "$SEED" "$RD_TIMEOUT")
  echo "# others: $JSON" >&2
  "$VENV/bin/python" - "$JSON" "$P" "$N" "$V" "$CONV_S" "$K" <<'PY'
import json, sys
o = json.loads(sys.argv[1]); p, n, v, c, k = sys.argv[2:7]; c = float(c)
f = lambda x, d=2: "-" if x is None else f"{x:.{d}f}"
rd, sk = o.get("reddwarf_s"), o.get("sklearn_s")
print(f"{p}x{n}x{v:<10} {c:9.2f} {f(rd) if rd is not None else 'timeout':>11} {f(sk):>9} "
      f"{f(rd / c if rd else None, 1):>10} {f(sk / c if sk else None, 1):>10} {k:>7} "
      f"{f(o.get('ari_convene_reddwarf'), 3):>7} {f(o.get('ari_convene_sklearn'), 3):>7} "
      f"{f(o.get('ari_reddwarf_sklearn'), 3):>7} {f(o.get('ari_convene_planted'), 3):>7}")
PY
done
