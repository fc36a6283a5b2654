-- revision: 97d1026c676e
-- down_revision: ded09b85cdfc
-- message: incidents: people and witnesses as rows, the RIDDOR decision, the new workflow
-- transactional: true
-- +upgrade
-- drop check constraint incidents.incidents_days_lost_check
ALTER TABLE public.incidents DROP CONSTRAINT incidents_days_lost_check;
-- drop check constraint incidents.incidents_riddor_category_check
ALTER TABLE public.incidents DROP CONSTRAINT incidents_riddor_category_check;
-- drop check constraint incidents.incidents_status_check
ALTER TABLE public.incidents DROP CONSTRAINT incidents_status_check;
-- add table incident_people
CREATE TABLE public.incident_people (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  incident_id bigint NOT NULL,
  role text DEFAULT 'involved' NOT NULL,
  person_type text DEFAULT 'worker' NOT NULL,
  name text NOT NULL,
  user_id bigint,
  injury_type text,
  body_part text,
  specified_injury text,
  died boolean DEFAULT false NOT NULL,
  taken_to_hospital boolean DEFAULT false NOT NULL,
  days_off_work integer,
  statement text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT incident_people_pkey PRIMARY KEY (id),
  CONSTRAINT incident_people_role_check CHECK (role IN ('involved', 'witness')),
  CONSTRAINT incident_people_person_type_check CHECK (person_type IN ('worker', 'non_worker')),
  CONSTRAINT incident_people_name_check CHECK (char_length(name) BETWEEN 1 AND 200),
  CONSTRAINT incident_people_injury_type_check CHECK (injury_type IN ('cut_laceration', 'bruise', 'sprain_strain', 'fracture', 'burn', 'amputation', 'crush', 'puncture', 'eye_injury', 'head_injury', 'electric_shock', 'poisoning', 'other')),
  CONSTRAINT incident_people_body_part_check CHECK (body_part IN ('head', 'eye', 'face', 'neck', 'back', 'chest', 'abdomen', 'arm', 'hand', 'finger', 'leg', 'foot', 'toe', 'multiple', 'other')),
  CONSTRAINT incident_people_specified_injury_check CHECK (specified_injury IN ('fracture', 'amputation', 'sight_loss', 'crush_injury', 'serious_burn', 'scalping', 'loss_of_consciousness', 'enclosed_space')),
  CONSTRAINT incident_people_statement_check CHECK (char_length(statement) BETWEEN 1 AND 10000),
  CONSTRAINT incident_people_version_check CHECK (version >= 1)
);
-- add column incidents.aware_at timestamp with time zone
ALTER TABLE public.incidents ADD COLUMN aware_at timestamp with time zone;
-- add column incidents.work_related boolean
ALTER TABLE public.incidents ADD COLUMN work_related boolean DEFAULT true NOT NULL;
-- add column incidents.gas_incident boolean
ALTER TABLE public.incidents ADD COLUMN gas_incident boolean DEFAULT false NOT NULL;
-- add column incidents.diagnosed_on date
ALTER TABLE public.incidents ADD COLUMN diagnosed_on date;
-- add column incidents.riddor_decided_at timestamp with time zone
ALTER TABLE public.incidents ADD COLUMN riddor_decided_at timestamp with time zone;
-- add column incidents.closure_override_reason text
ALTER TABLE public.incidents ADD COLUMN closure_override_reason text;
-- drop column incidents.people_involved
-- REVIEW: destructive: drops column incidents.people_involved and its data; if it was renamed, declare renamed_from
-- qgp-lint: allow ban-drop-column reason: no release ever wrote these free-text columns (incidents had no route before this one); people and witnesses are rows of incident_people, days off work a fact of each person
ALTER TABLE public.incidents DROP COLUMN people_involved;
-- drop column incidents.witnesses
-- REVIEW: destructive: drops column incidents.witnesses and its data; if it was renamed, declare renamed_from
-- qgp-lint: allow ban-drop-column reason: no release ever wrote these free-text columns (incidents had no route before this one); people and witnesses are rows of incident_people, days off work a fact of each person
ALTER TABLE public.incidents DROP COLUMN witnesses;
-- drop column incidents.days_lost
-- REVIEW: destructive: drops column incidents.days_lost and its data; if it was renamed, declare renamed_from
-- qgp-lint: allow ban-drop-column reason: no release ever wrote these free-text columns (incidents had no route before this one); people and witnesses are rows of incident_people, days off work a fact of each person
ALTER TABLE public.incidents DROP COLUMN days_lost;
-- add check constraint incidents.incidents_aware_after_occurred_check
ALTER TABLE public.incidents ADD CONSTRAINT incidents_aware_after_occurred_check CHECK (aware_at >= occurred_at) NOT VALID;
-- qgp-lint: allow constraint-missing-not-valid reason: no release ever wrote incidents (it had no route before this revision): the scan reads an empty table
ALTER TABLE public.incidents VALIDATE CONSTRAINT incidents_aware_after_occurred_check;
-- add check constraint incidents.incidents_closure_override_reason_check
ALTER TABLE public.incidents ADD CONSTRAINT incidents_closure_override_reason_check CHECK (char_length(closure_override_reason) BETWEEN 1 AND 4000) NOT VALID;
-- qgp-lint: allow constraint-missing-not-valid reason: no release ever wrote incidents (it had no route before this revision): the scan reads an empty table
ALTER TABLE public.incidents VALIDATE CONSTRAINT incidents_closure_override_reason_check;
-- add check constraint incidents.incidents_riddor_category_check
ALTER TABLE public.incidents ADD CONSTRAINT incidents_riddor_category_check CHECK (riddor_category IN ('death', 'specified_injury', 'over_seven_day_incapacitation', 'non_worker_hospital', 'occupational_disease', 'dangerous_occurrence', 'gas_incident', 'over_three_day_incapacitation')) NOT VALID;
-- qgp-lint: allow constraint-missing-not-valid reason: no release ever wrote incidents (it had no route before this revision): the scan reads an empty table
ALTER TABLE public.incidents VALIDATE CONSTRAINT incidents_riddor_category_check;
-- add check constraint incidents.incidents_riddor_decided_check
ALTER TABLE public.incidents ADD CONSTRAINT incidents_riddor_decided_check CHECK ((riddor_decided_at IS NULL) = (riddor_confirmed_by_id IS NULL)) NOT VALID;
-- qgp-lint: allow constraint-missing-not-valid reason: no release ever wrote incidents (it had no route before this revision): the scan reads an empty table
ALTER TABLE public.incidents VALIDATE CONSTRAINT incidents_riddor_decided_check;
-- add check constraint incidents.incidents_status_check
ALTER TABLE public.incidents ADD CONSTRAINT incidents_status_check CHECK (status IN ('reported', 'triaged', 'under_investigation', 'actions', 'review', 'closed')) NOT VALID;
-- qgp-lint: allow constraint-missing-not-valid reason: no release ever wrote incidents (it had no route before this revision): the scan reads an empty table
ALTER TABLE public.incidents VALIDATE CONSTRAINT incidents_status_check;
-- add foreign key incident_people.incident_people_created_by_id_fkey
ALTER TABLE public.incident_people ADD CONSTRAINT incident_people_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key incident_people.incident_people_incident_id_fkey
ALTER TABLE public.incident_people ADD CONSTRAINT incident_people_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES public.incidents(id) ON DELETE CASCADE;
-- add foreign key incident_people.incident_people_updated_by_id_fkey
ALTER TABLE public.incident_people ADD CONSTRAINT incident_people_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key incident_people.incident_people_user_id_fkey
ALTER TABLE public.incident_people ADD CONSTRAINT incident_people_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add index ix_incident_people_created_by_id on incident_people
CREATE INDEX ix_incident_people_created_by_id ON public.incident_people USING btree (created_by_id);
-- add index ix_incident_people_incident_id on incident_people
CREATE INDEX ix_incident_people_incident_id ON public.incident_people USING btree (incident_id);
-- add index ix_incident_people_updated_by_id on incident_people
CREATE INDEX ix_incident_people_updated_by_id ON public.incident_people USING btree (updated_by_id);
-- add index ix_incident_people_user_id on incident_people
CREATE INDEX ix_incident_people_user_id ON public.incident_people USING btree (user_id);
-- add trigger trg_incident_people_updated_at on incident_people
CREATE TRIGGER trg_incident_people_updated_at BEFORE UPDATE ON public.incident_people FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- comments on incident_people
COMMENT ON TABLE public.incident_people IS 'People involved in an incident, and its witnesses';
COMMENT ON COLUMN public.incident_people.person_type IS 'worker: an employee or a self-employed person at work (RIDDOR); non_worker: anyone else';
COMMENT ON COLUMN public.incident_people.user_id IS 'The person''s account, when they have one';
COMMENT ON COLUMN public.incident_people.specified_injury IS 'A specified injury of RIDDOR 2013 reg. 4(1), when the injury is one';
COMMENT ON COLUMN public.incident_people.taken_to_hospital IS 'Taken from the site directly to hospital for treatment';
COMMENT ON COLUMN public.incident_people.days_off_work IS 'Consecutive days away from work or unable to do their normal work, not counting the day of the incident; weekends and rest days count';
COMMENT ON COLUMN public.incident_people.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.incident_people.version IS 'Optimistic concurrency: an update must name the version it read';
-- comment on column incidents.aware_at
COMMENT ON COLUMN public.incidents.aware_at IS 'When the organisation became aware of it, when later than the event';
-- comment on column incidents.work_related
COMMENT ON COLUMN public.incidents.work_related IS 'RIDDOR applies to work-related incidents only';
-- comment on column incidents.gas_incident
COMMENT ON COLUMN public.incidents.gas_incident IS 'Flammable gas caused harm (RIDDOR reg. 11(1))';
-- comment on column incidents.diagnosed_on
COMMENT ON COLUMN public.incidents.diagnosed_on IS 'Ill health: the day of the written diagnosis';
-- comment on column incidents.riddor_category
COMMENT ON COLUMN public.incidents.riddor_category IS 'over_three_day_incapacitation is recorded, not reported';
-- comment on column incidents.riddor_due_date
COMMENT ON COLUMN public.incidents.riddor_due_date IS 'The report''s last day, counted from the day of the event (of the diagnosis for a disease)';
-- comment on column incidents.closure_override_reason
COMMENT ON COLUMN public.incidents.closure_override_reason IS 'Why the incident was closed while linked actions were open';
-- +downgrade
-- drop foreign key incident_people.incident_people_created_by_id_fkey
ALTER TABLE public.incident_people DROP CONSTRAINT incident_people_created_by_id_fkey;
-- drop foreign key incident_people.incident_people_incident_id_fkey
ALTER TABLE public.incident_people DROP CONSTRAINT incident_people_incident_id_fkey;
-- drop foreign key incident_people.incident_people_updated_by_id_fkey
ALTER TABLE public.incident_people DROP CONSTRAINT incident_people_updated_by_id_fkey;
-- drop foreign key incident_people.incident_people_user_id_fkey
ALTER TABLE public.incident_people DROP CONSTRAINT incident_people_user_id_fkey;
-- drop check constraint incidents.incidents_aware_after_occurred_check
ALTER TABLE public.incidents DROP CONSTRAINT incidents_aware_after_occurred_check;
-- drop check constraint incidents.incidents_closure_override_reason_check
ALTER TABLE public.incidents DROP CONSTRAINT incidents_closure_override_reason_check;
-- drop check constraint incidents.incidents_riddor_category_check
ALTER TABLE public.incidents DROP CONSTRAINT incidents_riddor_category_check;
-- drop check constraint incidents.incidents_riddor_decided_check
ALTER TABLE public.incidents DROP CONSTRAINT incidents_riddor_decided_check;
-- drop check constraint incidents.incidents_status_check
ALTER TABLE public.incidents DROP CONSTRAINT incidents_status_check;
-- drop table incident_people
DROP TABLE public.incident_people;
-- add column incidents.people_involved text
ALTER TABLE public.incidents ADD COLUMN people_involved text;
-- add column incidents.witnesses text
ALTER TABLE public.incidents ADD COLUMN witnesses text;
-- add column incidents.days_lost integer
ALTER TABLE public.incidents ADD COLUMN days_lost integer;
-- drop column incidents.aware_at
ALTER TABLE public.incidents DROP COLUMN aware_at;
-- drop column incidents.work_related
ALTER TABLE public.incidents DROP COLUMN work_related;
-- drop column incidents.gas_incident
ALTER TABLE public.incidents DROP COLUMN gas_incident;
-- drop column incidents.diagnosed_on
ALTER TABLE public.incidents DROP COLUMN diagnosed_on;
-- drop column incidents.riddor_decided_at
ALTER TABLE public.incidents DROP COLUMN riddor_decided_at;
-- drop column incidents.closure_override_reason
ALTER TABLE public.incidents DROP COLUMN closure_override_reason;
-- add check constraint incidents.incidents_days_lost_check
ALTER TABLE public.incidents ADD CONSTRAINT incidents_days_lost_check CHECK ((days_lost >= 0)) NOT VALID;
-- qgp-lint: allow constraint-missing-not-valid reason: a downgrade runs with writers stopped; the scan reads the incidents of one release
ALTER TABLE public.incidents VALIDATE CONSTRAINT incidents_days_lost_check;
-- add check constraint incidents.incidents_riddor_category_check
ALTER TABLE public.incidents ADD CONSTRAINT incidents_riddor_category_check CHECK ((riddor_category = ANY (ARRAY['death'::text, 'specified_injury'::text, 'over_7_day_incapacitation'::text, 'over_3_day_incapacitation'::text, 'non_worker_hospital'::text, 'occupational_disease'::text, 'dangerous_occurrence'::text, 'gas_incident'::text]))) NOT VALID;
-- qgp-lint: allow constraint-missing-not-valid reason: a downgrade runs with writers stopped; the scan reads the incidents of one release
ALTER TABLE public.incidents VALIDATE CONSTRAINT incidents_riddor_category_check;
-- add check constraint incidents.incidents_status_check
ALTER TABLE public.incidents ADD CONSTRAINT incidents_status_check CHECK ((status = ANY (ARRAY['reported'::text, 'under_investigation'::text, 'pending_actions'::text, 'actions_in_progress'::text, 'pending_review'::text, 'closed'::text]))) NOT VALID;
-- qgp-lint: allow constraint-missing-not-valid reason: a downgrade runs with writers stopped; the scan reads the incidents of one release
ALTER TABLE public.incidents VALIDATE CONSTRAINT incidents_status_check;
-- comment on column incidents.riddor_category
COMMENT ON COLUMN public.incidents.riddor_category IS 'over_3_day_incapacitation is recorded, not reported';
-- comment on column incidents.days_lost
COMMENT ON COLUMN public.incidents.days_lost IS 'Consecutive days off or on restricted duties, excluding the accident day';
-- comment on column incidents.riddor_due_date
COMMENT ON COLUMN public.incidents.riddor_due_date IS '10 or 15 days after the incident, by category';
