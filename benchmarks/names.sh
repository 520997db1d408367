#!/usr/bin/env bash
# Name matching on the romanized Arabic names set (shared/eval/names): pair recall, pair
# precision and false merges of tigris (its search over one short document per
# spelling), stock Xapian, the variant key tigris used before, and the phonetic encoders
# Elasticsearch and Solr ship (Apache Commons Codec), in one run.
#   benchmarks/names.sh [REPORT.md]   figures to standard output (and REPORT.md);
#                                     the chart to benchmarks/names.png
# Needs a build (./tigris.sh build). Installs Java and Commons Codec when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${TIGRIS_BUILD_DIR:-$here/../build}"
names="${TIGRIS_NAMES:-$here/../../shared/eval/names/wikidata-arabic-names.json}"
report="${1:-}"
codec=/usr/share/java/commons-codec.jar

[ -x "$build/benchmarks/tigris_names" ] || { echo "names.sh: run ./tigris.sh build first" >&2; exit 2; }
[ -e "$names" ] || { echo "names.sh: $names is not here" >&2; exit 2; }
if ! command -v java >/dev/null || [ ! -e "$codec" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    default-jre-headless libcommons-codec-java
fi

work="$(mktemp -d /tmp/tigris-names.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# Every spelling of the set, for the encoders.
python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
for c in d["clusters"] + d["singletons"]:
    for s in c["spellings"]: print(s["text"])' "$names" >"$work/spellings.txt"
java -cp "$codec" "$here/phonetic/Phonetic.java" <"$work/spellings.txt" >"$work/phonetic.tsv"

"$build/benchmarks/tigris_names" --names "$names" --phonetic "$work/phonetic.tsv" --work "$work/indexes" \
  --report "$work/names.md" --chart-data "$work/names.dat" >/dev/null
cat "$work/names.md"
[ -n "$report" ] && cp "$work/names.md" "$report"

if command -v gnuplot >/dev/null; then
  gnuplot <<GP
set terminal pngcairo size 1000,520 font "sans,10"
set output "$here/names.png"
set title "Name matching on the romanized Arabic names set (same documents, same run)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set yrange [0:1.05]
set xtics rotate by -25
set key outside bottom center horizontal
set grid ytics
plot "$work/names.dat" using 2:xtic(1) title columnheader(2), '' using 3 title columnheader(3)
GP
fi
