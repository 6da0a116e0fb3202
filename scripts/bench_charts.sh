#!/usr/bin/env bash
# Times CSV → chart PNG files for Liaison's charts package against a
# pandas + matplotlib script doing less (the means and a diverging bar) on
# the same 100,000-response CSV, and prints the ratio (goal: Go ≥ 10×
# faster). Needs Debian's python3-pandas and python3-matplotlib.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PY=${PYTHON:-/usr/bin/python3}

go build -tags migrated_fynedo -o "$work/benchcmd" ./charts/internal/benchcmd
"$work/benchcmd" -gen "$N" -csv "$work/responses.csv"
mkdir -p "$work/go" "$work/py"

now() { date +%s%N; }
t0=$(now); "$work/benchcmd" -csv "$work/responses.csv" -out "$work/go"; t1=$(now)
"$PY" scripts/bench_charts_pandas.py "$work/responses.csv" "$work/py"; t2=$(now)

go_ms=$(( (t1 - t0) / 1000000 ))
py_ms=$(( (t2 - t1) / 1000000 ))
echo "responses:                        $N"
echo "Go, CSV → $(ls "$work/go" | wc -l) chart PNGs:           ${go_ms} ms"
echo "pandas+matplotlib, CSV → 2 PNGs:  ${py_ms} ms"
awk -v g="$go_ms" -v p="$py_ms" 'BEGIN { if (g < 1) g = 1; printf "ratio (python / Go):              %.1f×\n", p / g }'
