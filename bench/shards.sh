#!/usr/bin/env bash
# The query mix through `dealsearch serve` over one database against the same deals in 4
# shards, 2 local and 2 behind xapian-tcpsrv on loopback (issue #17), under wrk at 1 and 2
# connections, back to back; writes shards-{one,four}-{1,2}.json (wrk-mix.lua's figures) into
# WORK. bench/run.sh calls it with its corpus, index and URLs (its shards section):
#
#   bench/shards.sh --bin BUILD_DIR --corpus DEALS.jsonl --index ONE_DB --urls URLS --work DIR
#                   [--seconds 15]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=15
while (($#)); do
  case $1 in
    --bin) bin=$2; shift ;;
    --corpus) corpus=$2; shift ;;
    --index) one=$2; shift ;;
    --urls) urls=$2; shift ;;
    --work) work=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/shards.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
for required in bin corpus one urls work; do
  [[ -n ${!required:-} ]] || { echo "bench/shards.sh: --$required is required (try --help)" >&2; exit 2; }
done
mkdir -p "$work"
log() { echo "bench/shards.sh: $*" >&2; }

log "indexing the deals again in 4 shards"
rm -rf "$work/four" "$work/four.builds"
"$bin/dealsearch" index --quiet --shards 4 --db "$work/four" "$corpus" > /dev/null
mapfile -t shard_dirs < <(sed -n 's/^auto //p' "$work/four")

pids=()
cleanup() { for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

# Shards 3 and 4 behind xapian-tcpsrv, each in a session of its own.
ports=()
for k in 2 3; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" --idle-timeout 0 --quiet \
    "$work/${shard_dirs[$k]}" > "$work/tcpsrv-$k.log" 2>&1 &
  pids+=($!)
  ports+=("$port")
done
{
  echo "auto ${shard_dirs[0]}"
  echo "auto ${shard_dirs[1]}"
  echo "remote 127.0.0.1:${ports[0]}"
  echo "remote 127.0.0.1:${ports[1]}"
} > "$work/mixed"
sleep 1

# Serves `index`, runs the mix at 1 and 2 connections, writes shards-NAME-C.json.
measure() {
  local name=$1 index=$2
  "$bin/dealsearch" serve --db "$index" --port 0 --quiet 2> "$work/serve-$name.log" &
  local serve=$!
  for _ in $(seq 600); do
    grep -q "serving" "$work/serve-$name.log" 2>/dev/null && break
    sleep 0.1
  done
  local origin
  origin=$(sed -n 's/.* on \(http:[^ ]*\).*/\1/p' "$work/serve-$name.log" | head -1)
  [[ -n $origin ]] || { echo "bench/shards.sh: serve did not start:" >&2; cat "$work/serve-$name.log" >&2; kill "$serve"; exit 1; }
  for connections in 1 2; do
    wrk -t"$connections" -c"$connections" -d"${seconds}s" --latency \
      -s "$root/bench/wrk-mix.lua" "$origin" -- "$urls" | tail -1 > "$work/shards-$name-$connections.json"
  done
  kill "$serve"
  wait "$serve" 2>/dev/null || true
}

log "the mix over one database"
measure one "$one"
log "the mix over 4 shards (2 local, 2 remote)"
measure four "$work/mixed"
