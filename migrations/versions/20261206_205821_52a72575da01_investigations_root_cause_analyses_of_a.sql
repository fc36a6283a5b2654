-- revision: 52a72575da01
-- down_revision: a95b45d1340e
-- message: investigations: root cause analyses of a case, their whys, factors and actions
-- transactional: true
-- +upgrade
-- add table investigation_actions
CREATE TABLE public.investigation_actions (
  investigation_id bigint NOT NULL,
  action_id bigint NOT NULL,
  CONSTRAINT investigation_actions_pkey PRIMARY KEY (investigation_id, action_id)
);
-- add table investigation_factors
CREATE TABLE public.investigation_factors (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  investigation_id bigint NOT NULL,
  category text NOT NULL,
  factor text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT investigation_factors_pkey PRIMARY KEY (id),
  CONSTRAINT investigation_factors_category_check CHECK (category IN ('people', 'machine', 'method', 'material', 'measurement', 'environment')),
  CONSTRAINT investigation_factors_factor_check CHECK (char_length(factor) BETWEEN 1 AND 4000),
  CONSTRAINT investigation_factors_version_check CHECK (version >= 1)
);
-- add table investigation_whys
CREATE TABLE public.investigation_whys (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  investigation_id bigint NOT NULL,
  position integer NOT NULL,
  why text NOT NULL,
  answer text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT investigation_whys_pkey PRIMARY KEY (id),
  CONSTRAINT investigation_whys_investigation_id_position_key UNIQUE (investigation_id, position),
  CONSTRAINT investigation_whys_why_check CHECK (char_length(why) BETWEEN 1 AND 2000),
  CONSTRAINT investigation_whys_answer_check CHECK (char_length(answer) BETWEEN 1 AND 4000),
  CONSTRAINT investigation_whys_position_check CHECK (position >= 1),
  CONSTRAINT investigation_whys_version_check CHECK (version >= 1)
);
-- add table investigations
CREATE TABLE public.investigations (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  reference_number text NOT NULL,
  investigator_id bigint NOT NULL,
  title text NOT NULL,
  incident_id bigint,
  status text DEFAULT 'open' NOT NULL,
  root_cause text,
  submitted_at timestamp with time zone,
  signed_off_at timestamp with time zone,
  signed_off_by_id bigint,
  sign_off_notes text,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT investigations_pkey PRIMARY KEY (id),
  CONSTRAINT investigations_reference_number_key UNIQUE (reference_number),
  CONSTRAINT investigations_reference_number_check CHECK (reference_number ~ '^INV-[0-9]{4}-([0-9]{4}|[1-9][0-9]{4,})$'),
  CONSTRAINT investigations_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT investigations_status_check CHECK (status IN ('open', 'in_review', 'signed_off')),
  CONSTRAINT investigations_root_cause_check CHECK (char_length(root_cause) BETWEEN 1 AND 10000),
  CONSTRAINT investigations_one_case_check CHECK (num_nonnulls(incident_id) = 1),
  CONSTRAINT investigations_signed_off_check CHECK ((status = 'signed_off') = (signed_off_at IS NOT NULL)),
  CONSTRAINT investigations_signed_off_by_check CHECK ((signed_off_at IS NULL) = (signed_off_by_id IS NULL)),
  CONSTRAINT investigations_signer_check CHECK (signed_off_by_id <> investigator_id),
  CONSTRAINT investigations_in_review_has_root_cause_check CHECK (status = 'open' OR root_cause IS NOT NULL),
  CONSTRAINT investigations_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT investigations_version_check CHECK (version >= 1)
);
-- add foreign key investigation_actions.investigation_actions_action_id_fkey
ALTER TABLE public.investigation_actions ADD CONSTRAINT investigation_actions_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id) ON DELETE RESTRICT;
-- add foreign key investigation_actions.investigation_actions_investigation_id_fkey
ALTER TABLE public.investigation_actions ADD CONSTRAINT investigation_actions_investigation_id_fkey FOREIGN KEY (investigation_id) REFERENCES public.investigations(id) ON DELETE CASCADE;
-- add foreign key investigation_factors.investigation_factors_created_by_id_fkey
ALTER TABLE public.investigation_factors ADD CONSTRAINT investigation_factors_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key investigation_factors.investigation_factors_investigation_id_fkey
ALTER TABLE public.investigation_factors ADD CONSTRAINT investigation_factors_investigation_id_fkey FOREIGN KEY (investigation_id) REFERENCES public.investigations(id) ON DELETE CASCADE;
-- add foreign key investigation_factors.investigation_factors_updated_by_id_fkey
ALTER TABLE public.investigation_factors ADD CONSTRAINT investigation_factors_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key investigation_whys.investigation_whys_created_by_id_fkey
ALTER TABLE public.investigation_whys ADD CONSTRAINT investigation_whys_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key investigation_whys.investigation_whys_investigation_id_fkey
ALTER TABLE public.investigation_whys ADD CONSTRAINT investigation_whys_investigation_id_fkey FOREIGN KEY (investigation_id) REFERENCES public.investigations(id) ON DELETE CASCADE;
-- add foreign key investigation_whys.investigation_whys_updated_by_id_fkey
ALTER TABLE public.investigation_whys ADD CONSTRAINT investigation_whys_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key investigations.investigations_archived_by_id_fkey
ALTER TABLE public.investigations ADD CONSTRAINT investigations_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key investigations.investigations_created_by_id_fkey
ALTER TABLE public.investigations ADD CONSTRAINT investigations_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key investigations.investigations_incident_id_fkey
ALTER TABLE public.investigations ADD CONSTRAINT investigations_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES public.incidents(id) ON DELETE RESTRICT;
-- add foreign key investigations.investigations_investigator_id_fkey
ALTER TABLE public.investigations ADD CONSTRAINT investigations_investigator_id_fkey FOREIGN KEY (investigator_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key investigations.investigations_signed_off_by_id_fkey
ALTER TABLE public.investigations ADD CONSTRAINT investigations_signed_off_by_id_fkey FOREIGN KEY (signed_off_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key investigations.investigations_updated_by_id_fkey
ALTER TABLE public.investigations ADD CONSTRAINT investigations_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add index ix_investigation_actions_action_id on investigation_actions
CREATE INDEX ix_investigation_actions_action_id ON public.investigation_actions USING btree (action_id);
-- add index ix_investigation_factors_created_by_id on investigation_factors
CREATE INDEX ix_investigation_factors_created_by_id ON public.investigation_factors USING btree (created_by_id);
-- add index ix_investigation_factors_investigation_id on investigation_factors
CREATE INDEX ix_investigation_factors_investigation_id ON public.investigation_factors USING btree (investigation_id);
-- add index ix_investigation_factors_updated_by_id on investigation_factors
CREATE INDEX ix_investigation_factors_updated_by_id ON public.investigation_factors USING btree (updated_by_id);
-- add index ix_investigation_whys_created_by_id on investigation_whys
CREATE INDEX ix_investigation_whys_created_by_id ON public.investigation_whys USING btree (created_by_id);
-- add index ix_investigation_whys_updated_by_id on investigation_whys
CREATE INDEX ix_investigation_whys_updated_by_id ON public.investigation_whys USING btree (updated_by_id);
-- add index ix_investigations_archived_by_id on investigations
CREATE INDEX ix_investigations_archived_by_id ON public.investigations USING btree (archived_by_id);
-- add index ix_investigations_created_at on investigations
CREATE INDEX ix_investigations_created_at ON public.investigations USING btree (created_at);
-- add index ix_investigations_created_by_id on investigations
CREATE INDEX ix_investigations_created_by_id ON public.investigations USING btree (created_by_id);
-- add index ix_investigations_incident_id on investigations
CREATE INDEX ix_investigations_incident_id ON public.investigations USING btree (incident_id);
-- add index ix_investigations_investigator_id on investigations
CREATE INDEX ix_investigations_investigator_id ON public.investigations USING btree (investigator_id);
-- add index ix_investigations_signed_off_by_id on investigations
CREATE INDEX ix_investigations_signed_off_by_id ON public.investigations USING btree (signed_off_by_id);
-- add index ix_investigations_status on investigations
CREATE INDEX ix_investigations_status ON public.investigations USING btree (status);
-- add index ix_investigations_updated_by_id on investigations
CREATE INDEX ix_investigations_updated_by_id ON public.investigations USING btree (updated_by_id);
-- add trigger trg_investigation_factors_updated_at on investigation_factors
CREATE TRIGGER trg_investigation_factors_updated_at BEFORE UPDATE ON public.investigation_factors FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_investigation_whys_updated_at on investigation_whys
CREATE TRIGGER trg_investigation_whys_updated_at BEFORE UPDATE ON public.investigation_whys FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_investigations_updated_at on investigations
CREATE TRIGGER trg_investigations_updated_at BEFORE UPDATE ON public.investigations FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- comments on investigation_actions
COMMENT ON TABLE public.investigation_actions IS 'Actions raised from an investigation';
-- comments on investigation_factors
COMMENT ON TABLE public.investigation_factors IS 'Contributing factors of an investigation''s fishbone, by 6M category';
COMMENT ON COLUMN public.investigation_factors.category IS 'The 6M: people (man), machine, method, material, measurement, environment (mother nature)';
COMMENT ON COLUMN public.investigation_factors.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.investigation_factors.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on investigation_whys
COMMENT ON TABLE public.investigation_whys IS 'The 5-whys of an investigation, in the order asked';
COMMENT ON COLUMN public.investigation_whys.position IS '1 for the first why, then in the order they were asked';
COMMENT ON COLUMN public.investigation_whys.why IS 'The question: why did this happen?';
COMMENT ON COLUMN public.investigation_whys.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.investigation_whys.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on investigations
COMMENT ON TABLE public.investigations IS 'Root cause analyses (5-whys, fishbone) of a case, signed off by a second person';
COMMENT ON COLUMN public.investigations.reference_number IS 'INV-YYYY-NNNN, a sequence per (prefix, UTC year); past 9999 the number grows to 10000, 10001, ... (docs/adr/0012)';
COMMENT ON COLUMN public.investigations.investigator_id IS 'Who leads it; never the one who signs it off';
COMMENT ON COLUMN public.investigations.incident_id IS 'The case investigated (exactly one case is set)';
COMMENT ON COLUMN public.investigations.root_cause IS 'The root cause statement; needed to go to review';
COMMENT ON COLUMN public.investigations.submitted_at IS 'When it last went to review';
COMMENT ON COLUMN public.investigations.signed_off_by_id IS 'Never the investigator';
COMMENT ON COLUMN public.investigations.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.investigations.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.investigations.version IS 'Optimistic concurrency: an update must name the version it read';
-- +downgrade
-- drop foreign key investigation_actions.investigation_actions_action_id_fkey
ALTER TABLE public.investigation_actions DROP CONSTRAINT investigation_actions_action_id_fkey;
-- drop foreign key investigation_actions.investigation_actions_investigation_id_fkey
ALTER TABLE public.investigation_actions DROP CONSTRAINT investigation_actions_investigation_id_fkey;
-- drop foreign key investigation_factors.investigation_factors_created_by_id_fkey
ALTER TABLE public.investigation_factors DROP CONSTRAINT investigation_factors_created_by_id_fkey;
-- drop foreign key investigation_factors.investigation_factors_investigation_id_fkey
ALTER TABLE public.investigation_factors DROP CONSTRAINT investigation_factors_investigation_id_fkey;
-- drop foreign key investigation_factors.investigation_factors_updated_by_id_fkey
ALTER TABLE public.investigation_factors DROP CONSTRAINT investigation_factors_updated_by_id_fkey;
-- drop foreign key investigation_whys.investigation_whys_created_by_id_fkey
ALTER TABLE public.investigation_whys DROP CONSTRAINT investigation_whys_created_by_id_fkey;
-- drop foreign key investigation_whys.investigation_whys_investigation_id_fkey
ALTER TABLE public.investigation_whys DROP CONSTRAINT investigation_whys_investigation_id_fkey;
-- drop foreign key investigation_whys.investigation_whys_updated_by_id_fkey
ALTER TABLE public.investigation_whys DROP CONSTRAINT investigation_whys_updated_by_id_fkey;
-- drop foreign key investigations.investigations_archived_by_id_fkey
ALTER TABLE public.investigations DROP CONSTRAINT investigations_archived_by_id_fkey;
-- drop foreign key investigations.investigations_created_by_id_fkey
ALTER TABLE public.investigations DROP CONSTRAINT investigations_created_by_id_fkey;
-- drop foreign key investigations.investigations_incident_id_fkey
ALTER TABLE public.investigations DROP CONSTRAINT investigations_incident_id_fkey;
-- drop foreign key investigations.investigations_investigator_id_fkey
ALTER TABLE public.investigations DROP CONSTRAINT investigations_investigator_id_fkey;
-- drop foreign key investigations.investigations_signed_off_by_id_fkey
ALTER TABLE public.investigations DROP CONSTRAINT investigations_signed_off_by_id_fkey;
-- drop foreign key investigations.investigations_updated_by_id_fkey
ALTER TABLE public.investigations DROP CONSTRAINT investigations_updated_by_id_fkey;
-- drop table investigation_actions
DROP TABLE public.investigation_actions;
-- drop table investigation_factors
DROP TABLE public.investigation_factors;
-- drop table investigation_whys
DROP TABLE public.investigation_whys;
-- drop table investigations
DROP TABLE public.investigations;
