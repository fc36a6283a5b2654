-- The create path's shared part before issue 15: the counter row, then the chain's lock and tail.
BEGIN;
INSERT INTO reference_counters (prefix, year, last_value)
VALUES ('FND', extract(year FROM now() AT TIME ZONE 'UTC')::integer, 1)
ON CONFLICT (prefix, year) DO UPDATE SET last_value = reference_counters.last_value + 1
RETURNING prefix || '-' || year::text || '-' || lpad(last_value::text, 4, '0');
SELECT pg_advisory_xact_lock(8171623612770707828);
SELECT hash AS tail FROM audit_log ORDER BY id DESC LIMIT 1 \gset
INSERT INTO audit_log (occurred_at, action, entity_type, entity_id, changes, prev_hash, hash)
VALUES (clock_timestamp(), 'create', 'audit_finding', 1, '{"title": {"before": null, "after": "x"}}',
        :tail::text, encode(sha256((:tail::text || random()::text)::bytea), 'hex'));
COMMIT;
