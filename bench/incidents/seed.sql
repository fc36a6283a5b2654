-- BENCH_INCIDENTS incidents (psql -v incidents=N) straight in SQL, spread over six years, every
-- status, type and severity, eight departments; one in fifty decided RIDDOR-reportable, half of
-- those reported, the rest due (some overdue). Two people per incident. The bench measures reads.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO incidents (reference_number, title, description, incident_type, severity, status,
                       occurred_at, reported_at, location, department, first_aid_given,
                       riddor_reportable, riddor_category, riddor_rationale, riddor_due_date,
                       riddor_confirmed_by_id, riddor_decided_at, riddor_reported_at,
                       hse_reference, closed_at)
SELECT 'INC-' || to_char(o.at, 'YYYY') || '-' || CASE WHEN g < 10000 THEN lpad(g::text, 4, '0')
                                                          ELSE g::text END,
       'Incident ' || g || (ARRAY[' slip on the stairs', ' hand caught in a press',
                                 ' forklift near miss', ' chemical spill', ' fall from a ladder'])[1 + g % 5],
       'What happened, as the reporter described it (' || g || ').',
       (ARRAY['injury', 'ill_health', 'near_miss', 'hazard', 'dangerous_occurrence',
              'property_damage', 'environmental', 'security', 'quality', 'other'])[1 + g % 10],
       (ARRAY['critical', 'high', 'medium', 'low', 'negligible'])[1 + (g / 10) % 5],
       s.status,
       o.at, o.at + interval '2 hours',
       'Building ' || (g % 40),
       (ARRAY['Production', 'Warehouse', 'Maintenance', 'Logistics', 'Quality', 'Office',
              'Laboratory', 'Workshop'])[1 + (g / 7) % 8],
       g % 3 = 0,
       r.reportable, r.category, r.rationale,
       CASE WHEN r.reportable THEN (o.at AT TIME ZONE 'Europe/London')::date + 15 END,
       CASE WHEN r.reportable IS NOT NULL THEN (SELECT min(id) FROM users) END,
       CASE WHEN r.reportable IS NOT NULL THEN o.at + interval '1 day' END,
       CASE WHEN r.reportable AND g % 100 = 0 THEN o.at + interval '5 days' END,
       CASE WHEN r.reportable AND g % 100 = 0 THEN 'HSE-' || g END,
       CASE WHEN s.status = 'closed' THEN o.at + interval '30 days' END
FROM generate_series(1, :incidents) AS g
CROSS JOIN LATERAL (SELECT now() - make_interval(mins => ((g::bigint * 3181) % (6 * 365 * 24 * 60))::int) AS at) o
CROSS JOIN LATERAL (SELECT (ARRAY['reported', 'triaged', 'under_investigation', 'actions', 'review',
                                  'closed', 'closed', 'closed'])[1 + g % 8] AS status) s
CROSS JOIN LATERAL (SELECT CASE WHEN g % 50 = 0 THEN true WHEN g % 50 = 1 THEN false END
                               AS reportable,
                           CASE WHEN g % 50 = 0 THEN 'over_seven_day_incapacitation'
                                WHEN g % 50 = 1 THEN 'over_three_day_incapacitation' END
                               AS category,
                           CASE WHEN g % 50 IN (0, 1) THEN 'Days off work recorded' END
                               AS rationale) r;
INSERT INTO incident_people (incident_id, role, person_type, name, injury_type, body_part,
                             days_off_work)
SELECT i.id, 'involved', 'worker', 'Person ' || i.id, 'sprain_strain', 'back', (i.id % 12)::int
FROM incidents i;
INSERT INTO incident_people (incident_id, role, person_type, name, statement)
SELECT i.id, 'witness', 'non_worker', 'Witness ' || i.id, 'Saw it happen'
FROM incidents i;
COMMIT;
ANALYZE incidents;
ANALYZE incident_people;
