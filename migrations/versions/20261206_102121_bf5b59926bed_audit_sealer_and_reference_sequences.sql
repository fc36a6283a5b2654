-- revision: bf5b59926bed
-- down_revision: 912cabe96258
-- message: audit sealer and reference sequences
-- transactional: true
-- +upgrade
-- Issue 15 (docs/adr/0003, docs/adr/0012): audit_log rows are appended without a shared lock and
-- sealed later into audit_chain by one sealer with signed audit_checkpoints; reference numbers come
-- from a sequence per (prefix, UTC year) instead of a counter row locked until commit.
-- One transaction: the existing hash chain moves into audit_chain before audit_log loses its hash
-- columns, and the counters become sequences before their table goes.
-- change function qgp_audit_log_append_only()
CREATE OR REPLACE FUNCTION public.qgp_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$fn$;
-- drop check constraint actions.actions_reference_number_check
ALTER TABLE public.actions DROP CONSTRAINT actions_reference_number_check;
-- drop check constraint audit_findings.audit_findings_reference_number_check
ALTER TABLE public.audit_findings DROP CONSTRAINT audit_findings_reference_number_check;
-- drop check constraint audit_runs.audit_runs_reference_number_check
ALTER TABLE public.audit_runs DROP CONSTRAINT audit_runs_reference_number_check;
-- drop check constraint audit_templates.audit_templates_reference_number_check
ALTER TABLE public.audit_templates DROP CONSTRAINT audit_templates_reference_number_check;
-- drop check constraint complaints.complaints_reference_number_check
ALTER TABLE public.complaints DROP CONSTRAINT complaints_reference_number_check;
-- drop check constraint incidents.incidents_reference_number_check
ALTER TABLE public.incidents DROP CONSTRAINT incidents_reference_number_check;
-- drop check constraint policies.policies_reference_number_check
ALTER TABLE public.policies DROP CONSTRAINT policies_reference_number_check;
-- drop check constraint risks.risks_reference_number_check
ALTER TABLE public.risks DROP CONSTRAINT risks_reference_number_check;
-- drop check constraint road_traffic_collisions.road_traffic_collisions_reference_number_check
ALTER TABLE public.road_traffic_collisions DROP CONSTRAINT road_traffic_collisions_reference_number_check;
-- add check constraint actions.actions_reference_number_check
ALTER TABLE public.actions ADD CONSTRAINT actions_reference_number_check CHECK (reference_number ~ '^ACT-[0-9]{4}-([0-9]{4}|[1-9][0-9]{4,})$') NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_reference_number_check;
-- add check constraint audit_findings.audit_findings_reference_number_check
ALTER TABLE public.audit_findings ADD CONSTRAINT audit_findings_reference_number_check CHECK (reference_number ~ '^FND-[0-9]{4}-([0-9]{4}|[1-9][0-9]{4,})$') NOT VALID;
ALTER TABLE public.audit_findings VALIDATE CONSTRAINT audit_findings_reference_number_check;
-- add check constraint audit_runs.audit_runs_reference_number_check
ALTER TABLE public.audit_runs ADD CONSTRAINT audit_runs_reference_number_check CHECK (reference_number ~ '^AUD-[0-9]{4}-([0-9]{4}|[1-9][0-9]{4,})$') NOT VALID;
ALTER TABLE public.audit_runs VALIDATE CONSTRAINT audit_runs_reference_number_check;
-- add check constraint audit_templates.audit_templates_reference_number_check
ALTER TABLE public.audit_templates ADD CONSTRAINT audit_templates_reference_number_check CHECK (reference_number ~ '^TPL-[0-9]{4}-([0-9]{4}|[1-9][0-9]{4,})$') NOT VALID;
ALTER TABLE public.audit_templates VALIDATE CONSTRAINT audit_templates_reference_number_check;
-- add check constraint complaints.complaints_reference_number_check
ALTER TABLE public.complaints ADD CONSTRAINT complaints_reference_number_check CHECK (reference_number ~ '^CMP-[0-9]{4}-([0-9]{4}|[1-9][0-9]{4,})$') NOT VALID;
ALTER TABLE public.complaints VALIDATE CONSTRAINT complaints_reference_number_check;
-- add check constraint incidents.incidents_reference_number_check
ALTER TABLE public.incidents ADD CONSTRAINT incidents_reference_number_check CHECK (reference_number ~ '^INC-[0-9]{4}-([0-9]{4}|[1-9][0-9]{4,})$') NOT VALID;
ALTER TABLE public.incidents VALIDATE CONSTRAINT incidents_reference_number_check;
-- add check constraint policies.policies_reference_number_check
ALTER TABLE public.policies ADD CONSTRAINT policies_reference_number_check CHECK (reference_number ~ '^POL-[0-9]{4}-([0-9]{4}|[1-9][0-9]{4,})$') NOT VALID;
ALTER TABLE public.policies VALIDATE CONSTRAINT policies_reference_number_check;
-- add check constraint risks.risks_reference_number_check
ALTER TABLE public.risks ADD CONSTRAINT risks_reference_number_check CHECK (reference_number ~ '^RSK-[0-9]{4}-([0-9]{4}|[1-9][0-9]{4,})$') NOT VALID;
ALTER TABLE public.risks VALIDATE CONSTRAINT risks_reference_number_check;
-- add check constraint road_traffic_collisions.road_traffic_collisions_reference_number_check
ALTER TABLE public.road_traffic_collisions ADD CONSTRAINT road_traffic_collisions_reference_number_check CHECK (reference_number ~ '^RTC-[0-9]{4}-([0-9]{4}|[1-9][0-9]{4,})$') NOT VALID;
ALTER TABLE public.road_traffic_collisions VALIDATE CONSTRAINT road_traffic_collisions_reference_number_check;
-- add table audit_chain
CREATE TABLE public.audit_chain (
  position bigint NOT NULL,
  audit_log_id bigint NOT NULL,
  xact_id xid8,
  prev_hash text,
  hash text NOT NULL,
  CONSTRAINT audit_chain_pkey PRIMARY KEY (position),
  CONSTRAINT audit_chain_audit_log_id_key UNIQUE (audit_log_id),
  CONSTRAINT audit_chain_hash_key UNIQUE (hash),
  CONSTRAINT audit_chain_prev_hash_key UNIQUE (prev_hash),
  CONSTRAINT audit_chain_position_check CHECK (position >= 1),
  CONSTRAINT audit_chain_prev_hash_check CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT audit_chain_hash_check CHECK (hash ~ '^[0-9a-f]{64}$')
);
-- add table audit_checkpoints
CREATE TABLE public.audit_checkpoints (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  position bigint NOT NULL,
  head_hash text NOT NULL,
  rows_sealed integer NOT NULL,
  sealed_at timestamp with time zone NOT NULL,
  key_id text,
  signature text,
  CONSTRAINT audit_checkpoints_pkey PRIMARY KEY (id),
  CONSTRAINT audit_checkpoints_position_key UNIQUE (position),
  CONSTRAINT audit_checkpoints_position_check CHECK (position >= 1),
  CONSTRAINT audit_checkpoints_head_hash_check CHECK (head_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT audit_checkpoints_rows_sealed_check CHECK (rows_sealed >= 1),
  CONSTRAINT audit_checkpoints_key_id_check CHECK (key_id ~ '^[0-9a-f]{16}$'),
  CONSTRAINT audit_checkpoints_signature_check CHECK (signature ~ '^[0-9a-f]{128}$'),
  CONSTRAINT audit_checkpoints_signed_check CHECK ((key_id IS NULL) = (signature IS NULL))
);
-- add trigger trg_audit_chain_append_only on audit_chain
CREATE TRIGGER trg_audit_chain_append_only BEFORE UPDATE OR DELETE ON public.audit_chain FOR EACH ROW EXECUTE FUNCTION public.qgp_audit_log_append_only();
-- add trigger trg_audit_chain_no_truncate on audit_chain
CREATE TRIGGER trg_audit_chain_no_truncate BEFORE TRUNCATE ON public.audit_chain FOR EACH STATEMENT EXECUTE FUNCTION public.qgp_audit_log_append_only();
-- add trigger trg_audit_checkpoints_append_only on audit_checkpoints
CREATE TRIGGER trg_audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON public.audit_checkpoints FOR EACH ROW EXECUTE FUNCTION public.qgp_audit_log_append_only();
-- add trigger trg_audit_checkpoints_no_truncate on audit_checkpoints
CREATE TRIGGER trg_audit_checkpoints_no_truncate BEFORE TRUNCATE ON public.audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION public.qgp_audit_log_append_only();
-- audit_log rows carry their writer's transaction id; rows written before this revision keep NULL
-- (they are linked below) and the column is added without a rewrite, its default set afterwards.
ALTER TABLE public.audit_log ADD COLUMN xact_id xid8;
ALTER TABLE public.audit_log ALTER COLUMN xact_id SET DEFAULT pg_current_xact_id();
-- the existing chain, link for link: positions in id order, the same hashes, and one unsigned
-- checkpoint covering it (no key existed when it was written)
INSERT INTO public.audit_chain (position, audit_log_id, xact_id, prev_hash, hash)
SELECT row_number() OVER (ORDER BY id), id, NULL, prev_hash, hash FROM public.audit_log;
INSERT INTO public.audit_checkpoints (position, head_hash, rows_sealed, sealed_at)
SELECT position, hash, position, now() FROM public.audit_chain ORDER BY position DESC LIMIT 1;
-- drop the hash columns of audit_log (their values live on in audit_chain)
ALTER TABLE public.audit_log DROP CONSTRAINT audit_log_hash_key;
ALTER TABLE public.audit_log DROP CONSTRAINT audit_log_prev_hash_key;
ALTER TABLE public.audit_log DROP CONSTRAINT audit_log_hash_check;
ALTER TABLE public.audit_log DROP CONSTRAINT audit_log_prev_hash_check;
-- qgp-lint: allow ban-drop-column reason: copied into audit_chain above; writers of the previous release must be stopped before this revision (docs/adr/0003)
ALTER TABLE public.audit_log DROP COLUMN prev_hash;
-- qgp-lint: allow ban-drop-column reason: copied into audit_chain above; writers of the previous release must be stopped before this revision (docs/adr/0003)
ALTER TABLE public.audit_log DROP COLUMN hash;
-- add index ix_audit_log_xact_id_id on audit_log (the sealer's scan)
-- qgp-lint: allow require-concurrent-index-creation reason: must commit with the chain's move in one transaction; every existing row has a NULL key, and writers are stopped for this revision anyway
CREATE INDEX ix_audit_log_xact_id_id ON public.audit_log USING btree (xact_id, id);
-- reference numbers: a schema of sequences, one per (prefix, UTC year), created on first use by a
-- SECURITY DEFINER function, so the application role (which owns nothing, ADR-0008) can draw
-- numbers but not create, reset or drop a sequence
CREATE SCHEMA qgp_refs;
COMMENT ON SCHEMA qgp_refs IS 'Sequences behind PREFIX-YYYY-NNNN reference numbers, one per (prefix, UTC year), made on first use by qgp_refs.next_number (docs/adr/0012)';
CREATE FUNCTION qgp_refs.next_number(p_prefix text, OUT ref_year integer, OUT ref_number bigint)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
  sequence_name text;
BEGIN
  IF p_prefix IS NULL OR p_prefix !~ '^[A-Z]{2,5}$' THEN
    RAISE EXCEPTION 'a reference number prefix is 2 to 5 capital letters'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  ref_year := extract(year FROM now() AT TIME ZONE 'UTC')::integer;
  sequence_name := format('qgp_refs.%I', lower(p_prefix) || '_' || ref_year);
  IF to_regclass(sequence_name) IS NULL THEN
    -- The first number of a (prefix, year) creates its sequence. Creators queue on this lock (once
    -- a year); a later one finds the first one's sequence (IF NOT EXISTS) or, if that transaction
    -- rolled back, creates it.
    PERFORM pg_advisory_xact_lock(hashtextextended(sequence_name, 0));
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %s AS bigint MINVALUE 1 NO CYCLE', sequence_name);
  END IF;
  ref_number := nextval(sequence_name::regclass);
END
$fn$;
COMMENT ON FUNCTION qgp_refs.next_number(text) IS 'The next number of a reference prefix in the current UTC year; gaps when a transaction rolls back, never a reuse';
REVOKE ALL ON FUNCTION qgp_refs.next_number(text) FROM PUBLIC;
-- the counters carry on as sequences, each starting after its last number
DO $$
DECLARE
  counter record;
  sequence_name text;
BEGIN
  FOR counter IN SELECT prefix, year, last_value FROM public.reference_counters LOOP
    sequence_name := format('qgp_refs.%I', lower(counter.prefix) || '_' || counter.year);
    EXECUTE format('CREATE SEQUENCE %s AS bigint MINVALUE 1 NO CYCLE', sequence_name);
    IF counter.last_value > 0 THEN
      PERFORM setval(sequence_name, counter.last_value);
    END IF;
  END LOOP;
END
$$;
-- qgp-lint: allow ban-drop-table reason: its counters were moved into qgp_refs sequences above; nothing reads it any more
DROP TABLE public.reference_counters;
-- the application role (ADR-0008): read and append the chain and its checkpoints, never change
-- them; draw reference numbers
GRANT SELECT, INSERT ON public.audit_chain, public.audit_checkpoints TO qgp_app;
REVOKE UPDATE, DELETE, TRUNCATE ON public.audit_chain, public.audit_checkpoints FROM qgp_app;
GRANT USAGE ON SCHEMA qgp_refs TO qgp_app;
GRANT EXECUTE ON FUNCTION qgp_refs.next_number(text) TO qgp_app;
-- comments on audit_chain
COMMENT ON TABLE public.audit_chain IS 'The sealed order of audit_log: one hash-chained link per row, written by the sealer';
COMMENT ON COLUMN public.audit_chain.position IS '1, 2, 3, ... in chain order';
COMMENT ON COLUMN public.audit_chain.audit_log_id IS 'The sealed audit_log row; no foreign key, so that a link outlives a removed row as evidence';
COMMENT ON COLUMN public.audit_chain.xact_id IS 'The row''s audit_log.xact_id: where the sealer resumes';
COMMENT ON COLUMN public.audit_chain.prev_hash IS 'hash of the previous link; NULL only for the first';
COMMENT ON COLUMN public.audit_chain.hash IS 'hex sha256(prev_hash || canonical audit_log row)';
-- comments on audit_checkpoints
COMMENT ON TABLE public.audit_checkpoints IS 'Signed heads of audit_chain, one per sealed batch (Ed25519)';
COMMENT ON COLUMN public.audit_checkpoints.position IS 'The last audit_chain position this checkpoint covers';
COMMENT ON COLUMN public.audit_checkpoints.head_hash IS 'audit_chain.hash at that position';
COMMENT ON COLUMN public.audit_checkpoints.rows_sealed IS 'Links this checkpoint added';
COMMENT ON COLUMN public.audit_checkpoints.key_id IS 'First 16 hex digits of sha256(public key); NULL when sealed without a key';
COMMENT ON COLUMN public.audit_checkpoints.signature IS 'hex Ed25519 signature of the checkpoint''s canonical text';
-- comment on column audit_log.xact_id
COMMENT ON COLUMN public.audit_log.xact_id IS 'The writer''s transaction: rows are sealed in (xact_id, id) order once every transaction before it has ended; NULL on rows chained before the sealer existed';
-- comment on table audit_log
COMMENT ON TABLE public.audit_log IS 'Append-only trail of every mutation of every module; sealed by audit_chain';
-- comment on column actions.reference_number
COMMENT ON COLUMN public.actions.reference_number IS 'ACT-YYYY-NNNN, a sequence per (prefix, UTC year); past 9999 the number grows to 10000, 10001, ... (docs/adr/0012)';
-- comment on column audit_findings.reference_number
COMMENT ON COLUMN public.audit_findings.reference_number IS 'FND-YYYY-NNNN, a sequence per (prefix, UTC year); past 9999 the number grows to 10000, 10001, ... (docs/adr/0012)';
-- comment on column audit_runs.reference_number
COMMENT ON COLUMN public.audit_runs.reference_number IS 'AUD-YYYY-NNNN, a sequence per (prefix, UTC year); past 9999 the number grows to 10000, 10001, ... (docs/adr/0012)';
-- comment on column audit_templates.reference_number
COMMENT ON COLUMN public.audit_templates.reference_number IS 'TPL-YYYY-NNNN, a sequence per (prefix, UTC year); past 9999 the number grows to 10000, 10001, ... (docs/adr/0012)';
-- comment on column complaints.reference_number
COMMENT ON COLUMN public.complaints.reference_number IS 'CMP-YYYY-NNNN, a sequence per (prefix, UTC year); past 9999 the number grows to 10000, 10001, ... (docs/adr/0012)';
-- comment on column incidents.reference_number
COMMENT ON COLUMN public.incidents.reference_number IS 'INC-YYYY-NNNN, a sequence per (prefix, UTC year); past 9999 the number grows to 10000, 10001, ... (docs/adr/0012)';
-- comment on column policies.reference_number
COMMENT ON COLUMN public.policies.reference_number IS 'POL-YYYY-NNNN, a sequence per (prefix, UTC year); past 9999 the number grows to 10000, 10001, ... (docs/adr/0012)';
-- comment on column risks.reference_number
COMMENT ON COLUMN public.risks.reference_number IS 'RSK-YYYY-NNNN, a sequence per (prefix, UTC year); past 9999 the number grows to 10000, 10001, ... (docs/adr/0012)';
-- comment on column road_traffic_collisions.reference_number
COMMENT ON COLUMN public.road_traffic_collisions.reference_number IS 'RTC-YYYY-NNNN, a sequence per (prefix, UTC year); past 9999 the number grows to 10000, 10001, ... (docs/adr/0012)';
-- +downgrade
-- The previous release keeps the chain in audit_log itself, in id order: it is rebuilt here, row by
-- row, with the same canonical form and hash as the application's (store/audit/audit_hash.cpp).
-- Rows are re-chained as they are now: run `qgp audit verify` before downgrading.
ALTER TABLE public.audit_log ADD COLUMN prev_hash text;
ALTER TABLE public.audit_log ADD COLUMN hash text;
ALTER TABLE public.audit_log DISABLE TRIGGER trg_audit_log_append_only;
CREATE FUNCTION pg_temp.qgp_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE WHEN value IS NULL THEN '-;' ELSE octet_length(value) || ':' || value || ';' END
$fn$;
DO $$
DECLARE
  item record;
  previous text;
  next_hash text;
BEGIN
  FOR item IN SELECT id, format('qgp-audit-v1;%s%s%s%s%s%s%s%s',
               pg_temp.qgp_field(to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
               pg_temp.qgp_field(actor_user_id::text), pg_temp.qgp_field(request_id), pg_temp.qgp_field(client_address::text),
               pg_temp.qgp_field(action), pg_temp.qgp_field(entity_type), pg_temp.qgp_field(entity_id::text),
               pg_temp.qgp_field(changes::text)) AS canonical
              FROM public.audit_log ORDER BY id LOOP
    next_hash := encode(sha256(convert_to(coalesce(previous, '') || E'\n' || item.canonical, 'UTF8')),
                        'hex');
    UPDATE public.audit_log SET prev_hash = previous, hash = next_hash WHERE id = item.id;
    previous := next_hash;
  END LOOP;
END
$$;
ALTER TABLE public.audit_log ENABLE TRIGGER trg_audit_log_append_only;
-- qgp-lint: allow adding-not-nullable-field reason: the re-chaining above just rewrote every row in this transaction, with writers stopped
ALTER TABLE public.audit_log ALTER COLUMN hash SET NOT NULL;
-- qgp-lint: allow require-concurrent-index-creation reason: a downgrade runs with writers stopped, in one transaction with the re-chaining
CREATE UNIQUE INDEX audit_log_hash_key ON public.audit_log USING btree (hash);
ALTER TABLE public.audit_log ADD CONSTRAINT audit_log_hash_key UNIQUE USING INDEX audit_log_hash_key;
-- qgp-lint: allow require-concurrent-index-creation reason: a downgrade runs with writers stopped, in one transaction with the re-chaining
CREATE UNIQUE INDEX audit_log_prev_hash_key ON public.audit_log USING btree (prev_hash);
ALTER TABLE public.audit_log ADD CONSTRAINT audit_log_prev_hash_key UNIQUE USING INDEX audit_log_prev_hash_key;
ALTER TABLE public.audit_log ADD CONSTRAINT audit_log_hash_check CHECK ((hash ~ '^[0-9a-f]{64}$'::text)) NOT VALID;
ALTER TABLE public.audit_log VALIDATE CONSTRAINT audit_log_hash_check;
ALTER TABLE public.audit_log ADD CONSTRAINT audit_log_prev_hash_check CHECK ((prev_hash ~ '^[0-9a-f]{64}$'::text)) NOT VALID;
ALTER TABLE public.audit_log VALIDATE CONSTRAINT audit_log_prev_hash_check;
-- qgp-lint: allow require-concurrent-index-deletion reason: a downgrade runs with writers stopped, in one transaction with the re-chaining
DROP INDEX public.ix_audit_log_xact_id_id;
ALTER TABLE public.audit_log DROP COLUMN xact_id;
DROP TABLE public.audit_chain;
DROP TABLE public.audit_checkpoints;
-- the sequences become counter rows again
-- add table reference_counters
CREATE TABLE public.reference_counters (
  prefix text NOT NULL,
  year integer NOT NULL,
  last_value bigint DEFAULT 0 NOT NULL,
  CONSTRAINT reference_counters_pkey PRIMARY KEY (prefix, year),
  CONSTRAINT reference_counters_last_value_check CHECK ((last_value >= 0)),
  CONSTRAINT reference_counters_prefix_check CHECK ((prefix ~ '^[A-Z]{2,5}$'::text)),
  CONSTRAINT reference_counters_year_check CHECK (((year >= 2000) AND (year <= 9999)))
);
INSERT INTO public.reference_counters (prefix, year, last_value)
SELECT upper(split_part(sequencename, '_', 1)), split_part(sequencename, '_', 2)::integer,
       coalesce(last_value, 0)
FROM pg_catalog.pg_sequences WHERE schemaname = 'qgp_refs';
GRANT SELECT, INSERT, UPDATE, DELETE ON public.reference_counters TO qgp_app;
DROP SCHEMA qgp_refs CASCADE;
-- change function qgp_audit_log_append_only()
CREATE OR REPLACE FUNCTION public.qgp_audit_log_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$function$;
-- drop check constraint actions.actions_reference_number_check
ALTER TABLE public.actions DROP CONSTRAINT actions_reference_number_check;
-- drop check constraint audit_findings.audit_findings_reference_number_check
ALTER TABLE public.audit_findings DROP CONSTRAINT audit_findings_reference_number_check;
-- drop check constraint audit_runs.audit_runs_reference_number_check
ALTER TABLE public.audit_runs DROP CONSTRAINT audit_runs_reference_number_check;
-- drop check constraint audit_templates.audit_templates_reference_number_check
ALTER TABLE public.audit_templates DROP CONSTRAINT audit_templates_reference_number_check;
-- drop check constraint complaints.complaints_reference_number_check
ALTER TABLE public.complaints DROP CONSTRAINT complaints_reference_number_check;
-- drop check constraint incidents.incidents_reference_number_check
ALTER TABLE public.incidents DROP CONSTRAINT incidents_reference_number_check;
-- drop check constraint policies.policies_reference_number_check
ALTER TABLE public.policies DROP CONSTRAINT policies_reference_number_check;
-- drop check constraint risks.risks_reference_number_check
ALTER TABLE public.risks DROP CONSTRAINT risks_reference_number_check;
-- drop check constraint road_traffic_collisions.road_traffic_collisions_reference_number_check
ALTER TABLE public.road_traffic_collisions DROP CONSTRAINT road_traffic_collisions_reference_number_check;
-- add check constraint actions.actions_reference_number_check
ALTER TABLE public.actions ADD CONSTRAINT actions_reference_number_check CHECK ((reference_number ~ '^ACT-[0-9]{4}-[0-9]{4,}$'::text)) NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_reference_number_check;
-- add check constraint audit_findings.audit_findings_reference_number_check
ALTER TABLE public.audit_findings ADD CONSTRAINT audit_findings_reference_number_check CHECK ((reference_number ~ '^FND-[0-9]{4}-[0-9]{4,}$'::text)) NOT VALID;
ALTER TABLE public.audit_findings VALIDATE CONSTRAINT audit_findings_reference_number_check;
-- add check constraint audit_runs.audit_runs_reference_number_check
ALTER TABLE public.audit_runs ADD CONSTRAINT audit_runs_reference_number_check CHECK ((reference_number ~ '^AUD-[0-9]{4}-[0-9]{4,}$'::text)) NOT VALID;
ALTER TABLE public.audit_runs VALIDATE CONSTRAINT audit_runs_reference_number_check;
-- add check constraint audit_templates.audit_templates_reference_number_check
ALTER TABLE public.audit_templates ADD CONSTRAINT audit_templates_reference_number_check CHECK ((reference_number ~ '^TPL-[0-9]{4}-[0-9]{4,}$'::text)) NOT VALID;
ALTER TABLE public.audit_templates VALIDATE CONSTRAINT audit_templates_reference_number_check;
-- add check constraint complaints.complaints_reference_number_check
ALTER TABLE public.complaints ADD CONSTRAINT complaints_reference_number_check CHECK ((reference_number ~ '^CMP-[0-9]{4}-[0-9]{4,}$'::text)) NOT VALID;
ALTER TABLE public.complaints VALIDATE CONSTRAINT complaints_reference_number_check;
-- add check constraint incidents.incidents_reference_number_check
ALTER TABLE public.incidents ADD CONSTRAINT incidents_reference_number_check CHECK ((reference_number ~ '^INC-[0-9]{4}-[0-9]{4,}$'::text)) NOT VALID;
ALTER TABLE public.incidents VALIDATE CONSTRAINT incidents_reference_number_check;
-- add check constraint policies.policies_reference_number_check
ALTER TABLE public.policies ADD CONSTRAINT policies_reference_number_check CHECK ((reference_number ~ '^POL-[0-9]{4}-[0-9]{4,}$'::text)) NOT VALID;
ALTER TABLE public.policies VALIDATE CONSTRAINT policies_reference_number_check;
-- add check constraint risks.risks_reference_number_check
ALTER TABLE public.risks ADD CONSTRAINT risks_reference_number_check CHECK ((reference_number ~ '^RSK-[0-9]{4}-[0-9]{4,}$'::text)) NOT VALID;
ALTER TABLE public.risks VALIDATE CONSTRAINT risks_reference_number_check;
-- add check constraint road_traffic_collisions.road_traffic_collisions_reference_number_check
ALTER TABLE public.road_traffic_collisions ADD CONSTRAINT road_traffic_collisions_reference_number_check CHECK ((reference_number ~ '^RTC-[0-9]{4}-[0-9]{4,}$'::text)) NOT VALID;
ALTER TABLE public.road_traffic_collisions VALIDATE CONSTRAINT road_traffic_collisions_reference_number_check;
-- comments on reference_counters
COMMENT ON TABLE public.reference_counters IS 'Atomic per-(prefix, UTC year) counters behind PREFIX-YYYY-NNNN numbers';
COMMENT ON COLUMN public.reference_counters.prefix IS 'TPL, AUD, FND, RSK, INC, RTC, CMP, POL, ACT';
COMMENT ON COLUMN public.reference_counters.last_value IS 'Last number handed out; never reused';
-- comment on column audit_log.prev_hash
COMMENT ON COLUMN public.audit_log.prev_hash IS 'hash of the previous row; NULL only for the first row';
-- comment on column audit_log.hash
COMMENT ON COLUMN public.audit_log.hash IS 'hex sha256(prev_hash || canonical row)';
-- comment on table audit_log
COMMENT ON TABLE public.audit_log IS 'Append-only, hash-chained trail of every mutation of every module';
-- comment on column actions.reference_number
COMMENT ON COLUMN public.actions.reference_number IS 'ACT-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
-- comment on column audit_findings.reference_number
COMMENT ON COLUMN public.audit_findings.reference_number IS 'FND-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
-- comment on column audit_runs.reference_number
COMMENT ON COLUMN public.audit_runs.reference_number IS 'AUD-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
-- comment on column audit_templates.reference_number
COMMENT ON COLUMN public.audit_templates.reference_number IS 'TPL-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
-- comment on column complaints.reference_number
COMMENT ON COLUMN public.complaints.reference_number IS 'CMP-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
-- comment on column incidents.reference_number
COMMENT ON COLUMN public.incidents.reference_number IS 'INC-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
-- comment on column policies.reference_number
COMMENT ON COLUMN public.policies.reference_number IS 'POL-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
-- comment on column risks.reference_number
COMMENT ON COLUMN public.risks.reference_number IS 'RSK-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
-- comment on column road_traffic_collisions.reference_number
COMMENT ON COLUMN public.road_traffic_collisions.reference_number IS 'RTC-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
