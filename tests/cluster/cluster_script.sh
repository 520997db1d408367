#!/usr/bin/env bash
# ctest cluster_script: indexer/cluster.sh starts two parts of the sample corpus on
# xapian-tcpsrv and tigris serve over them, answers, and stops every process it started.
#   tests/cluster/cluster_script.sh TIGRIS_BINARY WORK_DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
script="$here/../../indexer/cluster.sh"
export TIGRIS_BIN="$1"
work="$2/cluster-$$"
command -v xapian-tcpsrv >/dev/null && command -v curl >/dev/null || { echo "skipped: no xapian-tcpsrv or curl"; exit 77; }
rm -rf "$work"
trap '"$script" stop --work "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# Ports from this process's id; another try elsewhere when one is taken.
started=0
for attempt in 0 1 2; do
  base=$((20000 + ($$ * 7 + attempt * 997) % 40000))
  if "$script" start --shards 2 --port "$base" --serve-port $((base + 10)) --work "$work" \
       "$here/../../indexer/sample" >"$work.out" 2>&1; then
    started=1
    break
  fi
  cat "$work.out" >&2
done
[ "$started" = 1 ] || { echo "FAIL: cluster.sh start"; exit 1; }
rm -f "$work.out"

health="$(curl -s --max-time 10 "http://127.0.0.1:$((base + 10))/api/health")"
echo "health: $health"
echo "$health" | grep -q '"documents":40' || { echo "FAIL: health"; exit 1; }
echo "$health" | grep -q "\"shard\":\"remote 127.0.0.1:$((base + 1))\"" || { echo "FAIL: shards in health"; exit 1; }
curl -s --max-time 10 "http://127.0.0.1:$((base + 10))/api/search?q=Basrah" | grep -q '"id":"sample/006"' ||
  { echo "FAIL: search"; exit 1; }
"$TIGRIS_BIN" search --index "$work/remote.stub" --format json Basrah | grep -q '"sample/006"' ||
  { echo "FAIL: tigris search over the stub"; exit 1; }

pids="$(cat "$work"/run/*.pid)"
"$script" stop --work "$work"
for pid in $pids; do
  if kill -0 "$pid" 2>/dev/null; then echo "FAIL: process $pid still runs after stop"; exit 1; fi
done
if ps -eo pgid= | grep -qwF -f <(echo "$pids"); then echo "FAIL: a process of a stopped group still runs"; exit 1; fi
echo "ok"
