-- Seed of the peer comparison (bench/peers/run.sh): qgp's nearest shape to the reference's
-- incidents table, straight in SQL. Needs a database at head and psql variables `runs` and
-- `findings`:
--
--   psql "$db_url" -v ON_ERROR_STOP=1 -v runs=100 -v findings=10000 -f bench/peers/seed.sql
--
-- One template and version, `runs` runs (one a day up to now) and `findings` findings spread over
-- them (one an hour up to now, as a register fills), cycling through the four grades and the
-- four statuses, with due dates over a year. The FND sequence continues after them, so the
-- creates of the bench draw FND-YYYY-10001 and on (past the old four-digit limit).

\set ON_ERROR_STOP on
BEGIN;

CREATE TEMP TABLE bench_year AS SELECT extract(year FROM now() AT TIME ZONE 'UTC')::integer AS y;

INSERT INTO audit_templates (reference_number, name) VALUES ('TPL-2026-0001', 'Bench template');
INSERT INTO audit_template_versions (template_id, version_number, content)
VALUES (1, 1, '{}'::jsonb);

INSERT INTO audit_runs (reference_number, template_id, template_version_id, title, location,
                        created_at, updated_at)
SELECT 'AUD-' || y || '-' || lpad(g::text, greatest(4, length(g::text)), '0'), 1, 1,
       'Bench run ' || g, 'Site ' || (g % 20), at, at
FROM generate_series(1, :runs) g, bench_year,
  LATERAL (SELECT now() - (:runs - g + 1) * interval '1 day' AS at) created;

INSERT INTO audit_findings (reference_number, run_id, title, description, grade, status, due_date,
                            closed_at, created_at, updated_at)
SELECT 'FND-' || y || '-' || lpad(g::text, greatest(4, length(g::text)), '0'),
       1 + g % :runs,
       'Seeded finding ' || g,
       'Observed during bench run ' || (1 + g % :runs) || '; evidence and photos on file.',
       (ARRAY['major_nonconformity', 'minor_nonconformity', 'observation',
              'opportunity_for_improvement'])[1 + g % 4],
       status,
       DATE '2026-01-01' + (g % 365),
       CASE WHEN status = 'closed' THEN at END,
       at, at
FROM generate_series(1, :findings) g, bench_year,
  LATERAL (SELECT now() - (:findings - g + 1) * interval '1 hour' AS at) created,
  LATERAL (SELECT (ARRAY['open', 'in_progress', 'pending_verification', 'closed'])[1 + (g / 4) % 4]
             AS status) chosen;

-- The reference-number sequences carry on after the seeded numbers (docs/adr/0012).
SELECT qgp_refs.next_number('AUD');
SELECT setval(format('qgp_refs.aud_%s', y), :runs) FROM bench_year;
SELECT qgp_refs.next_number('FND');
SELECT setval(format('qgp_refs.fnd_%s', y), :findings) FROM bench_year;

COMMIT;
ANALYZE;
