-- revision: 7e580cd7ac84
-- down_revision: 52a72575da01
-- message: management reviews: inputs, outputs, attendees, standards; actions raised from a review
-- transactional: false
-- +upgrade
-- drop check constraint actions.actions_one_source_check
ALTER TABLE public.actions DROP CONSTRAINT actions_one_source_check;
-- add table management_review_attendees
CREATE TABLE public.management_review_attendees (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  review_id bigint NOT NULL,
  user_id bigint,
  name text,
  role text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT management_review_attendees_pkey PRIMARY KEY (id),
  CONSTRAINT management_review_attendees_name_check CHECK (char_length(name) BETWEEN 1 AND 200),
  CONSTRAINT management_review_attendees_role_check CHECK (char_length(role) BETWEEN 1 AND 200),
  CONSTRAINT management_review_attendees_one_person_check CHECK (num_nonnulls(user_id, name) = 1),
  CONSTRAINT management_review_attendees_external_role_check CHECK (name IS NULL OR role IS NOT NULL),
  CONSTRAINT management_review_attendees_version_check CHECK (version >= 1)
);
-- add table management_review_inputs
CREATE TABLE public.management_review_inputs (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  review_id bigint NOT NULL,
  kind text NOT NULL,
  summary text NOT NULL,
  not_applicable boolean DEFAULT false NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT management_review_inputs_pkey PRIMARY KEY (id),
  CONSTRAINT management_review_inputs_review_id_kind_key UNIQUE (review_id, kind),
  CONSTRAINT management_review_inputs_kind_check CHECK (kind IN ('previous_actions', 'context_changes', 'customer_feedback', 'objectives', 'process_performance', 'nonconformities_and_actions', 'monitoring_results', 'audit_results', 'external_providers', 'resources', 'risks_and_opportunities', 'improvement_opportunities')),
  CONSTRAINT management_review_inputs_summary_check CHECK (char_length(summary) BETWEEN 1 AND 10000),
  CONSTRAINT management_review_inputs_version_check CHECK (version >= 1)
);
-- add table management_review_output_actions
CREATE TABLE public.management_review_output_actions (
  output_id bigint NOT NULL,
  action_id bigint NOT NULL,
  CONSTRAINT management_review_output_actions_pkey PRIMARY KEY (output_id, action_id)
);
-- add table management_review_outputs
CREATE TABLE public.management_review_outputs (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  review_id bigint NOT NULL,
  kind text NOT NULL,
  decision text NOT NULL,
  owner_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT management_review_outputs_pkey PRIMARY KEY (id),
  CONSTRAINT management_review_outputs_kind_check CHECK (kind IN ('improvement', 'system_change', 'resource_need')),
  CONSTRAINT management_review_outputs_decision_check CHECK (char_length(decision) BETWEEN 1 AND 10000),
  CONSTRAINT management_review_outputs_version_check CHECK (version >= 1)
);
-- add table management_review_standards
CREATE TABLE public.management_review_standards (
  review_id bigint NOT NULL,
  standard_id bigint NOT NULL,
  CONSTRAINT management_review_standards_pkey PRIMARY KEY (review_id, standard_id)
);
-- add table management_reviews
CREATE TABLE public.management_reviews (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  reference_number text NOT NULL,
  chair_id bigint NOT NULL,
  title text NOT NULL,
  planned_date date NOT NULL,
  held_on date,
  status text DEFAULT 'planned' NOT NULL,
  minutes text,
  approved_at timestamp with time zone,
  approved_by_id bigint,
  cancelled_at timestamp with time zone,
  cancellation_reason text,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT management_reviews_pkey PRIMARY KEY (id),
  CONSTRAINT management_reviews_reference_number_key UNIQUE (reference_number),
  CONSTRAINT management_reviews_reference_number_check CHECK (reference_number ~ '^MRV-[0-9]{4}-([0-9]{4}|[1-9][0-9]{4,})$'),
  CONSTRAINT management_reviews_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT management_reviews_status_check CHECK (status IN ('planned', 'held', 'closed', 'cancelled')),
  CONSTRAINT management_reviews_minutes_check CHECK (char_length(minutes) BETWEEN 1 AND 50000),
  CONSTRAINT management_reviews_cancellation_reason_check CHECK (char_length(cancellation_reason) BETWEEN 1 AND 2000),
  CONSTRAINT management_reviews_held_on_check CHECK (status IN ('planned', 'cancelled') OR held_on IS NOT NULL),
  CONSTRAINT management_reviews_approved_check CHECK ((status = 'closed') = (approved_at IS NOT NULL)),
  CONSTRAINT management_reviews_approved_by_check CHECK ((approved_at IS NULL) = (approved_by_id IS NULL)),
  CONSTRAINT management_reviews_approver_check CHECK (approved_by_id <> chair_id),
  CONSTRAINT management_reviews_closed_has_minutes_check CHECK (status <> 'closed' OR minutes IS NOT NULL),
  CONSTRAINT management_reviews_cancelled_check CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CONSTRAINT management_reviews_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT management_reviews_version_check CHECK (version >= 1)
);
-- add column actions.management_review_id bigint
ALTER TABLE public.actions ADD COLUMN management_review_id bigint;
-- add check constraint actions.actions_one_source_check
ALTER TABLE public.actions ADD CONSTRAINT actions_one_source_check CHECK (num_nonnulls(finding_id, incident_id, risk_id, complaint_id, collision_id, policy_id, management_review_id) = 1) NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_one_source_check;
-- add foreign key actions.actions_management_review_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_management_review_id_fkey FOREIGN KEY (management_review_id) REFERENCES public.management_reviews(id) ON DELETE RESTRICT NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_management_review_id_fkey;
-- add foreign key management_review_attendees.management_review_attendees_created_by_id_fkey
ALTER TABLE public.management_review_attendees ADD CONSTRAINT management_review_attendees_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key management_review_attendees.management_review_attendees_review_id_fkey
ALTER TABLE public.management_review_attendees ADD CONSTRAINT management_review_attendees_review_id_fkey FOREIGN KEY (review_id) REFERENCES public.management_reviews(id) ON DELETE CASCADE;
-- add foreign key management_review_attendees.management_review_attendees_updated_by_id_fkey
ALTER TABLE public.management_review_attendees ADD CONSTRAINT management_review_attendees_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key management_review_attendees.management_review_attendees_user_id_fkey
ALTER TABLE public.management_review_attendees ADD CONSTRAINT management_review_attendees_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key management_review_inputs.management_review_inputs_created_by_id_fkey
ALTER TABLE public.management_review_inputs ADD CONSTRAINT management_review_inputs_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key management_review_inputs.management_review_inputs_review_id_fkey
ALTER TABLE public.management_review_inputs ADD CONSTRAINT management_review_inputs_review_id_fkey FOREIGN KEY (review_id) REFERENCES public.management_reviews(id) ON DELETE CASCADE;
-- add foreign key management_review_inputs.management_review_inputs_updated_by_id_fkey
ALTER TABLE public.management_review_inputs ADD CONSTRAINT management_review_inputs_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key management_review_output_actions.management_review_output_actions_action_id_fkey
ALTER TABLE public.management_review_output_actions ADD CONSTRAINT management_review_output_actions_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id) ON DELETE RESTRICT;
-- add foreign key management_review_output_actions.management_review_output_actions_output_id_fkey
ALTER TABLE public.management_review_output_actions ADD CONSTRAINT management_review_output_actions_output_id_fkey FOREIGN KEY (output_id) REFERENCES public.management_review_outputs(id) ON DELETE CASCADE;
-- add foreign key management_review_outputs.management_review_outputs_created_by_id_fkey
ALTER TABLE public.management_review_outputs ADD CONSTRAINT management_review_outputs_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key management_review_outputs.management_review_outputs_owner_id_fkey
ALTER TABLE public.management_review_outputs ADD CONSTRAINT management_review_outputs_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key management_review_outputs.management_review_outputs_review_id_fkey
ALTER TABLE public.management_review_outputs ADD CONSTRAINT management_review_outputs_review_id_fkey FOREIGN KEY (review_id) REFERENCES public.management_reviews(id) ON DELETE CASCADE;
-- add foreign key management_review_outputs.management_review_outputs_updated_by_id_fkey
ALTER TABLE public.management_review_outputs ADD CONSTRAINT management_review_outputs_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key management_review_standards.management_review_standards_review_id_fkey
ALTER TABLE public.management_review_standards ADD CONSTRAINT management_review_standards_review_id_fkey FOREIGN KEY (review_id) REFERENCES public.management_reviews(id) ON DELETE CASCADE;
-- add foreign key management_review_standards.management_review_standards_standard_id_fkey
ALTER TABLE public.management_review_standards ADD CONSTRAINT management_review_standards_standard_id_fkey FOREIGN KEY (standard_id) REFERENCES public.standards(id) ON DELETE RESTRICT;
-- add foreign key management_reviews.management_reviews_approved_by_id_fkey
ALTER TABLE public.management_reviews ADD CONSTRAINT management_reviews_approved_by_id_fkey FOREIGN KEY (approved_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key management_reviews.management_reviews_archived_by_id_fkey
ALTER TABLE public.management_reviews ADD CONSTRAINT management_reviews_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key management_reviews.management_reviews_chair_id_fkey
ALTER TABLE public.management_reviews ADD CONSTRAINT management_reviews_chair_id_fkey FOREIGN KEY (chair_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key management_reviews.management_reviews_created_by_id_fkey
ALTER TABLE public.management_reviews ADD CONSTRAINT management_reviews_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key management_reviews.management_reviews_updated_by_id_fkey
ALTER TABLE public.management_reviews ADD CONSTRAINT management_reviews_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add index ix_actions_management_review_id on actions
CREATE INDEX CONCURRENTLY ix_actions_management_review_id ON public.actions USING btree (management_review_id);
-- add index ix_management_review_attendees_created_by_id on management_review_attendees
CREATE INDEX ix_management_review_attendees_created_by_id ON public.management_review_attendees USING btree (created_by_id);
-- add index ix_management_review_attendees_review_id on management_review_attendees
CREATE INDEX ix_management_review_attendees_review_id ON public.management_review_attendees USING btree (review_id);
-- add index ix_management_review_attendees_updated_by_id on management_review_attendees
CREATE INDEX ix_management_review_attendees_updated_by_id ON public.management_review_attendees USING btree (updated_by_id);
-- add index ix_management_review_attendees_user_id on management_review_attendees
CREATE INDEX ix_management_review_attendees_user_id ON public.management_review_attendees USING btree (user_id);
-- add index ix_management_review_inputs_created_by_id on management_review_inputs
CREATE INDEX ix_management_review_inputs_created_by_id ON public.management_review_inputs USING btree (created_by_id);
-- add index ix_management_review_inputs_updated_by_id on management_review_inputs
CREATE INDEX ix_management_review_inputs_updated_by_id ON public.management_review_inputs USING btree (updated_by_id);
-- add index ix_management_review_output_actions_action_id on management_review_output_actions
CREATE INDEX ix_management_review_output_actions_action_id ON public.management_review_output_actions USING btree (action_id);
-- add index ix_management_review_outputs_created_by_id on management_review_outputs
CREATE INDEX ix_management_review_outputs_created_by_id ON public.management_review_outputs USING btree (created_by_id);
-- add index ix_management_review_outputs_owner_id on management_review_outputs
CREATE INDEX ix_management_review_outputs_owner_id ON public.management_review_outputs USING btree (owner_id);
-- add index ix_management_review_outputs_review_id on management_review_outputs
CREATE INDEX ix_management_review_outputs_review_id ON public.management_review_outputs USING btree (review_id);
-- add index ix_management_review_outputs_updated_by_id on management_review_outputs
CREATE INDEX ix_management_review_outputs_updated_by_id ON public.management_review_outputs USING btree (updated_by_id);
-- add index ix_management_review_standards_standard_id on management_review_standards
CREATE INDEX ix_management_review_standards_standard_id ON public.management_review_standards USING btree (standard_id);
-- add index ix_management_reviews_approved_by_id on management_reviews
CREATE INDEX ix_management_reviews_approved_by_id ON public.management_reviews USING btree (approved_by_id);
-- add index ix_management_reviews_archived_by_id on management_reviews
CREATE INDEX ix_management_reviews_archived_by_id ON public.management_reviews USING btree (archived_by_id);
-- add index ix_management_reviews_chair_id on management_reviews
CREATE INDEX ix_management_reviews_chair_id ON public.management_reviews USING btree (chair_id);
-- add index ix_management_reviews_created_by_id on management_reviews
CREATE INDEX ix_management_reviews_created_by_id ON public.management_reviews USING btree (created_by_id);
-- add index ix_management_reviews_planned_date on management_reviews
CREATE INDEX ix_management_reviews_planned_date ON public.management_reviews USING btree (planned_date);
-- add index ix_management_reviews_status on management_reviews
CREATE INDEX ix_management_reviews_status ON public.management_reviews USING btree (status);
-- add index ix_management_reviews_updated_by_id on management_reviews
CREATE INDEX ix_management_reviews_updated_by_id ON public.management_reviews USING btree (updated_by_id);
-- add trigger trg_management_review_attendees_updated_at on management_review_attendees
CREATE TRIGGER trg_management_review_attendees_updated_at BEFORE UPDATE ON public.management_review_attendees FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_management_review_inputs_updated_at on management_review_inputs
CREATE TRIGGER trg_management_review_inputs_updated_at BEFORE UPDATE ON public.management_review_inputs FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_management_review_outputs_updated_at on management_review_outputs
CREATE TRIGGER trg_management_review_outputs_updated_at BEFORE UPDATE ON public.management_review_outputs FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_management_reviews_updated_at on management_reviews
CREATE TRIGGER trg_management_reviews_updated_at BEFORE UPDATE ON public.management_reviews FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- comment on column actions.management_review_id
COMMENT ON COLUMN public.actions.management_review_id IS 'The management review whose output raised it (ISO 9.3.3)';
-- comments on management_review_attendees
COMMENT ON TABLE public.management_review_attendees IS 'Who attended a management review: a user, or a named external person';
COMMENT ON COLUMN public.management_review_attendees.user_id IS 'A user who attended (or name is set)';
COMMENT ON COLUMN public.management_review_attendees.name IS 'An external person who attended (or user_id is set)';
COMMENT ON COLUMN public.management_review_attendees.role IS 'Their role at the review; required for an external person';
COMMENT ON COLUMN public.management_review_attendees.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.management_review_attendees.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on management_review_inputs
COMMENT ON TABLE public.management_review_inputs IS 'A management review''s 9.3.2 inputs, one per kind (or why it does not apply)';
COMMENT ON COLUMN public.management_review_inputs.kind IS 'The 9.3.2 input (one row per kind and review)';
COMMENT ON COLUMN public.management_review_inputs.summary IS 'What was presented; when not_applicable, why the input does not apply';
COMMENT ON COLUMN public.management_review_inputs.not_applicable IS 'The input does not apply to this review (the summary says why)';
COMMENT ON COLUMN public.management_review_inputs.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.management_review_inputs.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on management_review_output_actions
COMMENT ON TABLE public.management_review_output_actions IS 'Actions raised from a management review''s output';
-- comments on management_review_outputs
COMMENT ON TABLE public.management_review_outputs IS 'A management review''s 9.3.3 outputs: decisions and who carries them out';
COMMENT ON COLUMN public.management_review_outputs.kind IS 'improvement (an opportunity), system_change (a change to the management system) or resource_need';
COMMENT ON COLUMN public.management_review_outputs.owner_id IS 'Who carries the decision out';
COMMENT ON COLUMN public.management_review_outputs.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.management_review_outputs.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on management_review_standards
COMMENT ON TABLE public.management_review_standards IS 'The standards whose management system a review covers';
-- comments on management_reviews
COMMENT ON TABLE public.management_reviews IS 'Management reviews (ISO 9.3): inputs, outputs and the approved minutes';
COMMENT ON COLUMN public.management_reviews.reference_number IS 'MRV-YYYY-NNNN, a sequence per (prefix, UTC year); past 9999 the number grows to 10000, 10001, ... (docs/adr/0012)';
COMMENT ON COLUMN public.management_reviews.chair_id IS 'Top management chairing it; never the one approving';
COMMENT ON COLUMN public.management_reviews.held_on IS 'The day it was held; needed to move to held (or sent with that move)';
COMMENT ON COLUMN public.management_reviews.minutes IS 'The minutes; needed to close (approve) the review';
COMMENT ON COLUMN public.management_reviews.approved_at IS 'When the minutes were approved (the move to closed)';
COMMENT ON COLUMN public.management_reviews.approved_by_id IS 'Who approved the minutes; never the chair';
COMMENT ON COLUMN public.management_reviews.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.management_reviews.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.management_reviews.version IS 'Optimistic concurrency: an update must name the version it read';
-- +downgrade
-- drop foreign key actions.actions_management_review_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_management_review_id_fkey;
-- drop foreign key management_review_attendees.management_review_attendees_created_by_id_fkey
ALTER TABLE public.management_review_attendees DROP CONSTRAINT management_review_attendees_created_by_id_fkey;
-- drop foreign key management_review_attendees.management_review_attendees_review_id_fkey
ALTER TABLE public.management_review_attendees DROP CONSTRAINT management_review_attendees_review_id_fkey;
-- drop foreign key management_review_attendees.management_review_attendees_updated_by_id_fkey
ALTER TABLE public.management_review_attendees DROP CONSTRAINT management_review_attendees_updated_by_id_fkey;
-- drop foreign key management_review_attendees.management_review_attendees_user_id_fkey
ALTER TABLE public.management_review_attendees DROP CONSTRAINT management_review_attendees_user_id_fkey;
-- drop foreign key management_review_inputs.management_review_inputs_created_by_id_fkey
ALTER TABLE public.management_review_inputs DROP CONSTRAINT management_review_inputs_created_by_id_fkey;
-- drop foreign key management_review_inputs.management_review_inputs_review_id_fkey
ALTER TABLE public.management_review_inputs DROP CONSTRAINT management_review_inputs_review_id_fkey;
-- drop foreign key management_review_inputs.management_review_inputs_updated_by_id_fkey
ALTER TABLE public.management_review_inputs DROP CONSTRAINT management_review_inputs_updated_by_id_fkey;
-- drop foreign key management_review_output_actions.management_review_output_actions_action_id_fkey
ALTER TABLE public.management_review_output_actions DROP CONSTRAINT management_review_output_actions_action_id_fkey;
-- drop foreign key management_review_output_actions.management_review_output_actions_output_id_fkey
ALTER TABLE public.management_review_output_actions DROP CONSTRAINT management_review_output_actions_output_id_fkey;
-- drop foreign key management_review_outputs.management_review_outputs_created_by_id_fkey
ALTER TABLE public.management_review_outputs DROP CONSTRAINT management_review_outputs_created_by_id_fkey;
-- drop foreign key management_review_outputs.management_review_outputs_owner_id_fkey
ALTER TABLE public.management_review_outputs DROP CONSTRAINT management_review_outputs_owner_id_fkey;
-- drop foreign key management_review_outputs.management_review_outputs_review_id_fkey
ALTER TABLE public.management_review_outputs DROP CONSTRAINT management_review_outputs_review_id_fkey;
-- drop foreign key management_review_outputs.management_review_outputs_updated_by_id_fkey
ALTER TABLE public.management_review_outputs DROP CONSTRAINT management_review_outputs_updated_by_id_fkey;
-- drop foreign key management_review_standards.management_review_standards_review_id_fkey
ALTER TABLE public.management_review_standards DROP CONSTRAINT management_review_standards_review_id_fkey;
-- drop foreign key management_review_standards.management_review_standards_standard_id_fkey
ALTER TABLE public.management_review_standards DROP CONSTRAINT management_review_standards_standard_id_fkey;
-- drop foreign key management_reviews.management_reviews_approved_by_id_fkey
ALTER TABLE public.management_reviews DROP CONSTRAINT management_reviews_approved_by_id_fkey;
-- drop foreign key management_reviews.management_reviews_archived_by_id_fkey
ALTER TABLE public.management_reviews DROP CONSTRAINT management_reviews_archived_by_id_fkey;
-- drop foreign key management_reviews.management_reviews_chair_id_fkey
ALTER TABLE public.management_reviews DROP CONSTRAINT management_reviews_chair_id_fkey;
-- drop foreign key management_reviews.management_reviews_created_by_id_fkey
ALTER TABLE public.management_reviews DROP CONSTRAINT management_reviews_created_by_id_fkey;
-- drop foreign key management_reviews.management_reviews_updated_by_id_fkey
ALTER TABLE public.management_reviews DROP CONSTRAINT management_reviews_updated_by_id_fkey;
-- drop index ix_actions_management_review_id on actions
DROP INDEX CONCURRENTLY public.ix_actions_management_review_id;
-- drop check constraint actions.actions_one_source_check
ALTER TABLE public.actions DROP CONSTRAINT actions_one_source_check;
-- drop table management_review_attendees
DROP TABLE public.management_review_attendees;
-- drop table management_review_inputs
DROP TABLE public.management_review_inputs;
-- drop table management_review_output_actions
DROP TABLE public.management_review_output_actions;
-- drop table management_review_outputs
DROP TABLE public.management_review_outputs;
-- drop table management_review_standards
DROP TABLE public.management_review_standards;
-- drop table management_reviews
DROP TABLE public.management_reviews;
-- drop column actions.management_review_id
ALTER TABLE public.actions DROP COLUMN management_review_id;
-- add check constraint actions.actions_one_source_check
ALTER TABLE public.actions ADD CONSTRAINT actions_one_source_check CHECK ((num_nonnulls(finding_id, incident_id, risk_id, complaint_id, collision_id, policy_id) = 1)) NOT VALID;
ALTER TABLE public.actions VALIDATE CONSTRAINT actions_one_source_check;
