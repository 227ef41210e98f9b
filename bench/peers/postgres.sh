#!/usr/bin/env bash
# The PostgreSQL peer of bench/run.sh (PostgreSQL 15 full-text search, Dutch configuration):
#
#   bench/peers/postgres.sh --docs DOCS.jsonl --queries QUERIES.jsonl --work DIR
#                           [--port 54329] [--repeat 3]
#
# Creates a throwaway cluster in DIR/pgdata (as the user postgres when run as root), started
# on 127.0.0.1:PORT (TCP only: a Unix socket's path may not be longer than 107 bytes, which a
# deep checkout's DIR is), its log in DIR/run; converts the documents to COPY format
# (untimed); then, timed as build_seconds, COPYs them into deals (tsv is a generated column:
# title weight A, body weight B, to_tsvector('dutch', ...)), builds the GIN indexes and
# ANALYZEs. index_bytes = pg_total_relation_size('deals'). Runs the query mix with
# pg_query_mix and prints its JSON on stdout. The cluster is stopped on exit; only DIR is
# written.
set -euo pipefail
# shellcheck disable=SC2034  # used by common.sh
peer_name=postgresql
# shellcheck source=bench/peers/common.sh
source "$(dirname "$0")/common.sh"
parse_args 54329 "$@"

ensure_packages postgresql-15 python3
driver_packages=(libpq-dev)
mix=$(driver pg_query_mix)

pgbin=/usr/lib/postgresql/15/bin
[[ -x $pgbin/initdb ]] || die "PostgreSQL 15 is not installed in $pgbin"
pgdata=$work/pgdata
run=$work/run  # the server's log, written as the user postgres

as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root needs the user postgres (postgresql-common)"
  as_owner=(runuser -u postgres --)
fi
pg_ctl() { "${as_owner[@]}" "$pgbin/pg_ctl" -D "$pgdata" "$@"; }

# A cluster left running by an earlier, interrupted run of this script in the same DIR.
if [[ -f $pgdata/postmaster.pid ]]; then
  pg_ctl -m immediate stop >/dev/null 2>&1 || true
fi
rm -rf "$pgdata" "$run" "$work/deals.copy"
mkdir -p "$pgdata" "$run"
if ((${#as_owner[@]})); then
  chown postgres: "$pgdata" "$run"
  "${as_owner[@]}" test -w "$pgdata" ||
    die "the user postgres cannot reach $pgdata (a parent directory is not searchable)"
fi

say "initdb in $pgdata"
"${as_owner[@]}" "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; die "initdb failed"; }

# A throwaway cluster: no durability (fsync off, no WAL for the table created and loaded in
# one transaction), memory for the GIN build and the facet aggregates, no JIT (it only adds
# compile time to these short queries), no autovacuum (the build ANALYZEs).
cat >> "$pgdata/postgresql.conf" <<EOF

# bench/peers/postgres.sh
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
shared_buffers = 2GB
work_mem = 64MB
maintenance_work_mem = 1GB
effective_cache_size = 8GB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 8GB
checkpoint_timeout = 1h
jit = off
autovacuum = off
default_text_search_config = 'pg_catalog.dutch'
EOF

stop_cluster() {
  if [[ -f $pgdata/postmaster.pid ]]; then
    pg_ctl -m fast -w stop >/dev/null 2>&1 || true
  fi
}
trap stop_cluster EXIT
say "starting PostgreSQL on 127.0.0.1:$port"
pg_ctl -w -t 60 -l "$run/postgres.log" start >/dev/null ||
  { tail -20 "$run/postgres.log" >&2; die "PostgreSQL did not start"; }

psql_() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"; }
version=$(psql_ -At -c "SHOW server_version" | awk '{print $1}')

say "converting $docs to COPY format (untimed)"
documents=$(python3 "$peers_dir/convert.py" postgres "$docs" "$work/deals.copy")

say "loading $documents documents, building the indexes"
start=$(now)
build_rss=$(psql_ -At <<EOF
BEGIN;
CREATE TABLE deals (
  id text PRIMARY KEY,
  title text,
  body text,
  status text,
  year text,
  ministries text[],
  partners text[],
  themes text[],
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('dutch'::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector('dutch'::regconfig, coalesce(body, '')), 'B')) STORED
);
\copy deals (id, title, body, status, year, ministries, partners, themes) from '$work/deals.copy'
CREATE INDEX deals_tsv ON deals USING gin (tsv);
CREATE INDEX deals_ministries ON deals USING gin (ministries);
CREATE INDEX deals_partners ON deals USING gin (partners);
CREATE INDEX deals_themes ON deals USING gin (themes);
COMMIT;
ANALYZE deals;
SELECT coalesce((regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'),
                              'VmHWM:\s+(\d+)'))[1], 'null');
EOF
) || die "loading failed; see $run/postgres.log"
build_seconds=$(echo "$(now) - $start" | bc -l)
index_bytes=$(psql_ -At -c "SELECT pg_total_relation_size('deals')")
loaded=$(psql_ -At -c "SELECT count(*) FROM deals")
[[ $loaded == "$documents" ]] || die "loaded $loaded of $documents documents"

cat > "$work/build.json" <<EOF
{"version": "$version", "documents": $documents, "build_seconds": $build_seconds,
 "index_bytes": $index_bytes, "peak_rss_kb": ${build_rss:-null}}
EOF
"$mix" --conninfo "host=127.0.0.1 port=$port user=postgres dbname=postgres" \
  --prefix-config "${PEERS_PG_PREFIX_CONFIG:-simple}" --queries "$queries" --repeat "$repeat" "${dump_args[@]}" \
  --extra "$work/build.json"
