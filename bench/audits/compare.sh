#!/usr/bin/env bash
# Two qgp builds side by side on the audits read bench (run.sh), alternating in one run so that
# machine drift falls on both: before, after, before, after, ... Reports each round's line per
# endpoint and the min/median req/s of each build; numbers, never pass/fail.
#
#   bench/audits/compare.sh BEFORE_QGP BEFORE_SEED_SQL AFTER_QGP AFTER_SEED_SQL [ROUNDS]
#
# *_SEED_SQL: the seed.sql of each build's own tree (the seed follows the schema of its revision,
# e.g. `git show REV:bench/audits/seed.sql > before.sql`). ROUNDS defaults to 3; BENCH_DURATION,
# BENCH_RUNS and ADMIN_URL as for run.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
usage="usage: compare.sh BEFORE_QGP BEFORE_SEED_SQL AFTER_QGP AFTER_SEED_SQL [ROUNDS]"
before=${1:?$usage}
before_seed=${2:?$usage}
after=${3:?$usage}
after_seed=${4:?$usage}
rounds=${5:-3}

# Each build runs this run.sh with its own seed, in a scratch tree of the same shape.
scratch=$(mktemp -d /tmp/qgp-bench-compare-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
for side in before after; do
  mkdir -p "$scratch/$side/bench/audits" "$scratch/$side/bench/http"
  cp "$here/run.sh" "$scratch/$side/bench/audits/run.sh"
  cp "$root/bench/http/report.lua" "$scratch/$side/bench/http/report.lua"
done
cp "$before_seed" "$scratch/before/bench/audits/seed.sql"
cp "$after_seed" "$scratch/after/bench/audits/seed.sql"

results=$scratch/results
for round in $(seq "$rounds"); do
  for side in before after; do
    binary=$before
    [ "$side" = after ] && binary=$after
    lines=$(bash "$scratch/$side/bench/audits/run.sh" "$binary" 2>/dev/null | grep '^endpoint=') ||
      { echo "bench: the $side build's run failed (rerun bench/audits/run.sh with it to see)" >&2; exit 1; }
    load=$(cut -d' ' -f1 /proc/loadavg)
    while IFS= read -r line; do
      echo "round=$round build=$side load=$load $line"
      echo "round=$round build=$side load=$load $line" >>"$results"
    done <<<"$lines"
  done
done
echo "summary (req/s min / median over $rounds rounds):"
python3 - "$results" <<'PY'
import re, statistics, sys
rates = {}
for line in open(sys.argv[1]):
    build = re.search(r"build=(\S+)", line).group(1)
    endpoint = re.search(r"endpoint=GET (\S+)", line).group(1)
    endpoint = re.sub(r"/\d+$", "/{id}", endpoint)
    rates.setdefault((endpoint, build), []).append(int(re.search(r"rps=(\d+)", line).group(1)))
for endpoint in sorted({e for e, _ in rates}):
    cells = []
    for build in ("before", "after"):
        r = rates.get((endpoint, build), [])
        cells.append(f"{build} {min(r)} / {statistics.median(r):.0f}" if r else f"{build} -")
    print(f"  GET {endpoint}: " + ", ".join(cells))
PY
