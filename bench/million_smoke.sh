#!/usr/bin/env bash
# bench/million.sh at 2,000 deals in 4 shards, so that it never rots (ctest -L bench-smoke):
#
#   bench/million_smoke.sh BUILD_DIR
#
# Checks the summary's form: a row for each of the four shards and the query mix's p50/p99.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:?usage: bench/million_smoke.sh BUILD_DIR}
work=$bin/bench-data/million-smoke
rm -rf "$work"
mkdir -p "$(dirname "$work")"
"$root/bench/million.sh" --bin "$bin" --work "$work" --count 2000 > "$work.md"
cat "$work.md"
rows=$(grep -c '^| [1-4]/4 | [0-9]' "$work.md" || true)
[[ $rows == 4 ]] || { echo "want a row for each of the 4 shards, found $rows" >&2; exit 1; }
grep -q '^Query mix over the 4 shards .* p50 [0-9.]* ms, p99 [0-9.]* ms' "$work.md" ||
  { echo "no p50/p99 line in the summary" >&2; exit 1; }
