#!/usr/bin/env bash
# The soak: qgp serving a mixed load for SOAK_MINUTES (default 30) — reads, lists, filtered lists,
# creates with their audit rows (mixed.lua) and correct sign-ins beside them (sign_in.lua) — in
# one-minute windows, recording after each window the server's RSS, requests, errors and latency.
# It reports whether RSS stays flat, errors stay at zero and p99 stays stable; it never fails on
# a figure (benchmarks report numbers).
#
#   bench/soak/run.sh ADMIN_URL [QGP_BINARY]
#
# ADMIN_URL: a superuser URL ending in /postgres (e.g. QGP_PG_EPHEMERAL=1 scripts/pg.sh start DIR
# PORT). QGP_BINARY: default build/release/bin/qgp. Env: SOAK_MINUTES (30), SOAK_CONNS (8 mixed
# connections), SOAK_DELAY_MS (5: pause between a connection's requests, so the load is paced, not
# saturating), SOAK_SIGN_IN_DELAY_MS (250, one sign-in connection), OUT (/tmp/qgp-soak-<time>).
# The server runs with the contract sampled as in production (RESPONSE_CONTRACT_SAMPLE=100).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
admin=${1:?usage: run.sh ADMIN_URL [QGP_BINARY]}
binary=$(realpath "${2:-$here/../../build/release/bin/qgp}")
minutes=${SOAK_MINUTES:-30}
conns=${SOAK_CONNS:-8}
out=${OUT:-/tmp/qgp-soak-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
command -v wrk >/dev/null || { echo "soak: wrk is missing (apt-get install wrk)" >&2; exit 2; }

db=qgp_soak
role=qgp_soak_app
owner_url="${admin%/*}/$db"
app_url="postgresql://$role@${admin#postgresql://postgres@}"
app_url="${app_url%/*}/$db"
psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
export APP_ENV=development QGP_ENV_FILE=/nonexistent LOG_LEVEL=warn RESPONSE_CONTRACT_SAMPLE=100
DATABASE_URL=$owner_url "$binary" db upgrade head >/dev/null
psql -X -q "$admin" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role')
  THEN CREATE ROLE $role LOGIN IN ROLE qgp_app; END IF; END \$\$"
psql -X -q "$owner_url" -v runs=100 -v findings=10000 -f "$here/../peers/seed.sql" >/dev/null

export DATABASE_URL=$app_url
SOAK_PASSWORD="soak passphrase $(date +%s%N)"
export SOAK_PASSWORD
"$binary" user create --superuser --email soak@example.test --password-env SOAK_PASSWORD >/dev/null
keys=$("$binary" audit keygen)
AUDIT_SIGNING_KEY=$(sed -n 's/^AUDIT_SIGNING_KEY=//p' <<<"$keys")
verify_keys=$(sed -n 's/^AUDIT_VERIFY_KEYS=//p' <<<"$keys")
SECRET_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export AUDIT_SIGNING_KEY SECRET_KEY ACCESS_TOKEN_TTL_SECONDS=7200
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
HTTP_HOST=127.0.0.1 HTTP_PORT=$port "$binary" serve >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 150); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" && break
  kill -0 "$pid" 2>/dev/null || { cat "$out/serve.log" >&2; exit 1; }
  sleep 0.2
done
base=http://127.0.0.1:$port
BEARER_TOKEN=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"email\": \"soak@example.test\", \"password\": \"$SOAK_PASSWORD\"}" "$base/api/v1/auth/login" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
export BEARER_TOKEN MAX_ID=10000 RUNS=100

rss() { awk '/^VmRSS/{print $2}' "/proc/$pid/status"; }
field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" "$1"; }
tsv=$out/soak.tsv
printf 'minute\tload\trss_kb\trequests\trps\tp50_ms\tp99_ms\tmax_ms\tnon2xx\tsocket_errors\tsign_ins\tsign_in_p99_ms\tsign_in_errors\n' >"$tsv"
echo "soak: $minutes minute(s), $conns paced connections + 1 sign-in connection, server RSS $(rss) kB at start" >&2
for minute in $(seq "$minutes"); do
  wrk -t1 -c1 -d60s --timeout 10s --latency -s "$here/sign_in.lua" "$base" >"$out/sign_in-$minute.txt" 2>&1 &
  sign_in=$!
  wrk -t2 -c"$conns" -d60s --timeout 10s --latency -s "$here/mixed.lua" "$base" >"$out/mixed-$minute.txt" 2>&1
  wait "$sign_in"
  m=$out/mixed-$minute.txt s=$out/sign_in-$minute.txt
  errors() { echo $(($(field "$1" err_connect) + $(field "$1" err_read) + $(field "$1" err_write) + $(field "$1" err_timeout))); }
  row=$(awk -v minute="$minute" -v load="$(cut -d' ' -f1 /proc/loadavg)" -v rss="$(rss)" \
    -v req="$(field "$m" requests)" -v dus="$(field "$m" duration_us)" -v p50="$(field "$m" lat_p50_us)" \
    -v p99="$(field "$m" lat_p99_us)" -v mx="$(field "$m" lat_max_us)" -v n2="$(field "$m" non2xx)" \
    -v se="$(errors "$m")" -v sreq="$(field "$s" requests)" -v sp99="$(field "$s" lat_p99_us)" \
    -v serr="$(($(field "$s" non2xx) + $(errors "$s")))" 'BEGIN{
      printf "%d\t%s\t%d\t%d\t%.0f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%.1f\t%d\n", minute, load, rss, req,
        req / (dus / 1e6), p50 / 1000, p99 / 1000, mx / 1000, n2, se, sreq, sp99 / 1000, serr }')
  echo "$row" >>"$tsv"
  echo "$row" >&2
done
kill -TERM "$pid"
wait "$pid" || true
trap - EXIT
{
  echo "audit rows: $(psql -X -Atq "$owner_url" -c 'SELECT count(*) FROM audit_log')"
  AUDIT_SIGNING_KEY='' AUDIT_VERIFY_KEYS=$verify_keys DATABASE_URL=$owner_url "$binary" audit verify 2>&1
} >"$out/after.txt" || true
python3 - "$tsv" "$out/after.txt" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
f = lambda k: [float(r[k]) for r in rows]
rss, p99 = f("rss_kb"), f("p99_ms")
half = max(1, len(rows) // 2)
second = lambda values: values[half:] or values
print(f"## Soak: {len(rows)} minute(s)")
print(f"- requests: {int(sum(f('requests')))} mixed ({statistics.median(f('rps')):.0f} req/s median), "
      f"{int(sum(f('sign_ins')))} sign-ins")
print(f"- errors: {int(sum(f('non2xx')))} non-2xx, {int(sum(f('socket_errors')))} socket errors, "
      f"{int(sum(f('sign_in_errors')))} sign-in errors")
print(f"- RSS kB: first minute {rss[0]:.0f}, last {rss[-1]:.0f}, max {max(rss):.0f}; "
      f"median of the first half {statistics.median(rss[:half]):.0f}, of the second {statistics.median(second(rss)):.0f}")
print(f"- p99 ms per minute: min {min(p99):.2f}, median {statistics.median(p99):.2f}, max {max(p99):.2f}; "
      f"median of the first half {statistics.median(p99[:half]):.2f}, of the second {statistics.median(second(p99)):.2f}")
print(f"- load average per minute: {min(f('load')):.2f}-{max(f('load')):.2f}")
print("- after: " + " | ".join(l.strip() for l in open(sys.argv[2]) if l.strip())[:400])
PY
echo "soak: rows in $tsv" >&2
