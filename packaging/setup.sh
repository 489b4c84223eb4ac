#!/usr/bin/env bash
# Gongkai Sync: set up, build, test or demo from a bare Debian 12 machine.
#
#   bash packaging/setup.sh demo   # install what is missing, build, run the demo
#   bash packaging/setup.sh test   # install what is missing, build, run all tests
#   bash packaging/setup.sh deps   # only install the Debian packages
#   bash packaging/setup.sh build  # deps + build (-O2, line-table debug info, -j2)
#
# Idempotent and non-interactive: packages already installed are not touched.
# Build output goes to ./build (override with GONGKAI_BUILD_DIR).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GONGKAI_BUILD_DIR:-$ROOT/build}"
JOBS="${GONGKAI_JOBS:-2}"

PACKAGES=(
  build-essential cmake pkg-config ca-certificates
  libboost1.81-dev libboost-json1.81-dev
  libssl-dev openssl
  libsqlite3-dev sqlite3
  libcereal-dev
  libzip-dev libexpat1-dev libxlsxwriter-dev
  libgtest-dev googletest
  curl python3 python3-cryptography
  dpkg-dev fakeroot lintian adduser
  chromium fonts-wqy-zenhei
  clang-14 libclang-rt-14-dev
  clang-format-14 clang-tidy-14
)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  # The browser tests (tests/browser/) need node >= 20 with npm; a machine
  # that has node already keeps it (Debian's nodejs would not replace a newer one).
  if ! command -v node >/dev/null 2>&1; then
    for p in nodejs npm; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
  fi
  if [ "${#missing[@]}" -eq 0 ]; then
    say "All build and test packages are installed."
    return
  fi
  say "Installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  deps
  say "Building in $BUILD (-j$JOBS)"
  # -g1 (line tables: every backtrace and sanitizer report still names
  # file:line) instead of -g: a third less compile time for the tests and
  # much smaller objects to link, with the same -O2 code.
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" \
    -DGONGKAI_WERROR="${GONGKAI_WERROR:-ON}" \
    -DGONGKAI_PACKAGE_TESTS="${GONGKAI_PACKAGE_TESTS:-AUTO}" >/dev/null
  cmake --build "$BUILD" -j"$JOBS"
}

run_tests() {
  build
  say "Running all tests"
  ctest --test-dir "$BUILD" --output-on-failure -j"$JOBS" --timeout 900
  # A short libFuzzer run of every decoder that reads outside bytes, under
  # ASan and UBSan (docs/fuzzing.md; long runs: tests/fuzz/run.sh 3600).
  say "Fuzzing every decoder for ${GONGKAI_FUZZ_SECONDS:-15} s each (clang, ASan, UBSan)"
  GONGKAI_FUZZ_BUILD="${GONGKAI_FUZZ_BUILD:-$BUILD-fuzz}" \
    bash "$ROOT/tests/fuzz/run.sh" "${GONGKAI_FUZZ_SECONDS:-15}"
}

demo() {
  build
  say "Running the demo"
  GONGKAI_BIN="$BUILD" bash "$ROOT/packaging/demo.sh"
}

case "${1:-}" in
  deps) deps ;;
  build) build ;;
  test) run_tests ;;
  demo) demo ;;
  *)
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
