#!/usr/bin/env bash
# Cost growth past one machine: the shared corpus at 1×, 2× and 4× (copies re-identified,
# paragraphs shuffled with a fixed seed), indexed in 1, 2 and 4 parts by as many
# `tigris index --threads 1 --shard K/N` processes at once, searched locally and through
# xapian-tcpsrv on 127.0.0.1; writes benchmarks/SCALING.md (the figures, how each grows, what
# 100× needs), which benchmarks/run.sh includes in RESULTS.md.
#   benchmarks/scaling.sh [WORK]   about 30 minutes on 2 cores; WORK (default: a temporary
#                                  folder, removed after) needs about 4 GB
# Measure on a quiet machine: the load average is printed and written into the report.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${TIGRIS_BUILD_DIR:-$here/../build}"
corpus="${TIGRIS_CORPUS:-$here/../../shared/corpus}"
eval_set="${TIGRIS_EVAL:-$here/../../shared/eval/dev.json}"
names="${TIGRIS_NAMES:-$here/../../shared/eval/names/wikidata-arabic-names.json}"

for f in "$build/benchmarks/tigris_scaling" "$build/indexer/tigris"; do
  [ -x "$f" ] || { echo "scaling.sh: $f is not built: run ./tigris.sh build first" >&2; exit 2; }
done
[ -e "$corpus" ] || { echo "scaling.sh: corpus $corpus is not here" >&2; exit 2; }
command -v xapian-tcpsrv >/dev/null || { echo "scaling.sh: xapian-tcpsrv is not installed (apt-get install xapian-tools)" >&2; exit 2; }

if [ -n "${1:-}" ]; then
  work="$1"
  mkdir -p "$work"
else
  work="$(mktemp -d /tmp/tigris-scaling.XXXXXX)"
  trap 'rm -rf "$work"' EXIT
fi
echo "scaling.sh: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (measure when it is near 0)"
start=$(date +%s)
"$build/benchmarks/tigris_scaling" run --corpus "$corpus" --eval "$eval_set" --names "$names" --work "$work" \
  --tigris "$build/indexer/tigris" --report "$work/scaling.md" >/dev/null
seconds=$(( $(date +%s) - start ))
{
  echo "# Cost growth past one machine"
  echo
  echo "- Date: $(date -u +%Y-%m-%d)"
  echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
       "$(free -g | awk '/Mem:/ {print $2}') GiB)"
  echo "- Software: $(uname -sr), Xapian $(xapian-config --version 2>/dev/null | awk '{print $NF}'), tigris $(git -C "$here/.." rev-parse --short HEAD 2>/dev/null)"
  echo "- Command: \`benchmarks/scaling.sh\` (took ${seconds} s)"
  echo
  cat "$here/scaling-notes.md"
  echo
  cat "$work/scaling.md"
} >"$here/SCALING.md"
echo "scaling.sh: wrote $here/SCALING.md in ${seconds} s"
