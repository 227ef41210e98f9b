#!/usr/bin/env bash
# Every benchmark in one run, side by side with the peers, on one corpus and one query mix:
#
#   bench/run.sh [--size 100000] [--repeat 3] [--quick] [--out FILE] [--build-dir DIR]
#
# 1. generates --size synthetic deals (bench/generate_corpus.cc, fixed seed);
# 2. indexes them with `dealsearch index` (wall time, documents/s, index size, peak RSS);
# 3. derives the peers' documents (with our extracted facet values) and the query mix
#    (bench/bench_inputs.cc);
# 4. runs the mix in-process on dealsearch and on raw Xapian (bench/query_mix.cc), on
#    PostgreSQL 15 and on Sphinx (bench/peers/, each started on loopback and stopped after),
#    and the compound queries' totals against a reference counted from the texts
#    (bench/precision.cc, issue #13);
# 5. loads `dealsearch serve` with wrk at 1, 2 and 16 connections (bench/wrk-mix.lua), and
#    at 1 and 2 over the same deals in 4 shards, 2 of them remote (bench/shards.sh);
# 6. prints the table and writes it, with date, machine and commit, to bench/RESULTS.md
#    (--out elsewhere; --quick: short wrk runs, one repeat, the table to the build directory).
#
# It installs what it needs (as root) and builds Release into build/, unless --build-dir
# names a build to use as it is (the smoke test: `ctest -L bench-smoke`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib.sh"

size=100000
repeat=3
quick=false
out=$root/bench/RESULTS.md
bin=
while (($#)); do
  case $1 in
    --size) size=$2; shift ;;
    --repeat) repeat=$2; shift ;;
    --quick) quick=true ;;
    --out) out=$2; shift ;;
    --build-dir) bin=$2; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
if $quick; then
  repeat=1
  [[ $out == "$root/bench/RESULTS.md" ]] && out=${bin:-$root/build}/bench-data/RESULTS-quick.md
fi
wrk_seconds=$($quick && echo 3 || echo 15)

BENCH_PACKAGES=(time xapian-tools wrk python3 postgresql-15 sphinxsearch libpq-dev libmariadb-dev)
ensure_packages "${DEALSEARCH_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
if [[ -z $bin ]]; then
  bin=$root/build
  build "$bin" Release
fi
[[ -x $bin/dealsearch && -x $bin/bench/query_mix ]] ||
  { echo "bench/run.sh: no dealsearch build in $bin" >&2; exit 1; }

work=$bin/bench-data/run-$size
mkdir -p "$work"
corpus=$bin/bench-data/deals-$size.jsonl
# A corpus of an older generator is made anew.
if [[ ! -s $corpus || $bin/bench/generate_corpus -nt $corpus ]]; then
  log "generating $size deals"
  "$bin/bench/generate_corpus" --count "$size" > "$corpus.tmp" && mv "$corpus.tmp" "$corpus"
fi

log "indexing $size deals with dealsearch"
rm -rf "$work/index" "$work/index.builds"
/usr/bin/time -f '{"wall_seconds": %e, "peak_rss_kb": %M}' -o "$work/index-time.json" \
  "$bin/dealsearch" index --quiet --db "$work/index" "$corpus" >/dev/null
du -sb "$work/index.builds" | cut -f1 > "$work/index-bytes"
stat -c %s "$corpus" > "$work/input-bytes"

log "deriving the peers' documents and the query mix"
"$bin/bench/bench_inputs" --index "$work/index" --docs "$work/docs.jsonl" \
  --queries "$work/queries.jsonl" --urls "$work/urls.txt"

log "query mix: dealsearch (in-process)"
"$bin/bench/query_mix" --engine dealsearch --index "$work/index" \
  --queries "$work/queries.jsonl" --repeat "$repeat" > "$work/dealsearch.json"

log "query mix: raw Xapian (indexing, then in-process)"
# The same flush threshold as `dealsearch index`, which flushes by memory (--memory-mb) and
# lifts Xapian's count to this; the yardstick of issue #19.
XAPIAN_FLUSH_THRESHOLD=1000000000 "$bin/bench/query_mix" --engine xapian --docs "$work/docs.jsonl" --work "$work/xapian" \
  --queries "$work/queries.jsonl" --repeat "$repeat" > "$work/xapian.json"

log "precision: compound queries against a reference counted from the texts"
"$bin/bench/precision" --deals "$corpus" --index "$work/index" --xapian "$work/xapian" \
  > "$work/precision.md"

# The peers' drivers from this build, when it has them (bench/peers/CMakeLists.txt).
[[ -x $bin/bench/peers/pg_query_mix && -x $bin/bench/peers/sphinx_query_mix ]] &&
  export PEERS_DRIVER_DIR=$bin/bench/peers
for peer in postgres sphinx; do
  rm -f "$work/$peer.json" "$work/$peer.failed"
  if [[ -x $root/bench/peers/$peer.sh ]]; then
    log "query mix: $peer"
    "$root/bench/peers/$peer.sh" --docs "$work/docs.jsonl" --queries "$work/queries.jsonl" \
      --work "$work/$peer" --repeat "$repeat" > "$work/$peer.json" ||
      { echo "bench/run.sh: the $peer peer failed; see above" >&2; rm -f "$work/$peer.json"
        touch "$work/$peer.failed"; }
  fi
done

log "HTTP: dealsearch serve under wrk"
"$bin/dealsearch" serve --db "$work/index" --port 0 --quiet 2> "$work/serve.log" &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q "serving" "$work/serve.log" 2>/dev/null && break
  sleep 0.1
done
origin=$(sed -n 's/.* on \(http:[^ ]*\).*/\1/p' "$work/serve.log" | head -1)
[[ -n $origin ]] || { echo "bench/run.sh: dealsearch serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
for connections in 1 2 16; do
  threads=$((connections < 2 ? 1 : 2))
  wrk -t"$threads" -c"$connections" -d"${wrk_seconds}s" --latency -s "$root/bench/wrk-mix.lua" \
    "$origin" -- "$work/urls.txt" | tail -1 > "$work/wrk-$connections.json"
done
grep VmHWM "/proc/$serve_pid/status" | awk '{print $2}' > "$work/serve-peak-rss-kb"
kill "$serve_pid"
wait "$serve_pid" 2>/dev/null || true
trap - EXIT

log "shards: the mix over one database against 4 shards, 2 of them remote (issue #17)"
"$root/bench/shards.sh" --bin "$bin" --corpus "$corpus" --index "$work/index" \
  --urls "$work/urls.txt" --work "$work" --seconds "$wrk_seconds"

# A quick run is a smoke test: every engine must have given figures.
python3 -B "$root/bench/summarize.py" --work "$work" --size "$size" --out "$out" $($quick && echo --strict) \
  --commit "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
