#!/usr/bin/env bash
# Times CSV → chart PNG files for Liaison's charts package against a
# pandas + matplotlib script doing less (the means and a diverging bar) on
# the same 100,000-response CSV, and prints the ratio (goal: Go ≥ 10×
# faster). Each side runs RUNS times (default 5) and its fastest run
# counts, so a busy machine or matplotlib's first-run font cache does not
# decide the result. Needs Debian's python3-pandas and python3-matplotlib.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
RUNS=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PY=${PYTHON:-/usr/bin/python3}

go build -tags migrated_fynedo -o "$work/benchcmd" ./charts/internal/benchcmd
"$work/benchcmd" -gen "$N" -csv "$work/responses.csv"
mkdir -p "$work/go" "$work/py"

now() { date +%s%N; }
# fastest prints the fastest of RUNS runs of its command, in milliseconds.
fastest() {
	local best=0 t0 t1 ms
	for _ in $(seq "$RUNS"); do
		t0=$(now); "$@" >/dev/null; t1=$(now)
		ms=$(( (t1 - t0) / 1000000 ))
		if [ "$best" -eq 0 ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	echo "$best"
}
go_ms=$(fastest "$work/benchcmd" -csv "$work/responses.csv" -out "$work/go")
py_ms=$(fastest "$PY" scripts/bench_charts_pandas.py "$work/responses.csv" "$work/py")

echo "responses:                        $N (fastest of $RUNS runs each)"
echo "Go, CSV → $(ls "$work/go" | wc -l) chart PNGs:           ${go_ms} ms"
echo "pandas+matplotlib, CSV → $(ls "$work/py" | wc -l) PNGs:  ${py_ms} ms"
awk -v g="$go_ms" -v p="$py_ms" 'BEGIN { if (g < 1) g = 1; printf "ratio (python / Go):              %.1f×\n", p / g }'
