#!/usr/bin/env bash
# The server at full load for many minutes while its index changes under it: the query mix of
# bench/run.sh from wrk, a full re-index every minute and an update every ten seconds. Prints a
# row a minute (requests, errors, p99, the server's RSS, index changes) and fails when any
# request or index change failed or the server died.
#   bench/soak.sh [--minutes 30] [--size 2000] [--connections 16] [--build-dir build]
# Installs wrk when missing (as root) and builds Release into build/ when no --build-dir.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib.sh"

minutes=30
size=2000
connections=16
bin=
while (($#)); do
  case $1 in
    --minutes) minutes=$2; shift ;;
    --size) size=$2; shift ;;
    --connections) connections=$2; shift ;;
    --build-dir) bin=$2; shift ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/soak.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

ensure_packages "${DEALSEARCH_PACKAGES[@]}" wrk python3
if [[ -z $bin ]]; then
  bin=$root/build
  build "$bin" Release
fi
[[ -x $bin/dealsearch && -x $bin/bench/bench_inputs ]] ||
  { echo "bench/soak.sh: no dealsearch build in $bin" >&2; exit 1; }

work=$bin/bench-data/soak-$size
rm -rf "$work"
mkdir -p "$work"
corpus=$bin/bench-data/deals-$size.jsonl
# A corpus of an older generator is made anew.
if [[ ! -s $corpus || $bin/bench/generate_corpus -nt $corpus ]]; then
  log "generating $size deals"
  "$bin/bench/generate_corpus" --count "$size" > "$corpus.tmp" && mv "$corpus.tmp" "$corpus"
fi
log "indexing $size deals"
"$bin/dealsearch" index --quiet --db "$work/index" "$corpus" >/dev/null
"$bin/bench/bench_inputs" --index "$work/index" --docs "$work/docs.jsonl" \
  --queries "$work/queries.jsonl" --urls "$work/urls.txt"

"$bin/dealsearch" serve --db "$work/index" --port 0 --quiet 2> "$work/serve.log" &
serve_pid=$!
changer_pid=
cleanup() {
  [[ -n $changer_pid ]] && kill "$changer_pid" 2>/dev/null
  kill "$serve_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do
  grep -q "serving" "$work/serve.log" 2>/dev/null && break
  sleep 0.1
done
origin=$(sed -n 's/.* on \(http:[^ ]*\).*/\1/p' "$work/serve.log" | head -1)
[[ -n $origin ]] || { echo "bench/soak.sh: dealsearch serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }

# The index changes: an update every 10 s (the first deal, its title numbered), a rebuild
# every sixth time. Each change appends "update OK", "rebuild OK" or "... FAILED" to a log.
change_index() {
  local n=0
  while true; do
    sleep 10
    n=$((n + 1))
    if ((n % 6 == 0)); then
      if "$bin/dealsearch" index --quiet --db "$work/index" "$corpus" >/dev/null 2>>"$work/index.err"; then
        echo "rebuild OK" >> "$work/changes.log"
      else
        echo "rebuild FAILED" >> "$work/changes.log"
      fi
    else
      head -1 "$corpus" | python3 -c '
import json, sys
deal = json.loads(sys.stdin.read())
deal["title"] = deal["title"] + " (soak " + sys.argv[1] + ")"
print(json.dumps(deal, ensure_ascii=False))' "$n" > "$work/update.jsonl"
      if "$bin/dealsearch" index --quiet --update --db "$work/index" "$work/update.jsonl" >/dev/null 2>>"$work/index.err"; then
        echo "update OK" >> "$work/changes.log"
      else
        echo "update FAILED" >> "$work/changes.log"
      fi
    fi
  done
}
touch "$work/changes.log"
change_index &
changer_pid=$!

rss_mb() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$serve_pid/status" 2>/dev/null || echo "-"; }
count() { grep -c "$1" "$work/changes.log" || true; }

log "soak: $minutes minute(s) of the query mix over $connections connections against $origin"
printf '| minute | requests | requests/s | errors | p50 ms | p99 ms | RSS MB | updates | rebuilds | failed changes |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
total_errors=0
for minute in $(seq "$minutes"); do
  threads=$((connections < 2 ? 1 : 2))
  # A request counts as failed when it gets no answer in 10 s, not wrk's default 2 s: the soak
  # looks for failures, and on a busy shared machine an answer may take seconds (p99 tells).
  wrk -t"$threads" -c"$connections" -d60s --timeout 10s --latency -s "$root/bench/wrk-mix.lua" \
    "$origin" -- "$work/urls.txt" | tail -1 > "$work/minute-$minute.json"
  if ! kill -0 "$serve_pid" 2>/dev/null; then
    echo "bench/soak.sh: the server died in minute $minute:" >&2
    tail -20 "$work/serve.log" >&2
    exit 1
  fi
  python3 - "$work/minute-$minute.json" "$minute" "$(rss_mb)" "$(count 'update OK')" \
    "$(count 'rebuild OK')" "$(count FAILED)" <<'EOF'
import json, sys
figures = json.load(open(sys.argv[1]))
minute, rss, updates, rebuilds, failed = sys.argv[2:]
errors = figures["errors"] + figures["non_2xx"]
print(f"| {minute} | {figures['requests']} | {figures['requests_per_s']:.0f} | {errors} | "
      f"{figures['p50_ms']:.1f} | {figures['p99_ms']:.1f} | {rss} | {updates} | {rebuilds} | {failed} |")
EOF
  minute_errors=$(python3 -c 'import json,sys; f=json.load(open(sys.argv[1])); print(f["errors"] + f["non_2xx"])' "$work/minute-$minute.json")
  total_errors=$((total_errors + minute_errors))
done

failed_changes=$(count FAILED)
if ((total_errors > 0 || failed_changes > 0)); then
  echo "bench/soak.sh: $total_errors failed request(s), $failed_changes failed index change(s)" >&2
  [[ -s $work/index.err ]] && tail -20 "$work/index.err" >&2
  grep -v "^dealsearch serve: serving" "$work/serve.log" | tail -20 >&2
  exit 1
fi
log "soak: no failed request and no failed index change in $minutes minute(s)"
