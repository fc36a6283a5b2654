#!/usr/bin/env bash
# A private PostgreSQL cluster owned by the project (never the system cluster).
#   scripts/pg.sh start DIR [PORT]   initdb if DIR/data is missing, start, print the connection URL
#   scripts/pg.sh stop DIR           fast shutdown, data kept
#   scripts/pg.sh destroy DIR        immediate shutdown and rm -rf DIR (ephemeral clusters)
#   scripts/pg.sh url DIR [PORT]     print the connection URL
# initdb and postgres refuse to run as root, so as root they run as the `postgres` user.
# The socket lives in DIR; TCP listens on 127.0.0.1:PORT only.
set -euo pipefail

cmd=${1:?usage: pg.sh start|stop|destroy|url DIR [PORT]}
dir=${2:?usage: pg.sh start|stop|destroy|url DIR [PORT]}
port=${3:-${QGP_PG_PORT:-55433}}

pgbin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1)
[ -n "$pgbin" ] || { echo "pg.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgresql://postgres@127.0.0.1:${port}/postgres"; }

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    chmod 700 "$dir"
    if [ ! -s "$dir/data/PG_VERSION" ]; then
      as_pg "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_pg "$pgbin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200"
      if [ "${QGP_PG_EPHEMERAL:-0}" = 1 ]; then
        opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
      fi
      as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null \
        || { echo "pg.sh: PostgreSQL failed to start; its log:" >&2; tail -20 "$dir/server.log" >&2; exit 1; }
    fi
    url
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_pg "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    ;;
  destroy)
    if [ -d "$dir/data" ]; then as_pg "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  url)
    url
    ;;
  *)
    echo "pg.sh: unknown command $cmd" >&2; exit 2 ;;
esac
