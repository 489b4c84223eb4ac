#!/usr/bin/env bash
# bench/run_all.sh — every benchmark in one go, on this machine, in one run;
# writes docs/benchmarks/REPORT.md, the PNG plots beside it and the raw JSON
# of every run under docs/benchmarks/raw/.
#
#   bash bench/run_all.sh [--quick] [--skip-build] [--build-dir DIR] [--out DIR] [--jobs N]
#
#   --quick       small sizes only (checks the pipeline in a minute or two)
#   --skip-build  use the binaries already in the build directory
#   --build-dir   Release build directory (default: build-bench in the repo,
#                 ignored by git; or $GONGKAI_BENCH_BUILD)
#   --out         where the report goes (default: docs/benchmarks)
#   --jobs        parallel compile jobs (default 1)
#
# What runs (sizes of the full run):
#   gongkai-bench-station 10000            import/list/seal of 10,000 rows
#   gongkai-bench-xlsx 20000               .xlsx import of 20,000 rows (rate, peak RSS)
#   gongkai-bench-hub --stations 1/5/20/50 ingest rate vs concurrent stations
#   gongkai-bench-hub --pulls 1,4,16,64    hub peak RSS vs concurrent fresh
#                                          pulls of a 30,000-row catalog
#   gongkai-bench-audit --entries 1k/10k/100k  audit rate vs log size (the
#                                          100k run also measures proofs on
#                                          a 1,000,000-leaf tree)
#   gongkai-bench-wire --rows 1k/5k/10k/20k    pull time and bytes vs catalog
#                                          size (skipped, and said so in the
#                                          report, if that target is absent)
#   gongkai-bench-county 1x/10x/100x       3/30/300 stations, 100 rows each
# A benchmark that fails is reported as failed; the others still run.
# Needs: cmake, a C++ compiler, the build dependencies (packaging/setup.sh
# deps) and python3-matplotlib (installed with apt-get when missing).
set -uo pipefail

SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${GONGKAI_BENCH_BUILD:-$SRC/build-bench}"
OUT="$SRC/docs/benchmarks"
QUICK=0
SKIP_BUILD=0
JOBS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --skip-build) SKIP_BUILD=1 ;;
    --build-dir) BUILD="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --jobs) JOBS="$2"; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "run_all.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '\n== %s\n' "$*" >&2; }

# --- python3-matplotlib (the Debian package; /usr/bin/python3 sees it) ----
PY=/usr/bin/python3
[ -x "$PY" ] || PY="$(command -v python3)"
if ! "$PY" -c 'import matplotlib' 2>/dev/null; then
  say "installing python3-matplotlib"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-matplotlib
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-matplotlib
  fi
  PY=/usr/bin/python3
fi

# --- Release build --------------------------------------------------------
TARGETS=(gongkai-hub gongkai-station gongkai-audit gongkai-bench-station gongkai-bench-hub
         gongkai-bench-audit gongkai-bench-county gongkai-bench-xlsx)
if [ "$SKIP_BUILD" = 0 ]; then
  say "building the benchmarks (Release) in $BUILD"
  LAUNCHER=()
  command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release "${LAUNCHER[@]}" >/dev/null || exit 1
  # grep reads the whole list: `grep -q` stops at the first match, the
  # writer then dies of SIGPIPE, and under pipefail the test fails.
  if cmake --build "$BUILD" --target help | grep 'gongkai-bench-wire' >/dev/null; then
    TARGETS+=(gongkai-bench-wire)
  fi
  cmake --build "$BUILD" --target "${TARGETS[@]}" -j"$JOBS" || exit 1
fi
B="$BUILD/bench"
[ -x "$B/gongkai-bench-station" ] || { echo "run_all.sh: no benchmarks in $B" >&2; exit 1; }

RAW="$OUT/raw"
mkdir -p "$RAW"
rm -f "$RAW"/*.json "$RAW"/*.err "$OUT"/*.png
STATUS="$RAW/status.txt"
: >"$STATUS"

# run NAME CMD... : the JSON on stdout goes to raw/NAME.json, text to raw/NAME.err.
run() {
  local name="$1"; shift
  say "$name: $*"
  local t0=$SECONDS
  if "$@" >"$RAW/$name.json" 2>"$RAW/$name.err"; then
    echo "$name ok $((SECONDS - t0))s" >>"$STATUS"
  else
    echo "$name FAILED(exit $?) $((SECONDS - t0))s" >>"$STATUS"
    tail -n 5 "$RAW/$name.err" >&2
  fi
}

# --- the machine ----------------------------------------------------------
{
  echo "date_utc=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc=$(nproc)"
  echo "cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1)"
  echo "mem_gib=$(awk '/MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo)"
  echo "kernel=$(uname -r)"
  echo "commit=$(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "quick=$QUICK"
} >"$RAW/machine.txt"

if [ "$QUICK" = 1 ]; then
  STATION_ROWS=2000; XLSX_ROWS=2000; HUB_STATIONS="1 5"; HUB_PER=20; AUDIT_SIZES="1000 10000"
  AUDIT_LEAVES=20000; WIRE_ROWS="1000 5000"; COUNTY="3:100 30:100"; ROUNDS=3
  HUB_PULLS="1,4"; PULL_ROWS=5000
else
  STATION_ROWS=10000; XLSX_ROWS=20000; HUB_STATIONS="1 5 20 50"; HUB_PER=100; AUDIT_SIZES="1000 10000 100000"
  AUDIT_LEAVES=1000000; WIRE_ROWS="1000 5000 10000 20000"; COUNTY="3:100 30:100 300:100"; ROUNDS=6
  HUB_PULLS="1,4,16,64"; PULL_ROWS=30000
fi

T_ALL=$SECONDS
run station "$B/gongkai-bench-station" "$STATION_ROWS" --json
run xlsx "$B/gongkai-bench-xlsx" --rows "$XLSX_ROWS" --json
for n in $HUB_STATIONS; do
  run "hub-$n" "$B/gongkai-bench-hub" --stations "$n" --per-station "$HUB_PER" --json
done
run pulls "$B/gongkai-bench-hub" --pulls "$HUB_PULLS" --rows "$PULL_ROWS" --json
last=""
for e in $AUDIT_SIZES; do last=$e; done
for e in $AUDIT_SIZES; do
  if [ "$e" = "$last" ]; then
    run "audit-$e" "$B/gongkai-bench-audit" --entries "$e" --leaves "$AUDIT_LEAVES" --json
  else
    run "audit-$e" "$B/gongkai-bench-audit" --entries "$e" --skip-proofs --json
  fi
done
if [ -x "$B/gongkai-bench-wire" ]; then
  for r in $WIRE_ROWS; do
    run "wire-$r" "$B/gongkai-bench-wire" --rows "$r" --json
  done
else
  echo "wire SKIPPED (gongkai-bench-wire is not built: bench/wire_bench.cc absent)" >>"$STATUS"
fi
for c in $COUNTY; do
  s=${c%%:*}; r=${c##*:}
  run "county-$s" "$B/gongkai-bench-county" --stations "$s" --rows-per-station "$r" \
    --rounds "$ROUNDS" --parallel 8 --json
done
echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$RAW/machine.txt"
echo "total_s=$((SECONDS - T_ALL))" >>"$RAW/machine.txt"

say "writing $OUT/REPORT.md"
"$PY" "$SRC/bench/report.py" --raw "$RAW" --out "$OUT" || exit 1
cat "$STATUS" >&2
echo "$OUT/REPORT.md"
