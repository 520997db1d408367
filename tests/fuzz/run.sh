#!/usr/bin/env bash
# Runs each fuzz target for SECONDS from the committed seeds (ASan+UBSan build made with
# -DTIGRIS_SANITIZE=ON -DTIGRIS_FUZZ=ON, as ./tigris.sh test does).
#   tests/fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]     (default: 60 s, every target)
# New inputs go to BUILD_DIR/fuzz-work/TARGET; a crash is saved as
# BUILD_DIR/fuzz-work/crashes/TARGET-crash-* and ends the run with a non-zero exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:?usage: run.sh BUILD_DIR [SECONDS] [TARGET...]}"
seconds="${2:-60}"
shift $(( $# < 2 ? $# : 2 ))
targets=("$@")
((${#targets[@]})) || targets=(analyzer query record yaml)

work="$build/fuzz-work"
mkdir -p "$work/crashes"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  opts=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -print_final_stats=1
        -artifact_prefix="$work/crashes/$t-")
  [ -f "$here/$t.dict" ] && opts+=(-dict="$here/$t.dict")
  case "$t" in
    yaml | query) opts+=(-max_len=16384) ;;  # whole lists; queries past the term limit
  esac
  echo "fuzz: $t for ${seconds}s"
  "$build/tests/fuzz/fuzz_$t" "${opts[@]}" "$work/$t" "$here/corpus/$t" "$here/regressions/$t" 2>"$work/$t.log" ||
    { tail -60 "$work/$t.log"; echo "fuzz: $t found a crash: $work/crashes/" >&2; exit 1; }
  grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$work/$t.log" | sed "s/^/fuzz: $t: /"
done
