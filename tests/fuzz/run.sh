#!/usr/bin/env bash
# Builds the libFuzzer targets and runs them (docs/fuzzing.md).
#
#   tests/fuzz/run.sh SECONDS [TARGET...]
#
# Configures and builds the clang fuzz build in $GONGKAI_FUZZ_BUILD
# (default: build-fuzz/ at the top of the repository), writes seed inputs
# with fuzz_seeds, then runs every target (or the ones named, e.g.
# "changeset hub_http") for SECONDS each with -max_total_time, at most
# $GONGKAI_FUZZ_JOBS (default 2) at a time.
#
# The corpus each target grows is kept in <build>/fuzz/corpus/<target>, so a
# long run (tests/fuzz/run.sh 3600) continues where the last one stopped;
# GONGKAI_FUZZ_FRESH=1 starts from the seeds alone; GONGKAI_FUZZ_NO_BUILD=1
# runs the targets already built; GONGKAI_FUZZ_WORK replaces <build>/fuzz.
# Logs are in <build>/fuzz/logs/<target>.log, findings in
# <build>/fuzz/findings/<target>/; inputs of past findings kept in
# tests/fuzz/regressions/<target>/ run first.
#
# Exit status: 0 when no target found anything; 1 with the path of every
# crash, leak, timeout or sanitizer report's input on stderr otherwise;
# 2 for a usage or build error.
set -euo pipefail

usage() { echo "usage: $0 SECONDS [TARGET...]" >&2; exit 2; }
[[ $# -ge 1 && "$1" =~ ^[0-9]+$ && "$1" -gt 0 ]] || usage
seconds=$1
shift

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${GONGKAI_FUZZ_BUILD:-$repo/build-fuzz}
jobs=${GONGKAI_FUZZ_JOBS:-2}
build_jobs=${GONGKAI_FUZZ_BUILD_JOBS:-$(nproc)}
work=${GONGKAI_FUZZ_WORK:-$build/fuzz}  # seeds, corpus, logs, findings

cxx=${CXX:-}
if [[ -z "$cxx" ]]; then
  for c in clang++ clang++-14 clang++-15 clang++-16; do
    if command -v "$c" >/dev/null; then cxx=$c; break; fi
  done
fi
[[ -n "$cxx" ]] || { echo "fuzz: clang++ not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }

# --- build -----------------------------------------------------------------
start=$(date +%s)
if [[ "${GONGKAI_FUZZ_NO_BUILD:-0}" == 1 ]]; then
  :  # use the targets already built (e.g. a second run right after the first)
elif [[ ! -f "$build/CMakeCache.txt" ]]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$repo" -B "$build" -DGONGKAI_FUZZ=ON -DBUILD_TESTING=OFF \
    -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only -O1" \
    "${launcher[@]}" >/dev/null || exit 2
fi
if [[ "${GONGKAI_FUZZ_NO_BUILD:-0}" != 1 ]]; then
  cmake --build "$build" --target fuzz_all -j "$build_jobs" || { echo "fuzz: build failed" >&2; exit 2; }
  echo "fuzz: build took $(( $(date +%s) - start )) s"
fi

bin=$build/tests/fuzz
if [[ $# -eq 0 ]]; then
  targets=()
  for f in "$bin"/fuzz_*; do
    name=$(basename "$f")
    [[ -x "$f" && "$name" != fuzz_seeds ]] && targets+=("${name#fuzz_}")
  done
else
  targets=("$@")
fi
for t in "${targets[@]}"; do
  [[ -x "$bin/fuzz_$t" ]] || { echo "fuzz: no target $t (built: $(ls "$bin" | grep '^fuzz_' | tr '\n' ' '))" >&2; exit 2; }
done

# --- seeds -----------------------------------------------------------------
rm -rf "$work/seeds"
"$bin/fuzz_seeds" "$work/seeds" || { echo "fuzz: seed generator failed" >&2; exit 2; }
mkdir -p "$work/logs" "$work/findings"
[[ "${GONGKAI_FUZZ_FRESH:-0}" == 1 ]] && rm -rf "$work/corpus"

# Leaks are checked per input (libFuzzer runs an input again under LSan
# when it allocated more than it freed, and names that input), not once
# more at exit: the exit check also sees per-thread library state of the
# hub's worker threads (e.g. OpenSSL's 904-byte error queue) that no input
# owns, and blamed it on an empty input (docs/fuzzing.md).
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:leak_check_at_exit=0:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_one() {
  local t=$1
  local corpus=$work/corpus/$t seeds=$work/seeds/$t
  mkdir -p "$corpus" "$seeds" "$work/findings/$t"
  local dict=() regressions=()
  [[ -f "$repo/tests/fuzz/dict/$t.dict" ]] && dict=(-dict="$repo/tests/fuzz/dict/$t.dict")
  # Inputs of past findings (tests/fuzz/regressions/<target>/) run first, every time.
  [[ -d "$repo/tests/fuzz/regressions/$t" ]] && regressions=("$repo/tests/fuzz/regressions/$t")
  "$bin/fuzz_$t" "$corpus" "$seeds" "${regressions[@]}" "${dict[@]}" \
    -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$work/findings/$t/" \
    >"$work/logs/$t.log" 2>&1
}

summary() {
  local t=$1 log=$work/logs/$t.log
  local execs cov ft corp
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  corp=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -1 | awk '{print $2}')
  printf 'fuzz: %-18s execs %-10s cov %-6s ft %-6s corpus %s\n' "$t" "${execs:-?}" "${cov:-?}" \
    "${ft:-?}" "${corp:-?}"
}

# --- run, $jobs at a time ----------------------------------------------------
declare -A pid_of=()
failed=()
finish() {
  local t=$1 rc=$2
  summary "$t"
  if [[ $rc -ne 0 ]] || ls "$work/findings/$t"/* >/dev/null 2>&1; then
    failed+=("$t")
    echo "fuzz: $t FOUND something (exit $rc); log: $work/logs/$t.log" >&2
    for f in "$work/findings/$t"/*; do [[ -e "$f" ]] && echo "fuzz:   input: $f" >&2; done
    grep -m3 -E 'ERROR: |runtime error|FUZZ_CHECK|SUMMARY' "$work/logs/$t.log" | sed 's/^/fuzz:   /' >&2 || true
  fi
}
rm -rf "$work/findings"/*
queue=("${targets[@]}")
while [[ ${#queue[@]} -gt 0 || ${#pid_of[@]} -gt 0 ]]; do
  while [[ ${#queue[@]} -gt 0 && ${#pid_of[@]} -lt $jobs ]]; do
    t=${queue[0]}
    queue=("${queue[@]:1}")
    run_one "$t" &
    pid_of[$t]=$!
    echo "fuzz: started $t for ${seconds} s"
  done
  set +e
  wait -n
  set -e
  for t in "${!pid_of[@]}"; do
    if ! kill -0 "${pid_of[$t]}" 2>/dev/null; then
      set +e
      wait "${pid_of[$t]}"
      rc=$?
      set -e
      unset "pid_of[$t]"
      finish "$t" "$rc"
    fi
  done
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: findings in: ${failed[*]} (reproduce: docs/fuzzing.md)" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds} s each, no findings"
