#!/usr/bin/env bash
# Indexing throughput end to end: generates N synthetic deals (bench/generate_corpus.cc),
# runs `dealsearch index` on them, and prints documents/s, MB/s, index size (before and after
# xapian-compact) and peak memory.
#   bench/index_throughput.sh [--size 100000]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=100000
while (($#)); do
  case $1 in
    --size) size=$2; shift ;;
    *) echo "usage: bench/index_throughput.sh [--size N]" >&2; exit 2 ;;
  esac
  shift
done

command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
command -v xapian-compact >/dev/null || { echo "needs xapian-compact: apt-get install xapian-tools" >&2; exit 1; }
[[ -x $root/build/dealsearch && -x $root/build/bench/generate_corpus ]] ||
  { echo "build first: scripts/test" >&2; exit 1; }

work=$root/build/bench-data
mkdir -p "$work"
corpus=$work/deals-$size.jsonl
# A corpus of an older generator is made anew.
[[ -s $corpus && ! $root/build/bench/generate_corpus -nt $corpus ]] ||
  "$root/build/bench/generate_corpus" --count "$size" > "$corpus"
bytes=$(stat -c %s "$corpus")

rm -rf "$work/index-$size" "$work/index-$size.builds" "$work/compact-$size"
/usr/bin/time -f '%e %M' -o "$work/time-$size" \
  "$root/build/dealsearch" index --quiet --db "$work/index-$size" "$corpus" >/dev/null
read -r seconds peak_kb < "$work/time-$size"
build_dir=$(sed -n 's/^auto //p' "$work/index-$size")
index_bytes=$(du -sb "$work/$build_dir" | cut -f1)
xapian-compact "$work/$build_dir" "$work/compact-$size" >/dev/null
compact_bytes=$(du -sb "$work/compact-$size" | cut -f1)

awk -v n="$size" -v s="$seconds" -v b="$bytes" -v i="$index_bytes" -v c="$compact_bytes" \
    -v m="$peak_kb" -v cores="$(nproc)" 'BEGIN {
  printf "documents          %d (%.0f MB of JSON Lines)\n", n, b / 1e6
  printf "wall time          %.1f s on %d cores\n", s, cores
  printf "documents/s        %.0f\n", n / s
  printf "MB/s               %.2f\n", b / 1e6 / s
  printf "index size         %.0f MB (%.2f x input)\n", i / 1e6, i / b
  printf "after compaction   %.0f MB (%.2f x input)\n", c / 1e6, c / b
  printf "peak memory (RSS)  %.0f MB\n", m / 1024
}'
