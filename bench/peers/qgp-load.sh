#!/usr/bin/env bash
# qgp's side of bench/peers/run.sh (run by it; reads PEERS_DIR, PG_URL, OUT, BINARY): a database
# of its own on the peers' cluster, migrated, seeded (seed.sql), served by the release binary as a
# login role in qgp_app (ADR-0008) with the audit sealer signing checkpoints, loaded by wrk with
# the reference's settings and noise accounting; then pgbench of qgp's own statements (sql/) on the
# same database. Writes $OUT/qgp.tsv (the columns of the peers' fastapi.tsv plus the load average
# before and after each repetition), $OUT/qgp-sql.tsv (the columns of pgbench.tsv) and
# $OUT/qgp-after.txt.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${PEERS_DIR:?}" "${PG_URL:?}" "${OUT:?}" "${BINARY:?}"
# The harness's helpers: wait_quiet, cpu_snap, cpu_diff (noise accounting), psql_q.
# shellcheck source=/dev/null
source "$PEERS_DIR/lib/common.sh"

runs=${RUNS:-100}
findings=${FINDINGS:-10000}
db=qgp_peers
role=qgp_peers_app
T=$WRK_THREADS C=$WRK_CONNS D=$WRK_DURATION WARM=$WRK_WARMUP REPEAT=$WRK_REPEAT TO=$WRK_TIMEOUT
tsv=$OUT/qgp.tsv
rawd=$OUT/raw/qgp
mkdir -p "$rawd"

log "[qgp] seeding $findings findings over $runs runs"
# shellcheck source=bench/lib/seeded_server.sh
source "$here/../lib/seeded_server.sh"
srvlog=$OUT/raw/qgp-serve.log
admin_email=bench@example.test
start_seeded_qgp "$PG_URL" "$BINARY" "$db" "$role" "$admin_email" "$srvlog" "$runs" "$findings"
qgp_pid=$QGP_PID base=$QGP_BASE db_owner_url=$QGP_OWNER_URL AUDIT_VERIFY_KEYS=$QGP_VERIFY_KEYS
trap 'kill -TERM "$qgp_pid" 2>/dev/null || true; wait "$qgp_pid" 2>/dev/null || true' EXIT
export MAX_ID=$findings RUNS=$runs
for target in /api/v1/audits/findings/1 "/api/v1/audits/findings?page=1"; do
  curl -fsS -o /dev/null -H "Authorization: Bearer $BEARER_TOKEN" "$base$target" ||
    { echo "qgp: GET $target is not 200" >&2; cat "$srvlog" >&2; exit 1; }
done

if [ ! -s "$tsv" ]; then
  printf 'timestamp\timpl\tworkers\tendpoint\trep\twrk_threads\tconns\tduration_s\trequests\trps\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tmean_ms\tnon2xx\tsock_errors\tbusy_pct\tforeign_pct\tbusy_before_pct\tloadavg_before\tloadavg_after\n' >"$tsv"
fi
# quietest KEEP LABEL COMMAND ARGS...: runs `COMMAND ARGS... KEEP.try` (which writes its output to
# KEEP.try, a file or a directory), measuring again up to NOISE_RETRIES times while other processes
# took more than FOREIGN_MAX % of the CPU, and keeps the quietest attempt at KEEP. Sets busy,
# foreign, before (the machine's busy % before it) and l0 / l1 (the load average around it).
quietest() {
  local keep=$1 label=$2 best=999 _attempt pre load0 load1 s0 s1 b f
  shift 2
  for _attempt in $(seq 1 $((1 + NOISE_RETRIES))); do
    rm -rf "$keep.try"
    pre=$(wait_quiet)
    load0=$(loadavg)
    s0=$(cpu_snap "$qgp_pid")
    "$@" "$keep.try"
    s1=$(cpu_snap "$qgp_pid")
    load1=$(loadavg)
    read -r b f < <(cpu_diff "$s0" "$s1")
    if ((f < best)); then
      best=$f busy=$b foreign=$f before=$pre l0=$load0 l1=$load1
      rm -rf "$keep" && mv "$keep.try" "$keep"
    fi
    rm -rf "$keep.try"
    ((f <= ${FOREIGN_MAX:-10})) && break
    log "  $label: foreign CPU ${f}% > ${FOREIGN_MAX:-10}%: noisy, measuring again"
  done
}
# wrk_into SCRIPT OUT: one measured wrk run of a lua script, its report in the file OUT.
wrk_into() { wrk -t"$T" -c"$C" -d"$D" --timeout "$TO" --latency -s "$1" "$base" >"$2" 2>&1; }
# pgbench_into SCRIPT DIR: one pgbench run of qgp's statements (sql/), its report and per-transaction
# logs in the directory DIR.
pgbench_into() {
  mkdir -p "$2"
  (cd "$2" && "$PGBIN/pgbench" -n -M prepared -c "$C" -j "$T" -T "${D%s}" -l --log-prefix=txlog \
    -D uid="$uid" -D family="$family" -D runs="$runs" -D max_id="$findings" -f "$1" "$db_owner_url") \
    >"$2/pgbench.out" 2>&1 || { cat "$2/pgbench.out" >&2; exit 1; }
}

rows_before=$(psql_q "$db_owner_url" -Atc "SELECT count(*) FROM audit_findings")
for ep in ${QGP_ENDPOINTS:-get_by_id list list_filtered post_create}; do
  script=$here/wrk/$ep.lua
  [ "$WARM" != 0 ] && wrk -t"$T" -c"$C" -d"$WARM" --timeout "$TO" -s "$script" "$base" >/dev/null 2>&1
  for rep in $(seq 1 "$REPEAT"); do
    raw=$rawd/$ep-r$rep.txt
    quietest "$raw" "qgp $ep rep $rep" wrk_into "$script"
    line=$(grep '^WRKRESULT' "$raw") || { cat "$raw" >&2; exit 1; }
    declare -A r=()
    for kv in ${line#WRKRESULT }; do r[${kv%%=*}]=${kv#*=}; done
    sockerr=$((r[err_connect] + r[err_read] + r[err_write] + r[err_timeout]))
    row=$(awk -v ts="$(date -u +%FT%TZ)" -v ep="$ep" -v rep="$rep" -v t="$T" -v c="$C" \
      -v req="${r[requests]}" -v dus="${r[duration_us]}" -v p50="${r[lat_p50_us]}" \
      -v p90="${r[lat_p90_us]}" -v p99="${r[lat_p99_us]}" -v mx="${r[lat_max_us]}" \
      -v mean="${r[lat_mean_us]}" -v n2="${r[non2xx]}" -v se="$sockerr" -v busy="$busy" \
      -v foreign="$foreign" -v pre="$before" -v l0="$l0" -v l1="$l1" 'BEGIN{
        printf "%s\tqgp\t1\t%s\t%s\t%s\t%s\t%.2f\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n",
          ts, ep, rep, t, c, dus/1e6, req, req/(dus/1e6), p50/1000, p90/1000, p99/1000,
          mx/1000, mean/1000, n2, se, busy, foreign, pre, l0, l1 }')
    echo "$row" >>"$tsv"
    echo "$row" >&2
  done
done

created_by_http=$(($(psql_q "$db_owner_url" -Atc "SELECT count(*) FROM audit_findings") - rows_before))

# qgp's own SQL without HTTP: pgbench runs the statements a GET and a create send (sql/), with
# wrk's clients, threads and duration, on this database, while the server's sealer links the
# audit rows the creates write: the ceiling of what qgp sends, beside the reference's ceiling of
# its SQL. QGP_SQL_SCRIPTS="" skips it.
sql_tsv=$OUT/qgp-sql.tsv
sql_scripts=${QGP_SQL_SCRIPTS-qgp_get qgp_create}
if [ -n "$sql_scripts" ]; then
  # The principal pgbench looks up: the admin and its live session (the bearer token's family).
  uid=$(psql_q "$db_owner_url" -Atc "SELECT id FROM users WHERE email = '$admin_email'")
  family=$(psql_q "$db_owner_url" -Atc "SELECT family_id FROM refresh_tokens WHERE user_id = $uid
    AND revoked_at IS NULL AND expires_at > now() ORDER BY issued_at DESC LIMIT 1")
  [ -n "$family" ] || { echo "qgp: no live session for pgbench's principal lookup" >&2; exit 1; }
  printf 'timestamp\tscript\trep\tclients\tthreads\tprotocol\tduration_s\ttransactions\ttps\tlat_avg_ms\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tfailed\tbusy_pct\tforeign_pct\tbusy_before_pct\n' >"$sql_tsv"
  for s in $sql_scripts; do
    for rep in $(seq 1 "$REPEAT"); do
      logdir=$rawd/$s-r$rep
      quietest "$logdir" "qgp SQL $s rep $rep" pgbench_into "$here/sql/$s.sql"
      o=$logdir/pgbench.out
      tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time).*/\1/p' "$o")
      ntx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$o")
      lavg=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$o")
      failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$o")
      read -r p50 p90 p99 pmax _n < <("$PY" "$PEERS_DIR/lib/pgbench_lat.py" "$logdir"/txlog.*)
      rm -f "$logdir"/txlog.*
      row=$(printf '%s\t%s\t%s\t%s\t%s\tprepared\t%s\t%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' \
        "$(date -u +%FT%TZ)" "$s" "$rep" "$C" "$T" "${D%s}" "$ntx" "$tps" "$lavg" "$p50" "$p90" \
        "$p99" "$pmax" "${failed:-0}" "$busy" "$foreign" "$before")
      echo "$row" >>"$sql_tsv"
      echo "$row" >&2
    done
  done
fi

# After the load: what the creates left, the server's peak memory, and the audit trail sealed by
# the background sealer (a graceful stop seals the rest) and verified with the public key only.
rss=$(awk '/VmHWM/{print $2 " " $3}' "/proc/$qgp_pid/status")
kill -TERM "$qgp_pid"
wait "$qgp_pid" || true
trap - EXIT
{
  echo "qgp_peak_rss: $rss"
  echo "findings_created: $created_by_http over HTTP, $(($(psql_q "$db_owner_url" -Atc "SELECT count(*) FROM audit_findings") - rows_before - created_by_http)) by pgbench (qgp_create.sql)"
  echo "highest_reference: $(psql_q "$db_owner_url" -Atc "SELECT reference_number FROM audit_findings ORDER BY id DESC LIMIT 1")"
  echo "audit_rows: $(psql_q "$db_owner_url" -Atc "SELECT count(*) FROM audit_log")"
  echo "audit_verify:"
  AUDIT_SIGNING_KEY='' AUDIT_VERIFY_KEYS=$AUDIT_VERIFY_KEYS "$BINARY" audit verify 2>&1 | sed 's/^/  /'
} >"$OUT/qgp-after.txt"
cat "$OUT/qgp-after.txt" >&2
psql_q "$PG_URL" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
