#!/usr/bin/env bash
# Runs the recall, speed and load benchmarks end to end on the shared corpus, in one run, and
# writes benchmarks/RESULTS.md (with benchmarks/notes.md, the hand-written reading of the
# figures) and benchmarks/recall.png.
#   benchmarks/run.sh           the whole corpus (about 10 minutes on 2 cores)
#   benchmarks/run.sh --quick   1 document in 20, figures to standard output only
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${TIGRIS_BUILD_DIR:-$here/../build}"
corpus="${TIGRIS_CORPUS:-$here/../../shared/corpus}"
eval_set="${TIGRIS_EVAL:-$here/../../shared/eval/dev.json}"
names="${TIGRIS_NAMES:-$here/../../shared/eval/names/wikidata-arabic-names.json}"
quick=0
[ "${1:-}" = "--quick" ] && quick=1
sample=0
[ "$quick" = 1 ] && sample=20

for f in "$build/benchmarks/tigris_recall" "$build/benchmarks/tigris_speed"; do
  [ -x "$f" ] || { echo "run.sh: $f is not built: run ./tigris.sh build first" >&2; exit 2; }
done
[ -e "$corpus" ] || { echo "run.sh: corpus $corpus is not here" >&2; exit 2; }

work="$(mktemp -d /tmp/tigris-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
"$build/benchmarks/tigris_recall" --corpus "$corpus" --eval "$eval_set" --work "$work/recall" \
  --sample "$sample" --per-query --report "$work/recall.md" --chart-data "$work/recall.dat" >/dev/null
"$build/benchmarks/tigris_speed" --corpus "$corpus" --eval "$eval_set" --work "$work/speed" \
  --sample "$sample" --names "$names" --report "$work/speed.md" >/dev/null
# Name matching on the names set (its own small index per system).
if [ -e "$names" ]; then
  TIGRIS_NAMES="$names" "$here/names.sh" "$work/names.md" >/dev/null
else
  echo "(the names set $names is not here: no name matching figures)" >"$work/names.md"
fi
# Load test on the tigris index the speed benchmark built (all cores).
if command -v wrk >/dev/null; then
  "$here/load.sh" "$work/speed/speed-tigris-$(nproc)" 30 >"$work/load.md"
else
  echo "(wrk is not installed: no load test)" >"$work/load.md"
fi
seconds=$(( $(date +%s) - start ))

if [ "$quick" = 1 ]; then
  cat "$work/recall.md" "$work/names.md" "$work/speed.md" "$work/load.md"
  echo "run.sh: quick run took ${seconds} s"
  exit 0
fi

if command -v gnuplot >/dev/null; then
  gnuplot <<GP
set terminal pngcairo size 1100,560 font "sans,10"
set output "$here/recall.png"
set title "Recall per family on the development set (same corpus, same run)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set yrange [0:1.05]
set ylabel "recall (mean over the family's spellings)"
set xtics rotate by -30
set key outside bottom center horizontal
set grid ytics
plot "$work/recall.dat" using 2:xtic(1) title columnheader(2), '' using 3 title columnheader(3), '' using 4 title columnheader(4)
GP
fi

{
  echo "# Benchmark results"
  echo
  echo "- Date: $(date -u +%Y-%m-%d)"
  echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))," \
       "$(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "- Software: $(uname -sr), Xapian $(xapian-config --version 2>/dev/null | awk '{print $NF}'), tigris $(git -C "$here/.." rev-parse --short HEAD 2>/dev/null)"
  echo "- Command: \`benchmarks/run.sh\` (took ${seconds} s)"
  echo
  cat "$here/notes.md"
  echo
  echo "## Recall on spelling variants"
  echo
  echo "![recall per family](recall.png)"
  echo
  cat "$work/recall.md"
  echo
  echo "## Name matching on the romanized Arabic names set"
  echo
  echo "![name matching per system](names.png)"
  echo
  cat "$work/names.md"
  echo
  echo "## Speed"
  echo
  cat "$work/speed.md"
  echo
  cat "$work/load.md"
  # Written by benchmarks/scaling.sh (about 30 minutes), not rerun here.
  if [ -f "$here/SCALING.md" ]; then
    echo
    echo "## Past one machine: cost growth"
    echo
    echo "From \`benchmarks/scaling.sh\`, which run.sh does not rerun; the same in [SCALING.md](SCALING.md)."
    echo
    tail -n +3 "$here/SCALING.md"
  fi
} > "$here/RESULTS.md"
echo "run.sh: wrote $here/RESULTS.md and $here/recall.png in ${seconds} s"
