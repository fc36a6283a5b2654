#!/usr/bin/env bash
# The peer comparison of issue 15 in one command: the FastAPI + SQLAlchemy reference (1 and 2
# workers) and the pgbench ceiling of its SQL, both from the peers' harness, then qgp (release
# build) under the same wrk settings, on the same PostgreSQL cluster, in the same run; then one
# summary with min and median of every repetition and the machine's noise beside each figure.
#
#   bench/peers/run.sh [--peers DIR] [--out DIR] [--install] [QGP_BINARY]
#
# The peers' harness lives outside this repository: name it with --peers or QGP_PEERS_DIR (its
# README explains it; this script runs its fastapi-ref/run.sh and pgbench-limit.sh unchanged and
# uses its cluster, pg-local.sh). QGP_BINARY defaults to build/release/bin/qgp
# (`cmake --preset release && cmake --build --preset release --target qgp`). --install apt-gets
# the Debian packages the reference needs (root).
#
# qgp's side, findings (its nearest shape to the reference's incidents; FINDINGS rows, default
# 10000, over RUNS runs, default 100), every request authenticated with a bearer token:
#   get_by_id      GET  /api/v1/audits/findings/{random id}
#   list           GET  /api/v1/audits/findings?page=1&page_size=20        (page + total)
#   list_filtered  GET  /api/v1/audits/findings?status=open&grade=...&sort=due_date
#   post_create    POST /api/v1/audits/findings  (reference number, insert, audit_log row; 201)
# and pgbench of the statements qgp sends for a GET and a create (sql/; QGP_SQL_SCRIPTS="" skips).
#
# Env: STEPS ("fastapi pgbench qgp"), WRK_THREADS (2) WRK_CONNS (32) WRK_DURATION (10s)
# WRK_WARMUP (3s) WRK_REPEAT (3; the reference's 2-worker runs take WRK_REPEAT_MULTI, 5),
# PGBENCH_REPEAT (3), QUIET_MAX_WAIT (30: seconds the harness waits for a quieter machine before
# each measurement), NOISE_RETRIES (1). Other processes share these cores: every row records the
# load average before and after it and the share of the machine's CPU other processes took
# (foreign_pct); compare ratios within one run, not absolute numbers across runs.
# Reports numbers; it never passes or fails on them.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
peers=${QGP_PEERS_DIR:-}
out=""
install=0
binary=${QGP_BINARY:-$root/build/release/bin/qgp}
while [ $# -gt 0 ]; do
  case "$1" in
    --peers) peers=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --install) install=1; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) binary=$1; shift ;;
  esac
done
[ -n "$peers" ] || { echo "bench/peers: name the peers' harness with --peers DIR or QGP_PEERS_DIR" >&2; exit 2; }
peers=$(cd "$peers" && pwd)
for need in fastapi-ref/run.sh pgbench-limit.sh pg-local.sh lib/common.sh lib/cpuacct.py \
            lib/machine-facts.sh; do
  [ -e "$peers/$need" ] || { echo "bench/peers: $peers has no $need: not the peers' harness" >&2; exit 2; }
done
[ -x "$binary" ] || { echo "bench/peers: $binary is not an executable qgp binary (build the release preset)" >&2; exit 2; }
out=${out:-/tmp/qgp-peers-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out/raw"
out=$(cd "$out" && pwd)

if [ "$install" = 1 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-contrib \
    python3-sqlalchemy python3-sqlalchemy-ext python3-psycopg2 python3-fastapi python3-uvicorn \
    uvicorn python3-pydantic python3-uvloop python3-httptools wrk hyperfine curl >/dev/null
fi
for tool in wrk curl psql /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "bench/peers: $tool is not installed (--install)" >&2; exit 2; }
done

# The harness's knobs: the same wrk settings on every side; bounded waits for a quiet machine.
export PEERS_RESULTS=$out
export WRK_THREADS=${WRK_THREADS:-2} WRK_CONNS=${WRK_CONNS:-32} WRK_DURATION=${WRK_DURATION:-10s}
export WRK_WARMUP=${WRK_WARMUP:-3s} WRK_REPEAT=${WRK_REPEAT:-3} WRK_TIMEOUT=${WRK_TIMEOUT:-5s}
export PGBENCH_REPEAT=${PGBENCH_REPEAT:-3} QUIET_MAX_WAIT=${QUIET_MAX_WAIT:-30}
export NOISE_RETRIES=${NOISE_RETRIES:-1}
steps=${STEPS:-fastapi pgbench qgp}
has() { [[ " $steps " == *" $1 "* ]]; }
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

started_pg=0
"$peers/pg-local.sh" status || started_pg=1
pg_url=$("$peers/pg-local.sh" start)
cleanup() {
  [ -n "${qgp_pid:-}" ] && { kill -TERM "$qgp_pid" 2>/dev/null || true; wait "$qgp_pid" 2>/dev/null || true; }
  if [ "$started_pg" = 1 ]; then "$peers/pg-local.sh" stop || true; fi
}
trap cleanup EXIT

{
  "$peers/lib/machine-facts.sh"
  echo "qgp_binary: $binary ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown))"
  echo "qgp_build_type: $(grep -m1 '^CMAKE_BUILD_TYPE' "$(dirname "$(dirname "$binary")")/CMakeCache.txt" 2>/dev/null | cut -d= -f2 || echo unknown)"
  echo "wrk: -t$WRK_THREADS -c$WRK_CONNS -d$WRK_DURATION, warm-up $WRK_WARMUP, $WRK_REPEAT repetitions"
} >"$out/machine.txt"

if has fastapi; then
  log "== the reference: FastAPI + SQLAlchemy, 1 and 2 workers (peers' fastapi-ref/run.sh)"
  echo "loadavg_before_fastapi: $(cat /proc/loadavg)" >>"$out/machine.txt"
  "$peers/fastapi-ref/run.sh"
fi
if has pgbench; then
  log "== the ceiling: pgbench on the same cluster (peers' pgbench-limit.sh)"
  echo "loadavg_before_pgbench: $(cat /proc/loadavg)" >>"$out/machine.txt"
  "$peers/pgbench-limit.sh"
fi
if has qgp; then
  log "== qgp: $binary"
  echo "loadavg_before_qgp: $(cat /proc/loadavg)" >>"$out/machine.txt"
  PEERS_DIR=$peers PG_URL=$pg_url OUT=$out BINARY=$binary "$here/qgp-load.sh"
fi
echo "loadavg_at_end: $(cat /proc/loadavg)" >>"$out/machine.txt"
/usr/bin/python3 "$here/report.py" "$out" >"$out/summary.md"
log "done: $out/summary.md"
cat "$out/summary.md"
