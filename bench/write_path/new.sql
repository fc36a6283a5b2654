-- The same after issue 15: a sequence draw and one INSERT; the sealer chains later.
BEGIN;
SELECT ref_year, ref_number FROM qgp_refs.next_number('FND');
INSERT INTO audit_log (occurred_at, action, entity_type, entity_id, changes)
VALUES (clock_timestamp(), 'create', 'audit_finding', 1, '{"title": {"before": null, "after": "x"}}');
COMMIT;
