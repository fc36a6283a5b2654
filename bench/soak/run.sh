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

# shellcheck source=bench/lib/seeded_server.sh
source "$here/../lib/seeded_server.sh"
start_seeded_qgp "$admin" "$binary" qgp_soak qgp_soak_app soak@example.test "$out/serve.log"
pid=$QGP_PID base=$QGP_BASE owner_url=$QGP_OWNER_URL verify_keys=$QGP_VERIFY_KEYS
trap 'kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
export SOAK_PASSWORD=$QGP_PASSWORD  # sign_in.lua signs in as soak@example.test
export MAX_ID=10000 RUNS=100

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
