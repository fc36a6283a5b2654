#!/usr/bin/env bash
# HTTP benchmark of `qgp serve` on loopback: idle RSS, then wrk (2 threads, 32 connections, 10 s)
# against /healthz (no database) and /readyz (one pooled database round trip).
#   bench/http/run.sh [QGP_BINARY]
# Needs DATABASE_URL (a reachable PostgreSQL for /readyz) and wrk. Prints one summary line per
# endpoint; wrk's full output goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-${QGP_BINARY:-$here/../../build-release/bin/qgp}}
duration=${BENCH_DURATION:-10s}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-32}
: "${DATABASE_URL:?set DATABASE_URL to a reachable PostgreSQL (needed by /readyz)}"
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$binary" ] || { echo "bench: $binary is not an executable qgp binary" >&2; exit 1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp /tmp/qgp-bench-http-XXXXXX.log)
# The access log is one line per request; at bench rates it measures the terminal, not the server.
APP_ENV=${APP_ENV:-testing} LOG_LEVEL=${LOG_LEVEL:-warn} QGP_ENV_FILE=/nonexistent \
  HTTP_HOST=127.0.0.1 HTTP_PORT=$port "$binary" serve >"$log" 2>&1 &
pid=$!
cleanup() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT

for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$log" >&2; exit 1; }
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "bench: /readyz is not 200" >&2; exit 1; }
sleep 1
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
echo "idle_rss_kib=$rss_kb (after startup and one /healthz + /readyz)"

for endpoint in /healthz /readyz; do
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$here/report.lua" \
    "http://127.0.0.1:$port$endpoint")
  echo "$out" >&2
  echo "$out" | grep '^SUMMARY' | sed "s|^SUMMARY|endpoint=$endpoint|"
done
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
echo "rss_after_load_kib=$rss_kb"
