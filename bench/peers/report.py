#!/usr/bin/python3
"""Summary of one bench/peers/run.sh run (markdown on stdout).

  report.py RESULTS_DIR

Reads fastapi.tsv and pgbench.tsv (the peers' harness), qgp.tsv and qgp-sql.tsv (pgbench of qgp's
own statements; bench/peers/qgp-load.sh) from RESULTS_DIR: min and median over the repetitions of
each figure, the ratios the issue's targets are stated in (each side measured in this run), and the
noise every row recorded. Reports; never judges a run as failed.
"""
import csv
import statistics
import sys
from pathlib import Path

# qgp endpoint -> (reference endpoint, pgbench statement-shaped script, pgbench ORM-shaped script,
# pgbench of qgp's own statements or None)
PAIRS = {
    "get_by_id": ("get_by_id", "select_pk_stmt", "select_pk_ormtx", "qgp_get"),
    "list": ("list", "list_page_stmt", "list_page_ormtx", None),
    "list_filtered": ("list", "list_page_stmt", "list_page_ormtx", None),
    "post_create": ("post_create", "insert_stmt", "insert_ormtx", "qgp_create"),
}
LABELS = {
    "get_by_id": "GET one row by id",
    "list": "list, page 1 of 20 + total",
    "list_filtered": "list with filters (qgp only; compared with the plain list)",
    "post_create": "create (qgp: + reference number + audit row)",
}
# The targets: (x FastAPI 1 worker, fraction of the ORM-shaped ceiling, p99 ms).
TARGETS = {
    "get_by_id": (10, 0.60, 5),
    "list": (10, None, None),
    "post_create": (5, 0.50, 10),
}


def rows(path):
    if not path.exists():
        return []
    with path.open() as f:
        return list(csv.DictReader(f, delimiter="\t"))


def values(table, value_column, **match):
    return [float(r[value_column]) for r in table
            if all(r.get(k) == v for k, v in match.items()) and r.get(value_column) not in (None, "")]


def min_median(numbers):
    if not numbers:
        return None
    return min(numbers), statistics.median(numbers)


def fmt_pair(pair, digits=0):
    if pair is None:
        return "-"
    return f"{pair[0]:,.{digits}f} / {pair[1]:,.{digits}f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "-"
    return f"{a / b:.2f}"


def main():
    out = Path(sys.argv[1])
    fastapi = rows(out / "fastapi.tsv")
    pgbench = rows(out / "pgbench.tsv")
    qgp = rows(out / "qgp.tsv")
    qgp_sql = rows(out / "qgp-sql.tsv")

    print("# qgp beside the peers: one run\n")
    machine = (out / "machine.txt")
    if machine.exists():
        keep = ("date_utc", "nproc", "cpu_model", "kernel", "pkg_postgresql-15", "qgp_binary",
                "qgp_build_type", "wrk:", "loadavg")
        print("```")
        for line in machine.read_text().splitlines():
            if line.startswith(keep):
                print(line)
        print("```\n")

    print("Throughput, min / median over the repetitions (req/s; pgbench: TPS). Ratios use the"
          " medians of this run.\n")
    print("| work | FastAPI 1 worker | FastAPI 2 workers | qgp | pgbench stmt | pgbench ORM-shaped"
          " | pgbench of qgp's SQL | qgp / FastAPI 1w | qgp / ORM ceiling | qgp / its SQL"
          " | qgp p99 ms (min / median) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    medians = {}
    for ep, (ref, stmt, orm, own) in PAIRS.items():
        q = min_median(values(qgp, "rps", endpoint=ep))
        if q is None:
            continue
        f1 = min_median(values(fastapi, "rps", endpoint=ref, workers="1"))
        f2 = min_median(values(fastapi, "rps", endpoint=ref, workers="2"))
        s = min_median(values(pgbench, "tps", script=stmt))
        o = min_median(values(pgbench, "tps", script=orm))
        sql = min_median(values(qgp_sql, "tps", script=own)) if own else None
        p99 = min_median(values(qgp, "p99_ms", endpoint=ep))
        medians[ep] = (q, f1, o, p99, sql)
        print(f"| {LABELS[ep]} | {fmt_pair(f1)} | {fmt_pair(f2)} | {fmt_pair(q)} | {fmt_pair(s)} "
              f"| {fmt_pair(o)} | {fmt_pair(sql)} | {ratio(q[1], f1[1] if f1 else None)} "
              f"| {ratio(q[1], o[1] if o else None)} | {ratio(q[1], sql[1] if sql else None)} "
              f"| {fmt_pair(p99, 2)} |")
    if qgp_sql:
        print("\npgbench of qgp's SQL: the statements qgp sends for the request (bench/peers/sql/),"
              " same clients and duration, no HTTP; p99 ms (min / median): " + "; ".join(
                  f"{script} {fmt_pair(min_median(values(qgp_sql, 'p99_ms', script=script)), 2)}"
                  for script in dict.fromkeys(r["script"] for r in qgp_sql)) + ".")

    print("\nThe issue's targets against this run (information, not a verdict):\n")
    for ep, (times, ceiling, p99_ms) in TARGETS.items():
        if ep not in medians:
            continue
        q, f1, o, p99, sql = medians[ep]
        parts = []
        if f1:
            parts.append(f"{q[1] / f1[1]:.1f}x the reference's 1 worker (target {times}x)")
        if ceiling is not None and o:
            parts.append(f"{100 * q[1] / o[1]:.0f}% of the ORM-shaped ceiling "
                         f"(target {100 * ceiling:.0f}%)")
        if sql:
            parts.append(f"{100 * q[1] / sql[1]:.0f}% of pgbench of its own SQL")
        if p99_ms is not None and p99:
            parts.append(f"p99 {p99[1]:.1f} ms (target <= {p99_ms} ms)")
        if parts:
            print(f"- {LABELS[ep]}: " + "; ".join(parts))

    print("\nNoise: every qgp repetition with the load average (1 min) before and after it and the"
          " share of the machine's CPU that other processes took (foreign %).\n")
    print("| qgp endpoint | rep | req/s | p99 ms | non-2xx | loadavg before / after | busy % |"
          " foreign % |")
    print("|---|---|---|---|---|---|---|---|")
    for r in qgp:
        print(f"| {r['endpoint']} | {r['rep']} | {float(r['rps']):,.0f} | {r['p99_ms']} | "
              f"{int(r['non2xx']) + int(r['sock_errors'])} | {r['loadavg_before']} / "
              f"{r['loadavg_after']} | {r['busy_pct']} | {r['foreign_pct']} |")
    for name, table, key in (("FastAPI", fastapi, "endpoint"), ("pgbench", pgbench, "script"),
                             ("qgp-sql", qgp_sql, "script")):
        foreign = [float(r["foreign_pct"]) for r in table if r.get("foreign_pct")]
        if foreign:
            print(f"\n{name}: {len(table)} repetitions, foreign CPU {min(foreign):.0f}-"
                  f"{max(foreign):.0f} % (per row in {name.lower()}.tsv).")
    errors = sum(int(r["non2xx"]) + int(r["sock_errors"]) for r in qgp)
    print(f"\nqgp non-2xx responses and socket errors over every repetition: {errors}.")
    after = out / "qgp-after.txt"
    if after.exists():
        print("\n```\n" + after.read_text().rstrip() + "\n```")


if __name__ == "__main__":
    main()
