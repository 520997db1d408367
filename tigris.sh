#!/usr/bin/env bash
# tigris set-up: install Debian packages, build, index, test.
#   ./tigris.sh demo   install, build, index the default corpus, run an example search
#   ./tigris.sh test   install, build, run every test
#   ./tigris.sh build  install and build only
# Run as root (or with sudo) on Debian bookworm; packages already present are not
# reinstalled.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${TIGRIS_BUILD_DIR:-$here/build}"
jobs="$(nproc 2>/dev/null || echo 2)"

packages=(
  g++ cmake make pkg-config
  libxapian-dev xapian-tools libicu-dev libyaml-cpp-dev
  catch2 nlohmann-json3-dev libcli11-dev libcpp-httplib-dev
  wamerican gnuplot-nox
)

# What only the tests need: Chromium for the browser test of the search page, wrk for
# the load test, Node.js and npm for playwright-core.
test_packages=(chromium wrk)

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
    build
    cd "$build"
    ctest --output-on-failure -j "$jobs"
    ;;
  build)
    install_deps
    build
    ;;
  *)
    echo "usage: $0 demo|test|build" >&2
    exit 2
    ;;
esac
