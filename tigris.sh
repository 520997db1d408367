#!/usr/bin/env bash
# tigris set-up: install Debian packages, build, index, test.
#   ./tigris.sh demo   install, build, index the default corpus, run an example search
#   ./tigris.sh test   install, build, run every test; then the same tests built with
#                      ASan+UBSan (clang) and a short run of each fuzz target
#   ./tigris.sh build  install and build only
#   ./tigris.sh cluster start|status|stop ...   a sharded tigris on xapian-tcpsrv
#                      (indexer/cluster.sh; README: "Past one machine")
# Run as root (or with sudo) on Debian bookworm; packages already present are not
# reinstalled.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${TIGRIS_BUILD_DIR:-$here/build}"
sanitize_build="${TIGRIS_SANITIZE_BUILD_DIR:-$here/build-san}"
fuzz_seconds="${TIGRIS_FUZZ_SECONDS:-45}"
jobs="$(nproc 2>/dev/null || echo 2)"

# The readers of analysts' files: poppler (PDF), gumbo (HTML5), GMime (e-mail), libmagic
# (file type by content).
packages=(
  g++ cmake make pkg-config
  libxapian-dev xapian-tools libicu-dev libyaml-cpp-dev libboost-dev
  catch2 nlohmann-json3-dev libcli11-dev libcpp-httplib-dev
  libpoppler-cpp-dev libgumbo-dev libgmime-3.0-dev libmagic-dev
  wamerican gnuplot-nox
)

# What only the tests need: Chromium for the browser test of the search page, wrk for
# the load test, Node.js and npm for playwright-core, clang and its runtimes (ASan,
# UBSan, libFuzzer) for the sanitizer build and the fuzz targets.
test_packages=(chromium wrk clang libclang-rt-14-dev)

install_deps() {
  local missing=()
  for p in "${packages[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "tigris.sh: installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

build() {
  cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j "$jobs"
}

# The whole test suite and the fuzz targets with AddressSanitizer and
# UndefinedBehaviorSanitizer (-O1: a faster build; line tables: readable reports).
sanitize_build() {
  cmake -S "$here" -B "$sanitize_build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DTIGRIS_SANITIZE=ON -DTIGRIS_FUZZ=ON -DTIGRIS_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$sanitize_build" -j "$jobs"
}

# Any sanitizer report ends the process with an error, and so fails its test.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

stage_start=$SECONDS
split=()
stage_done() {
  split+=("$1 $((SECONDS - stage_start)) s")
  stage_start=$SECONDS
}

default_corpus() {
  if [ -d "$here/../shared/corpus" ]; then
    echo "$here/../shared/corpus"
  else
    echo "$here/indexer/sample"
  fi
}

case "${1:-}" in
  demo)
    install_deps
    build
    corpus="$(default_corpus)"
    index="${TIGRIS_INDEX:-$here/index}"
    echo "tigris.sh: indexing $corpus into $index"
    "$build/indexer/tigris" index --index "$index" "$corpus"
    echo
    echo "tigris.sh: example search: tigris search --index $index 'Jaish al-Mahdi in Basra'"
    "$build/indexer/tigris" search --index "$index" --limit 5 "Jaish al-Mahdi Basra"
    ;;
  test)
    if command -v npm >/dev/null; then install_deps "${test_packages[@]}"; else install_deps "${test_packages[@]}" nodejs npm; fi
    (cd "$here/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)
    stage_done "install"
    build
    stage_done "build"
    (cd "$build" && ctest --output-on-failure -j "$jobs")
    stage_done "tests"
    echo "tigris.sh: the test suite built with ASan+UBSan (clang), in $sanitize_build"
    sanitize_build
    stage_done "sanitizer build"
    echo "tigris.sh: each fuzz target for ${fuzz_seconds} s (ASan+UBSan)"
    "$here/tests/fuzz/run.sh" "$sanitize_build" "$fuzz_seconds"
    stage_done "fuzz"
    (cd "$sanitize_build" && ctest --output-on-failure -j "$jobs")
    stage_done "sanitizer tests"
    echo "tigris.sh: time: $(IFS=,; echo "${split[*]}" | sed 's/,/, /g')"
    ;;
  build)
    install_deps
    build
    ;;
  cluster)
    shift
    TIGRIS_BIN="${TIGRIS_BIN:-$build/indexer/tigris}" exec "$here/indexer/cluster.sh" "$@"
    ;;
  *)
    echo "usage: $0 demo|test|build|cluster" >&2
    exit 2
    ;;
esac
