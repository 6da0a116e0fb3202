#!/usr/bin/env bash
# Times what an organiser runs — the `liaison` commands as processes —
# side by side with a peer in the same run, and prints each ratio and the
# import's peak memory (issue 8, "Performance on the user's own path"):
#
#   1. `liaison import feedback` of a 100,000-response forms export into a
#      new database vs the sqlite3 shell's `.import` of the same file into
#      a plain table (bar: at most 1.5x; goal 1.0x), and the import's peak
#      RSS (bar: 100 MB; goal 50 MB);
#   2. `liaison import feedback` + `liaison charts` vs
#      scripts/bench_charts_pandas.py (pandas + matplotlib) on the
#      71-response export (bar: at least 5x) and the 100,000-response one
#      (bar: at least 2x);
#   3. `liaison charts` for the demo round (bar: 100 ms; goal 50 ms), beside
#      `liaison help`, which starts the same program and does nothing: the
#      part of the time that no command can save (loading the program and
#      initialising Go, Fyne and SQLite's packages).
#
# Each command runs RUNS times (default 5), the two sides alternating, and
# the fastest run of each counts, so a busy machine or matplotlib's
# first-run font cache does not decide the result. Peak memory is the
# highest of the runs. Needs the sqlite3 shell and Debian's python3-pandas
# and python3-matplotlib:
#   apt-get install -y sqlite3 python3-pandas python3-matplotlib
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
N=${N:-100000}
PY=${PYTHON:-/usr/bin/python3}
SQLITE3=${SQLITE3:-sqlite3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -tags migrated_fynedo -o "$work/liaison" .
go run ./internal/exportgen/genexport -n 71 -out "$work/e71.csv"
go run ./internal/exportgen/genexport -n "$N" -out "$work/e$N.csv"
liaison="$work/liaison"
export LANG=C.UTF-8 # as CI runs; Fyne's locale message goes to stderr, which is dropped

# timed CMD… runs CMD once with its output dropped and prints
# "wall-ms peak-RSS-kB cpu-ms": wall time from just before the process is
# spawned to just after it is reaped, and its peak RSS and user + system
# CPU time, from scripts/timed.py (wait4). On a machine busy with other
# work the CPU time is the steadier figure.
timed() {
	"$PY" scripts/timed.py "$work/stderr" "$@" || { cat "$work/stderr" >&2; return 1; }
}

# best NAME MS RSS CPU keeps the fastest wall and CPU times and the highest
# RSS under NAME.
declare -A ms rss cpu
best() {
	if [ -z "${ms[$1]:-}" ] || [ "$2" -lt "${ms[$1]}" ]; then ms[$1]=$2; fi
	if [ -z "${rss[$1]:-}" ] || [ "$3" -gt "${rss[$1]}" ]; then rss[$1]=$3; fi
	if [ -z "${cpu[$1]:-}" ] || [ "$4" -lt "${cpu[$1]}" ]; then cpu[$1]=$4; fi
}

# The liaison side of a charts comparison: a fresh database, the import,
# then every chart.
import_and_charts() {
	rm -rf "$work/c.db"* "$work/charts"
	"$liaison" import feedback "$1" --db "$work/c.db" --round Bench &&
		"$liaison" charts --db "$work/c.db" --round Bench --out "$work/charts"
}

"$liaison" demo --db "$work/demo.db" >/dev/null 2>&1
for run in $(seq "$RUNS"); do
	# 1. The import against sqlite3 .import, alternating which goes first.
	for side in $( [ $((run % 2)) -eq 0 ] && echo "liaison sqlite" || echo "sqlite liaison"); do
		rm -f "$work/i.db"* "$work/plain.db"
		if [ "$side" = liaison ]; then
			read -r t r c < <(timed "$liaison" import feedback "$work/e$N.csv" --db "$work/i.db" --round Bench)
			best import "$t" "$r" "$c"
		else
			read -r t r c < <(timed "$SQLITE3" "$work/plain.db" -cmd ".mode csv" ".import $work/e$N.csv plain")
			best sqlite "$t" "$r" "$c"
		fi
	done
	# 2. Import + charts against pandas + matplotlib, on both exports.
	for f in e71 "e$N"; do
		read -r t r c < <(timed bash -c "$(declare -f import_and_charts); liaison=$liaison work=$work import_and_charts $work/$f.csv")
		best "charts-$f" "$t" "$r" "$c"
		rm -rf "$work/py" && mkdir -p "$work/py"
		read -r t r c < <(timed "$PY" scripts/bench_charts_pandas.py "$work/$f.csv" "$work/py")
		best "pandas-$f" "$t" "$r" "$c"
	done
	# 3. Every chart of the demo round.
	rm -rf "$work/demo-charts"
	read -r t r c < <(timed "$liaison" charts --db "$work/demo.db" --out "$work/demo-charts")
	best demo "$t" "$r" "$c"
	read -r t r c < <(timed "$liaison" help)
	best start "$t" "$r" "$c"
	read -r t r c < <(timed true)
	best true "$t" "$r" "$c"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b < 1) b = 1; printf "%.2f", a / b }'; }
row() { # label, liaison name, peer name, "liaison" or "peer" on top of the ratio, bar
	local r c
	if [ "$4" = liaison ]; then r=$(ratio "${ms[$2]}" "${ms[$3]}"); c=$(ratio "${cpu[$2]}" "${cpu[$3]}")
	else r=$(ratio "${ms[$3]}" "${ms[$2]}"); c=$(ratio "${cpu[$3]}" "${cpu[$2]}"); fi
	printf '%-52s %6s ms %6s ms %7sx   cpu %5s/%5s ms %6sx  (%s)\n' "$1" "${ms[$2]}" "${ms[$3]}" "$r" "${cpu[$2]}" "${cpu[$3]}" "$c" "$5"
}
echo "Fastest of $RUNS runs each, on $(nproc) cores (load now: $(cut -d' ' -f1 /proc/loadavg)); wall and user+system CPU times."
printf '%-52s %9s %9s %8s\n' "" "liaison" "peer" "ratio"
row "import feedback ($N) vs sqlite3 .import" import sqlite liaison "liaison / sqlite3; bar <= 1.5, goal <= 1.0"
printf '%-52s %6s MB   (bar <= 100 MB, goal <= 50 MB)\n' "  peak RSS of that import" "$(( ${rss[import]} / 1024 ))"
row "import feedback + charts (71) vs pandas" charts-e71 pandas-e71 peer "pandas / liaison; bar >= 5, goal >= 10"
row "import feedback + charts ($N) vs pandas" "charts-e$N" "pandas-e$N" peer "pandas / liaison; bar >= 2, goal >= 5"
printf '%-52s %6s ms   cpu %5s ms  (bar <= 100 ms, goal <= 50 ms)\n' "charts for the demo round ($(ls "$work/demo-charts" | wc -l) files)" "${ms[demo]}" "${cpu[demo]}"
printf '%-52s %6s ms   cpu %5s ms  (the start of any command)\n' "  of which starting the program (liaison help)" "${ms[start]}" "${cpu[start]}"
printf '%-52s %6s ms   cpu %5s ms  (any process at all)\n' "  of which starting a process (true)" "${ms[true]}" "${cpu[true]}"
