#!/usr/bin/env bash
# The write path's shared statements before and after issue 15 (docs/adr/0012), under pgbench on
# one ephemeral PostgreSQL: old.sql (counter row + chain lock + tail read + chained insert, as
# every create ran them) on a database at the revision before, new.sql (sequence draw + plain
# insert) at head; then `qgp audit seal` over everything new.sql wrote. Reports TPS and latency;
# never passes or fails. Usage: bench/write_path/run.sh [QGP_BINARY] (default build/debug/bin/qgp).
#   CLIENTS (32) DURATION (10) REPEAT (3)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
qgp=${1:-$root/build/debug/bin/qgp}
clients=${CLIENTS:-32} duration=${DURATION:-10} repeat=${REPEAT:-3}
pgdir=$(mktemp -d /tmp/qgp-write-path.XXXXXX)
trap 'bash "$root/scripts/pg.sh" destroy "$pgdir"' EXIT
admin=$(QGP_PG_EPHEMERAL=1 bash "$root/scripts/pg.sh" start "$pgdir" $((56000 + RANDOM % 4000)))
base=${admin%/postgres}
for db in before after; do psql -q "$admin" -c "CREATE DATABASE $db" >/dev/null; done
APP_ENV=testing DATABASE_URL="$base/before" "$qgp" db upgrade 912cabe96258 >/dev/null
APP_ENV=testing DATABASE_URL="$base/after" "$qgp" db upgrade head >/dev/null
# The old chain needs a tail to read.
psql -q "$base/before" -c "INSERT INTO audit_log (action, entity_type, hash)
  VALUES ('create', 'seed', encode(sha256('seed'), 'hex'))" >/dev/null
echo "machine: $(nproc) cores; pgbench -c$clients -j2 -T$duration -M prepared, $repeat repetitions"
for i in $(seq "$repeat"); do
  for side in before:old after:new; do
    db=${side%%:*} script=${side##*:}
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    line=$(pgbench -n -c "$clients" -j 2 -T "$duration" -M prepared -f "$here/$script.sql" \
             "$base/$db" 2>&1 | awk '/^latency average/ {lat=$4} /^tps/ {tps=$3} END {print tps, lat}')
    echo "rep $i $script: tps $(cut -d' ' -f1 <<<"$line") latency_avg_ms $(cut -d' ' -f2 <<<"$line") (load before: $load)"
  done
done
rows=$(psql -qAt "$base/after" -c "SELECT count(*) FROM audit_log")
start=$(date +%s.%N)
APP_ENV=testing DATABASE_URL="$base/after" "$qgp" audit seal >/dev/null 2>&1
end=$(date +%s.%N)
echo "qgp audit seal: $rows rows in $(echo "$end - $start" | bc) s"
APP_ENV=testing DATABASE_URL="$base/after" "$qgp" audit verify | tail -3
