#!/usr/bin/env bash
# The Sphinx peer of bench/run.sh (Debian's sphinxsearch 2.2.11):
#
#   bench/peers/sphinx.sh --docs DOCS.jsonl --queries QUERIES.jsonl --work DIR
#                         [--port 9316] [--repeat 3]
#
# Converts the documents to an xmlpipe2 stream (untimed), indexes them with `indexer --all`
# (timed: build_seconds; index_bytes is the size of the index files), starts searchd on
# 127.0.0.1:PORT (SphinxQL, the MySQL protocol), runs the query mix with sphinx_query_mix and
# prints its JSON on stdout. searchd is stopped on exit; only DIR is written.
set -euo pipefail
# shellcheck disable=SC2034  # used by common.sh
peer_name=sphinx
# shellcheck source=bench/peers/common.sh
source "$(dirname "$0")/common.sh"
parse_args 9316 "$@"

ensure_packages sphinxsearch time python3
driver_packages=(libmariadb-dev)
mix=$(driver sphinx_query_mix)

data=$work/data
index=$work/index
conf=$work/sphinx.conf
rm -rf "$data" "$index" "$work/searchd.log" "$work/searchd.pid"
mkdir -p "$data" "$index"

say "converting $docs to xmlpipe2 (untimed)"
documents=$(python3 "$peers_dir/convert.py" sphinx "$docs" "$data")
max_distinct=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["max_distinct"])' "$data/stats.json")
bodies_bytes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bodies_bytes"])' "$data/stats.json")
# Facet counts are exact only while every facet's groups fit in max_matches; total_found is
# exact whatever max_matches is. One more than the largest number of distinct facet values
# (at least Sphinx's default of 1000) covers every group.
max_matches=$((max_distinct + 1 > 1000 ? max_distinct + 1 : 1000))

# PostgreSQL's Dutch stop words (the same list to_tsvector('dutch', ...) drops), applied to
# the words before stemming as PostgreSQL does, so that both peers match the same words.
stopwords=
for f in /usr/share/postgresql/*/tsearch_data/dutch.stop; do
  [[ -r $f ]] && { cp "$f" "$work/dutch.stop"; stopwords="stopwords = $work/dutch.stop"; }
done

cat > "$conf" <<EOF
source deals_src
{
  type = xmlpipe2
  xmlpipe_command = cat $data/docs.xml
  xmlpipe_field = title
  xmlpipe_field = body
  xmlpipe_attr_string = slug
  xmlpipe_attr_uint = status
  xmlpipe_attr_uint = year
  xmlpipe_attr_multi = ministries
  xmlpipe_attr_multi = partners
  xmlpipe_attr_multi = themes
  xmlpipe_fixup_utf8 = 1
}

index deals
{
  source = deals_src
  path = $index/deals
  docinfo = extern
  dict = keywords
  morphology = libstemmer_nl
  index_exact_words = 1
  min_prefix_len = 3
  min_word_len = 1
  html_strip = 0
  $stopwords
  stopwords_unstemmed = 1
  charset_table = $(python3 "$peers_dir/convert.py" charset)
}

indexer
{
  mem_limit = 1024M
}

searchd
{
  listen = 127.0.0.1:$port:mysql41
  log = $work/searchd.log
  pid_file = $work/searchd.pid
  binlog_path =
  workers = threads
  snippets_file_prefix = $data/bodies/
  max_packet_size = 128M
}
EOF

say "indexing $documents documents"
start=$(now)
/usr/bin/time -f '%M' -o "$work/indexer.rss" indexer --config "$conf" --all --quiet >&2 ||
  die "indexer failed"
build_seconds=$(echo "$(now) - $start" | bc -l)
index_bytes=$(cat "$index"/deals.* | wc -c)
indexer_rss=$(tail -1 "$work/indexer.rss")
version=$(indexer 2>&1 | sed -n 's/^Sphinx \([^ ]*\).*/\1/p' | head -1 || true)

stop_searchd() {
  if [[ -s $work/searchd.pid ]]; then
    searchd --config "$conf" --stopwait >/dev/null 2>&1 || kill "$(cat "$work/searchd.pid")" 2>/dev/null || true
  fi
}
trap stop_searchd EXIT
say "starting searchd on 127.0.0.1:$port"
searchd --config "$conf" >"$work/searchd.out" 2>&1 ||
  { cat "$work/searchd.out" >&2; die "searchd did not start; see $work/searchd.log"; }
for _ in $(seq 100); do
  grep -q "accepting connections" "$work/searchd.log" 2>/dev/null && break
  sleep 0.1
done
grep -q "accepting connections" "$work/searchd.log" || die "searchd is not accepting connections"
searchd_pid=$(cat "$work/searchd.pid")

cat > "$work/build.json" <<EOF
{"version": "${version:-2.2}", "documents": $documents, "build_seconds": $build_seconds,
 "index_bytes": $index_bytes, "peak_rss_kb": $indexer_rss, "docstore_bytes": $bodies_bytes,
 "max_matches": $max_matches}
EOF
"$mix" --port "$port" --values "$data/values.json" --max-matches "$max_matches" \
  --pid "$searchd_pid" --queries "$queries" --repeat "$repeat" "${dump_args[@]}" --extra "$work/build.json"
