#!/usr/bin/env bash
# Load test of the search endpoint: starts `tigris serve` on a free loopback port over
# INDEX and runs wrk against /api/search for 30 s; prints a markdown section.
#   benchmarks/load.sh INDEX [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${TIGRIS_BUILD_DIR:-$here/../build}"
index="${1:?usage: load.sh INDEX [SECONDS]}"
seconds="${2:-30}"
command -v wrk >/dev/null || { echo "load.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

out="$(mktemp)"
"$build/indexer/tigris" serve --index "$index" --port 0 --threads 8 >"$out" 2>/dev/null &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$out" "$out.lua"' EXIT
for _ in $(seq 50); do grep -q listening "$out" && break; sleep 0.1; done
port="$(sed -n 's|.*:\([0-9]*\)/$|\1|p' "$out")"
[ -n "$port" ] || { echo "load.sh: the server did not start" >&2; exit 1; }

# Queries in turn: names in several spellings, a phrase, an acronym, an English word.
cat >"$out.lua" <<'LUA'
local queries = {"Shia", "Moqtada%20al-Sadr", "%22Jaish%20al-Mahdi%22", "JAM", "Basrah", "Falluja",
                 "al-Qaida", "Iraqi%20Security%20Forces", "Baath", "oil%20exports"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?q=" .. queries[(i % #queries) + 1] .. "&limit=10")
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %.1f %.2f %.2f %.2f %.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
line="$(wrk -t2 -c16 -d"${seconds}s" -s "$out.lua" "http://127.0.0.1:$port/" | grep '^RESULT')"
read -r _ requests socket_errors status_errors duration rps p50 p95 p99 max <<<"$line"
docs="$(curl -s "http://127.0.0.1:$port/api/health" | sed 's/.*"documents":\([0-9]*\).*/\1/')"
echo "#### Load test: GET /api/search, wrk -t2 -c16 -d${seconds}s on loopback"
echo
echo "Index of $docs documents; ten queries in turn (names in several spellings, a phrase, an acronym,"
echo "English words), 10 hits each with snippets, facets and spellings; server with 8 worker threads."
echo
echo "| requests | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | socket errors | non-2xx |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
echo "| $requests | $rps | $p50 | $p95 | $p99 | $max | $socket_errors | $status_errors |"
