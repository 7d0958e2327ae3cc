#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (and for trying the PostgreSQL backend by hand), in a temporary
# folder, listening on 127.0.0.1 on a free port, trusting local connections. Nothing is installed or changed
# outside that folder.
#
#   eval "$(scripts/pg-cluster.sh start)"   # exports DBI_TEST_PG=postgres://dbi@127.0.0.1:<port>/dbi and DBI_PG_CLUSTER
#   scripts/pg-cluster.sh stop "$DBI_PG_CLUSTER"
#
# Needs PostgreSQL's server programs (Debian: apt-get install postgresql; found under /usr/lib/postgresql/*/bin or
# on PATH). PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` system user.
set -euo pipefail

bin_dir() {
  local d=""
  # initdb on PATH is often a symlink (Debian's wrappers): the folder that holds the real one has them all.
  if command -v initdb >/dev/null 2>&1; then d=$(dirname "$(readlink -f "$(command -v initdb)")"); fi
  if [ -z "$d" ] || [ ! -x "$d/createdb" ]; then d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true); fi
  if [ -z "$d" ]; then
    echo "PostgreSQL's server programs were not found (Debian: apt-get install -y postgresql)" >&2
    exit 1
  fi
  echo "$d"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    BIN=$(bin_dir)
    DIR=$(mktemp -d "${TMPDIR:-/tmp}/dbi-pg.XXXXXX")
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
      chown postgres "$DIR"
    fi
    PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    as_owner "$BIN/initdb" -D "$DIR/data" -U dbi -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 ||
      { cat "$DIR/initdb.log" >&2; exit 1; }
    # Throwaway data: durability is not what these tests measure, so fsync is off (faster on a shared machine).
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U dbi dbi
    echo "export DBI_TEST_PG=postgres://dbi@127.0.0.1:$PORT/dbi"
    echo "export DBI_PG_CLUSTER=$DIR"
    ;;
  stop)
    DIR=${2:-${DBI_PG_CLUSTER:-}}
    if [ -z "$DIR" ] || [ ! -d "$DIR/data" ]; then
      echo "usage: $0 stop <folder printed by start>" >&2
      exit 1
    fi
    as_owner "$(bin_dir)/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start | stop <folder>" >&2
    exit 2
    ;;
esac
