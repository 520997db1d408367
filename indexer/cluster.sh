#!/usr/bin/env bash
# A sharded tigris on one machine, as it would run on several: the corpus indexed in N
# parts at once (tigris index --shard K/N), each part served by its own xapian-tcpsrv on
# 127.0.0.1, and tigris serve over a stub listing them (tigris join). README: "Past one
# machine" says how to spread the same over several machines.
#
#   indexer/cluster.sh start [--shards N] [--port P] [--serve-port P] [--work DIR]
#                            [--threads T] [--remote-timeout S] [--no-index] CORPUS...
#   indexer/cluster.sh status [--work DIR]
#   indexer/cluster.sh stop [--work DIR]
#
# start: indexes part K into DIR/shard-K (N runs side by side, T threads each), starts
# xapian-tcpsrv for part K on 127.0.0.1:P+K, writes DIR/remote.stub and starts tigris
# serve on 127.0.0.1:SERVE-PORT. Every process runs in a process group of its own, its
# id in DIR/run/*.pid and its output in DIR/log/. --no-index serves the parts as they are.
# stop: ends those processes (each group with SIGTERM, then SIGKILL after 10 s).
# Defaults: --shards 2 --port 9101 --serve-port 8080 --work ./cluster --threads 1
# --remote-timeout 5. Exit status: 0 done, 1 a step failed (its log is named), 2 usage.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tigris="${TIGRIS_BIN:-$here/../build/indexer/tigris}"
shards=2 port=9101 serve_port=8080 work=./cluster threads=1 timeout=5 index=1
corpus=()

usage() {
  sed -n '7,10p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2
  exit 2
}
die() {
  echo "cluster.sh: $*" >&2
  exit 1
}

# Whether pid file $1 names a live process that is still what we started ($2 in its
# command line): a pid the system reused is never signalled.
alive() {
  local pid
  [ -f "$1" ] || return 1
  pid="$(cat "$1")"
  [[ "$pid" =~ ^[0-9]+$ ]] && [ "$pid" -gt 1 ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}

# Starts "$@" in a process group of its own, in the background; its pid into $1.
launch() {
  local pidfile="$1" log="$2"
  shift 2
  setsid "$@" >"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

# Waits up to 10 s for 127.0.0.1:$1 to accept connections.
wait_port() {
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

index_parts() {
  local pids=() k failed=0
  mkdir -p "$work/log"
  for ((k = 0; k < shards; k++)); do
    "$tigris" index --quiet --threads "$threads" --shard "$k/$shards" --index "$work/shard-$k" "${corpus[@]}" \
      >"$work/log/index-$k.log" 2>&1 &
    pids+=($!)
  done
  for ((k = 0; k < shards; k++)); do
    local status=0
    wait "${pids[$k]}" || status=$?
    # 1: documents skipped for bad input (listed in the log); the rest are indexed.
    if [ "$status" -eq 1 ] && ! grep -q "error:" "$work/log/index-$k.log"; then
      echo "cluster.sh: part $k/$shards skipped bad documents: see $work/log/index-$k.log" >&2
    elif [ "$status" -ne 0 ]; then
      echo "cluster.sh: indexing part $k/$shards failed (exit $status): see $work/log/index-$k.log" >&2
      failed=1
    fi
    tail -n 2 "$work/log/index-$k.log" | sed "s|^|  part $k: |"
  done
  [ "$failed" -eq 0 ] || exit 1
}

start() {
  [ "${#corpus[@]}" -gt 0 ] || [ "$index" -eq 0 ] || usage
  [ -x "$tigris" ] || die "$tigris is not built: run ./tigris.sh build first (or set TIGRIS_BIN)"
  command -v xapian-tcpsrv >/dev/null || die "xapian-tcpsrv is not installed (apt-get install xapian-tools)"
  mkdir -p "$work/run" "$work/log"
  for f in "$work"/run/*.pid; do
    [ -e "$f" ] || continue
    alive "$f" "xapian-tcpsrv\|tigris" && die "a cluster is running in $work: cluster.sh stop --work $work first"
  done
  [ "$index" -eq 0 ] || index_parts
  local k addresses=()
  for ((k = 0; k < shards; k++)); do
    [ -d "$work/shard-$k" ] || die "no part $work/shard-$k: start without --no-index"
    launch "$work/run/tcpsrv-$k.pid" "$work/log/tcpsrv-$k.log" \
      xapian-tcpsrv --interface 127.0.0.1 --port $((port + k)) "$work/shard-$k"
    wait_port $((port + k)) && alive "$work/run/tcpsrv-$k.pid" xapian-tcpsrv ||
      { stop; die "xapian-tcpsrv for part $k did not start on 127.0.0.1:$((port + k)): see $work/log/tcpsrv-$k.log"; }
    addresses+=("127.0.0.1:$((port + k))")
  done
  "$tigris" join --remote-timeout "$timeout" --out "$work/remote.stub" "${addresses[@]}" 2>"$work/log/join.log" ||
    { stop; die "tigris join failed: $(tail -n 1 "$work/log/join.log")"; }
  launch "$work/run/serve.pid" "$work/log/serve.log" \
    "$tigris" serve --index "$work/remote.stub" --host 127.0.0.1 --port "$serve_port" --remote-timeout "$timeout"
  for _ in $(seq 100); do
    grep -q "listening on" "$work/log/serve.log" && break
    alive "$work/run/serve.pid" "tigris" || break
    sleep 0.1
  done
  grep -q "listening on" "$work/log/serve.log" ||
    { stop; die "tigris serve did not start: $(tail -n 1 "$work/log/serve.log")"; }
  echo "cluster.sh: $shards parts on xapian-tcpsrv at ${addresses[*]}"
  echo "cluster.sh: $(grep -m1 'listening on' "$work/log/serve.log" | sed 's/^tigris serve: //')"
  echo "cluster.sh: search with: $tigris search --index $work/remote.stub QUERY"
  echo "cluster.sh: stop with: $0 stop --work $work"
}

status() {
  local f running=0
  for f in "$work"/run/*.pid; do
    [ -e "$f" ] || continue
    if alive "$f" "xapian-tcpsrv\|tigris"; then
      echo "$(basename "$f" .pid): running (pid $(cat "$f"))"
      running=1
    else
      echo "$(basename "$f" .pid): not running"
    fi
  done
  [ "$running" -eq 1 ] || { echo "cluster.sh: nothing runs from $work"; return 1; }
  local address
  address="$(grep -m1 -o 'http://[^ ]*' "$work/log/serve.log" 2>/dev/null || true)"
  [ -z "$address" ] || echo "health: $(curl -s --max-time 10 "${address}api/health" || echo "no answer")"
}

stop() {
  local f pid pids=()
  for f in "$work"/run/*.pid; do
    [ -e "$f" ] || continue
    if alive "$f" "xapian-tcpsrv\|tigris"; then
      pid="$(cat "$f")"
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$f"
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "cluster.sh: process group $pid did not stop on SIGTERM: SIGKILL" >&2
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
  done
  echo "cluster.sh: stopped ${#pids[@]} processes from $work"
}

command="${1:-}"
[ -n "$command" ] || usage
shift
while [ $# -gt 0 ]; do
  case "$1" in
    --shards) shards="${2:?}"; shift 2 ;;
    --port) port="${2:?}"; shift 2 ;;
    --serve-port) serve_port="${2:?}"; shift 2 ;;
    --work) work="${2:?}"; shift 2 ;;
    --threads) threads="${2:?}"; shift 2 ;;
    --remote-timeout) timeout="${2:?}"; shift 2 ;;
    --no-index) index=0; shift ;;
    -h|--help) usage ;;
    -*) echo "cluster.sh: unknown option $1" >&2; usage ;;
    *) corpus+=("$1"); shift ;;
  esac
done
[[ "$shards" =~ ^[0-9]+$ ]] && [ "$shards" -ge 1 ] || { echo "cluster.sh: --shards must be a number" >&2; exit 2; }
case "$command" in
  start) start ;;
  status) status ;;
  stop) stop ;;
  *) usage ;;
esac
