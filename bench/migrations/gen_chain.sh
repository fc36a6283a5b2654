#!/usr/bin/env bash
# Writes an N-revision linear chain of qgp revision files into DIR (the same DDL as the chains the
# Alembic peer's gen_project.py writes, see run.sh): revision i creates
#   t_NNNN(id int PK, name varchar(100) NOT NULL, amount numeric(12,2), is_active bool default true,
#          created_at timestamptz default now()) + index ix_t_NNNN_name
# and its downgrade drops both. Ids are deterministic (the same N gives the same files).
#   bench/migrations/gen_chain.sh N DIR
set -euo pipefail
n=${1:?usage: gen_chain.sh N DIR}
dir=${2:?usage: gen_chain.sh N DIR}
mkdir -p "$dir"
rm -f "$dir"/*.sql
awk -v n="$n" -v dir="$dir" 'BEGIN {
  prev = "(none)"
  for (i = 1; i <= n; i++) {
    id = sprintf("%04x%08x", i, (i * 2654435761) % 4294967296)
    t = sprintf("t_%04d", i)
    file = sprintf("%s/20260101_%06d_%s_create_%s.sql", dir, i, id, t)
    printf "-- revision: %s\n-- down_revision: %s\n-- message: create %s\n-- transactional: true\n", id, prev, t > file
    printf "-- +upgrade\nCREATE TABLE %s (\n    id integer NOT NULL,\n    name varchar(100) NOT NULL,\n", t > file
    printf "    amount numeric(12, 2),\n    is_active boolean DEFAULT true,\n", t > file
    printf "    created_at timestamptz DEFAULT now(),\n    PRIMARY KEY (id)\n);\n" > file
    printf "CREATE INDEX ix_%s_name ON %s (name);\n", t, t > file
    printf "-- +downgrade\nDROP INDEX ix_%s_name;\nDROP TABLE %s;\n", t, t > file
    close(file)
    prev = id
  }
}'
