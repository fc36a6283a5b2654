-- revision: a95b45d1340e
-- down_revision: 97d1026c676e
-- message: actions register workflow and sources
-- transactional: false
-- +upgrade
-- drop foreign key actions.actions_closed_by_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_closed_by_id_fkey;
-- drop index ix_actions_closed_by_id on actions
DROP INDEX CONCURRENTLY public.ix_actions_closed_by_id;
-- drop check constraint actions.actions_closed_by_check
ALTER TABLE public.actions DROP CONSTRAINT actions_closed_by_check;
-- drop check constraint actions.actions_closed_check
ALTER TABLE public.actions DROP CONSTRAINT actions_closed_check;
-- drop check constraint actions.actions_status_check
ALTER TABLE public.actions DROP CONSTRAINT actions_status_check;
-- add table risk_assessment_actions
CREATE TABLE public.risk_assessment_actions (
  assessment_id bigint NOT NULL,
  action_id bigint NOT NULL,
  CONSTRAINT risk_assessment_actions_pkey PRIMARY KEY (assessment_id, action_id)
);
-- add column actions.completed_by_id bigint
ALTER TABLE public.actions ADD COLUMN completed_by_id bigint;
-- drop column actions.closed_at
-- qgp-lint: allow ban-drop-column reason: no route or job ever wrote actions before this revision; a verified action now records verified_at/verified_by_id (the downgrade restores closed_* from them)
ALTER TABLE public.actions DROP COLUMN closed_at;
-- drop column actions.closed_by_id
-- qgp-lint: allow ban-drop-column reason: no route or job ever wrote actions before this revision; a verified action now records verified_at/verified_by_id (the downgrade restores closed_* from them)
ALTER TABLE public.actions DROP COLUMN closed_by_id;
-- map the statuses of the old set onto the new one (no route ever wrote actions before this
-- revision; this keeps a hand-written row valid): pending_verification is completed, closed is
-- verified when someone verified it and completed otherwise.
UPDATE public.actions SET status = 'completed' WHERE status = 'pending_verification' OR (status = 'closed' AND verified_at IS NULL);
UPDATE public.actions SET status = 'verified' WHERE status = 'closed';
-- add check constraint actions.actions_completed_by_check
ALTER TABLE public.actions ADD CONSTRAINT actions_completed_by_check CHECK (completed_by_id IS NULL OR completed_at IS NOT NULL) NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_completed_by_check;
-- add check constraint actions.actions_status_check
ALTER TABLE public.actions ADD CONSTRAINT actions_status_check CHECK (status IN ('open', 'in_progress', 'completed', 'verified', 'cancelled')) NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_status_check;
-- add check constraint actions.actions_verified_status_check
ALTER TABLE public.actions ADD CONSTRAINT actions_verified_status_check CHECK ((status = 'verified') = (verified_at IS NOT NULL)) NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_verified_status_check;
-- add check constraint actions.actions_verifier_check
ALTER TABLE public.actions ADD CONSTRAINT actions_verifier_check CHECK (verified_by_id <> completed_by_id) NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_verifier_check;
-- add foreign key actions.actions_completed_by_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_completed_by_id_fkey FOREIGN KEY (completed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_completed_by_id_fkey;
-- add foreign key risk_assessment_actions.risk_assessment_actions_action_id_fkey
ALTER TABLE public.risk_assessment_actions ADD CONSTRAINT risk_assessment_actions_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id) ON DELETE RESTRICT;
-- add foreign key risk_assessment_actions.risk_assessment_actions_assessment_id_fkey
ALTER TABLE public.risk_assessment_actions ADD CONSTRAINT risk_assessment_actions_assessment_id_fkey FOREIGN KEY (assessment_id) REFERENCES public.risk_assessments(id) ON DELETE CASCADE;
-- add index ix_actions_completed_by_id on actions
CREATE INDEX CONCURRENTLY ix_actions_completed_by_id ON public.actions USING btree (completed_by_id);
-- add index ix_risk_assessment_actions_action_id on risk_assessment_actions
CREATE INDEX ix_risk_assessment_actions_action_id ON public.risk_assessment_actions USING btree (action_id);
-- comment on column actions.completed_by_id
COMMENT ON COLUMN public.actions.completed_by_id IS 'Whoever completed it may not verify it';
-- comments on risk_assessment_actions
COMMENT ON TABLE public.risk_assessment_actions IS 'Actions a risk assessment''s residual rating relied on';
-- +downgrade
-- drop foreign key actions.actions_completed_by_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_completed_by_id_fkey;
-- drop foreign key risk_assessment_actions.risk_assessment_actions_action_id_fkey
ALTER TABLE public.risk_assessment_actions DROP CONSTRAINT risk_assessment_actions_action_id_fkey;
-- drop foreign key risk_assessment_actions.risk_assessment_actions_assessment_id_fkey
ALTER TABLE public.risk_assessment_actions DROP CONSTRAINT risk_assessment_actions_assessment_id_fkey;
-- drop index ix_actions_completed_by_id on actions
DROP INDEX CONCURRENTLY public.ix_actions_completed_by_id;
-- drop check constraint actions.actions_completed_by_check
ALTER TABLE public.actions DROP CONSTRAINT actions_completed_by_check;
-- drop check constraint actions.actions_status_check
ALTER TABLE public.actions DROP CONSTRAINT actions_status_check;
-- drop check constraint actions.actions_verified_status_check
ALTER TABLE public.actions DROP CONSTRAINT actions_verified_status_check;
-- drop check constraint actions.actions_verifier_check
ALTER TABLE public.actions DROP CONSTRAINT actions_verifier_check;
-- drop table risk_assessment_actions
DROP TABLE public.risk_assessment_actions;
-- add column actions.closed_at timestamp with time zone
ALTER TABLE public.actions ADD COLUMN closed_at timestamp with time zone;
-- add column actions.closed_by_id bigint
ALTER TABLE public.actions ADD COLUMN closed_by_id bigint;
-- drop column actions.completed_by_id
ALTER TABLE public.actions DROP COLUMN completed_by_id;
-- map the statuses back: completed is pending_verification, verified is closed by its verifier;
-- in_progress, open and cancelled keep their names.
UPDATE public.actions SET status = 'closed', closed_at = verified_at, closed_by_id = verified_by_id WHERE status = 'verified';
UPDATE public.actions SET status = 'pending_verification' WHERE status = 'completed';
-- add check constraint actions.actions_closed_by_check
ALTER TABLE public.actions ADD CONSTRAINT actions_closed_by_check CHECK (((closed_by_id IS NULL) OR (closed_at IS NOT NULL))) NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_closed_by_check;
-- add check constraint actions.actions_closed_check
ALTER TABLE public.actions ADD CONSTRAINT actions_closed_check CHECK (((status = 'closed'::text) = (closed_at IS NOT NULL))) NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_closed_check;
-- add check constraint actions.actions_status_check
ALTER TABLE public.actions ADD CONSTRAINT actions_status_check CHECK ((status = ANY (ARRAY['open'::text, 'in_progress'::text, 'pending_verification'::text, 'closed'::text, 'cancelled'::text]))) NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_status_check;
-- add foreign key actions.actions_closed_by_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_closed_by_id_fkey FOREIGN KEY (closed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_closed_by_id_fkey;
-- add index ix_actions_closed_by_id on actions
CREATE INDEX CONCURRENTLY ix_actions_closed_by_id ON public.actions USING btree (closed_by_id);
-- comment on column actions.closed_at
COMMENT ON COLUMN public.actions.closed_at IS 'Set by the closing transition';
