-- Seed of the audit runs read-path benchmark (bench/audits/run.sh), straight in SQL: the bench
-- measures reads. Needs a database at head and psql variables `runs` and `answers`:
--
--   psql "$db_url" -v ON_ERROR_STOP=1 -v runs=1000 -v answers=10 -f bench/audits/seed.sql
--
-- One published template of `answers` questions in two sections: odd questions are yes_no, even
-- ones are choice questions with three options (good 2 / fair 1 / poor 0; poor triggers a minor
-- nonconformity). `runs` completed runs answer every question (choices cycle through the options),
-- carry their per-response and total scores, and have one auto-created open finding per "poor"
-- answer - so the run detail renders chosen options and a findings summary, as in production.

\set ON_ERROR_STOP on
BEGIN;

INSERT INTO audit_templates (reference_number, name) VALUES ('TPL-2026-0001', 'Bench template');
INSERT INTO audit_sections (template_id, title, sort_order) VALUES (1, 'A', 1), (1, 'B', 2);
INSERT INTO audit_questions (template_id, section_id, question_text, question_type, sort_order)
SELECT 1, 1 + (g % 2), 'Question ' || g, CASE WHEN g % 2 = 0 THEN 'choice' ELSE 'yes_no' END, g
FROM generate_series(1, :answers) g;
INSERT INTO audit_question_options (question_id, label, value, score, triggers_finding,
                                    finding_grade, sort_order)
SELECT q.id, o.label, o.value, o.score, o.value = 'poor',
  CASE WHEN o.value = 'poor' THEN 'minor_nonconformity' END, o.n
FROM audit_questions q
CROSS JOIN (VALUES (1, 'Good', 'good', 2), (2, 'Fair', 'fair', 1), (3, 'Poor', 'poor', 0))
  AS o(n, label, value, score)
WHERE q.question_type = 'choice';

-- Version 1: the snapshot format the templates module publishes (model::audits::VersionContent).
INSERT INTO audit_template_versions (template_id, version_number, content)
SELECT 1, 1, jsonb_build_object(
  'template', jsonb_build_object('id', 1, 'reference_number', 'TPL-2026-0001', 'name',
     'Bench template', 'audit_type', 'inspection', 'scoring_method', 'percentage',
     'passing_score', 80, 'allow_offline', false, 'require_gps', false,
     'require_signature', false, 'require_approval', false, 'auto_create_findings', true,
     'standard_ids', '[]'::jsonb),
  'sections', (SELECT jsonb_agg(jsonb_build_object('id', id, 'title', title, 'sort_order',
     sort_order, 'weight', weight) ORDER BY id) FROM audit_sections),
  'questions', (SELECT jsonb_agg(jsonb_build_object('id', q.id, 'section_id', q.section_id,
     'question_text', q.question_text, 'question_type', q.question_type, 'is_required', true,
     'allow_na', false, 'is_critical', false, 'weight', 1, 'max_score', null,
     'sort_order', q.sort_order, 'clause_ids', '[]'::jsonb, 'control_ids', '[]'::jsonb,
     'options', coalesce((SELECT jsonb_agg(jsonb_build_object('id', o.id, 'label', o.label,
         'value', o.value, 'score', o.score, 'triggers_finding', o.triggers_finding,
         'finding_grade', o.finding_grade, 'sort_order', o.sort_order) ORDER BY o.sort_order)
       FROM audit_question_options o WHERE o.question_id = q.id), '[]'::jsonb))
     ORDER BY q.id) FROM audit_questions q));
UPDATE audit_templates SET status = 'published', published_version_number = 1;

-- Reference numbers PREFIX-YYYY-NNNN (four digits at least, more past 9999) and their sequences
-- (one per prefix and year, made by the first qgp_refs.next_number; docs/adr/0012).
CREATE TEMP TABLE bench_year AS SELECT extract(year FROM now() AT TIME ZONE 'UTC')::integer AS y;
-- One run an hour up to now, as a register fills over time: with a single created_at for every
-- row the planner (rightly) ignores the created_at index that serves the default newest-first page.
INSERT INTO audit_runs (reference_number, template_id, template_version_id, title, location,
  status, scheduled_date, due_date, started_at, completed_at, created_at, updated_at)
SELECT 'AUD-' || y || '-' || lpad(g::text, greatest(4, length(g::text)), '0'),
  1, 1, 'Bench run ' || g, 'Site ' || (g % 50), 'completed', DATE '2026-01-01' + (g % 300),
  DATE '2026-01-01' + (g % 300) + 14, at, at + interval '30 minutes', at, at
FROM generate_series(1, :runs) g, bench_year,
  LATERAL (SELECT now() - (:runs - g + 1) * interval '1 hour' AS at) created;
SELECT qgp_refs.next_number('AUD');
SELECT setval(format('qgp_refs.aud_%s', y), :runs) FROM bench_year;

-- Answers: yes_no alternates yes/no; choice cycles good/fair/poor (chosen by its score).
INSERT INTO audit_responses (run_id, question_id, response_bool, score, max_score)
SELECT r.id, q.id,
  CASE WHEN q.question_type = 'yes_no' THEN (q.id + r.id) % 3 <> 0 END,
  CASE WHEN q.question_type = 'yes_no' THEN CASE WHEN (q.id + r.id) % 3 <> 0 THEN 1 ELSE 0 END
       ELSE 2 - (q.id + r.id) % 3 END,
  CASE WHEN q.question_type = 'yes_no' THEN 1 ELSE 2 END
FROM audit_runs r CROSS JOIN audit_questions q;
INSERT INTO audit_response_options (response_id, option_id)
SELECT a.id, o.id
FROM audit_responses a
JOIN audit_questions q ON q.id = a.question_id AND q.question_type = 'choice'
JOIN audit_question_options o ON o.question_id = q.id AND o.score = a.score;
UPDATE audit_runs r SET score = s.score, max_score = s.max_score,
  score_percentage = round(100.0 * s.score / s.max_score, 2),
  passed = 100.0 * s.score / s.max_score >= 80
FROM (SELECT run_id, sum(score) AS score, sum(max_score) AS max_score
      FROM audit_responses GROUP BY run_id) s
WHERE s.run_id = r.id;

-- One auto-created finding per answer whose option triggers one (what completion raises).
-- Each finding is raised when its run completes.
INSERT INTO audit_findings (reference_number, run_id, question_id, response_id, title,
                            description, grade, is_auto_created, created_at, updated_at)
SELECT 'FND-' || y || '-' || lpad(n::text, greatest(4, length(n::text)), '0'), run_id,
  question_id, response_id, question_text,
  'Raised automatically by audit run ' || run_id || ': answered "' || label || '".',
  finding_grade, true, completed_at, completed_at
FROM (SELECT row_number() OVER (ORDER BY a.id) AS n, a.run_id, a.question_id, a.id AS response_id,
             q.question_text, o.label, o.finding_grade, r.completed_at
      FROM audit_responses a
      JOIN audit_runs r ON r.id = a.run_id
      JOIN audit_response_options ro ON ro.response_id = a.id
      JOIN audit_question_options o ON o.id = ro.option_id AND o.triggers_finding
      JOIN audit_questions q ON q.id = a.question_id) AS triggered, bench_year;
SELECT qgp_refs.next_number('FND');
SELECT setval(format('qgp_refs.fnd_%s', y), count(*)) FROM audit_findings, bench_year
GROUP BY y HAVING count(*) > 0;

COMMIT;
ANALYZE;
