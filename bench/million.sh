#!/usr/bin/env bash
# A million deals as issue #18 asks: generated deals (bench/generate_corpus) indexed as N shards
# with `dealsearch index --shard K/N`, each shard under /usr/bin/time -v (its wall time, CPU
# time and peak RSS are what a machine of its own would take), then the query mix
# (bench_inputs' queries from shard 1's statistics) in-process over one stub naming all N
# shards (query_mix), p50 and p99. Prints a Markdown summary for bench/RESULTS.md.
#
#   bench/million.sh --bin BUILD_DIR --work DIR [--count 1000000] [--shards 4] [--parallel 2]
#
# --parallel P builds P shards at a time. Each shard's indexer then has about 2/P of this
# machine's cores; CPU time (user + sys) is the figure to compare, wall time only when P = 1.
# A shard that finished (DIR/shard-K.done) is not built again, so an interrupted run resumes.
# Disk: the corpus (7.1 GB at a million) and the shards (3.4 GB each at 250,000 deals) in DIR.
set -euo pipefail
count=1000000
shards=4
parallel=2
while (($#)); do
  case $1 in
    --bin) bin=$(cd "$2" && pwd); shift ;;
    --work) work=$2; shift ;;
    --count) count=$2; shift ;;
    --shards) shards=$2; shift ;;
    --parallel) parallel=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/million.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
for required in bin work; do
  [[ -n ${!required:-} ]] || { echo "bench/million.sh: --$required is required (try --help)" >&2; exit 2; }
done
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { echo "bench/million.sh: $*" >&2; }

if [[ ! -s $work/deals.jsonl ]]; then
  log "generating $count deals into $work/deals.jsonl"
  "$bin/bench/generate_corpus" --count "$count" > "$work/deals.jsonl.part"
  mv "$work/deals.jsonl.part" "$work/deals.jsonl"
fi

build_shard() {
  local k=$1
  [[ -f $work/shard-$k.done ]] && return 0
  rm -rf "$work/shard-$k" "$work/shard-$k.builds"
  log "indexing shard $k/$shards"
  if /usr/bin/time -v -o "$work/shard-$k.time" "$bin/dealsearch" index --quiet \
       --shard "$k/$shards" --db "$work/shard-$k" "$work/deals.jsonl" > "$work/shard-$k.out" 2>&1; then
    touch "$work/shard-$k.done"
  else
    log "shard $k failed:"; cat "$work/shard-$k.out" >&2
    return 1
  fi
}

# Shards K, K + P, K + 2P, ... one after another in each of P chains.
pids=()
for ((chain = 1; chain <= parallel && chain <= shards; chain++)); do
  (for ((k = chain; k <= shards; k += parallel)); do build_shard "$k"; done) &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
((failed == 0)) || { log "a shard failed; the others are kept, run again to resume"; exit 1; }

# One stub over all shards: each shard's stub names its database, relative to the stub.
: > "$work/all"
for ((k = 1; k <= shards; k++)); do
  sed -n 's/^auto //p' "$work/shard-$k" | while read -r db; do
    [[ $db == /* ]] && echo "auto $db" || echo "auto $work/$db"
  done >> "$work/all"
done

if [[ ! -s $work/queries.jsonl ]]; then
  log "drawing the query mix from shard 1"
  "$bin/bench/bench_inputs" --index "$work/shard-1" --docs "$work/docs-1.jsonl" \
    --queries "$work/queries.jsonl" > /dev/null
  rm -f "$work/docs-1.jsonl"  # only the queries are needed
fi
log "the query mix over all $shards shards"
"$bin/bench/query_mix" --engine dealsearch --index "$work/all" --queries "$work/queries.jsonl" \
  --repeat 3 > "$work/mix-all.json"

python3 - "$work" "$shards" <<'EOF'
import json, re, statistics, sys
work, shards = sys.argv[1], int(sys.argv[2])

def time_file(path):
    fields = {}
    for line in open(path):
        key, _, value = line.strip().rpartition(": ")
        fields[key] = value
    wall = fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
    seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall)))
    return (seconds, float(fields["User time (seconds)"]) + float(fields["System time (seconds)"]),
            int(fields["Maximum resident set size (kbytes)"]) / 1024)

print("| shard | deals | wall | CPU (user + sys) | peak RSS | index |")
print("|---|---|---|---|---|---|")
total_deals = 0
for k in range(1, shards + 1):
    summary = open(f"{work}/shard-{k}.out").read()
    deals = int(re.search(r"indexed (\d+) deal", summary).group(1))
    size = re.search(r"([\d.]+ [kMG]B)", summary).group(1)
    total_deals += deals
    wall, cpu, rss = time_file(f"{work}/shard-{k}.time")
    print(f"| {k}/{shards} | {deals:,} | {wall / 60:,.1f} min | {cpu / 60:,.1f} min | "
          f"{rss:,.0f} MB | {size} |")
print(f"\n{total_deals:,} deals in all.\n")

run = json.load(open(f"{work}/mix-all.json"))
ms = sorted(statistics.median(q["ms"]) for q in run["queries"] if q.get("ms"))
pick = lambda p: ms[min(len(ms) - 1, int(p * len(ms)))]
print(f"Query mix over the {shards} shards (in-process, {len(ms)} queries, median of 3): "
      f"p50 {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms.")
classes = {}
for q in run["queries"]:
    if q.get("ms"):
        classes.setdefault(q["class"], []).append(statistics.median(q["ms"]))
print("\n| class | queries | p50 | max |\n|---|---|---|---|")
for name, values in sorted(classes.items()):
    print(f"| {name} | {len(values)} | {statistics.median(values):.1f} ms | {max(values):.1f} ms |")
EOF
