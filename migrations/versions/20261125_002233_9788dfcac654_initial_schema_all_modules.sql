-- revision: 9788dfcac654
-- down_revision: (none)
-- message: initial schema all modules
-- transactional: true
-- +upgrade
-- add function qgp_audit_log_append_only()
CREATE OR REPLACE FUNCTION public.qgp_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$fn$;
-- add function qgp_set_updated_at()
CREATE OR REPLACE FUNCTION public.qgp_set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$fn$;
-- add table actions
CREATE TABLE public.actions (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  reference_number text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  action_type text DEFAULT 'corrective' NOT NULL,
  priority text DEFAULT 'medium' NOT NULL,
  status text DEFAULT 'open' NOT NULL,
  finding_id bigint,
  incident_id bigint,
  risk_id bigint,
  complaint_id bigint,
  collision_id bigint,
  policy_id bigint,
  owner_id bigint,
  due_date date,
  completed_at timestamp with time zone,
  completion_notes text,
  verified_at timestamp with time zone,
  verified_by_id bigint,
  verification_notes text,
  effectiveness_review_date date,
  is_effective boolean,
  effectiveness_notes text,
  effectiveness_reviewed_at timestamp with time zone,
  effectiveness_reviewed_by_id bigint,
  cancelled_at timestamp with time zone,
  cancelled_by_id bigint,
  cancellation_reason text,
  closed_at timestamp with time zone,
  closed_by_id bigint,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT actions_pkey PRIMARY KEY (id),
  CONSTRAINT actions_reference_number_key UNIQUE (reference_number),
  CONSTRAINT actions_reference_number_check CHECK (reference_number ~ '^ACT-[0-9]{4}-[0-9]{4,}$'),
  CONSTRAINT actions_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT actions_description_check CHECK (char_length(description) BETWEEN 1 AND 20000),
  CONSTRAINT actions_action_type_check CHECK (action_type IN ('corrective', 'preventive', 'improvement')),
  CONSTRAINT actions_priority_check CHECK (priority IN ('critical', 'high', 'medium', 'low')),
  CONSTRAINT actions_status_check CHECK (status IN ('open', 'in_progress', 'pending_verification', 'closed', 'cancelled')),
  CONSTRAINT actions_one_source_check CHECK (num_nonnulls(finding_id, incident_id, risk_id, complaint_id, collision_id, policy_id) = 1),
  CONSTRAINT actions_verified_check CHECK ((verified_at IS NULL) = (verified_by_id IS NULL)),
  CONSTRAINT actions_effectiveness_reviewed_check CHECK ((effectiveness_reviewed_at IS NULL) = (effectiveness_reviewed_by_id IS NULL)),
  CONSTRAINT actions_cancellation_reason_check CHECK (char_length(cancellation_reason) BETWEEN 1 AND 2000),
  CONSTRAINT actions_cancelled_check CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CONSTRAINT actions_closed_by_check CHECK (closed_by_id IS NULL OR closed_at IS NOT NULL),
  CONSTRAINT actions_closed_check CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CONSTRAINT actions_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT actions_version_check CHECK (version >= 1)
);
-- add table attachments
CREATE TABLE public.attachments (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes bigint NOT NULL,
  sha256 text NOT NULL,
  storage_key text NOT NULL,
  description text,
  uploaded_by_id bigint NOT NULL,
  uploaded_at timestamp with time zone DEFAULT now() NOT NULL,
  incident_id bigint,
  collision_id bigint,
  complaint_id bigint,
  risk_id bigint,
  policy_id bigint,
  run_id bigint,
  response_id bigint,
  finding_id bigint,
  action_id bigint,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT attachments_pkey PRIMARY KEY (id),
  CONSTRAINT attachments_storage_key_key UNIQUE (storage_key),
  CONSTRAINT attachments_file_name_check CHECK (char_length(file_name) BETWEEN 1 AND 255),
  CONSTRAINT attachments_content_type_check CHECK (content_type ~ '^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$' AND char_length(content_type) <= 255),
  CONSTRAINT attachments_size_bytes_check CHECK (size_bytes > 0),
  CONSTRAINT attachments_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT attachments_storage_key_check CHECK (char_length(storage_key) BETWEEN 1 AND 1024),
  CONSTRAINT attachments_description_check CHECK (char_length(description) BETWEEN 1 AND 2000),
  CONSTRAINT attachments_one_owner_check CHECK (num_nonnulls(incident_id, collision_id, complaint_id, risk_id, policy_id, run_id, response_id, finding_id, action_id) = 1),
  CONSTRAINT attachments_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT attachments_version_check CHECK (version >= 1)
);
-- add table audit_findings
CREATE TABLE public.audit_findings (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  reference_number text NOT NULL,
  run_id bigint NOT NULL,
  question_id bigint,
  response_id bigint,
  title text NOT NULL,
  description text NOT NULL,
  grade text NOT NULL,
  status text DEFAULT 'open' NOT NULL,
  is_auto_created boolean DEFAULT false NOT NULL,
  assigned_to_id bigint,
  due_date date,
  verified_at timestamp with time zone,
  verified_by_id bigint,
  verification_notes text,
  closed_at timestamp with time zone,
  closed_by_id bigint,
  closure_notes text,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT audit_findings_pkey PRIMARY KEY (id),
  CONSTRAINT audit_findings_reference_number_key UNIQUE (reference_number),
  CONSTRAINT audit_findings_reference_number_check CHECK (reference_number ~ '^FND-[0-9]{4}-[0-9]{4,}$'),
  CONSTRAINT audit_findings_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT audit_findings_description_check CHECK (char_length(description) BETWEEN 1 AND 10000),
  CONSTRAINT audit_findings_grade_check CHECK (grade IN ('major_nonconformity', 'minor_nonconformity', 'observation', 'opportunity_for_improvement')),
  CONSTRAINT audit_findings_status_check CHECK (status IN ('open', 'in_progress', 'pending_verification', 'closed')),
  CONSTRAINT audit_findings_closed_by_check CHECK (closed_by_id IS NULL OR closed_at IS NOT NULL),
  CONSTRAINT audit_findings_closed_check CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CONSTRAINT audit_findings_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT audit_findings_version_check CHECK (version >= 1)
);
-- add table audit_log
CREATE TABLE public.audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  occurred_at timestamp with time zone DEFAULT now() NOT NULL,
  actor_user_id bigint,
  request_id text,
  client_address inet,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id bigint,
  changes jsonb DEFAULT '{}'::jsonb NOT NULL,
  prev_hash text,
  hash text NOT NULL,
  CONSTRAINT audit_log_pkey PRIMARY KEY (id),
  CONSTRAINT audit_log_hash_key UNIQUE (hash),
  CONSTRAINT audit_log_prev_hash_key UNIQUE (prev_hash),
  CONSTRAINT audit_log_request_id_check CHECK (char_length(request_id) BETWEEN 1 AND 200),
  CONSTRAINT audit_log_action_check CHECK (action IN ('create', 'update', 'transition', 'archive', 'restore', 'delete', 'link', 'unlink', 'publish', 'clone', 'login', 'login_failed', 'logout', 'token_refresh', 'token_reuse_detected', 'password_change', 'role_grant', 'role_revoke')),
  CONSTRAINT audit_log_entity_type_check CHECK (entity_type ~ '^[a-z][a-z0-9_]*$' AND char_length(entity_type) <= 100),
  CONSTRAINT audit_log_changes_check CHECK (jsonb_typeof(changes) = 'object'),
  CONSTRAINT audit_log_prev_hash_check CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT audit_log_hash_check CHECK (hash ~ '^[0-9a-f]{64}$')
);
-- add table audit_question_options
CREATE TABLE public.audit_question_options (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  question_id bigint NOT NULL,
  label text NOT NULL,
  value text NOT NULL,
  score numeric(9,2),
  triggers_finding boolean DEFAULT false NOT NULL,
  finding_grade text,
  sort_order integer DEFAULT 0 NOT NULL,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT audit_question_options_pkey PRIMARY KEY (id),
  CONSTRAINT audit_question_options_question_id_value_key UNIQUE (question_id, value),
  CONSTRAINT audit_question_options_label_check CHECK (char_length(label) BETWEEN 1 AND 200),
  CONSTRAINT audit_question_options_value_check CHECK (char_length(value) BETWEEN 1 AND 200),
  CONSTRAINT audit_question_options_finding_grade_check CHECK (finding_grade IN ('major_nonconformity', 'minor_nonconformity', 'observation', 'opportunity_for_improvement')),
  CONSTRAINT audit_question_options_triggers_finding_check CHECK (NOT triggers_finding OR finding_grade IS NOT NULL),
  CONSTRAINT audit_question_options_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT audit_question_options_version_check CHECK (version >= 1)
);
-- add table audit_questions
CREATE TABLE public.audit_questions (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  template_id bigint NOT NULL,
  section_id bigint,
  question_text text NOT NULL,
  description text,
  help_text text,
  question_type text DEFAULT 'yes_no' NOT NULL,
  is_required boolean DEFAULT true NOT NULL,
  allow_na boolean DEFAULT false NOT NULL,
  is_critical boolean DEFAULT false NOT NULL,
  weight numeric(7,3) DEFAULT 1 NOT NULL,
  max_score numeric(9,2),
  min_value numeric,
  max_value numeric,
  decimal_places smallint,
  min_length integer,
  max_length integer,
  sort_order integer DEFAULT 0 NOT NULL,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT audit_questions_pkey PRIMARY KEY (id),
  CONSTRAINT audit_questions_question_text_check CHECK (char_length(question_text) BETWEEN 1 AND 1000),
  CONSTRAINT audit_questions_description_check CHECK (char_length(description) BETWEEN 1 AND 2000),
  CONSTRAINT audit_questions_help_text_check CHECK (char_length(help_text) BETWEEN 1 AND 500),
  CONSTRAINT audit_questions_question_type_check CHECK (question_type IN ('yes_no', 'pass_fail', 'score', 'rating', 'number', 'text', 'choice', 'multi_choice', 'date', 'photo', 'signature')),
  CONSTRAINT audit_questions_weight_check CHECK (weight > 0),
  CONSTRAINT audit_questions_max_score_check CHECK (max_score >= 0),
  CONSTRAINT audit_questions_value_range_check CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value),
  CONSTRAINT audit_questions_decimal_places_check CHECK (decimal_places BETWEEN 0 AND 6),
  CONSTRAINT audit_questions_length_range_check CHECK (min_length <= max_length),
  CONSTRAINT audit_questions_min_length_check CHECK (min_length >= 0),
  CONSTRAINT audit_questions_max_length_check CHECK (max_length BETWEEN 1 AND 100000),
  CONSTRAINT audit_questions_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT audit_questions_version_check CHECK (version >= 1)
);
-- add table audit_response_options
CREATE TABLE public.audit_response_options (
  response_id bigint NOT NULL,
  option_id bigint NOT NULL,
  CONSTRAINT audit_response_options_pkey PRIMARY KEY (response_id, option_id)
);
-- add table audit_responses
CREATE TABLE public.audit_responses (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  run_id bigint NOT NULL,
  question_id bigint NOT NULL,
  response_text text,
  response_number numeric,
  response_bool boolean,
  response_date date,
  is_na boolean DEFAULT false NOT NULL,
  score numeric(9,2),
  max_score numeric(9,2),
  notes text,
  answered_at timestamp with time zone DEFAULT now() NOT NULL,
  answered_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT audit_responses_pkey PRIMARY KEY (id),
  CONSTRAINT audit_responses_run_id_question_id_key UNIQUE (run_id, question_id),
  CONSTRAINT audit_responses_response_text_check CHECK (char_length(response_text) BETWEEN 1 AND 10000),
  CONSTRAINT audit_responses_na_empty_check CHECK (NOT is_na OR num_nonnulls(response_text, response_number, response_bool, response_date) = 0),
  CONSTRAINT audit_responses_score_check CHECK (score >= 0 AND score <= max_score),
  CONSTRAINT audit_responses_notes_check CHECK (char_length(notes) BETWEEN 1 AND 4000),
  CONSTRAINT audit_responses_version_check CHECK (version >= 1)
);
-- add table audit_runs
CREATE TABLE public.audit_runs (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  reference_number text NOT NULL,
  template_id bigint NOT NULL,
  template_version_id bigint NOT NULL,
  title text NOT NULL,
  location text,
  location_details text,
  latitude numeric(9,6),
  longitude numeric(9,6),
  status text DEFAULT 'scheduled' NOT NULL,
  scheduled_date date,
  due_date date,
  assigned_to_id bigint,
  started_at timestamp with time zone,
  completed_at timestamp with time zone,
  completed_by_id bigint,
  cancelled_at timestamp with time zone,
  cancelled_by_id bigint,
  cancellation_reason text,
  score numeric(12,2),
  max_score numeric(12,2),
  score_percentage numeric(5,2),
  passed boolean,
  notes text,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT audit_runs_pkey PRIMARY KEY (id),
  CONSTRAINT audit_runs_reference_number_key UNIQUE (reference_number),
  CONSTRAINT audit_runs_reference_number_check CHECK (reference_number ~ '^AUD-[0-9]{4}-[0-9]{4,}$'),
  CONSTRAINT audit_runs_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT audit_runs_location_check CHECK (char_length(location) BETWEEN 1 AND 200),
  CONSTRAINT audit_runs_location_details_check CHECK (char_length(location_details) BETWEEN 1 AND 500),
  CONSTRAINT audit_runs_latitude_check CHECK (latitude BETWEEN -90 AND 90),
  CONSTRAINT audit_runs_longitude_check CHECK (longitude BETWEEN -180 AND 180),
  CONSTRAINT audit_runs_coordinates_check CHECK (num_nonnulls(latitude, longitude) <> 1),
  CONSTRAINT audit_runs_status_check CHECK (status IN ('scheduled', 'in_progress', 'pending_review', 'completed', 'cancelled')),
  CONSTRAINT audit_runs_dates_check CHECK (due_date >= scheduled_date),
  CONSTRAINT audit_runs_cancellation_reason_check CHECK (char_length(cancellation_reason) BETWEEN 1 AND 2000),
  CONSTRAINT audit_runs_started_check CHECK (status IN ('scheduled', 'cancelled') OR started_at IS NOT NULL),
  CONSTRAINT audit_runs_completed_check CHECK (status NOT IN ('pending_review', 'completed') OR completed_at IS NOT NULL),
  CONSTRAINT audit_runs_cancelled_check CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CONSTRAINT audit_runs_score_check CHECK (score >= 0 AND score <= max_score),
  CONSTRAINT audit_runs_score_percentage_check CHECK (score_percentage BETWEEN 0 AND 100),
  CONSTRAINT audit_runs_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT audit_runs_version_check CHECK (version >= 1)
);
-- add table audit_sections
CREATE TABLE public.audit_sections (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  template_id bigint NOT NULL,
  title text NOT NULL,
  description text,
  sort_order integer DEFAULT 0 NOT NULL,
  weight numeric(7,3) DEFAULT 1 NOT NULL,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT audit_sections_pkey PRIMARY KEY (id),
  CONSTRAINT audit_sections_template_id_id_key UNIQUE (template_id, id),
  CONSTRAINT audit_sections_title_check CHECK (char_length(title) BETWEEN 1 AND 200),
  CONSTRAINT audit_sections_description_check CHECK (char_length(description) BETWEEN 1 AND 2000),
  CONSTRAINT audit_sections_weight_check CHECK (weight > 0),
  CONSTRAINT audit_sections_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT audit_sections_version_check CHECK (version >= 1)
);
-- add table audit_template_standards
CREATE TABLE public.audit_template_standards (
  template_id bigint NOT NULL,
  standard_id bigint NOT NULL,
  CONSTRAINT audit_template_standards_pkey PRIMARY KEY (template_id, standard_id)
);
-- add table audit_template_versions
CREATE TABLE public.audit_template_versions (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  template_id bigint NOT NULL,
  version_number integer NOT NULL,
  published_at timestamp with time zone DEFAULT now() NOT NULL,
  published_by_id bigint,
  content jsonb NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT audit_template_versions_pkey PRIMARY KEY (id),
  CONSTRAINT audit_template_versions_template_id_version_number_key UNIQUE (template_id, version_number),
  CONSTRAINT audit_template_versions_template_id_id_key UNIQUE (template_id, id),
  CONSTRAINT audit_template_versions_version_number_check CHECK (version_number >= 1),
  CONSTRAINT audit_template_versions_content_check CHECK (jsonb_typeof(content) = 'object'),
  CONSTRAINT audit_template_versions_version_check CHECK (version >= 1)
);
-- add table audit_templates
CREATE TABLE public.audit_templates (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  reference_number text NOT NULL,
  name text NOT NULL,
  description text,
  category text,
  audit_type text DEFAULT 'inspection' NOT NULL,
  frequency text,
  scoring_method text DEFAULT 'percentage' NOT NULL,
  passing_score numeric(9,2),
  status text DEFAULT 'draft' NOT NULL,
  published_version_number integer,
  allow_offline boolean DEFAULT false NOT NULL,
  require_gps boolean DEFAULT false NOT NULL,
  require_signature boolean DEFAULT false NOT NULL,
  require_approval boolean DEFAULT false NOT NULL,
  auto_create_findings boolean DEFAULT true NOT NULL,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT audit_templates_pkey PRIMARY KEY (id),
  CONSTRAINT audit_templates_reference_number_key UNIQUE (reference_number),
  CONSTRAINT audit_templates_reference_number_check CHECK (reference_number ~ '^TPL-[0-9]{4}-[0-9]{4,}$'),
  CONSTRAINT audit_templates_name_check CHECK (char_length(name) BETWEEN 1 AND 200),
  CONSTRAINT audit_templates_description_check CHECK (char_length(description) BETWEEN 1 AND 4000),
  CONSTRAINT audit_templates_category_check CHECK (char_length(category) BETWEEN 1 AND 100),
  CONSTRAINT audit_templates_audit_type_check CHECK (audit_type IN ('inspection', 'audit', 'assessment', 'checklist', 'survey')),
  CONSTRAINT audit_templates_frequency_check CHECK (frequency IN ('daily', 'weekly', 'monthly', 'quarterly', 'annually', 'ad_hoc')),
  CONSTRAINT audit_templates_scoring_method_check CHECK (scoring_method IN ('percentage', 'points', 'weighted', 'pass_fail')),
  CONSTRAINT audit_templates_passing_score_check CHECK (passing_score >= 0 AND (scoring_method NOT IN ('percentage', 'weighted') OR passing_score <= 100)),
  CONSTRAINT audit_templates_status_check CHECK (status IN ('draft', 'published')),
  CONSTRAINT audit_templates_published_version_number_check CHECK (published_version_number >= 1),
  CONSTRAINT audit_templates_published_check CHECK (status <> 'published' OR published_version_number IS NOT NULL),
  CONSTRAINT audit_templates_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT audit_templates_version_check CHECK (version >= 1)
);
-- add table clause_mappings
CREATE TABLE public.clause_mappings (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  clause_a_id bigint NOT NULL,
  clause_b_id bigint NOT NULL,
  mapping_type text DEFAULT 'equivalent' NOT NULL,
  notes text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT clause_mappings_pkey PRIMARY KEY (id),
  CONSTRAINT clause_mappings_clause_a_id_clause_b_id_key UNIQUE (clause_a_id, clause_b_id),
  CONSTRAINT clause_mappings_ordered_pair_check CHECK (clause_a_id < clause_b_id),
  CONSTRAINT clause_mappings_mapping_type_check CHECK (mapping_type IN ('equivalent', 'partial', 'related')),
  CONSTRAINT clause_mappings_notes_check CHECK (char_length(notes) BETWEEN 1 AND 2000),
  CONSTRAINT clause_mappings_version_check CHECK (version >= 1)
);
-- add table clauses
CREATE TABLE public.clauses (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  standard_id bigint NOT NULL,
  parent_clause_id bigint,
  clause_number text NOT NULL,
  title text NOT NULL,
  description text,
  level smallint DEFAULT 1 NOT NULL,
  sort_order integer DEFAULT 0 NOT NULL,
  is_active boolean DEFAULT true NOT NULL,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT clauses_pkey PRIMARY KEY (id),
  CONSTRAINT clauses_standard_id_clause_number_key UNIQUE (standard_id, clause_number),
  CONSTRAINT clauses_standard_id_id_key UNIQUE (standard_id, id),
  CONSTRAINT clauses_clause_number_check CHECK (clause_number ~ '^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$' AND char_length(clause_number) <= 20),
  CONSTRAINT clauses_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT clauses_level_check CHECK (level BETWEEN 1 AND 10),
  CONSTRAINT clauses_parent_check CHECK (parent_clause_id <> id),
  CONSTRAINT clauses_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT clauses_version_check CHECK (version >= 1)
);
-- add table complaint_clauses
CREATE TABLE public.complaint_clauses (
  complaint_id bigint NOT NULL,
  clause_id bigint NOT NULL,
  CONSTRAINT complaint_clauses_pkey PRIMARY KEY (complaint_id, clause_id)
);
-- add table complaint_risks
CREATE TABLE public.complaint_risks (
  complaint_id bigint NOT NULL,
  risk_id bigint NOT NULL,
  CONSTRAINT complaint_risks_pkey PRIMARY KEY (complaint_id, risk_id)
);
-- add table complaints
CREATE TABLE public.complaints (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  reference_number text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  category text DEFAULT 'other' NOT NULL,
  channel text DEFAULT 'other' NOT NULL,
  priority text DEFAULT 'medium' NOT NULL,
  status text DEFAULT 'received' NOT NULL,
  stage smallint DEFAULT 1 NOT NULL,
  received_at timestamp with time zone DEFAULT now() NOT NULL,
  acknowledgement_due_at timestamp with time zone,
  acknowledged_at timestamp with time zone,
  response_due_at timestamp with time zone,
  resolved_at timestamp with time zone,
  complainant_name text NOT NULL,
  complainant_email text,
  complainant_phone text,
  complainant_company text,
  complainant_address text,
  related_reference text,
  related_product_service text,
  owner_id bigint,
  department text,
  investigation_notes text,
  root_cause text,
  resolution text,
  customer_satisfied boolean,
  compensation_amount numeric(14,2),
  currency text DEFAULT 'GBP' NOT NULL,
  source_email_id text,
  original_email_subject text,
  closed_at timestamp with time zone,
  closed_by_id bigint,
  closure_notes text,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT complaints_pkey PRIMARY KEY (id),
  CONSTRAINT complaints_reference_number_key UNIQUE (reference_number),
  CONSTRAINT complaints_reference_number_check CHECK (reference_number ~ '^CMP-[0-9]{4}-[0-9]{4,}$'),
  CONSTRAINT complaints_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT complaints_description_check CHECK (char_length(description) BETWEEN 1 AND 20000),
  CONSTRAINT complaints_category_check CHECK (category IN ('product', 'service', 'delivery', 'communication', 'billing', 'staff', 'environmental', 'safety', 'other')),
  CONSTRAINT complaints_channel_check CHECK (channel IN ('email', 'phone', 'letter', 'web', 'in_person', 'social_media', 'api', 'other')),
  CONSTRAINT complaints_priority_check CHECK (priority IN ('critical', 'high', 'medium', 'low')),
  CONSTRAINT complaints_status_check CHECK (status IN ('received', 'acknowledged', 'under_investigation', 'pending_response', 'awaiting_customer', 'escalated', 'resolved', 'closed')),
  CONSTRAINT complaints_stage_check CHECK (stage IN (1, 2)),
  CONSTRAINT complaints_acknowledged_check CHECK (acknowledged_at >= received_at),
  CONSTRAINT complaints_resolved_check CHECK (status NOT IN ('resolved', 'closed') OR resolved_at IS NOT NULL),
  CONSTRAINT complaints_complainant_name_check CHECK (char_length(complainant_name) BETWEEN 1 AND 200),
  CONSTRAINT complaints_complainant_email_check CHECK (char_length(complainant_email) BETWEEN 1 AND 320),
  CONSTRAINT complaints_complainant_phone_check CHECK (char_length(complainant_phone) BETWEEN 1 AND 30),
  CONSTRAINT complaints_complainant_company_check CHECK (char_length(complainant_company) BETWEEN 1 AND 200),
  CONSTRAINT complaints_complainant_address_check CHECK (char_length(complainant_address) BETWEEN 1 AND 1000),
  CONSTRAINT complaints_related_reference_check CHECK (char_length(related_reference) BETWEEN 1 AND 100),
  CONSTRAINT complaints_related_product_service_check CHECK (char_length(related_product_service) BETWEEN 1 AND 200),
  CONSTRAINT complaints_department_check CHECK (char_length(department) BETWEEN 1 AND 100),
  CONSTRAINT complaints_compensation_amount_check CHECK (compensation_amount >= 0),
  CONSTRAINT complaints_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT complaints_source_email_id_check CHECK (char_length(source_email_id) BETWEEN 1 AND 200),
  CONSTRAINT complaints_original_email_subject_check CHECK (char_length(original_email_subject) BETWEEN 1 AND 500),
  CONSTRAINT complaints_closed_by_check CHECK (closed_by_id IS NULL OR closed_at IS NOT NULL),
  CONSTRAINT complaints_closed_check CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CONSTRAINT complaints_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT complaints_version_check CHECK (version >= 1)
);
-- add table controls
CREATE TABLE public.controls (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  standard_id bigint NOT NULL,
  clause_id bigint,
  control_number text NOT NULL,
  title text NOT NULL,
  description text,
  guidance text,
  theme text,
  is_active boolean DEFAULT true NOT NULL,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT controls_pkey PRIMARY KEY (id),
  CONSTRAINT controls_standard_id_control_number_key UNIQUE (standard_id, control_number),
  CONSTRAINT controls_control_number_check CHECK (control_number ~ '^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$' AND char_length(control_number) <= 20),
  CONSTRAINT controls_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT controls_theme_check CHECK (theme IN ('organizational', 'people', 'physical', 'technological')),
  CONSTRAINT controls_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT controls_version_check CHECK (version >= 1)
);
-- add table finding_clauses
CREATE TABLE public.finding_clauses (
  finding_id bigint NOT NULL,
  clause_id bigint NOT NULL,
  CONSTRAINT finding_clauses_pkey PRIMARY KEY (finding_id, clause_id)
);
-- add table finding_controls
CREATE TABLE public.finding_controls (
  finding_id bigint NOT NULL,
  control_id bigint NOT NULL,
  CONSTRAINT finding_controls_pkey PRIMARY KEY (finding_id, control_id)
);
-- add table finding_risks
CREATE TABLE public.finding_risks (
  finding_id bigint NOT NULL,
  risk_id bigint NOT NULL,
  CONSTRAINT finding_risks_pkey PRIMARY KEY (finding_id, risk_id)
);
-- add table incident_clauses
CREATE TABLE public.incident_clauses (
  incident_id bigint NOT NULL,
  clause_id bigint NOT NULL,
  CONSTRAINT incident_clauses_pkey PRIMARY KEY (incident_id, clause_id)
);
-- add table incident_risks
CREATE TABLE public.incident_risks (
  incident_id bigint NOT NULL,
  risk_id bigint NOT NULL,
  CONSTRAINT incident_risks_pkey PRIMARY KEY (incident_id, risk_id)
);
-- add table incidents
CREATE TABLE public.incidents (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  reference_number text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  incident_type text DEFAULT 'other' NOT NULL,
  severity text DEFAULT 'medium' NOT NULL,
  status text DEFAULT 'reported' NOT NULL,
  occurred_at timestamp with time zone NOT NULL,
  reported_at timestamp with time zone DEFAULT now() NOT NULL,
  location text,
  department text,
  reporter_id bigint,
  assigned_to_id bigint,
  people_involved text,
  witnesses text,
  immediate_actions text,
  first_aid_given boolean DEFAULT false NOT NULL,
  emergency_services_called boolean DEFAULT false NOT NULL,
  investigation_started_at timestamp with time zone,
  investigation_completed_at timestamp with time zone,
  root_cause text,
  contributing_factors text,
  jurisdiction text DEFAULT 'gb' NOT NULL,
  riddor_reportable boolean,
  riddor_category text,
  riddor_rationale text,
  days_lost integer,
  riddor_due_date date,
  riddor_reported_at timestamp with time zone,
  hse_reference text,
  riddor_confirmed_by_id bigint,
  source_type text DEFAULT 'manual' NOT NULL,
  source_email_id text,
  closed_at timestamp with time zone,
  closed_by_id bigint,
  closure_notes text,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT incidents_pkey PRIMARY KEY (id),
  CONSTRAINT incidents_reference_number_key UNIQUE (reference_number),
  CONSTRAINT incidents_reference_number_check CHECK (reference_number ~ '^INC-[0-9]{4}-[0-9]{4,}$'),
  CONSTRAINT incidents_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT incidents_description_check CHECK (char_length(description) BETWEEN 1 AND 20000),
  CONSTRAINT incidents_incident_type_check CHECK (incident_type IN ('injury', 'ill_health', 'near_miss', 'hazard', 'dangerous_occurrence', 'property_damage', 'environmental', 'security', 'quality', 'other')),
  CONSTRAINT incidents_severity_check CHECK (severity IN ('critical', 'high', 'medium', 'low', 'negligible')),
  CONSTRAINT incidents_status_check CHECK (status IN ('reported', 'under_investigation', 'pending_actions', 'actions_in_progress', 'pending_review', 'closed')),
  CONSTRAINT incidents_reported_after_occurred_check CHECK (reported_at >= occurred_at),
  CONSTRAINT incidents_location_check CHECK (char_length(location) BETWEEN 1 AND 300),
  CONSTRAINT incidents_department_check CHECK (char_length(department) BETWEEN 1 AND 100),
  CONSTRAINT incidents_jurisdiction_check CHECK (jurisdiction IN ('gb', 'ni')),
  CONSTRAINT incidents_riddor_category_check CHECK (riddor_category IN ('death', 'specified_injury', 'over_7_day_incapacitation', 'over_3_day_incapacitation', 'non_worker_hospital', 'occupational_disease', 'dangerous_occurrence', 'gas_incident')),
  CONSTRAINT incidents_riddor_categorised_check CHECK (riddor_reportable IS NOT TRUE OR riddor_category IS NOT NULL),
  CONSTRAINT incidents_riddor_rationale_check CHECK (char_length(riddor_rationale) BETWEEN 1 AND 4000),
  CONSTRAINT incidents_days_lost_check CHECK (days_lost >= 0),
  CONSTRAINT incidents_riddor_reported_check CHECK (riddor_reported_at IS NULL OR riddor_reportable),
  CONSTRAINT incidents_hse_reference_check CHECK (char_length(hse_reference) BETWEEN 1 AND 100),
  CONSTRAINT incidents_source_type_check CHECK (source_type IN ('manual', 'email', 'api')),
  CONSTRAINT incidents_source_email_id_check CHECK (char_length(source_email_id) BETWEEN 1 AND 200),
  CONSTRAINT incidents_closed_by_check CHECK (closed_by_id IS NULL OR closed_at IS NOT NULL),
  CONSTRAINT incidents_closed_check CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CONSTRAINT incidents_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT incidents_version_check CHECK (version >= 1)
);
-- add table login_attempts
CREATE TABLE public.login_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  attempted_at timestamp with time zone DEFAULT now() NOT NULL,
  email text NOT NULL,
  user_id bigint,
  client_address inet,
  succeeded boolean NOT NULL,
  failure_reason text,
  CONSTRAINT login_attempts_pkey PRIMARY KEY (id),
  CONSTRAINT login_attempts_email_check CHECK (char_length(email) BETWEEN 1 AND 320),
  CONSTRAINT login_attempts_failure_reason_check CHECK (failure_reason IN ('unknown_user', 'bad_password', 'disabled', 'locked', 'throttled')),
  CONSTRAINT login_attempts_outcome_check CHECK (succeeded = (failure_reason IS NULL))
);
-- add table permissions
CREATE TABLE public.permissions (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  name text NOT NULL,
  description text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT permissions_pkey PRIMARY KEY (id),
  CONSTRAINT permissions_name_key UNIQUE (name),
  CONSTRAINT permissions_name_check CHECK (name ~ '^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$' AND char_length(name) <= 100),
  CONSTRAINT permissions_description_check CHECK (char_length(description) BETWEEN 1 AND 2000),
  CONSTRAINT permissions_version_check CHECK (version >= 1)
);
-- add table policies
CREATE TABLE public.policies (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  reference_number text NOT NULL,
  title text NOT NULL,
  description text,
  document_type text DEFAULT 'policy' NOT NULL,
  status text DEFAULT 'draft' NOT NULL,
  category text,
  department text,
  owner_id bigint,
  approver_id bigint,
  review_frequency_months smallint DEFAULT 12 NOT NULL,
  next_review_date date,
  last_reviewed_at timestamp with time zone,
  is_public boolean DEFAULT false NOT NULL,
  retired_at timestamp with time zone,
  retired_by_id bigint,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT policies_pkey PRIMARY KEY (id),
  CONSTRAINT policies_reference_number_key UNIQUE (reference_number),
  CONSTRAINT policies_reference_number_check CHECK (reference_number ~ '^POL-[0-9]{4}-[0-9]{4,}$'),
  CONSTRAINT policies_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT policies_description_check CHECK (char_length(description) BETWEEN 1 AND 4000),
  CONSTRAINT policies_document_type_check CHECK (document_type IN ('policy', 'procedure', 'work_instruction', 'sop', 'form', 'template', 'guideline', 'manual', 'record', 'other')),
  CONSTRAINT policies_status_check CHECK (status IN ('draft', 'under_review', 'approved', 'published', 'retired')),
  CONSTRAINT policies_category_check CHECK (char_length(category) BETWEEN 1 AND 100),
  CONSTRAINT policies_department_check CHECK (char_length(department) BETWEEN 1 AND 100),
  CONSTRAINT policies_review_frequency_months_check CHECK (review_frequency_months BETWEEN 1 AND 60),
  CONSTRAINT policies_retired_check CHECK ((status = 'retired') = (retired_at IS NOT NULL)),
  CONSTRAINT policies_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT policies_version_check CHECK (version >= 1)
);
-- add table policy_clauses
CREATE TABLE public.policy_clauses (
  policy_id bigint NOT NULL,
  clause_id bigint NOT NULL,
  CONSTRAINT policy_clauses_pkey PRIMARY KEY (policy_id, clause_id)
);
-- add table policy_roles
CREATE TABLE public.policy_roles (
  policy_id bigint NOT NULL,
  role_id bigint NOT NULL,
  CONSTRAINT policy_roles_pkey PRIMARY KEY (policy_id, role_id)
);
-- add table policy_tags
CREATE TABLE public.policy_tags (
  policy_id bigint NOT NULL,
  tag text NOT NULL,
  CONSTRAINT policy_tags_pkey PRIMARY KEY (policy_id, tag),
  CONSTRAINT policy_tags_tag_check CHECK (tag ~ '^[a-z0-9][a-z0-9_-]*$' AND char_length(tag) <= 50)
);
-- add table policy_versions
CREATE TABLE public.policy_versions (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  policy_id bigint NOT NULL,
  version_number integer NOT NULL,
  is_major_revision boolean DEFAULT false NOT NULL,
  version_notes text,
  is_current boolean DEFAULT false NOT NULL,
  status text DEFAULT 'draft' NOT NULL,
  summary text,
  content text,
  document_attachment_id bigint,
  submitted_at timestamp with time zone,
  submitted_by_id bigint,
  reviewed_at timestamp with time zone,
  reviewed_by_id bigint,
  approved_at timestamp with time zone,
  approved_by_id bigint,
  published_at timestamp with time zone,
  published_by_id bigint,
  effective_date date,
  expiry_date date,
  supersedes_version_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT policy_versions_pkey PRIMARY KEY (id),
  CONSTRAINT policy_versions_policy_id_version_number_key UNIQUE (policy_id, version_number),
  CONSTRAINT policy_versions_policy_id_id_key UNIQUE (policy_id, id),
  CONSTRAINT policy_versions_version_number_check CHECK (version_number >= 1),
  CONSTRAINT policy_versions_version_notes_check CHECK (char_length(version_notes) BETWEEN 1 AND 4000),
  CONSTRAINT policy_versions_status_check CHECK (status IN ('draft', 'under_review', 'approved', 'published', 'superseded', 'retired')),
  CONSTRAINT policy_versions_current_published_check CHECK (NOT is_current OR status = 'published'),
  CONSTRAINT policy_versions_summary_check CHECK (char_length(summary) BETWEEN 1 AND 4000),
  CONSTRAINT policy_versions_approved_check CHECK ((approved_at IS NULL) = (approved_by_id IS NULL)),
  CONSTRAINT policy_versions_dates_check CHECK (expiry_date >= effective_date),
  CONSTRAINT policy_versions_supersedes_check CHECK (supersedes_version_id <> id),
  CONSTRAINT policy_versions_version_check CHECK (version >= 1)
);
-- add table question_clauses
CREATE TABLE public.question_clauses (
  question_id bigint NOT NULL,
  clause_id bigint NOT NULL,
  CONSTRAINT question_clauses_pkey PRIMARY KEY (question_id, clause_id)
);
-- add table question_controls
CREATE TABLE public.question_controls (
  question_id bigint NOT NULL,
  control_id bigint NOT NULL,
  CONSTRAINT question_controls_pkey PRIMARY KEY (question_id, control_id)
);
-- add table reference_counters
CREATE TABLE public.reference_counters (
  prefix text NOT NULL,
  year integer NOT NULL,
  last_value bigint DEFAULT 0 NOT NULL,
  CONSTRAINT reference_counters_pkey PRIMARY KEY (prefix, year),
  CONSTRAINT reference_counters_prefix_check CHECK (prefix ~ '^[A-Z]{2,5}$'),
  CONSTRAINT reference_counters_year_check CHECK (year BETWEEN 2000 AND 9999),
  CONSTRAINT reference_counters_last_value_check CHECK (last_value >= 0)
);
-- add table refresh_tokens
CREATE TABLE public.refresh_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  user_id bigint NOT NULL,
  token_hash text NOT NULL,
  family_id uuid NOT NULL,
  issued_at timestamp with time zone DEFAULT now() NOT NULL,
  expires_at timestamp with time zone NOT NULL,
  last_used_at timestamp with time zone,
  revoked_at timestamp with time zone,
  revoked_reason text,
  replaced_by_id bigint,
  user_agent text,
  client_address inet,
  CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id),
  CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash),
  CONSTRAINT refresh_tokens_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT refresh_tokens_expiry_check CHECK (expires_at > issued_at),
  CONSTRAINT refresh_tokens_revoked_reason_check CHECK (revoked_reason IN ('rotated', 'logout', 'reuse_detected', 'password_changed', 'user_disabled', 'admin')),
  CONSTRAINT refresh_tokens_revoked_check CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL)),
  CONSTRAINT refresh_tokens_user_agent_check CHECK (char_length(user_agent) BETWEEN 1 AND 512)
);
-- add table risk_assessments
CREATE TABLE public.risk_assessments (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  risk_id bigint NOT NULL,
  assessed_at timestamp with time zone DEFAULT now() NOT NULL,
  assessment_type text DEFAULT 'periodic' NOT NULL,
  inherent_likelihood smallint NOT NULL,
  inherent_impact smallint NOT NULL,
  inherent_score smallint NOT NULL,
  inherent_level text NOT NULL,
  residual_likelihood smallint NOT NULL,
  residual_impact smallint NOT NULL,
  residual_score smallint NOT NULL,
  residual_level text NOT NULL,
  target_likelihood smallint,
  target_impact smallint,
  target_score smallint,
  target_level text,
  assessment_notes text,
  control_effectiveness_notes text,
  assessed_by_id bigint NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT risk_assessments_pkey PRIMARY KEY (id),
  CONSTRAINT risk_assessments_assessment_type_check CHECK (assessment_type IN ('initial', 'periodic', 'triggered', 'post_incident')),
  CONSTRAINT risk_assessments_inherent_likelihood_check CHECK (inherent_likelihood BETWEEN 1 AND 5),
  CONSTRAINT risk_assessments_inherent_impact_check CHECK (inherent_impact BETWEEN 1 AND 5),
  CONSTRAINT risk_assessments_inherent_score_check CHECK (inherent_score = inherent_likelihood * inherent_impact),
  CONSTRAINT risk_assessments_inherent_level_check CHECK (inherent_level IN ('very_low', 'low', 'medium', 'high', 'critical')),
  CONSTRAINT risk_assessments_inherent_level_grid_check CHECK (inherent_level = (ARRAY['very_low', 'low', 'low', 'medium', 'medium', 'low', 'low', 'medium', 'medium', 'high', 'low', 'medium', 'medium', 'high', 'high', 'medium', 'medium', 'high', 'high', 'critical', 'medium', 'high', 'high', 'critical', 'critical'])[(inherent_likelihood - 1) * 5 + inherent_impact]),
  CONSTRAINT risk_assessments_residual_likelihood_check CHECK (residual_likelihood BETWEEN 1 AND 5),
  CONSTRAINT risk_assessments_residual_impact_check CHECK (residual_impact BETWEEN 1 AND 5),
  CONSTRAINT risk_assessments_residual_score_check CHECK (residual_score = residual_likelihood * residual_impact),
  CONSTRAINT risk_assessments_residual_level_check CHECK (residual_level IN ('very_low', 'low', 'medium', 'high', 'critical')),
  CONSTRAINT risk_assessments_residual_level_grid_check CHECK (residual_level = (ARRAY['very_low', 'low', 'low', 'medium', 'medium', 'low', 'low', 'medium', 'medium', 'high', 'low', 'medium', 'medium', 'high', 'high', 'medium', 'medium', 'high', 'high', 'critical', 'medium', 'high', 'high', 'critical', 'critical'])[(residual_likelihood - 1) * 5 + residual_impact]),
  CONSTRAINT risk_assessments_target_likelihood_check CHECK (target_likelihood BETWEEN 1 AND 5),
  CONSTRAINT risk_assessments_target_impact_check CHECK (target_impact BETWEEN 1 AND 5),
  CONSTRAINT risk_assessments_target_score_check CHECK (target_score = target_likelihood * target_impact),
  CONSTRAINT risk_assessments_target_level_check CHECK (target_level IN ('very_low', 'low', 'medium', 'high', 'critical')),
  CONSTRAINT risk_assessments_target_level_grid_check CHECK (target_level = (ARRAY['very_low', 'low', 'low', 'medium', 'medium', 'low', 'low', 'medium', 'medium', 'high', 'low', 'medium', 'medium', 'high', 'high', 'medium', 'medium', 'high', 'high', 'critical', 'medium', 'high', 'high', 'critical', 'critical'])[(target_likelihood - 1) * 5 + target_impact]),
  CONSTRAINT risk_assessments_target_complete_check CHECK (num_nonnulls(target_likelihood, target_impact, target_score, target_level) IN (0, 4)),
  CONSTRAINT risk_assessments_version_check CHECK (version >= 1)
);
-- add table risk_clauses
CREATE TABLE public.risk_clauses (
  risk_id bigint NOT NULL,
  clause_id bigint NOT NULL,
  CONSTRAINT risk_clauses_pkey PRIMARY KEY (risk_id, clause_id)
);
-- add table risk_controls
CREATE TABLE public.risk_controls (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  risk_id bigint NOT NULL,
  title text NOT NULL,
  description text,
  control_type text DEFAULT 'preventive' NOT NULL,
  implementation_status text DEFAULT 'planned' NOT NULL,
  effectiveness text DEFAULT 'not_tested' NOT NULL,
  owner_id bigint,
  last_tested_date date,
  next_test_date date,
  test_frequency_months smallint,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT risk_controls_pkey PRIMARY KEY (id),
  CONSTRAINT risk_controls_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT risk_controls_control_type_check CHECK (control_type IN ('preventive', 'detective', 'corrective', 'directive')),
  CONSTRAINT risk_controls_implementation_status_check CHECK (implementation_status IN ('planned', 'in_progress', 'implemented', 'not_implemented', 'not_applicable')),
  CONSTRAINT risk_controls_effectiveness_check CHECK (effectiveness IN ('effective', 'partially_effective', 'ineffective', 'not_tested')),
  CONSTRAINT risk_controls_test_frequency_months_check CHECK (test_frequency_months BETWEEN 1 AND 60),
  CONSTRAINT risk_controls_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT risk_controls_version_check CHECK (version >= 1)
);
-- add table risk_standard_controls
CREATE TABLE public.risk_standard_controls (
  risk_id bigint NOT NULL,
  control_id bigint NOT NULL,
  CONSTRAINT risk_standard_controls_pkey PRIMARY KEY (risk_id, control_id)
);
-- add table risks
CREATE TABLE public.risks (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  reference_number text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  category text DEFAULT 'operational' NOT NULL,
  subcategory text,
  risk_source text,
  risk_event text,
  risk_consequence text,
  likelihood smallint DEFAULT 3 NOT NULL,
  impact smallint DEFAULT 3 NOT NULL,
  score smallint DEFAULT 9 NOT NULL,
  level text DEFAULT 'medium' NOT NULL,
  owner_id bigint,
  department text,
  review_frequency_months smallint DEFAULT 12 NOT NULL,
  next_review_date date,
  last_reviewed_at timestamp with time zone,
  treatment_strategy text DEFAULT 'mitigate' NOT NULL,
  treatment_plan text,
  treatment_due_date date,
  acceptance_justification text,
  accepted_by_id bigint,
  accepted_at timestamp with time zone,
  acceptance_expires_on date,
  status text DEFAULT 'identified' NOT NULL,
  closed_at timestamp with time zone,
  closed_by_id bigint,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT risks_pkey PRIMARY KEY (id),
  CONSTRAINT risks_reference_number_key UNIQUE (reference_number),
  CONSTRAINT risks_reference_number_check CHECK (reference_number ~ '^RSK-[0-9]{4}-[0-9]{4,}$'),
  CONSTRAINT risks_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT risks_description_check CHECK (char_length(description) BETWEEN 1 AND 10000),
  CONSTRAINT risks_category_check CHECK (category IN ('strategic', 'operational', 'financial', 'compliance', 'reputational', 'safety', 'environmental', 'information_security')),
  CONSTRAINT risks_subcategory_check CHECK (char_length(subcategory) BETWEEN 1 AND 100),
  CONSTRAINT risks_risk_source_check CHECK (char_length(risk_source) BETWEEN 1 AND 500),
  CONSTRAINT risks_risk_event_check CHECK (char_length(risk_event) BETWEEN 1 AND 500),
  CONSTRAINT risks_risk_consequence_check CHECK (char_length(risk_consequence) BETWEEN 1 AND 500),
  CONSTRAINT risks_likelihood_check CHECK (likelihood BETWEEN 1 AND 5),
  CONSTRAINT risks_impact_check CHECK (impact BETWEEN 1 AND 5),
  CONSTRAINT risks_score_check CHECK (score = likelihood * impact),
  CONSTRAINT risks_level_check CHECK (level IN ('very_low', 'low', 'medium', 'high', 'critical')),
  CONSTRAINT risks_level_grid_check CHECK (level = (ARRAY['very_low', 'low', 'low', 'medium', 'medium', 'low', 'low', 'medium', 'medium', 'high', 'low', 'medium', 'medium', 'high', 'high', 'medium', 'medium', 'high', 'high', 'critical', 'medium', 'high', 'high', 'critical', 'critical'])[(likelihood - 1) * 5 + impact]),
  CONSTRAINT risks_department_check CHECK (char_length(department) BETWEEN 1 AND 100),
  CONSTRAINT risks_review_frequency_months_check CHECK (review_frequency_months BETWEEN 1 AND 60),
  CONSTRAINT risks_treatment_strategy_check CHECK (treatment_strategy IN ('accept', 'mitigate', 'transfer', 'avoid', 'exploit')),
  CONSTRAINT risks_acceptance_justification_check CHECK (char_length(acceptance_justification) BETWEEN 1 AND 4000),
  CONSTRAINT risks_acceptance_check CHECK (accepted_at IS NULL OR (accepted_by_id IS NOT NULL AND acceptance_justification IS NOT NULL)),
  CONSTRAINT risks_status_check CHECK (status IN ('identified', 'assessing', 'treating', 'monitoring', 'closed')),
  CONSTRAINT risks_closed_by_check CHECK (closed_by_id IS NULL OR closed_at IS NOT NULL),
  CONSTRAINT risks_closed_check CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CONSTRAINT risks_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT risks_version_check CHECK (version >= 1)
);
-- add table road_traffic_collisions
CREATE TABLE public.road_traffic_collisions (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  reference_number text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  severity text DEFAULT 'damage_only' NOT NULL,
  status text DEFAULT 'reported' NOT NULL,
  occurred_at timestamp with time zone NOT NULL,
  reported_at timestamp with time zone DEFAULT now() NOT NULL,
  location text NOT NULL,
  road_name text,
  postcode text,
  on_public_road boolean DEFAULT true NOT NULL,
  weather_conditions text,
  road_conditions text,
  lighting_conditions text,
  vehicle_registration text,
  vehicle_make_model text,
  vehicle_damage text,
  driver_id bigint,
  driver_name text,
  driver_statement text,
  driver_injured boolean DEFAULT false NOT NULL,
  driver_injury_details text,
  injuries boolean DEFAULT false NOT NULL,
  witnesses text,
  involved_substance_exposure boolean,
  involved_loading_unloading boolean,
  involved_roadside_work boolean,
  involved_train boolean,
  riddor_reportable boolean,
  police_attended boolean DEFAULT false NOT NULL,
  police_reference text,
  police_station text,
  police_reported_at timestamp with time zone,
  insurance_notified boolean DEFAULT false NOT NULL,
  insurance_notified_at timestamp with time zone,
  insurer text,
  insurance_reference text,
  insurance_notes text,
  estimated_cost numeric(14,2),
  currency text DEFAULT 'GBP' NOT NULL,
  fault_determination text,
  reporter_id bigint,
  assigned_to_id bigint,
  investigation_notes text,
  root_cause text,
  closed_at timestamp with time zone,
  closed_by_id bigint,
  closure_notes text,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT road_traffic_collisions_pkey PRIMARY KEY (id),
  CONSTRAINT road_traffic_collisions_reference_number_key UNIQUE (reference_number),
  CONSTRAINT road_traffic_collisions_reference_number_check CHECK (reference_number ~ '^RTC-[0-9]{4}-[0-9]{4,}$'),
  CONSTRAINT road_traffic_collisions_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
  CONSTRAINT road_traffic_collisions_description_check CHECK (char_length(description) BETWEEN 1 AND 20000),
  CONSTRAINT road_traffic_collisions_severity_check CHECK (severity IN ('fatal', 'serious_injury', 'minor_injury', 'damage_only', 'near_miss')),
  CONSTRAINT road_traffic_collisions_status_check CHECK (status IN ('reported', 'under_investigation', 'pending_insurance', 'pending_actions', 'closed')),
  CONSTRAINT road_traffic_collisions_reported_after_occurred_check CHECK (reported_at >= occurred_at),
  CONSTRAINT road_traffic_collisions_location_check CHECK (char_length(location) BETWEEN 1 AND 500),
  CONSTRAINT road_traffic_collisions_road_name_check CHECK (char_length(road_name) BETWEEN 1 AND 200),
  CONSTRAINT road_traffic_collisions_postcode_check CHECK (char_length(postcode) BETWEEN 1 AND 20),
  CONSTRAINT road_traffic_collisions_weather_conditions_check CHECK (weather_conditions IN ('clear', 'rain', 'snow', 'sleet', 'fog', 'high_wind', 'other')),
  CONSTRAINT road_traffic_collisions_road_conditions_check CHECK (road_conditions IN ('dry', 'wet', 'ice', 'snow', 'flood', 'mud', 'oil', 'other')),
  CONSTRAINT road_traffic_collisions_lighting_conditions_check CHECK (lighting_conditions IN ('daylight', 'dusk_dawn', 'dark_lit', 'dark_unlit')),
  CONSTRAINT road_traffic_collisions_vehicle_registration_check CHECK (char_length(vehicle_registration) BETWEEN 1 AND 20),
  CONSTRAINT road_traffic_collisions_vehicle_make_model_check CHECK (char_length(vehicle_make_model) BETWEEN 1 AND 100),
  CONSTRAINT road_traffic_collisions_driver_name_check CHECK (char_length(driver_name) BETWEEN 1 AND 200),
  CONSTRAINT road_traffic_collisions_police_reference_check CHECK (char_length(police_reference) BETWEEN 1 AND 100),
  CONSTRAINT road_traffic_collisions_police_station_check CHECK (char_length(police_station) BETWEEN 1 AND 200),
  CONSTRAINT road_traffic_collisions_insurer_check CHECK (char_length(insurer) BETWEEN 1 AND 200),
  CONSTRAINT road_traffic_collisions_insurance_reference_check CHECK (char_length(insurance_reference) BETWEEN 1 AND 100),
  CONSTRAINT road_traffic_collisions_estimated_cost_check CHECK (estimated_cost >= 0),
  CONSTRAINT road_traffic_collisions_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT road_traffic_collisions_fault_determination_check CHECK (fault_determination IN ('company_fault', 'third_party_fault', 'shared', 'undetermined')),
  CONSTRAINT road_traffic_collisions_closed_by_check CHECK (closed_by_id IS NULL OR closed_at IS NOT NULL),
  CONSTRAINT road_traffic_collisions_closed_check CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CONSTRAINT road_traffic_collisions_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT road_traffic_collisions_version_check CHECK (version >= 1)
);
-- add table role_permissions
CREATE TABLE public.role_permissions (
  role_id bigint NOT NULL,
  permission_id bigint NOT NULL,
  CONSTRAINT role_permissions_pkey PRIMARY KEY (role_id, permission_id)
);
-- add table roles
CREATE TABLE public.roles (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  name text NOT NULL,
  description text,
  is_system boolean DEFAULT false NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT roles_pkey PRIMARY KEY (id),
  CONSTRAINT roles_name_check CHECK (char_length(name) BETWEEN 1 AND 100),
  CONSTRAINT roles_description_check CHECK (char_length(description) BETWEEN 1 AND 2000),
  CONSTRAINT roles_version_check CHECK (version >= 1)
);
-- add table rtc_risks
CREATE TABLE public.rtc_risks (
  collision_id bigint NOT NULL,
  risk_id bigint NOT NULL,
  CONSTRAINT rtc_risks_pkey PRIMARY KEY (collision_id, risk_id)
);
-- add table rtc_third_parties
CREATE TABLE public.rtc_third_parties (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  collision_id bigint NOT NULL,
  name text NOT NULL,
  contact_phone text,
  contact_email text,
  address text,
  vehicle_registration text,
  vehicle_make_model text,
  damage_description text,
  injured boolean DEFAULT false NOT NULL,
  injury_details text,
  insurer text,
  policy_number text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT rtc_third_parties_pkey PRIMARY KEY (id),
  CONSTRAINT rtc_third_parties_name_check CHECK (char_length(name) BETWEEN 1 AND 200),
  CONSTRAINT rtc_third_parties_contact_phone_check CHECK (char_length(contact_phone) BETWEEN 1 AND 30),
  CONSTRAINT rtc_third_parties_contact_email_check CHECK (char_length(contact_email) BETWEEN 1 AND 320),
  CONSTRAINT rtc_third_parties_address_check CHECK (char_length(address) BETWEEN 1 AND 1000),
  CONSTRAINT rtc_third_parties_vehicle_registration_check CHECK (char_length(vehicle_registration) BETWEEN 1 AND 20),
  CONSTRAINT rtc_third_parties_vehicle_make_model_check CHECK (char_length(vehicle_make_model) BETWEEN 1 AND 100),
  CONSTRAINT rtc_third_parties_insurer_check CHECK (char_length(insurer) BETWEEN 1 AND 200),
  CONSTRAINT rtc_third_parties_policy_number_check CHECK (char_length(policy_number) BETWEEN 1 AND 100),
  CONSTRAINT rtc_third_parties_version_check CHECK (version >= 1)
);
-- add table soa_entries
CREATE TABLE public.soa_entries (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  control_id bigint NOT NULL,
  is_applicable boolean DEFAULT true NOT NULL,
  justification text,
  implementation_status text DEFAULT 'not_implemented' NOT NULL,
  owner_id bigint,
  reviewed_at timestamp with time zone,
  reviewed_by_id bigint,
  notes text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT soa_entries_pkey PRIMARY KEY (id),
  CONSTRAINT soa_entries_control_id_key UNIQUE (control_id),
  CONSTRAINT soa_entries_justification_check CHECK (char_length(justification) BETWEEN 1 AND 4000),
  CONSTRAINT soa_entries_exclusion_justified_check CHECK (is_applicable OR justification IS NOT NULL),
  CONSTRAINT soa_entries_implementation_status_check CHECK (implementation_status IN ('not_implemented', 'planned', 'partially_implemented', 'implemented', 'not_applicable')),
  CONSTRAINT soa_entries_applicability_status_check CHECK ((implementation_status = 'not_applicable') = (NOT is_applicable)),
  CONSTRAINT soa_entries_version_check CHECK (version >= 1)
);
-- add table standards
CREATE TABLE public.standards (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  full_name text NOT NULL,
  edition text NOT NULL,
  description text,
  effective_date date,
  is_active boolean DEFAULT true NOT NULL,
  archived_at timestamp with time zone,
  archived_by_id bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT standards_pkey PRIMARY KEY (id),
  CONSTRAINT standards_code_key UNIQUE (code),
  CONSTRAINT standards_code_check CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._:-]*$' AND char_length(code) <= 30),
  CONSTRAINT standards_name_check CHECK (char_length(name) BETWEEN 1 AND 200),
  CONSTRAINT standards_full_name_check CHECK (char_length(full_name) BETWEEN 1 AND 500),
  CONSTRAINT standards_edition_check CHECK (char_length(edition) BETWEEN 1 AND 20),
  CONSTRAINT standards_archived_check CHECK (archived_by_id IS NULL OR archived_at IS NOT NULL),
  CONSTRAINT standards_version_check CHECK (version >= 1)
);
-- add table user_roles
CREATE TABLE public.user_roles (
  user_id bigint NOT NULL,
  role_id bigint NOT NULL,
  CONSTRAINT user_roles_pkey PRIMARY KEY (user_id, role_id)
);
-- add table users
CREATE TABLE public.users (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  email text NOT NULL,
  password_hash text NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  job_title text,
  department text,
  phone text,
  is_active boolean DEFAULT true NOT NULL,
  disabled_at timestamp with time zone,
  disabled_by_id bigint,
  is_superuser boolean DEFAULT false NOT NULL,
  last_login_at timestamp with time zone,
  password_changed_at timestamp with time zone,
  failed_login_count integer DEFAULT 0 NOT NULL,
  locked_until timestamp with time zone,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_email_check CHECK (char_length(email) BETWEEN 3 AND 320 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  CONSTRAINT users_password_hash_check CHECK (password_hash LIKE '$argon2id$%'),
  CONSTRAINT users_first_name_check CHECK (char_length(first_name) BETWEEN 1 AND 100),
  CONSTRAINT users_last_name_check CHECK (char_length(last_name) BETWEEN 1 AND 100),
  CONSTRAINT users_job_title_check CHECK (char_length(job_title) BETWEEN 1 AND 100),
  CONSTRAINT users_department_check CHECK (char_length(department) BETWEEN 1 AND 100),
  CONSTRAINT users_phone_check CHECK (char_length(phone) BETWEEN 1 AND 30),
  CONSTRAINT users_disabled_check CHECK (is_active = (disabled_at IS NULL)),
  CONSTRAINT users_failed_login_count_check CHECK (failed_login_count >= 0),
  CONSTRAINT users_version_check CHECK (version >= 1)
);
-- add foreign key actions.actions_archived_by_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_cancelled_by_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_cancelled_by_id_fkey FOREIGN KEY (cancelled_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_closed_by_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_closed_by_id_fkey FOREIGN KEY (closed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_collision_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_collision_id_fkey FOREIGN KEY (collision_id) REFERENCES public.road_traffic_collisions(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_complaint_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_complaint_id_fkey FOREIGN KEY (complaint_id) REFERENCES public.complaints(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_created_by_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_effectiveness_reviewed_by_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_effectiveness_reviewed_by_id_fkey FOREIGN KEY (effectiveness_reviewed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_finding_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_finding_id_fkey FOREIGN KEY (finding_id) REFERENCES public.audit_findings(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_incident_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES public.incidents(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_owner_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_policy_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES public.policies(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_risk_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_risk_id_fkey FOREIGN KEY (risk_id) REFERENCES public.risks(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_updated_by_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key actions.actions_verified_by_id_fkey
ALTER TABLE public.actions ADD CONSTRAINT actions_verified_by_id_fkey FOREIGN KEY (verified_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_action_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_archived_by_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_collision_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_collision_id_fkey FOREIGN KEY (collision_id) REFERENCES public.road_traffic_collisions(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_complaint_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_complaint_id_fkey FOREIGN KEY (complaint_id) REFERENCES public.complaints(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_created_by_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_finding_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_finding_id_fkey FOREIGN KEY (finding_id) REFERENCES public.audit_findings(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_incident_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES public.incidents(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_policy_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES public.policies(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_response_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_response_id_fkey FOREIGN KEY (response_id) REFERENCES public.audit_responses(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_risk_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_risk_id_fkey FOREIGN KEY (risk_id) REFERENCES public.risks(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_run_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_run_id_fkey FOREIGN KEY (run_id) REFERENCES public.audit_runs(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_updated_by_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key attachments.attachments_uploaded_by_id_fkey
ALTER TABLE public.attachments ADD CONSTRAINT attachments_uploaded_by_id_fkey FOREIGN KEY (uploaded_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_findings.audit_findings_archived_by_id_fkey
ALTER TABLE public.audit_findings ADD CONSTRAINT audit_findings_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_findings.audit_findings_assigned_to_id_fkey
ALTER TABLE public.audit_findings ADD CONSTRAINT audit_findings_assigned_to_id_fkey FOREIGN KEY (assigned_to_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_findings.audit_findings_closed_by_id_fkey
ALTER TABLE public.audit_findings ADD CONSTRAINT audit_findings_closed_by_id_fkey FOREIGN KEY (closed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_findings.audit_findings_created_by_id_fkey
ALTER TABLE public.audit_findings ADD CONSTRAINT audit_findings_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_findings.audit_findings_question_id_fkey
ALTER TABLE public.audit_findings ADD CONSTRAINT audit_findings_question_id_fkey FOREIGN KEY (question_id) REFERENCES public.audit_questions(id) ON DELETE SET NULL;
-- add foreign key audit_findings.audit_findings_response_id_fkey
ALTER TABLE public.audit_findings ADD CONSTRAINT audit_findings_response_id_fkey FOREIGN KEY (response_id) REFERENCES public.audit_responses(id) ON DELETE SET NULL;
-- add foreign key audit_findings.audit_findings_run_id_fkey
ALTER TABLE public.audit_findings ADD CONSTRAINT audit_findings_run_id_fkey FOREIGN KEY (run_id) REFERENCES public.audit_runs(id) ON DELETE RESTRICT;
-- add foreign key audit_findings.audit_findings_updated_by_id_fkey
ALTER TABLE public.audit_findings ADD CONSTRAINT audit_findings_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_findings.audit_findings_verified_by_id_fkey
ALTER TABLE public.audit_findings ADD CONSTRAINT audit_findings_verified_by_id_fkey FOREIGN KEY (verified_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_log.audit_log_actor_user_id_fkey
ALTER TABLE public.audit_log ADD CONSTRAINT audit_log_actor_user_id_fkey FOREIGN KEY (actor_user_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_question_options.audit_question_options_archived_by_id_fkey
ALTER TABLE public.audit_question_options ADD CONSTRAINT audit_question_options_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_question_options.audit_question_options_created_by_id_fkey
ALTER TABLE public.audit_question_options ADD CONSTRAINT audit_question_options_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_question_options.audit_question_options_question_id_fkey
ALTER TABLE public.audit_question_options ADD CONSTRAINT audit_question_options_question_id_fkey FOREIGN KEY (question_id) REFERENCES public.audit_questions(id) ON DELETE CASCADE;
-- add foreign key audit_question_options.audit_question_options_updated_by_id_fkey
ALTER TABLE public.audit_question_options ADD CONSTRAINT audit_question_options_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_questions.audit_questions_archived_by_id_fkey
ALTER TABLE public.audit_questions ADD CONSTRAINT audit_questions_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_questions.audit_questions_created_by_id_fkey
ALTER TABLE public.audit_questions ADD CONSTRAINT audit_questions_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_questions.audit_questions_section_fkey
ALTER TABLE public.audit_questions ADD CONSTRAINT audit_questions_section_fkey FOREIGN KEY (template_id, section_id) REFERENCES public.audit_sections(template_id, id) ON DELETE CASCADE;
-- add foreign key audit_questions.audit_questions_template_id_fkey
ALTER TABLE public.audit_questions ADD CONSTRAINT audit_questions_template_id_fkey FOREIGN KEY (template_id) REFERENCES public.audit_templates(id) ON DELETE CASCADE;
-- add foreign key audit_questions.audit_questions_updated_by_id_fkey
ALTER TABLE public.audit_questions ADD CONSTRAINT audit_questions_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_response_options.audit_response_options_option_id_fkey
ALTER TABLE public.audit_response_options ADD CONSTRAINT audit_response_options_option_id_fkey FOREIGN KEY (option_id) REFERENCES public.audit_question_options(id) ON DELETE RESTRICT;
-- add foreign key audit_response_options.audit_response_options_response_id_fkey
ALTER TABLE public.audit_response_options ADD CONSTRAINT audit_response_options_response_id_fkey FOREIGN KEY (response_id) REFERENCES public.audit_responses(id) ON DELETE CASCADE;
-- add foreign key audit_responses.audit_responses_answered_by_id_fkey
ALTER TABLE public.audit_responses ADD CONSTRAINT audit_responses_answered_by_id_fkey FOREIGN KEY (answered_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_responses.audit_responses_created_by_id_fkey
ALTER TABLE public.audit_responses ADD CONSTRAINT audit_responses_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_responses.audit_responses_question_id_fkey
ALTER TABLE public.audit_responses ADD CONSTRAINT audit_responses_question_id_fkey FOREIGN KEY (question_id) REFERENCES public.audit_questions(id) ON DELETE RESTRICT;
-- add foreign key audit_responses.audit_responses_run_id_fkey
ALTER TABLE public.audit_responses ADD CONSTRAINT audit_responses_run_id_fkey FOREIGN KEY (run_id) REFERENCES public.audit_runs(id) ON DELETE CASCADE;
-- add foreign key audit_responses.audit_responses_updated_by_id_fkey
ALTER TABLE public.audit_responses ADD CONSTRAINT audit_responses_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_runs.audit_runs_archived_by_id_fkey
ALTER TABLE public.audit_runs ADD CONSTRAINT audit_runs_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_runs.audit_runs_assigned_to_id_fkey
ALTER TABLE public.audit_runs ADD CONSTRAINT audit_runs_assigned_to_id_fkey FOREIGN KEY (assigned_to_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_runs.audit_runs_cancelled_by_id_fkey
ALTER TABLE public.audit_runs ADD CONSTRAINT audit_runs_cancelled_by_id_fkey FOREIGN KEY (cancelled_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_runs.audit_runs_completed_by_id_fkey
ALTER TABLE public.audit_runs ADD CONSTRAINT audit_runs_completed_by_id_fkey FOREIGN KEY (completed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_runs.audit_runs_created_by_id_fkey
ALTER TABLE public.audit_runs ADD CONSTRAINT audit_runs_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_runs.audit_runs_template_id_fkey
ALTER TABLE public.audit_runs ADD CONSTRAINT audit_runs_template_id_fkey FOREIGN KEY (template_id) REFERENCES public.audit_templates(id) ON DELETE RESTRICT;
-- add foreign key audit_runs.audit_runs_template_version_fkey
ALTER TABLE public.audit_runs ADD CONSTRAINT audit_runs_template_version_fkey FOREIGN KEY (template_id, template_version_id) REFERENCES public.audit_template_versions(template_id, id) ON DELETE RESTRICT;
-- add foreign key audit_runs.audit_runs_updated_by_id_fkey
ALTER TABLE public.audit_runs ADD CONSTRAINT audit_runs_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_sections.audit_sections_archived_by_id_fkey
ALTER TABLE public.audit_sections ADD CONSTRAINT audit_sections_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_sections.audit_sections_created_by_id_fkey
ALTER TABLE public.audit_sections ADD CONSTRAINT audit_sections_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_sections.audit_sections_template_id_fkey
ALTER TABLE public.audit_sections ADD CONSTRAINT audit_sections_template_id_fkey FOREIGN KEY (template_id) REFERENCES public.audit_templates(id) ON DELETE CASCADE;
-- add foreign key audit_sections.audit_sections_updated_by_id_fkey
ALTER TABLE public.audit_sections ADD CONSTRAINT audit_sections_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_template_standards.audit_template_standards_standard_id_fkey
ALTER TABLE public.audit_template_standards ADD CONSTRAINT audit_template_standards_standard_id_fkey FOREIGN KEY (standard_id) REFERENCES public.standards(id) ON DELETE CASCADE;
-- add foreign key audit_template_standards.audit_template_standards_template_id_fkey
ALTER TABLE public.audit_template_standards ADD CONSTRAINT audit_template_standards_template_id_fkey FOREIGN KEY (template_id) REFERENCES public.audit_templates(id) ON DELETE CASCADE;
-- add foreign key audit_template_versions.audit_template_versions_created_by_id_fkey
ALTER TABLE public.audit_template_versions ADD CONSTRAINT audit_template_versions_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_template_versions.audit_template_versions_published_by_id_fkey
ALTER TABLE public.audit_template_versions ADD CONSTRAINT audit_template_versions_published_by_id_fkey FOREIGN KEY (published_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_template_versions.audit_template_versions_template_id_fkey
ALTER TABLE public.audit_template_versions ADD CONSTRAINT audit_template_versions_template_id_fkey FOREIGN KEY (template_id) REFERENCES public.audit_templates(id) ON DELETE CASCADE;
-- add foreign key audit_template_versions.audit_template_versions_updated_by_id_fkey
ALTER TABLE public.audit_template_versions ADD CONSTRAINT audit_template_versions_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_templates.audit_templates_archived_by_id_fkey
ALTER TABLE public.audit_templates ADD CONSTRAINT audit_templates_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_templates.audit_templates_created_by_id_fkey
ALTER TABLE public.audit_templates ADD CONSTRAINT audit_templates_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key audit_templates.audit_templates_updated_by_id_fkey
ALTER TABLE public.audit_templates ADD CONSTRAINT audit_templates_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key clause_mappings.clause_mappings_clause_a_id_fkey
ALTER TABLE public.clause_mappings ADD CONSTRAINT clause_mappings_clause_a_id_fkey FOREIGN KEY (clause_a_id) REFERENCES public.clauses(id) ON DELETE CASCADE;
-- add foreign key clause_mappings.clause_mappings_clause_b_id_fkey
ALTER TABLE public.clause_mappings ADD CONSTRAINT clause_mappings_clause_b_id_fkey FOREIGN KEY (clause_b_id) REFERENCES public.clauses(id) ON DELETE CASCADE;
-- add foreign key clause_mappings.clause_mappings_created_by_id_fkey
ALTER TABLE public.clause_mappings ADD CONSTRAINT clause_mappings_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key clause_mappings.clause_mappings_updated_by_id_fkey
ALTER TABLE public.clause_mappings ADD CONSTRAINT clause_mappings_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key clauses.clauses_archived_by_id_fkey
ALTER TABLE public.clauses ADD CONSTRAINT clauses_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key clauses.clauses_created_by_id_fkey
ALTER TABLE public.clauses ADD CONSTRAINT clauses_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key clauses.clauses_parent_fkey
ALTER TABLE public.clauses ADD CONSTRAINT clauses_parent_fkey FOREIGN KEY (standard_id, parent_clause_id) REFERENCES public.clauses(standard_id, id) ON DELETE CASCADE;
-- add foreign key clauses.clauses_standard_id_fkey
ALTER TABLE public.clauses ADD CONSTRAINT clauses_standard_id_fkey FOREIGN KEY (standard_id) REFERENCES public.standards(id) ON DELETE CASCADE;
-- add foreign key clauses.clauses_updated_by_id_fkey
ALTER TABLE public.clauses ADD CONSTRAINT clauses_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key complaint_clauses.complaint_clauses_clause_id_fkey
ALTER TABLE public.complaint_clauses ADD CONSTRAINT complaint_clauses_clause_id_fkey FOREIGN KEY (clause_id) REFERENCES public.clauses(id) ON DELETE CASCADE;
-- add foreign key complaint_clauses.complaint_clauses_complaint_id_fkey
ALTER TABLE public.complaint_clauses ADD CONSTRAINT complaint_clauses_complaint_id_fkey FOREIGN KEY (complaint_id) REFERENCES public.complaints(id) ON DELETE CASCADE;
-- add foreign key complaint_risks.complaint_risks_complaint_id_fkey
ALTER TABLE public.complaint_risks ADD CONSTRAINT complaint_risks_complaint_id_fkey FOREIGN KEY (complaint_id) REFERENCES public.complaints(id) ON DELETE CASCADE;
-- add foreign key complaint_risks.complaint_risks_risk_id_fkey
ALTER TABLE public.complaint_risks ADD CONSTRAINT complaint_risks_risk_id_fkey FOREIGN KEY (risk_id) REFERENCES public.risks(id) ON DELETE CASCADE;
-- add foreign key complaints.complaints_archived_by_id_fkey
ALTER TABLE public.complaints ADD CONSTRAINT complaints_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key complaints.complaints_closed_by_id_fkey
ALTER TABLE public.complaints ADD CONSTRAINT complaints_closed_by_id_fkey FOREIGN KEY (closed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key complaints.complaints_created_by_id_fkey
ALTER TABLE public.complaints ADD CONSTRAINT complaints_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key complaints.complaints_owner_id_fkey
ALTER TABLE public.complaints ADD CONSTRAINT complaints_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key complaints.complaints_updated_by_id_fkey
ALTER TABLE public.complaints ADD CONSTRAINT complaints_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key controls.controls_archived_by_id_fkey
ALTER TABLE public.controls ADD CONSTRAINT controls_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key controls.controls_clause_fkey
ALTER TABLE public.controls ADD CONSTRAINT controls_clause_fkey FOREIGN KEY (standard_id, clause_id) REFERENCES public.clauses(standard_id, id) ON DELETE CASCADE;
-- add foreign key controls.controls_created_by_id_fkey
ALTER TABLE public.controls ADD CONSTRAINT controls_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key controls.controls_standard_id_fkey
ALTER TABLE public.controls ADD CONSTRAINT controls_standard_id_fkey FOREIGN KEY (standard_id) REFERENCES public.standards(id) ON DELETE CASCADE;
-- add foreign key controls.controls_updated_by_id_fkey
ALTER TABLE public.controls ADD CONSTRAINT controls_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key finding_clauses.finding_clauses_clause_id_fkey
ALTER TABLE public.finding_clauses ADD CONSTRAINT finding_clauses_clause_id_fkey FOREIGN KEY (clause_id) REFERENCES public.clauses(id) ON DELETE CASCADE;
-- add foreign key finding_clauses.finding_clauses_finding_id_fkey
ALTER TABLE public.finding_clauses ADD CONSTRAINT finding_clauses_finding_id_fkey FOREIGN KEY (finding_id) REFERENCES public.audit_findings(id) ON DELETE CASCADE;
-- add foreign key finding_controls.finding_controls_control_id_fkey
ALTER TABLE public.finding_controls ADD CONSTRAINT finding_controls_control_id_fkey FOREIGN KEY (control_id) REFERENCES public.controls(id) ON DELETE CASCADE;
-- add foreign key finding_controls.finding_controls_finding_id_fkey
ALTER TABLE public.finding_controls ADD CONSTRAINT finding_controls_finding_id_fkey FOREIGN KEY (finding_id) REFERENCES public.audit_findings(id) ON DELETE CASCADE;
-- add foreign key finding_risks.finding_risks_finding_id_fkey
ALTER TABLE public.finding_risks ADD CONSTRAINT finding_risks_finding_id_fkey FOREIGN KEY (finding_id) REFERENCES public.audit_findings(id) ON DELETE CASCADE;
-- add foreign key finding_risks.finding_risks_risk_id_fkey
ALTER TABLE public.finding_risks ADD CONSTRAINT finding_risks_risk_id_fkey FOREIGN KEY (risk_id) REFERENCES public.risks(id) ON DELETE CASCADE;
-- add foreign key incident_clauses.incident_clauses_clause_id_fkey
ALTER TABLE public.incident_clauses ADD CONSTRAINT incident_clauses_clause_id_fkey FOREIGN KEY (clause_id) REFERENCES public.clauses(id) ON DELETE CASCADE;
-- add foreign key incident_clauses.incident_clauses_incident_id_fkey
ALTER TABLE public.incident_clauses ADD CONSTRAINT incident_clauses_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES public.incidents(id) ON DELETE CASCADE;
-- add foreign key incident_risks.incident_risks_incident_id_fkey
ALTER TABLE public.incident_risks ADD CONSTRAINT incident_risks_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES public.incidents(id) ON DELETE CASCADE;
-- add foreign key incident_risks.incident_risks_risk_id_fkey
ALTER TABLE public.incident_risks ADD CONSTRAINT incident_risks_risk_id_fkey FOREIGN KEY (risk_id) REFERENCES public.risks(id) ON DELETE CASCADE;
-- add foreign key incidents.incidents_archived_by_id_fkey
ALTER TABLE public.incidents ADD CONSTRAINT incidents_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key incidents.incidents_assigned_to_id_fkey
ALTER TABLE public.incidents ADD CONSTRAINT incidents_assigned_to_id_fkey FOREIGN KEY (assigned_to_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key incidents.incidents_closed_by_id_fkey
ALTER TABLE public.incidents ADD CONSTRAINT incidents_closed_by_id_fkey FOREIGN KEY (closed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key incidents.incidents_created_by_id_fkey
ALTER TABLE public.incidents ADD CONSTRAINT incidents_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key incidents.incidents_reporter_id_fkey
ALTER TABLE public.incidents ADD CONSTRAINT incidents_reporter_id_fkey FOREIGN KEY (reporter_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key incidents.incidents_riddor_confirmed_by_id_fkey
ALTER TABLE public.incidents ADD CONSTRAINT incidents_riddor_confirmed_by_id_fkey FOREIGN KEY (riddor_confirmed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key incidents.incidents_updated_by_id_fkey
ALTER TABLE public.incidents ADD CONSTRAINT incidents_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key login_attempts.login_attempts_user_id_fkey
ALTER TABLE public.login_attempts ADD CONSTRAINT login_attempts_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
-- add foreign key permissions.permissions_created_by_id_fkey
ALTER TABLE public.permissions ADD CONSTRAINT permissions_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key permissions.permissions_updated_by_id_fkey
ALTER TABLE public.permissions ADD CONSTRAINT permissions_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key policies.policies_approver_id_fkey
ALTER TABLE public.policies ADD CONSTRAINT policies_approver_id_fkey FOREIGN KEY (approver_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key policies.policies_archived_by_id_fkey
ALTER TABLE public.policies ADD CONSTRAINT policies_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key policies.policies_created_by_id_fkey
ALTER TABLE public.policies ADD CONSTRAINT policies_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key policies.policies_owner_id_fkey
ALTER TABLE public.policies ADD CONSTRAINT policies_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key policies.policies_retired_by_id_fkey
ALTER TABLE public.policies ADD CONSTRAINT policies_retired_by_id_fkey FOREIGN KEY (retired_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key policies.policies_updated_by_id_fkey
ALTER TABLE public.policies ADD CONSTRAINT policies_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key policy_clauses.policy_clauses_clause_id_fkey
ALTER TABLE public.policy_clauses ADD CONSTRAINT policy_clauses_clause_id_fkey FOREIGN KEY (clause_id) REFERENCES public.clauses(id) ON DELETE CASCADE;
-- add foreign key policy_clauses.policy_clauses_policy_id_fkey
ALTER TABLE public.policy_clauses ADD CONSTRAINT policy_clauses_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES public.policies(id) ON DELETE CASCADE;
-- add foreign key policy_roles.policy_roles_policy_id_fkey
ALTER TABLE public.policy_roles ADD CONSTRAINT policy_roles_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES public.policies(id) ON DELETE CASCADE;
-- add foreign key policy_roles.policy_roles_role_id_fkey
ALTER TABLE public.policy_roles ADD CONSTRAINT policy_roles_role_id_fkey FOREIGN KEY (role_id) REFERENCES public.roles(id) ON DELETE CASCADE;
-- add foreign key policy_tags.policy_tags_policy_id_fkey
ALTER TABLE public.policy_tags ADD CONSTRAINT policy_tags_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES public.policies(id) ON DELETE CASCADE;
-- add foreign key policy_versions.policy_versions_approved_by_id_fkey
ALTER TABLE public.policy_versions ADD CONSTRAINT policy_versions_approved_by_id_fkey FOREIGN KEY (approved_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key policy_versions.policy_versions_created_by_id_fkey
ALTER TABLE public.policy_versions ADD CONSTRAINT policy_versions_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key policy_versions.policy_versions_document_attachment_id_fkey
ALTER TABLE public.policy_versions ADD CONSTRAINT policy_versions_document_attachment_id_fkey FOREIGN KEY (document_attachment_id) REFERENCES public.attachments(id) ON DELETE RESTRICT;
-- add foreign key policy_versions.policy_versions_policy_id_fkey
ALTER TABLE public.policy_versions ADD CONSTRAINT policy_versions_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES public.policies(id) ON DELETE CASCADE;
-- add foreign key policy_versions.policy_versions_published_by_id_fkey
ALTER TABLE public.policy_versions ADD CONSTRAINT policy_versions_published_by_id_fkey FOREIGN KEY (published_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key policy_versions.policy_versions_reviewed_by_id_fkey
ALTER TABLE public.policy_versions ADD CONSTRAINT policy_versions_reviewed_by_id_fkey FOREIGN KEY (reviewed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key policy_versions.policy_versions_submitted_by_id_fkey
ALTER TABLE public.policy_versions ADD CONSTRAINT policy_versions_submitted_by_id_fkey FOREIGN KEY (submitted_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key policy_versions.policy_versions_supersedes_fkey
ALTER TABLE public.policy_versions ADD CONSTRAINT policy_versions_supersedes_fkey FOREIGN KEY (policy_id, supersedes_version_id) REFERENCES public.policy_versions(policy_id, id);
-- add foreign key policy_versions.policy_versions_updated_by_id_fkey
ALTER TABLE public.policy_versions ADD CONSTRAINT policy_versions_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key question_clauses.question_clauses_clause_id_fkey
ALTER TABLE public.question_clauses ADD CONSTRAINT question_clauses_clause_id_fkey FOREIGN KEY (clause_id) REFERENCES public.clauses(id) ON DELETE CASCADE;
-- add foreign key question_clauses.question_clauses_question_id_fkey
ALTER TABLE public.question_clauses ADD CONSTRAINT question_clauses_question_id_fkey FOREIGN KEY (question_id) REFERENCES public.audit_questions(id) ON DELETE CASCADE;
-- add foreign key question_controls.question_controls_control_id_fkey
ALTER TABLE public.question_controls ADD CONSTRAINT question_controls_control_id_fkey FOREIGN KEY (control_id) REFERENCES public.controls(id) ON DELETE CASCADE;
-- add foreign key question_controls.question_controls_question_id_fkey
ALTER TABLE public.question_controls ADD CONSTRAINT question_controls_question_id_fkey FOREIGN KEY (question_id) REFERENCES public.audit_questions(id) ON DELETE CASCADE;
-- add foreign key refresh_tokens.refresh_tokens_replaced_by_id_fkey
ALTER TABLE public.refresh_tokens ADD CONSTRAINT refresh_tokens_replaced_by_id_fkey FOREIGN KEY (replaced_by_id) REFERENCES public.refresh_tokens(id) ON DELETE SET NULL;
-- add foreign key refresh_tokens.refresh_tokens_user_id_fkey
ALTER TABLE public.refresh_tokens ADD CONSTRAINT refresh_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
-- add foreign key risk_assessments.risk_assessments_assessed_by_id_fkey
ALTER TABLE public.risk_assessments ADD CONSTRAINT risk_assessments_assessed_by_id_fkey FOREIGN KEY (assessed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risk_assessments.risk_assessments_created_by_id_fkey
ALTER TABLE public.risk_assessments ADD CONSTRAINT risk_assessments_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risk_assessments.risk_assessments_risk_id_fkey
ALTER TABLE public.risk_assessments ADD CONSTRAINT risk_assessments_risk_id_fkey FOREIGN KEY (risk_id) REFERENCES public.risks(id) ON DELETE CASCADE;
-- add foreign key risk_assessments.risk_assessments_updated_by_id_fkey
ALTER TABLE public.risk_assessments ADD CONSTRAINT risk_assessments_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risk_clauses.risk_clauses_clause_id_fkey
ALTER TABLE public.risk_clauses ADD CONSTRAINT risk_clauses_clause_id_fkey FOREIGN KEY (clause_id) REFERENCES public.clauses(id) ON DELETE CASCADE;
-- add foreign key risk_clauses.risk_clauses_risk_id_fkey
ALTER TABLE public.risk_clauses ADD CONSTRAINT risk_clauses_risk_id_fkey FOREIGN KEY (risk_id) REFERENCES public.risks(id) ON DELETE CASCADE;
-- add foreign key risk_controls.risk_controls_archived_by_id_fkey
ALTER TABLE public.risk_controls ADD CONSTRAINT risk_controls_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risk_controls.risk_controls_created_by_id_fkey
ALTER TABLE public.risk_controls ADD CONSTRAINT risk_controls_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risk_controls.risk_controls_owner_id_fkey
ALTER TABLE public.risk_controls ADD CONSTRAINT risk_controls_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risk_controls.risk_controls_risk_id_fkey
ALTER TABLE public.risk_controls ADD CONSTRAINT risk_controls_risk_id_fkey FOREIGN KEY (risk_id) REFERENCES public.risks(id) ON DELETE CASCADE;
-- add foreign key risk_controls.risk_controls_updated_by_id_fkey
ALTER TABLE public.risk_controls ADD CONSTRAINT risk_controls_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risk_standard_controls.risk_standard_controls_control_id_fkey
ALTER TABLE public.risk_standard_controls ADD CONSTRAINT risk_standard_controls_control_id_fkey FOREIGN KEY (control_id) REFERENCES public.controls(id) ON DELETE CASCADE;
-- add foreign key risk_standard_controls.risk_standard_controls_risk_id_fkey
ALTER TABLE public.risk_standard_controls ADD CONSTRAINT risk_standard_controls_risk_id_fkey FOREIGN KEY (risk_id) REFERENCES public.risks(id) ON DELETE CASCADE;
-- add foreign key risks.risks_accepted_by_id_fkey
ALTER TABLE public.risks ADD CONSTRAINT risks_accepted_by_id_fkey FOREIGN KEY (accepted_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risks.risks_archived_by_id_fkey
ALTER TABLE public.risks ADD CONSTRAINT risks_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risks.risks_closed_by_id_fkey
ALTER TABLE public.risks ADD CONSTRAINT risks_closed_by_id_fkey FOREIGN KEY (closed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risks.risks_created_by_id_fkey
ALTER TABLE public.risks ADD CONSTRAINT risks_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risks.risks_owner_id_fkey
ALTER TABLE public.risks ADD CONSTRAINT risks_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risks.risks_updated_by_id_fkey
ALTER TABLE public.risks ADD CONSTRAINT risks_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key road_traffic_collisions.road_traffic_collisions_archived_by_id_fkey
ALTER TABLE public.road_traffic_collisions ADD CONSTRAINT road_traffic_collisions_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key road_traffic_collisions.road_traffic_collisions_assigned_to_id_fkey
ALTER TABLE public.road_traffic_collisions ADD CONSTRAINT road_traffic_collisions_assigned_to_id_fkey FOREIGN KEY (assigned_to_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key road_traffic_collisions.road_traffic_collisions_closed_by_id_fkey
ALTER TABLE public.road_traffic_collisions ADD CONSTRAINT road_traffic_collisions_closed_by_id_fkey FOREIGN KEY (closed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key road_traffic_collisions.road_traffic_collisions_created_by_id_fkey
ALTER TABLE public.road_traffic_collisions ADD CONSTRAINT road_traffic_collisions_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key road_traffic_collisions.road_traffic_collisions_driver_id_fkey
ALTER TABLE public.road_traffic_collisions ADD CONSTRAINT road_traffic_collisions_driver_id_fkey FOREIGN KEY (driver_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key road_traffic_collisions.road_traffic_collisions_reporter_id_fkey
ALTER TABLE public.road_traffic_collisions ADD CONSTRAINT road_traffic_collisions_reporter_id_fkey FOREIGN KEY (reporter_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key road_traffic_collisions.road_traffic_collisions_updated_by_id_fkey
ALTER TABLE public.road_traffic_collisions ADD CONSTRAINT road_traffic_collisions_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key role_permissions.role_permissions_permission_id_fkey
ALTER TABLE public.role_permissions ADD CONSTRAINT role_permissions_permission_id_fkey FOREIGN KEY (permission_id) REFERENCES public.permissions(id) ON DELETE CASCADE;
-- add foreign key role_permissions.role_permissions_role_id_fkey
ALTER TABLE public.role_permissions ADD CONSTRAINT role_permissions_role_id_fkey FOREIGN KEY (role_id) REFERENCES public.roles(id) ON DELETE CASCADE;
-- add foreign key roles.roles_created_by_id_fkey
ALTER TABLE public.roles ADD CONSTRAINT roles_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key roles.roles_updated_by_id_fkey
ALTER TABLE public.roles ADD CONSTRAINT roles_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key rtc_risks.rtc_risks_collision_id_fkey
ALTER TABLE public.rtc_risks ADD CONSTRAINT rtc_risks_collision_id_fkey FOREIGN KEY (collision_id) REFERENCES public.road_traffic_collisions(id) ON DELETE CASCADE;
-- add foreign key rtc_risks.rtc_risks_risk_id_fkey
ALTER TABLE public.rtc_risks ADD CONSTRAINT rtc_risks_risk_id_fkey FOREIGN KEY (risk_id) REFERENCES public.risks(id) ON DELETE CASCADE;
-- add foreign key rtc_third_parties.rtc_third_parties_collision_id_fkey
ALTER TABLE public.rtc_third_parties ADD CONSTRAINT rtc_third_parties_collision_id_fkey FOREIGN KEY (collision_id) REFERENCES public.road_traffic_collisions(id) ON DELETE CASCADE;
-- add foreign key rtc_third_parties.rtc_third_parties_created_by_id_fkey
ALTER TABLE public.rtc_third_parties ADD CONSTRAINT rtc_third_parties_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key rtc_third_parties.rtc_third_parties_updated_by_id_fkey
ALTER TABLE public.rtc_third_parties ADD CONSTRAINT rtc_third_parties_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key soa_entries.soa_entries_control_id_fkey
ALTER TABLE public.soa_entries ADD CONSTRAINT soa_entries_control_id_fkey FOREIGN KEY (control_id) REFERENCES public.controls(id) ON DELETE CASCADE;
-- add foreign key soa_entries.soa_entries_created_by_id_fkey
ALTER TABLE public.soa_entries ADD CONSTRAINT soa_entries_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key soa_entries.soa_entries_owner_id_fkey
ALTER TABLE public.soa_entries ADD CONSTRAINT soa_entries_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key soa_entries.soa_entries_reviewed_by_id_fkey
ALTER TABLE public.soa_entries ADD CONSTRAINT soa_entries_reviewed_by_id_fkey FOREIGN KEY (reviewed_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key soa_entries.soa_entries_updated_by_id_fkey
ALTER TABLE public.soa_entries ADD CONSTRAINT soa_entries_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key standards.standards_archived_by_id_fkey
ALTER TABLE public.standards ADD CONSTRAINT standards_archived_by_id_fkey FOREIGN KEY (archived_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key standards.standards_created_by_id_fkey
ALTER TABLE public.standards ADD CONSTRAINT standards_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key standards.standards_updated_by_id_fkey
ALTER TABLE public.standards ADD CONSTRAINT standards_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key user_roles.user_roles_role_id_fkey
ALTER TABLE public.user_roles ADD CONSTRAINT user_roles_role_id_fkey FOREIGN KEY (role_id) REFERENCES public.roles(id) ON DELETE CASCADE;
-- add foreign key user_roles.user_roles_user_id_fkey
ALTER TABLE public.user_roles ADD CONSTRAINT user_roles_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
-- add foreign key users.users_created_by_id_fkey
ALTER TABLE public.users ADD CONSTRAINT users_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key users.users_disabled_by_id_fkey
ALTER TABLE public.users ADD CONSTRAINT users_disabled_by_id_fkey FOREIGN KEY (disabled_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key users.users_updated_by_id_fkey
ALTER TABLE public.users ADD CONSTRAINT users_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add index ix_actions_archived_by_id on actions
CREATE INDEX ix_actions_archived_by_id ON public.actions USING btree (archived_by_id);
-- add index ix_actions_cancelled_by_id on actions
CREATE INDEX ix_actions_cancelled_by_id ON public.actions USING btree (cancelled_by_id);
-- add index ix_actions_closed_by_id on actions
CREATE INDEX ix_actions_closed_by_id ON public.actions USING btree (closed_by_id);
-- add index ix_actions_collision_id on actions
CREATE INDEX ix_actions_collision_id ON public.actions USING btree (collision_id);
-- add index ix_actions_complaint_id on actions
CREATE INDEX ix_actions_complaint_id ON public.actions USING btree (complaint_id);
-- add index ix_actions_created_at on actions
CREATE INDEX ix_actions_created_at ON public.actions USING btree (created_at);
-- add index ix_actions_created_by_id on actions
CREATE INDEX ix_actions_created_by_id ON public.actions USING btree (created_by_id);
-- add index ix_actions_due_date_open on actions
CREATE INDEX ix_actions_due_date_open ON public.actions USING btree (due_date) WHERE (status IN ('open', 'in_progress'));
-- add index ix_actions_effectiveness_reviewed_by_id on actions
CREATE INDEX ix_actions_effectiveness_reviewed_by_id ON public.actions USING btree (effectiveness_reviewed_by_id);
-- add index ix_actions_finding_id on actions
CREATE INDEX ix_actions_finding_id ON public.actions USING btree (finding_id);
-- add index ix_actions_incident_id on actions
CREATE INDEX ix_actions_incident_id ON public.actions USING btree (incident_id);
-- add index ix_actions_owner_id_status on actions
CREATE INDEX ix_actions_owner_id_status ON public.actions USING btree (owner_id, status);
-- add index ix_actions_policy_id on actions
CREATE INDEX ix_actions_policy_id ON public.actions USING btree (policy_id);
-- add index ix_actions_risk_id on actions
CREATE INDEX ix_actions_risk_id ON public.actions USING btree (risk_id);
-- add index ix_actions_status on actions
CREATE INDEX ix_actions_status ON public.actions USING btree (status);
-- add index ix_actions_updated_by_id on actions
CREATE INDEX ix_actions_updated_by_id ON public.actions USING btree (updated_by_id);
-- add index ix_actions_verified_by_id on actions
CREATE INDEX ix_actions_verified_by_id ON public.actions USING btree (verified_by_id);
-- add index ix_attachments_action_id on attachments
CREATE INDEX ix_attachments_action_id ON public.attachments USING btree (action_id);
-- add index ix_attachments_archived_by_id on attachments
CREATE INDEX ix_attachments_archived_by_id ON public.attachments USING btree (archived_by_id);
-- add index ix_attachments_collision_id on attachments
CREATE INDEX ix_attachments_collision_id ON public.attachments USING btree (collision_id);
-- add index ix_attachments_complaint_id on attachments
CREATE INDEX ix_attachments_complaint_id ON public.attachments USING btree (complaint_id);
-- add index ix_attachments_created_by_id on attachments
CREATE INDEX ix_attachments_created_by_id ON public.attachments USING btree (created_by_id);
-- add index ix_attachments_finding_id on attachments
CREATE INDEX ix_attachments_finding_id ON public.attachments USING btree (finding_id);
-- add index ix_attachments_incident_id on attachments
CREATE INDEX ix_attachments_incident_id ON public.attachments USING btree (incident_id);
-- add index ix_attachments_policy_id on attachments
CREATE INDEX ix_attachments_policy_id ON public.attachments USING btree (policy_id);
-- add index ix_attachments_response_id on attachments
CREATE INDEX ix_attachments_response_id ON public.attachments USING btree (response_id);
-- add index ix_attachments_risk_id on attachments
CREATE INDEX ix_attachments_risk_id ON public.attachments USING btree (risk_id);
-- add index ix_attachments_run_id on attachments
CREATE INDEX ix_attachments_run_id ON public.attachments USING btree (run_id);
-- add index ix_attachments_sha256 on attachments
CREATE INDEX ix_attachments_sha256 ON public.attachments USING btree (sha256);
-- add index ix_attachments_updated_by_id on attachments
CREATE INDEX ix_attachments_updated_by_id ON public.attachments USING btree (updated_by_id);
-- add index ix_attachments_uploaded_by_id on attachments
CREATE INDEX ix_attachments_uploaded_by_id ON public.attachments USING btree (uploaded_by_id);
-- add index ix_audit_findings_archived_by_id on audit_findings
CREATE INDEX ix_audit_findings_archived_by_id ON public.audit_findings USING btree (archived_by_id);
-- add index ix_audit_findings_assigned_to_id on audit_findings
CREATE INDEX ix_audit_findings_assigned_to_id ON public.audit_findings USING btree (assigned_to_id);
-- add index ix_audit_findings_closed_by_id on audit_findings
CREATE INDEX ix_audit_findings_closed_by_id ON public.audit_findings USING btree (closed_by_id);
-- add index ix_audit_findings_created_at on audit_findings
CREATE INDEX ix_audit_findings_created_at ON public.audit_findings USING btree (created_at);
-- add index ix_audit_findings_created_by_id on audit_findings
CREATE INDEX ix_audit_findings_created_by_id ON public.audit_findings USING btree (created_by_id);
-- add index ix_audit_findings_due_date_open on audit_findings
CREATE INDEX ix_audit_findings_due_date_open ON public.audit_findings USING btree (due_date) WHERE (status <> 'closed');
-- add index ix_audit_findings_grade on audit_findings
CREATE INDEX ix_audit_findings_grade ON public.audit_findings USING btree (grade);
-- add index ix_audit_findings_question_id on audit_findings
CREATE INDEX ix_audit_findings_question_id ON public.audit_findings USING btree (question_id);
-- add index ix_audit_findings_response_id on audit_findings
CREATE INDEX ix_audit_findings_response_id ON public.audit_findings USING btree (response_id);
-- add index ix_audit_findings_run_id on audit_findings
CREATE INDEX ix_audit_findings_run_id ON public.audit_findings USING btree (run_id);
-- add index ix_audit_findings_status on audit_findings
CREATE INDEX ix_audit_findings_status ON public.audit_findings USING btree (status);
-- add index ix_audit_findings_updated_by_id on audit_findings
CREATE INDEX ix_audit_findings_updated_by_id ON public.audit_findings USING btree (updated_by_id);
-- add index ix_audit_findings_verified_by_id on audit_findings
CREATE INDEX ix_audit_findings_verified_by_id ON public.audit_findings USING btree (verified_by_id);
-- add index ix_audit_log_actor_user_id_occurred_at on audit_log
CREATE INDEX ix_audit_log_actor_user_id_occurred_at ON public.audit_log USING btree (actor_user_id, occurred_at);
-- add index ix_audit_log_entity on audit_log
CREATE INDEX ix_audit_log_entity ON public.audit_log USING btree (entity_type, entity_id, occurred_at);
-- add index ix_audit_log_occurred_at on audit_log
CREATE INDEX ix_audit_log_occurred_at ON public.audit_log USING btree (occurred_at);
-- add index ix_audit_log_request_id on audit_log
CREATE INDEX ix_audit_log_request_id ON public.audit_log USING btree (request_id) WHERE (request_id IS NOT NULL);
-- add index ix_audit_question_options_archived_by_id on audit_question_options
CREATE INDEX ix_audit_question_options_archived_by_id ON public.audit_question_options USING btree (archived_by_id);
-- add index ix_audit_question_options_created_by_id on audit_question_options
CREATE INDEX ix_audit_question_options_created_by_id ON public.audit_question_options USING btree (created_by_id);
-- add index ix_audit_question_options_updated_by_id on audit_question_options
CREATE INDEX ix_audit_question_options_updated_by_id ON public.audit_question_options USING btree (updated_by_id);
-- add index ix_audit_questions_archived_by_id on audit_questions
CREATE INDEX ix_audit_questions_archived_by_id ON public.audit_questions USING btree (archived_by_id);
-- add index ix_audit_questions_created_by_id on audit_questions
CREATE INDEX ix_audit_questions_created_by_id ON public.audit_questions USING btree (created_by_id);
-- add index ix_audit_questions_template_id_section_id_sort_order on audit_questions
CREATE INDEX ix_audit_questions_template_id_section_id_sort_order ON public.audit_questions USING btree (template_id, section_id, sort_order);
-- add index ix_audit_questions_updated_by_id on audit_questions
CREATE INDEX ix_audit_questions_updated_by_id ON public.audit_questions USING btree (updated_by_id);
-- add index ix_audit_response_options_option_id on audit_response_options
CREATE INDEX ix_audit_response_options_option_id ON public.audit_response_options USING btree (option_id);
-- add index ix_audit_responses_answered_by_id on audit_responses
CREATE INDEX ix_audit_responses_answered_by_id ON public.audit_responses USING btree (answered_by_id);
-- add index ix_audit_responses_created_by_id on audit_responses
CREATE INDEX ix_audit_responses_created_by_id ON public.audit_responses USING btree (created_by_id);
-- add index ix_audit_responses_question_id on audit_responses
CREATE INDEX ix_audit_responses_question_id ON public.audit_responses USING btree (question_id);
-- add index ix_audit_responses_updated_by_id on audit_responses
CREATE INDEX ix_audit_responses_updated_by_id ON public.audit_responses USING btree (updated_by_id);
-- add index ix_audit_runs_archived_by_id on audit_runs
CREATE INDEX ix_audit_runs_archived_by_id ON public.audit_runs USING btree (archived_by_id);
-- add index ix_audit_runs_assigned_to_id_status on audit_runs
CREATE INDEX ix_audit_runs_assigned_to_id_status ON public.audit_runs USING btree (assigned_to_id, status);
-- add index ix_audit_runs_cancelled_by_id on audit_runs
CREATE INDEX ix_audit_runs_cancelled_by_id ON public.audit_runs USING btree (cancelled_by_id);
-- add index ix_audit_runs_completed_by_id on audit_runs
CREATE INDEX ix_audit_runs_completed_by_id ON public.audit_runs USING btree (completed_by_id);
-- add index ix_audit_runs_created_at on audit_runs
CREATE INDEX ix_audit_runs_created_at ON public.audit_runs USING btree (created_at);
-- add index ix_audit_runs_created_by_id on audit_runs
CREATE INDEX ix_audit_runs_created_by_id ON public.audit_runs USING btree (created_by_id);
-- add index ix_audit_runs_due_date_open on audit_runs
CREATE INDEX ix_audit_runs_due_date_open ON public.audit_runs USING btree (due_date) WHERE (status IN ('scheduled', 'in_progress'));
-- add index ix_audit_runs_status on audit_runs
CREATE INDEX ix_audit_runs_status ON public.audit_runs USING btree (status);
-- add index ix_audit_runs_template_id_template_version_id on audit_runs
CREATE INDEX ix_audit_runs_template_id_template_version_id ON public.audit_runs USING btree (template_id, template_version_id);
-- add index ix_audit_runs_updated_by_id on audit_runs
CREATE INDEX ix_audit_runs_updated_by_id ON public.audit_runs USING btree (updated_by_id);
-- add index ix_audit_sections_archived_by_id on audit_sections
CREATE INDEX ix_audit_sections_archived_by_id ON public.audit_sections USING btree (archived_by_id);
-- add index ix_audit_sections_created_by_id on audit_sections
CREATE INDEX ix_audit_sections_created_by_id ON public.audit_sections USING btree (created_by_id);
-- add index ix_audit_sections_template_id_sort_order on audit_sections
CREATE INDEX ix_audit_sections_template_id_sort_order ON public.audit_sections USING btree (template_id, sort_order);
-- add index ix_audit_sections_updated_by_id on audit_sections
CREATE INDEX ix_audit_sections_updated_by_id ON public.audit_sections USING btree (updated_by_id);
-- add index ix_audit_template_standards_standard_id on audit_template_standards
CREATE INDEX ix_audit_template_standards_standard_id ON public.audit_template_standards USING btree (standard_id);
-- add index ix_audit_template_versions_created_by_id on audit_template_versions
CREATE INDEX ix_audit_template_versions_created_by_id ON public.audit_template_versions USING btree (created_by_id);
-- add index ix_audit_template_versions_published_by_id on audit_template_versions
CREATE INDEX ix_audit_template_versions_published_by_id ON public.audit_template_versions USING btree (published_by_id);
-- add index ix_audit_template_versions_updated_by_id on audit_template_versions
CREATE INDEX ix_audit_template_versions_updated_by_id ON public.audit_template_versions USING btree (updated_by_id);
-- add index ix_audit_templates_archived_by_id on audit_templates
CREATE INDEX ix_audit_templates_archived_by_id ON public.audit_templates USING btree (archived_by_id);
-- add index ix_audit_templates_created_at on audit_templates
CREATE INDEX ix_audit_templates_created_at ON public.audit_templates USING btree (created_at);
-- add index ix_audit_templates_created_by_id on audit_templates
CREATE INDEX ix_audit_templates_created_by_id ON public.audit_templates USING btree (created_by_id);
-- add index ix_audit_templates_name on audit_templates
CREATE INDEX ix_audit_templates_name ON public.audit_templates USING btree (lower(name));
-- add index ix_audit_templates_status on audit_templates
CREATE INDEX ix_audit_templates_status ON public.audit_templates USING btree (status) WHERE (archived_at IS NULL);
-- add index ix_audit_templates_updated_by_id on audit_templates
CREATE INDEX ix_audit_templates_updated_by_id ON public.audit_templates USING btree (updated_by_id);
-- add index ix_clause_mappings_clause_b_id on clause_mappings
CREATE INDEX ix_clause_mappings_clause_b_id ON public.clause_mappings USING btree (clause_b_id);
-- add index ix_clause_mappings_created_by_id on clause_mappings
CREATE INDEX ix_clause_mappings_created_by_id ON public.clause_mappings USING btree (created_by_id);
-- add index ix_clause_mappings_updated_by_id on clause_mappings
CREATE INDEX ix_clause_mappings_updated_by_id ON public.clause_mappings USING btree (updated_by_id);
-- add index ix_clauses_archived_by_id on clauses
CREATE INDEX ix_clauses_archived_by_id ON public.clauses USING btree (archived_by_id);
-- add index ix_clauses_created_by_id on clauses
CREATE INDEX ix_clauses_created_by_id ON public.clauses USING btree (created_by_id);
-- add index ix_clauses_standard_id_parent_clause_id on clauses
CREATE INDEX ix_clauses_standard_id_parent_clause_id ON public.clauses USING btree (standard_id, parent_clause_id);
-- add index ix_clauses_updated_by_id on clauses
CREATE INDEX ix_clauses_updated_by_id ON public.clauses USING btree (updated_by_id);
-- add index ix_complaint_clauses_clause_id on complaint_clauses
CREATE INDEX ix_complaint_clauses_clause_id ON public.complaint_clauses USING btree (clause_id);
-- add index ix_complaint_risks_risk_id on complaint_risks
CREATE INDEX ix_complaint_risks_risk_id ON public.complaint_risks USING btree (risk_id);
-- add index ix_complaints_archived_by_id on complaints
CREATE INDEX ix_complaints_archived_by_id ON public.complaints USING btree (archived_by_id);
-- add index ix_complaints_category on complaints
CREATE INDEX ix_complaints_category ON public.complaints USING btree (category);
-- add index ix_complaints_closed_by_id on complaints
CREATE INDEX ix_complaints_closed_by_id ON public.complaints USING btree (closed_by_id);
-- add index ix_complaints_complainant_email on complaints
CREATE INDEX ix_complaints_complainant_email ON public.complaints USING btree (lower(complainant_email));
-- add index ix_complaints_created_at on complaints
CREATE INDEX ix_complaints_created_at ON public.complaints USING btree (created_at);
-- add index ix_complaints_created_by_id on complaints
CREATE INDEX ix_complaints_created_by_id ON public.complaints USING btree (created_by_id);
-- add index ix_complaints_owner_id on complaints
CREATE INDEX ix_complaints_owner_id ON public.complaints USING btree (owner_id);
-- add index ix_complaints_priority on complaints
CREATE INDEX ix_complaints_priority ON public.complaints USING btree (priority);
-- add index ix_complaints_received_at on complaints
CREATE INDEX ix_complaints_received_at ON public.complaints USING btree (received_at);
-- add index ix_complaints_response_due_open on complaints
CREATE INDEX ix_complaints_response_due_open ON public.complaints USING btree (response_due_at) WHERE (status NOT IN ('resolved', 'closed'));
-- add index ix_complaints_status on complaints
CREATE INDEX ix_complaints_status ON public.complaints USING btree (status);
-- add index ix_complaints_updated_by_id on complaints
CREATE INDEX ix_complaints_updated_by_id ON public.complaints USING btree (updated_by_id);
-- add index ix_controls_archived_by_id on controls
CREATE INDEX ix_controls_archived_by_id ON public.controls USING btree (archived_by_id);
-- add index ix_controls_clause_id on controls
CREATE INDEX ix_controls_clause_id ON public.controls USING btree (clause_id);
-- add index ix_controls_created_by_id on controls
CREATE INDEX ix_controls_created_by_id ON public.controls USING btree (created_by_id);
-- add index ix_controls_standard_id_clause_id on controls
CREATE INDEX ix_controls_standard_id_clause_id ON public.controls USING btree (standard_id, clause_id);
-- add index ix_controls_updated_by_id on controls
CREATE INDEX ix_controls_updated_by_id ON public.controls USING btree (updated_by_id);
-- add index ix_finding_clauses_clause_id on finding_clauses
CREATE INDEX ix_finding_clauses_clause_id ON public.finding_clauses USING btree (clause_id);
-- add index ix_finding_controls_control_id on finding_controls
CREATE INDEX ix_finding_controls_control_id ON public.finding_controls USING btree (control_id);
-- add index ix_finding_risks_risk_id on finding_risks
CREATE INDEX ix_finding_risks_risk_id ON public.finding_risks USING btree (risk_id);
-- add index ix_incident_clauses_clause_id on incident_clauses
CREATE INDEX ix_incident_clauses_clause_id ON public.incident_clauses USING btree (clause_id);
-- add index ix_incident_risks_risk_id on incident_risks
CREATE INDEX ix_incident_risks_risk_id ON public.incident_risks USING btree (risk_id);
-- add index ix_incidents_archived_by_id on incidents
CREATE INDEX ix_incidents_archived_by_id ON public.incidents USING btree (archived_by_id);
-- add index ix_incidents_assigned_to_id on incidents
CREATE INDEX ix_incidents_assigned_to_id ON public.incidents USING btree (assigned_to_id);
-- add index ix_incidents_closed_by_id on incidents
CREATE INDEX ix_incidents_closed_by_id ON public.incidents USING btree (closed_by_id);
-- add index ix_incidents_created_at on incidents
CREATE INDEX ix_incidents_created_at ON public.incidents USING btree (created_at);
-- add index ix_incidents_created_by_id on incidents
CREATE INDEX ix_incidents_created_by_id ON public.incidents USING btree (created_by_id);
-- add index ix_incidents_incident_type on incidents
CREATE INDEX ix_incidents_incident_type ON public.incidents USING btree (incident_type);
-- add index ix_incidents_occurred_at on incidents
CREATE INDEX ix_incidents_occurred_at ON public.incidents USING btree (occurred_at);
-- add index ix_incidents_reported_at on incidents
CREATE INDEX ix_incidents_reported_at ON public.incidents USING btree (reported_at);
-- add index ix_incidents_reporter_id on incidents
CREATE INDEX ix_incidents_reporter_id ON public.incidents USING btree (reporter_id);
-- add index ix_incidents_riddor_confirmed_by_id on incidents
CREATE INDEX ix_incidents_riddor_confirmed_by_id ON public.incidents USING btree (riddor_confirmed_by_id);
-- add index ix_incidents_riddor_due on incidents
CREATE INDEX ix_incidents_riddor_due ON public.incidents USING btree (riddor_due_date) WHERE (riddor_reportable AND riddor_reported_at IS NULL);
-- add index ix_incidents_severity on incidents
CREATE INDEX ix_incidents_severity ON public.incidents USING btree (severity);
-- add index ix_incidents_status on incidents
CREATE INDEX ix_incidents_status ON public.incidents USING btree (status);
-- add index ix_incidents_updated_by_id on incidents
CREATE INDEX ix_incidents_updated_by_id ON public.incidents USING btree (updated_by_id);
-- add index ix_login_attempts_attempted_at on login_attempts
CREATE INDEX ix_login_attempts_attempted_at ON public.login_attempts USING btree (attempted_at);
-- add index ix_login_attempts_client_address_attempted_at on login_attempts
CREATE INDEX ix_login_attempts_client_address_attempted_at ON public.login_attempts USING btree (client_address, attempted_at);
-- add index ix_login_attempts_email_attempted_at on login_attempts
CREATE INDEX ix_login_attempts_email_attempted_at ON public.login_attempts USING btree (email, attempted_at);
-- add index ix_login_attempts_user_id on login_attempts
CREATE INDEX ix_login_attempts_user_id ON public.login_attempts USING btree (user_id);
-- add index ix_permissions_created_by_id on permissions
CREATE INDEX ix_permissions_created_by_id ON public.permissions USING btree (created_by_id);
-- add index ix_permissions_updated_by_id on permissions
CREATE INDEX ix_permissions_updated_by_id ON public.permissions USING btree (updated_by_id);
-- add index ix_policies_approver_id on policies
CREATE INDEX ix_policies_approver_id ON public.policies USING btree (approver_id);
-- add index ix_policies_archived_by_id on policies
CREATE INDEX ix_policies_archived_by_id ON public.policies USING btree (archived_by_id);
-- add index ix_policies_created_at on policies
CREATE INDEX ix_policies_created_at ON public.policies USING btree (created_at);
-- add index ix_policies_created_by_id on policies
CREATE INDEX ix_policies_created_by_id ON public.policies USING btree (created_by_id);
-- add index ix_policies_document_type on policies
CREATE INDEX ix_policies_document_type ON public.policies USING btree (document_type);
-- add index ix_policies_next_review_date on policies
CREATE INDEX ix_policies_next_review_date ON public.policies USING btree (next_review_date) WHERE (archived_at IS NULL AND status <> 'retired');
-- add index ix_policies_owner_id on policies
CREATE INDEX ix_policies_owner_id ON public.policies USING btree (owner_id);
-- add index ix_policies_retired_by_id on policies
CREATE INDEX ix_policies_retired_by_id ON public.policies USING btree (retired_by_id);
-- add index ix_policies_status on policies
CREATE INDEX ix_policies_status ON public.policies USING btree (status);
-- add index ix_policies_updated_by_id on policies
CREATE INDEX ix_policies_updated_by_id ON public.policies USING btree (updated_by_id);
-- add index ix_policy_clauses_clause_id on policy_clauses
CREATE INDEX ix_policy_clauses_clause_id ON public.policy_clauses USING btree (clause_id);
-- add index ix_policy_roles_role_id on policy_roles
CREATE INDEX ix_policy_roles_role_id ON public.policy_roles USING btree (role_id);
-- add index ix_policy_tags_tag on policy_tags
CREATE INDEX ix_policy_tags_tag ON public.policy_tags USING btree (tag);
-- add index ix_policy_versions_approved_by_id on policy_versions
CREATE INDEX ix_policy_versions_approved_by_id ON public.policy_versions USING btree (approved_by_id);
-- add index ix_policy_versions_created_by_id on policy_versions
CREATE INDEX ix_policy_versions_created_by_id ON public.policy_versions USING btree (created_by_id);
-- add index ix_policy_versions_document_attachment_id on policy_versions
CREATE INDEX ix_policy_versions_document_attachment_id ON public.policy_versions USING btree (document_attachment_id);
-- add index ix_policy_versions_policy_id_supersedes_version_id on policy_versions
CREATE INDEX ix_policy_versions_policy_id_supersedes_version_id ON public.policy_versions USING btree (policy_id, supersedes_version_id);
-- add index ix_policy_versions_published_by_id on policy_versions
CREATE INDEX ix_policy_versions_published_by_id ON public.policy_versions USING btree (published_by_id);
-- add index ix_policy_versions_reviewed_by_id on policy_versions
CREATE INDEX ix_policy_versions_reviewed_by_id ON public.policy_versions USING btree (reviewed_by_id);
-- add index ix_policy_versions_status on policy_versions
CREATE INDEX ix_policy_versions_status ON public.policy_versions USING btree (status);
-- add index ix_policy_versions_submitted_by_id on policy_versions
CREATE INDEX ix_policy_versions_submitted_by_id ON public.policy_versions USING btree (submitted_by_id);
-- add index ix_policy_versions_updated_by_id on policy_versions
CREATE INDEX ix_policy_versions_updated_by_id ON public.policy_versions USING btree (updated_by_id);
-- add index ux_policy_versions_current on policy_versions
CREATE UNIQUE INDEX ux_policy_versions_current ON public.policy_versions USING btree (policy_id) WHERE (is_current);
-- add index ix_question_clauses_clause_id on question_clauses
CREATE INDEX ix_question_clauses_clause_id ON public.question_clauses USING btree (clause_id);
-- add index ix_question_controls_control_id on question_controls
CREATE INDEX ix_question_controls_control_id ON public.question_controls USING btree (control_id);
-- add index ix_refresh_tokens_expires_at on refresh_tokens
CREATE INDEX ix_refresh_tokens_expires_at ON public.refresh_tokens USING btree (expires_at);
-- add index ix_refresh_tokens_family_id on refresh_tokens
CREATE INDEX ix_refresh_tokens_family_id ON public.refresh_tokens USING btree (family_id);
-- add index ix_refresh_tokens_replaced_by_id on refresh_tokens
CREATE INDEX ix_refresh_tokens_replaced_by_id ON public.refresh_tokens USING btree (replaced_by_id);
-- add index ix_refresh_tokens_user_id on refresh_tokens
CREATE INDEX ix_refresh_tokens_user_id ON public.refresh_tokens USING btree (user_id);
-- add index ix_refresh_tokens_user_id_active on refresh_tokens
CREATE INDEX ix_refresh_tokens_user_id_active ON public.refresh_tokens USING btree (user_id) WHERE (revoked_at IS NULL);
-- add index ix_risk_assessments_assessed_by_id on risk_assessments
CREATE INDEX ix_risk_assessments_assessed_by_id ON public.risk_assessments USING btree (assessed_by_id);
-- add index ix_risk_assessments_created_by_id on risk_assessments
CREATE INDEX ix_risk_assessments_created_by_id ON public.risk_assessments USING btree (created_by_id);
-- add index ix_risk_assessments_risk_id_assessed_at on risk_assessments
CREATE INDEX ix_risk_assessments_risk_id_assessed_at ON public.risk_assessments USING btree (risk_id, assessed_at);
-- add index ix_risk_assessments_updated_by_id on risk_assessments
CREATE INDEX ix_risk_assessments_updated_by_id ON public.risk_assessments USING btree (updated_by_id);
-- add index ix_risk_clauses_clause_id on risk_clauses
CREATE INDEX ix_risk_clauses_clause_id ON public.risk_clauses USING btree (clause_id);
-- add index ix_risk_controls_archived_by_id on risk_controls
CREATE INDEX ix_risk_controls_archived_by_id ON public.risk_controls USING btree (archived_by_id);
-- add index ix_risk_controls_created_by_id on risk_controls
CREATE INDEX ix_risk_controls_created_by_id ON public.risk_controls USING btree (created_by_id);
-- add index ix_risk_controls_owner_id on risk_controls
CREATE INDEX ix_risk_controls_owner_id ON public.risk_controls USING btree (owner_id);
-- add index ix_risk_controls_risk_id on risk_controls
CREATE INDEX ix_risk_controls_risk_id ON public.risk_controls USING btree (risk_id);
-- add index ix_risk_controls_updated_by_id on risk_controls
CREATE INDEX ix_risk_controls_updated_by_id ON public.risk_controls USING btree (updated_by_id);
-- add index ix_risk_standard_controls_control_id on risk_standard_controls
CREATE INDEX ix_risk_standard_controls_control_id ON public.risk_standard_controls USING btree (control_id);
-- add index ix_risks_accepted_by_id on risks
CREATE INDEX ix_risks_accepted_by_id ON public.risks USING btree (accepted_by_id);
-- add index ix_risks_archived_by_id on risks
CREATE INDEX ix_risks_archived_by_id ON public.risks USING btree (archived_by_id);
-- add index ix_risks_category on risks
CREATE INDEX ix_risks_category ON public.risks USING btree (category);
-- add index ix_risks_closed_by_id on risks
CREATE INDEX ix_risks_closed_by_id ON public.risks USING btree (closed_by_id);
-- add index ix_risks_created_at on risks
CREATE INDEX ix_risks_created_at ON public.risks USING btree (created_at);
-- add index ix_risks_created_by_id on risks
CREATE INDEX ix_risks_created_by_id ON public.risks USING btree (created_by_id);
-- add index ix_risks_level on risks
CREATE INDEX ix_risks_level ON public.risks USING btree (level);
-- add index ix_risks_next_review_date on risks
CREATE INDEX ix_risks_next_review_date ON public.risks USING btree (next_review_date) WHERE (archived_at IS NULL AND status <> 'closed');
-- add index ix_risks_owner_id on risks
CREATE INDEX ix_risks_owner_id ON public.risks USING btree (owner_id);
-- add index ix_risks_score on risks
CREATE INDEX ix_risks_score ON public.risks USING btree (score) WHERE (archived_at IS NULL);
-- add index ix_risks_status on risks
CREATE INDEX ix_risks_status ON public.risks USING btree (status);
-- add index ix_risks_updated_by_id on risks
CREATE INDEX ix_risks_updated_by_id ON public.risks USING btree (updated_by_id);
-- add index ix_road_traffic_collisions_archived_by_id on road_traffic_collisions
CREATE INDEX ix_road_traffic_collisions_archived_by_id ON public.road_traffic_collisions USING btree (archived_by_id);
-- add index ix_road_traffic_collisions_assigned_to_id on road_traffic_collisions
CREATE INDEX ix_road_traffic_collisions_assigned_to_id ON public.road_traffic_collisions USING btree (assigned_to_id);
-- add index ix_road_traffic_collisions_closed_by_id on road_traffic_collisions
CREATE INDEX ix_road_traffic_collisions_closed_by_id ON public.road_traffic_collisions USING btree (closed_by_id);
-- add index ix_road_traffic_collisions_created_at on road_traffic_collisions
CREATE INDEX ix_road_traffic_collisions_created_at ON public.road_traffic_collisions USING btree (created_at);
-- add index ix_road_traffic_collisions_created_by_id on road_traffic_collisions
CREATE INDEX ix_road_traffic_collisions_created_by_id ON public.road_traffic_collisions USING btree (created_by_id);
-- add index ix_road_traffic_collisions_driver_id on road_traffic_collisions
CREATE INDEX ix_road_traffic_collisions_driver_id ON public.road_traffic_collisions USING btree (driver_id);
-- add index ix_road_traffic_collisions_occurred_at on road_traffic_collisions
CREATE INDEX ix_road_traffic_collisions_occurred_at ON public.road_traffic_collisions USING btree (occurred_at);
-- add index ix_road_traffic_collisions_reporter_id on road_traffic_collisions
CREATE INDEX ix_road_traffic_collisions_reporter_id ON public.road_traffic_collisions USING btree (reporter_id);
-- add index ix_road_traffic_collisions_severity on road_traffic_collisions
CREATE INDEX ix_road_traffic_collisions_severity ON public.road_traffic_collisions USING btree (severity);
-- add index ix_road_traffic_collisions_status on road_traffic_collisions
CREATE INDEX ix_road_traffic_collisions_status ON public.road_traffic_collisions USING btree (status);
-- add index ix_road_traffic_collisions_updated_by_id on road_traffic_collisions
CREATE INDEX ix_road_traffic_collisions_updated_by_id ON public.road_traffic_collisions USING btree (updated_by_id);
-- add index ix_road_traffic_collisions_vehicle_registration on road_traffic_collisions
CREATE INDEX ix_road_traffic_collisions_vehicle_registration ON public.road_traffic_collisions USING btree (vehicle_registration);
-- add index ix_role_permissions_permission_id on role_permissions
CREATE INDEX ix_role_permissions_permission_id ON public.role_permissions USING btree (permission_id);
-- add index ix_roles_created_by_id on roles
CREATE INDEX ix_roles_created_by_id ON public.roles USING btree (created_by_id);
-- add index ix_roles_updated_by_id on roles
CREATE INDEX ix_roles_updated_by_id ON public.roles USING btree (updated_by_id);
-- add index ux_roles_name on roles
CREATE UNIQUE INDEX ux_roles_name ON public.roles USING btree (lower(name));
-- add index ix_rtc_risks_risk_id on rtc_risks
CREATE INDEX ix_rtc_risks_risk_id ON public.rtc_risks USING btree (risk_id);
-- add index ix_rtc_third_parties_collision_id on rtc_third_parties
CREATE INDEX ix_rtc_third_parties_collision_id ON public.rtc_third_parties USING btree (collision_id);
-- add index ix_rtc_third_parties_created_by_id on rtc_third_parties
CREATE INDEX ix_rtc_third_parties_created_by_id ON public.rtc_third_parties USING btree (created_by_id);
-- add index ix_rtc_third_parties_updated_by_id on rtc_third_parties
CREATE INDEX ix_rtc_third_parties_updated_by_id ON public.rtc_third_parties USING btree (updated_by_id);
-- add index ix_soa_entries_created_by_id on soa_entries
CREATE INDEX ix_soa_entries_created_by_id ON public.soa_entries USING btree (created_by_id);
-- add index ix_soa_entries_implementation_status on soa_entries
CREATE INDEX ix_soa_entries_implementation_status ON public.soa_entries USING btree (implementation_status);
-- add index ix_soa_entries_owner_id on soa_entries
CREATE INDEX ix_soa_entries_owner_id ON public.soa_entries USING btree (owner_id);
-- add index ix_soa_entries_reviewed_by_id on soa_entries
CREATE INDEX ix_soa_entries_reviewed_by_id ON public.soa_entries USING btree (reviewed_by_id);
-- add index ix_soa_entries_updated_by_id on soa_entries
CREATE INDEX ix_soa_entries_updated_by_id ON public.soa_entries USING btree (updated_by_id);
-- add index ix_standards_archived_by_id on standards
CREATE INDEX ix_standards_archived_by_id ON public.standards USING btree (archived_by_id);
-- add index ix_standards_created_by_id on standards
CREATE INDEX ix_standards_created_by_id ON public.standards USING btree (created_by_id);
-- add index ix_standards_updated_by_id on standards
CREATE INDEX ix_standards_updated_by_id ON public.standards USING btree (updated_by_id);
-- add index ix_user_roles_role_id on user_roles
CREATE INDEX ix_user_roles_role_id ON public.user_roles USING btree (role_id);
-- add index ix_users_created_by_id on users
CREATE INDEX ix_users_created_by_id ON public.users USING btree (created_by_id);
-- add index ix_users_department on users
CREATE INDEX ix_users_department ON public.users USING btree (department);
-- add index ix_users_disabled_by_id on users
CREATE INDEX ix_users_disabled_by_id ON public.users USING btree (disabled_by_id);
-- add index ix_users_last_name_first_name on users
CREATE INDEX ix_users_last_name_first_name ON public.users USING btree (lower(last_name), lower(first_name));
-- add index ix_users_updated_by_id on users
CREATE INDEX ix_users_updated_by_id ON public.users USING btree (updated_by_id);
-- add index ux_users_email on users
CREATE UNIQUE INDEX ux_users_email ON public.users USING btree (lower(email));
-- add trigger trg_actions_updated_at on actions
CREATE TRIGGER trg_actions_updated_at BEFORE UPDATE ON public.actions FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_attachments_updated_at on attachments
CREATE TRIGGER trg_attachments_updated_at BEFORE UPDATE ON public.attachments FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_audit_findings_updated_at on audit_findings
CREATE TRIGGER trg_audit_findings_updated_at BEFORE UPDATE ON public.audit_findings FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_audit_log_append_only on audit_log
CREATE TRIGGER trg_audit_log_append_only BEFORE UPDATE OR DELETE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION public.qgp_audit_log_append_only();
-- add trigger trg_audit_log_no_truncate on audit_log
CREATE TRIGGER trg_audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION public.qgp_audit_log_append_only();
-- add trigger trg_audit_question_options_updated_at on audit_question_options
CREATE TRIGGER trg_audit_question_options_updated_at BEFORE UPDATE ON public.audit_question_options FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_audit_questions_updated_at on audit_questions
CREATE TRIGGER trg_audit_questions_updated_at BEFORE UPDATE ON public.audit_questions FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_audit_responses_updated_at on audit_responses
CREATE TRIGGER trg_audit_responses_updated_at BEFORE UPDATE ON public.audit_responses FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_audit_runs_updated_at on audit_runs
CREATE TRIGGER trg_audit_runs_updated_at BEFORE UPDATE ON public.audit_runs FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_audit_sections_updated_at on audit_sections
CREATE TRIGGER trg_audit_sections_updated_at BEFORE UPDATE ON public.audit_sections FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_audit_template_versions_updated_at on audit_template_versions
CREATE TRIGGER trg_audit_template_versions_updated_at BEFORE UPDATE ON public.audit_template_versions FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_audit_templates_updated_at on audit_templates
CREATE TRIGGER trg_audit_templates_updated_at BEFORE UPDATE ON public.audit_templates FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_clause_mappings_updated_at on clause_mappings
CREATE TRIGGER trg_clause_mappings_updated_at BEFORE UPDATE ON public.clause_mappings FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_clauses_updated_at on clauses
CREATE TRIGGER trg_clauses_updated_at BEFORE UPDATE ON public.clauses FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_complaints_updated_at on complaints
CREATE TRIGGER trg_complaints_updated_at BEFORE UPDATE ON public.complaints FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_controls_updated_at on controls
CREATE TRIGGER trg_controls_updated_at BEFORE UPDATE ON public.controls FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_incidents_updated_at on incidents
CREATE TRIGGER trg_incidents_updated_at BEFORE UPDATE ON public.incidents FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_permissions_updated_at on permissions
CREATE TRIGGER trg_permissions_updated_at BEFORE UPDATE ON public.permissions FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_policies_updated_at on policies
CREATE TRIGGER trg_policies_updated_at BEFORE UPDATE ON public.policies FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_policy_versions_updated_at on policy_versions
CREATE TRIGGER trg_policy_versions_updated_at BEFORE UPDATE ON public.policy_versions FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_risk_assessments_updated_at on risk_assessments
CREATE TRIGGER trg_risk_assessments_updated_at BEFORE UPDATE ON public.risk_assessments FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_risk_controls_updated_at on risk_controls
CREATE TRIGGER trg_risk_controls_updated_at BEFORE UPDATE ON public.risk_controls FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_risks_updated_at on risks
CREATE TRIGGER trg_risks_updated_at BEFORE UPDATE ON public.risks FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_road_traffic_collisions_updated_at on road_traffic_collisions
CREATE TRIGGER trg_road_traffic_collisions_updated_at BEFORE UPDATE ON public.road_traffic_collisions FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_roles_updated_at on roles
CREATE TRIGGER trg_roles_updated_at BEFORE UPDATE ON public.roles FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_rtc_third_parties_updated_at on rtc_third_parties
CREATE TRIGGER trg_rtc_third_parties_updated_at BEFORE UPDATE ON public.rtc_third_parties FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_soa_entries_updated_at on soa_entries
CREATE TRIGGER trg_soa_entries_updated_at BEFORE UPDATE ON public.soa_entries FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_standards_updated_at on standards
CREATE TRIGGER trg_standards_updated_at BEFORE UPDATE ON public.standards FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_users_updated_at on users
CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- comments on actions
COMMENT ON TABLE public.actions IS 'The unified CAPA register: corrective, preventive and improvement actions';
COMMENT ON COLUMN public.actions.reference_number IS 'ACT-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
COMMENT ON COLUMN public.actions.completed_at IS 'Implementation done, awaiting verification';
COMMENT ON COLUMN public.actions.effectiveness_review_date IS 'When to check that the action worked';
COMMENT ON COLUMN public.actions.is_effective IS 'NULL until reviewed';
COMMENT ON COLUMN public.actions.closed_at IS 'Set by the closing transition';
COMMENT ON COLUMN public.actions.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.actions.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.actions.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on attachments
COMMENT ON TABLE public.attachments IS 'Metadata of uploaded files (the bytes live in object storage under storage_key)';
COMMENT ON COLUMN public.attachments.content_type IS 'MIME type';
COMMENT ON COLUMN public.attachments.sha256 IS 'Hex SHA-256 of the content, for integrity evidence';
COMMENT ON COLUMN public.attachments.response_id IS 'Photo or signature answer';
COMMENT ON COLUMN public.attachments.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.attachments.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.attachments.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on audit_findings
COMMENT ON TABLE public.audit_findings IS 'Graded findings raised by audit runs';
COMMENT ON COLUMN public.audit_findings.reference_number IS 'FND-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
COMMENT ON COLUMN public.audit_findings.response_id IS 'The answer that triggered an auto-created finding';
COMMENT ON COLUMN public.audit_findings.closed_at IS 'Set by the closing transition';
COMMENT ON COLUMN public.audit_findings.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.audit_findings.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.audit_findings.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on audit_log
COMMENT ON TABLE public.audit_log IS 'Append-only, hash-chained trail of every mutation of every module';
COMMENT ON COLUMN public.audit_log.actor_user_id IS 'NULL for system actions (seed, migrations, jobs)';
COMMENT ON COLUMN public.audit_log.request_id IS 'X-Request-Id of the HTTP request, if any';
COMMENT ON COLUMN public.audit_log.entity_type IS 'Singular snake_case record kind, e.g. incident';
COMMENT ON COLUMN public.audit_log.changes IS 'Changed fields: {field: {before, after}} plus a transition note if any';
COMMENT ON COLUMN public.audit_log.prev_hash IS 'hash of the previous row; NULL only for the first row';
COMMENT ON COLUMN public.audit_log.hash IS 'hex sha256(prev_hash || canonical row)';
-- comments on audit_question_options
COMMENT ON TABLE public.audit_question_options IS 'Answer options of choice, multi_choice and rating questions';
COMMENT ON COLUMN public.audit_question_options.triggers_finding IS 'Choosing it creates a finding on completion';
COMMENT ON COLUMN public.audit_question_options.finding_grade IS 'Grade of the finding it creates';
COMMENT ON COLUMN public.audit_question_options.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.audit_question_options.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.audit_question_options.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on audit_questions
COMMENT ON TABLE public.audit_questions IS 'Questions of a template, optionally inside a section';
COMMENT ON COLUMN public.audit_questions.section_id IS 'Section of the same template; NULL for questions outside sections';
COMMENT ON COLUMN public.audit_questions.is_critical IS 'A failed critical question fails a pass_fail run';
COMMENT ON COLUMN public.audit_questions.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.audit_questions.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.audit_questions.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on audit_response_options
COMMENT ON TABLE public.audit_response_options IS 'Options chosen in a response (choice and multi_choice)';
-- comments on audit_responses
COMMENT ON TABLE public.audit_responses IS 'One answer to one question in one run';
COMMENT ON COLUMN public.audit_responses.is_na IS 'Answered not applicable; excluded from scoring';
COMMENT ON COLUMN public.audit_responses.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.audit_responses.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on audit_runs
COMMENT ON TABLE public.audit_runs IS 'One execution of a published template version';
COMMENT ON COLUMN public.audit_runs.reference_number IS 'AUD-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
COMMENT ON COLUMN public.audit_runs.template_version_id IS 'The exact published version the run uses';
COMMENT ON COLUMN public.audit_runs.passed IS 'NULL when the template has no threshold';
COMMENT ON COLUMN public.audit_runs.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.audit_runs.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.audit_runs.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on audit_sections
COMMENT ON TABLE public.audit_sections IS 'Sections of a template, weighted for the weighted method';
COMMENT ON COLUMN public.audit_sections.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.audit_sections.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.audit_sections.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on audit_template_standards
COMMENT ON TABLE public.audit_template_standards IS 'Standards a template audits against';
-- comments on audit_template_versions
COMMENT ON TABLE public.audit_template_versions IS 'Immutable published versions of a template: a snapshot of its whole content';
COMMENT ON COLUMN public.audit_template_versions.content IS 'Template, sections, questions, options and links as published';
COMMENT ON COLUMN public.audit_template_versions.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.audit_template_versions.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on audit_templates
COMMENT ON TABLE public.audit_templates IS 'Audit and inspection checklist definitions (the editable draft)';
COMMENT ON COLUMN public.audit_templates.reference_number IS 'TPL-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
COMMENT ON COLUMN public.audit_templates.passing_score IS 'Threshold for passed: a percentage (percentage, weighted) or points';
COMMENT ON COLUMN public.audit_templates.status IS 'draft: has edits not yet published; published: equals its latest version';
COMMENT ON COLUMN public.audit_templates.published_version_number IS 'Latest published version, used for new runs; NULL until first published';
COMMENT ON COLUMN public.audit_templates.require_approval IS 'Completed runs go to pending_review first';
COMMENT ON COLUMN public.audit_templates.auto_create_findings IS 'Answers whose option triggers_finding create findings on completion';
COMMENT ON COLUMN public.audit_templates.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.audit_templates.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.audit_templates.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on clause_mappings
COMMENT ON TABLE public.clause_mappings IS 'Cross-mappings between equivalent clauses of different standards (IMS view)';
COMMENT ON COLUMN public.clause_mappings.clause_a_id IS 'The lower clause id of the pair';
COMMENT ON COLUMN public.clause_mappings.clause_b_id IS 'The higher clause id of the pair';
COMMENT ON COLUMN public.clause_mappings.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.clause_mappings.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on clauses
COMMENT ON TABLE public.clauses IS 'The clause tree of a standard (harmonized structure 4-10 and below)';
COMMENT ON COLUMN public.clauses.parent_clause_id IS 'Parent clause in the same standard; NULL for top-level clauses';
COMMENT ON COLUMN public.clauses.clause_number IS 'Dotted number, e.g. 7.5.1';
COMMENT ON COLUMN public.clauses.level IS 'Depth in the tree; 1 for top-level clauses';
COMMENT ON COLUMN public.clauses.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.clauses.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.clauses.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on complaint_clauses
COMMENT ON TABLE public.complaint_clauses IS 'Clauses a complaint relates to';
-- comments on complaint_risks
COMMENT ON TABLE public.complaint_risks IS 'Risks a complaint relates to';
-- comments on complaints
COMMENT ON TABLE public.complaints IS 'Customer complaints (ISO 10002) with acknowledgement and response clocks';
COMMENT ON COLUMN public.complaints.reference_number IS 'CMP-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
COMMENT ON COLUMN public.complaints.channel IS 'How the complaint arrived';
COMMENT ON COLUMN public.complaints.stage IS 'Complaint-handling stage: 1, or 2 once escalated';
COMMENT ON COLUMN public.complaints.related_reference IS 'e.g. an order or invoice number';
COMMENT ON COLUMN public.complaints.owner_id IS 'Complaint handler';
COMMENT ON COLUMN public.complaints.currency IS 'ISO 4217 code of the amounts';
COMMENT ON COLUMN public.complaints.closed_at IS 'Set by the closing transition';
COMMENT ON COLUMN public.complaints.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.complaints.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.complaints.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on controls
COMMENT ON TABLE public.controls IS 'Controls of a standard, e.g. the 93 Annex A controls of ISO/IEC 27001:2022';
COMMENT ON COLUMN public.controls.clause_id IS 'Clause of the same standard the control hangs under, if any';
COMMENT ON COLUMN public.controls.control_number IS 'e.g. A.5.1';
COMMENT ON COLUMN public.controls.theme IS 'ISO/IEC 27001:2022 Annex A theme';
COMMENT ON COLUMN public.controls.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.controls.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.controls.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on finding_clauses
COMMENT ON TABLE public.finding_clauses IS 'Clauses a finding is raised against';
-- comments on finding_controls
COMMENT ON TABLE public.finding_controls IS 'Controls a finding is raised against';
-- comments on finding_risks
COMMENT ON TABLE public.finding_risks IS 'Risks a finding relates to';
-- comments on incident_clauses
COMMENT ON TABLE public.incident_clauses IS 'Clauses an incident relates to';
-- comments on incident_risks
COMMENT ON TABLE public.incident_risks IS 'Risks an incident relates to';
-- comments on incidents
COMMENT ON TABLE public.incidents IS 'Health, safety, environmental, security and quality incidents';
COMMENT ON COLUMN public.incidents.reference_number IS 'INC-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
COMMENT ON COLUMN public.incidents.assigned_to_id IS 'Investigator';
COMMENT ON COLUMN public.incidents.jurisdiction IS 'gb: RIDDOR 2013 (HSE); ni: RIDDOR (NI) 1997 (HSENI)';
COMMENT ON COLUMN public.incidents.riddor_reportable IS 'NULL until assessed; then whether the incident must be reported';
COMMENT ON COLUMN public.incidents.riddor_category IS 'over_3_day_incapacitation is recorded, not reported';
COMMENT ON COLUMN public.incidents.days_lost IS 'Consecutive days off or on restricted duties, excluding the accident day';
COMMENT ON COLUMN public.incidents.riddor_due_date IS '10 or 15 days after the incident, by category';
COMMENT ON COLUMN public.incidents.hse_reference IS 'Reference given by HSE/HSENI on submission';
COMMENT ON COLUMN public.incidents.riddor_confirmed_by_id IS 'Responsible person who confirmed the decision';
COMMENT ON COLUMN public.incidents.closed_at IS 'Set by the closing transition';
COMMENT ON COLUMN public.incidents.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.incidents.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.incidents.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on login_attempts
COMMENT ON TABLE public.login_attempts IS 'Login attempts, for throttling per account and per client address';
COMMENT ON COLUMN public.login_attempts.email IS 'The email as submitted, lowercased';
COMMENT ON COLUMN public.login_attempts.user_id IS 'The matching account, if any';
-- comments on permissions
COMMENT ON TABLE public.permissions IS 'Named permissions such as incidents:read, checked per route';
COMMENT ON COLUMN public.permissions.name IS 'resource:verb, e.g. incidents:write';
COMMENT ON COLUMN public.permissions.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.permissions.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on policies
COMMENT ON TABLE public.policies IS 'Controlled documents: policies, procedures, work instructions, ...';
COMMENT ON COLUMN public.policies.reference_number IS 'POL-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
COMMENT ON COLUMN public.policies.last_reviewed_at IS 'A review with no change is recorded here without a new version';
COMMENT ON COLUMN public.policies.is_public IS 'Readable by every user; otherwise restricted to policy_roles';
COMMENT ON COLUMN public.policies.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.policies.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.policies.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on policy_clauses
COMMENT ON TABLE public.policy_clauses IS 'Clauses a policy addresses';
-- comments on policy_roles
COMMENT ON TABLE public.policy_roles IS 'Roles allowed to read a non-public policy';
-- comments on policy_tags
COMMENT ON TABLE public.policy_tags IS 'Free-form tags of a policy, one row per tag';
COMMENT ON COLUMN public.policy_tags.tag IS 'Lowercase tag';
-- comments on policy_versions
COMMENT ON TABLE public.policy_versions IS 'Versions of a policy; exactly one is current once published';
COMMENT ON COLUMN public.policy_versions.version_number IS '1, 2, 3, ... per policy';
COMMENT ON COLUMN public.policy_versions.is_current IS 'The effective version; at most one per policy';
COMMENT ON COLUMN public.policy_versions.document_attachment_id IS 'The controlled document file of this version';
COMMENT ON COLUMN public.policy_versions.supersedes_version_id IS 'The earlier version of the same policy this one replaces';
COMMENT ON COLUMN public.policy_versions.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.policy_versions.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on question_clauses
COMMENT ON TABLE public.question_clauses IS 'Clauses a question checks';
-- comments on question_controls
COMMENT ON TABLE public.question_controls IS 'Controls a question checks';
-- comments on reference_counters
COMMENT ON TABLE public.reference_counters IS 'Atomic per-(prefix, UTC year) counters behind PREFIX-YYYY-NNNN numbers';
COMMENT ON COLUMN public.reference_counters.prefix IS 'TPL, AUD, FND, RSK, INC, RTC, CMP, POL, ACT';
COMMENT ON COLUMN public.reference_counters.last_value IS 'Last number handed out; never reused';
-- comments on refresh_tokens
COMMENT ON TABLE public.refresh_tokens IS 'Server-side refresh tokens (hashed), rotated on use; reuse revokes the family';
COMMENT ON COLUMN public.refresh_tokens.token_hash IS 'Hex SHA-256 of the token; the token itself is never stored';
COMMENT ON COLUMN public.refresh_tokens.family_id IS 'All tokens rotated from one login share a family';
COMMENT ON COLUMN public.refresh_tokens.replaced_by_id IS 'The token this one was rotated into';
-- comments on risk_assessments
COMMENT ON TABLE public.risk_assessments IS 'Point-in-time risk assessments: inherent, residual and optional target ratings';
COMMENT ON COLUMN public.risk_assessments.inherent_likelihood IS '1 rare .. 5 almost certain';
COMMENT ON COLUMN public.risk_assessments.inherent_impact IS '1 insignificant .. 5 catastrophic';
COMMENT ON COLUMN public.risk_assessments.inherent_score IS 'likelihood x impact';
COMMENT ON COLUMN public.risk_assessments.inherent_level IS 'From the 5x5 grid (original-system.md 3.2)';
COMMENT ON COLUMN public.risk_assessments.residual_likelihood IS '1 rare .. 5 almost certain';
COMMENT ON COLUMN public.risk_assessments.residual_impact IS '1 insignificant .. 5 catastrophic';
COMMENT ON COLUMN public.risk_assessments.residual_score IS 'likelihood x impact';
COMMENT ON COLUMN public.risk_assessments.residual_level IS 'From the 5x5 grid (original-system.md 3.2)';
COMMENT ON COLUMN public.risk_assessments.target_likelihood IS '1 rare .. 5 almost certain';
COMMENT ON COLUMN public.risk_assessments.target_impact IS '1 insignificant .. 5 catastrophic';
COMMENT ON COLUMN public.risk_assessments.target_score IS 'likelihood x impact';
COMMENT ON COLUMN public.risk_assessments.target_level IS 'From the 5x5 grid (original-system.md 3.2)';
COMMENT ON COLUMN public.risk_assessments.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.risk_assessments.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on risk_clauses
COMMENT ON TABLE public.risk_clauses IS 'Clauses a risk relates to';
-- comments on risk_controls
COMMENT ON TABLE public.risk_controls IS 'Controls (treatments) applied to a risk';
COMMENT ON COLUMN public.risk_controls.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.risk_controls.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.risk_controls.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on risk_standard_controls
COMMENT ON TABLE public.risk_standard_controls IS 'Standard controls (e.g. Annex A) treating a risk';
-- comments on risks
COMMENT ON TABLE public.risks IS 'The risk register: 5x5 likelihood x impact, treatment and review';
COMMENT ON COLUMN public.risks.reference_number IS 'RSK-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
COMMENT ON COLUMN public.risks.likelihood IS '1 rare .. 5 almost certain';
COMMENT ON COLUMN public.risks.impact IS '1 insignificant .. 5 catastrophic';
COMMENT ON COLUMN public.risks.score IS 'likelihood x impact';
COMMENT ON COLUMN public.risks.level IS 'From the 5x5 grid (original-system.md 3.2)';
COMMENT ON COLUMN public.risks.acceptance_justification IS 'Why a risk above appetite is accepted (ISO 27001 6.1.3 f)';
COMMENT ON COLUMN public.risks.closed_at IS 'Set by the closing transition';
COMMENT ON COLUMN public.risks.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.risks.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.risks.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on road_traffic_collisions
COMMENT ON TABLE public.road_traffic_collisions IS 'Road traffic collisions involving company vehicles or drivers';
COMMENT ON COLUMN public.road_traffic_collisions.reference_number IS 'RTC-YYYY-NNNN from reference_counters (UTC year; grows past 9999)';
COMMENT ON COLUMN public.road_traffic_collisions.on_public_road IS 'RIDDOR reg 14: collisions on public roads are reportable only in four cases';
COMMENT ON COLUMN public.road_traffic_collisions.vehicle_registration IS 'Company vehicle registration';
COMMENT ON COLUMN public.road_traffic_collisions.driver_name IS 'When the driver has no account';
COMMENT ON COLUMN public.road_traffic_collisions.injuries IS 'Anyone injured';
COMMENT ON COLUMN public.road_traffic_collisions.riddor_reportable IS 'NULL until assessed';
COMMENT ON COLUMN public.road_traffic_collisions.police_reported_at IS 'Road Traffic Act 1988 s.170: within 24 hours if details not exchanged';
COMMENT ON COLUMN public.road_traffic_collisions.currency IS 'ISO 4217 code of the amounts';
COMMENT ON COLUMN public.road_traffic_collisions.assigned_to_id IS 'Investigator';
COMMENT ON COLUMN public.road_traffic_collisions.closed_at IS 'Set by the closing transition';
COMMENT ON COLUMN public.road_traffic_collisions.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.road_traffic_collisions.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.road_traffic_collisions.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on role_permissions
COMMENT ON TABLE public.role_permissions IS 'Which permissions each role grants';
-- comments on roles
COMMENT ON TABLE public.roles IS 'Named sets of permissions assigned to users';
COMMENT ON COLUMN public.roles.name IS 'Unique case-insensitively (ux_roles_name)';
COMMENT ON COLUMN public.roles.is_system IS 'Seeded role; cannot be edited or deleted through the API';
COMMENT ON COLUMN public.roles.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.roles.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on rtc_risks
COMMENT ON TABLE public.rtc_risks IS 'Risks a road traffic collision relates to';
-- comments on rtc_third_parties
COMMENT ON TABLE public.rtc_third_parties IS 'Other parties involved in a road traffic collision';
COMMENT ON COLUMN public.rtc_third_parties.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.rtc_third_parties.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on soa_entries
COMMENT ON TABLE public.soa_entries IS 'Statement of Applicability: applicability and implementation per control';
COMMENT ON COLUMN public.soa_entries.justification IS 'Why the control is included or excluded';
COMMENT ON COLUMN public.soa_entries.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.soa_entries.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on standards
COMMENT ON TABLE public.standards IS 'Management-system standards, e.g. ISO 9001:2015, ISO/IEC 27001:2022';
COMMENT ON COLUMN public.standards.code IS 'Short unique code, e.g. ISO9001';
COMMENT ON COLUMN public.standards.edition IS 'Edition year or label, e.g. 2015';
COMMENT ON COLUMN public.standards.archived_at IS 'Set instead of deleting: records are evidence';
COMMENT ON COLUMN public.standards.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.standards.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on user_roles
COMMENT ON TABLE public.user_roles IS 'Which roles each user holds';
-- comments on users
COMMENT ON TABLE public.users IS 'Accounts that sign in; disabled, never deleted';
COMMENT ON COLUMN public.users.email IS 'Unique case-insensitively (ux_users_email)';
COMMENT ON COLUMN public.users.password_hash IS 'Argon2id encoded hash (libsodium crypto_pwhash_str)';
COMMENT ON COLUMN public.users.is_superuser IS 'Bypasses permission checks; created by `qgp user create`';
COMMENT ON COLUMN public.users.failed_login_count IS 'Consecutive failed logins since the last success';
COMMENT ON COLUMN public.users.locked_until IS 'Login refused until then (throttling)';
COMMENT ON COLUMN public.users.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.users.version IS 'Optimistic concurrency: an update must name the version it read';
-- +downgrade
-- drop foreign key actions.actions_archived_by_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_archived_by_id_fkey;
-- drop foreign key actions.actions_cancelled_by_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_cancelled_by_id_fkey;
-- drop foreign key actions.actions_closed_by_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_closed_by_id_fkey;
-- drop foreign key actions.actions_collision_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_collision_id_fkey;
-- drop foreign key actions.actions_complaint_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_complaint_id_fkey;
-- drop foreign key actions.actions_created_by_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_created_by_id_fkey;
-- drop foreign key actions.actions_effectiveness_reviewed_by_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_effectiveness_reviewed_by_id_fkey;
-- drop foreign key actions.actions_finding_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_finding_id_fkey;
-- drop foreign key actions.actions_incident_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_incident_id_fkey;
-- drop foreign key actions.actions_owner_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_owner_id_fkey;
-- drop foreign key actions.actions_policy_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_policy_id_fkey;
-- drop foreign key actions.actions_risk_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_risk_id_fkey;
-- drop foreign key actions.actions_updated_by_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_updated_by_id_fkey;
-- drop foreign key actions.actions_verified_by_id_fkey
ALTER TABLE public.actions DROP CONSTRAINT actions_verified_by_id_fkey;
-- drop foreign key attachments.attachments_action_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_action_id_fkey;
-- drop foreign key attachments.attachments_archived_by_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_archived_by_id_fkey;
-- drop foreign key attachments.attachments_collision_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_collision_id_fkey;
-- drop foreign key attachments.attachments_complaint_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_complaint_id_fkey;
-- drop foreign key attachments.attachments_created_by_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_created_by_id_fkey;
-- drop foreign key attachments.attachments_finding_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_finding_id_fkey;
-- drop foreign key attachments.attachments_incident_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_incident_id_fkey;
-- drop foreign key attachments.attachments_policy_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_policy_id_fkey;
-- drop foreign key attachments.attachments_response_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_response_id_fkey;
-- drop foreign key attachments.attachments_risk_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_risk_id_fkey;
-- drop foreign key attachments.attachments_run_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_run_id_fkey;
-- drop foreign key attachments.attachments_updated_by_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_updated_by_id_fkey;
-- drop foreign key attachments.attachments_uploaded_by_id_fkey
ALTER TABLE public.attachments DROP CONSTRAINT attachments_uploaded_by_id_fkey;
-- drop foreign key audit_findings.audit_findings_archived_by_id_fkey
ALTER TABLE public.audit_findings DROP CONSTRAINT audit_findings_archived_by_id_fkey;
-- drop foreign key audit_findings.audit_findings_assigned_to_id_fkey
ALTER TABLE public.audit_findings DROP CONSTRAINT audit_findings_assigned_to_id_fkey;
-- drop foreign key audit_findings.audit_findings_closed_by_id_fkey
ALTER TABLE public.audit_findings DROP CONSTRAINT audit_findings_closed_by_id_fkey;
-- drop foreign key audit_findings.audit_findings_created_by_id_fkey
ALTER TABLE public.audit_findings DROP CONSTRAINT audit_findings_created_by_id_fkey;
-- drop foreign key audit_findings.audit_findings_question_id_fkey
ALTER TABLE public.audit_findings DROP CONSTRAINT audit_findings_question_id_fkey;
-- drop foreign key audit_findings.audit_findings_response_id_fkey
ALTER TABLE public.audit_findings DROP CONSTRAINT audit_findings_response_id_fkey;
-- drop foreign key audit_findings.audit_findings_run_id_fkey
ALTER TABLE public.audit_findings DROP CONSTRAINT audit_findings_run_id_fkey;
-- drop foreign key audit_findings.audit_findings_updated_by_id_fkey
ALTER TABLE public.audit_findings DROP CONSTRAINT audit_findings_updated_by_id_fkey;
-- drop foreign key audit_findings.audit_findings_verified_by_id_fkey
ALTER TABLE public.audit_findings DROP CONSTRAINT audit_findings_verified_by_id_fkey;
-- drop foreign key audit_log.audit_log_actor_user_id_fkey
ALTER TABLE public.audit_log DROP CONSTRAINT audit_log_actor_user_id_fkey;
-- drop foreign key audit_question_options.audit_question_options_archived_by_id_fkey
ALTER TABLE public.audit_question_options DROP CONSTRAINT audit_question_options_archived_by_id_fkey;
-- drop foreign key audit_question_options.audit_question_options_created_by_id_fkey
ALTER TABLE public.audit_question_options DROP CONSTRAINT audit_question_options_created_by_id_fkey;
-- drop foreign key audit_question_options.audit_question_options_question_id_fkey
ALTER TABLE public.audit_question_options DROP CONSTRAINT audit_question_options_question_id_fkey;
-- drop foreign key audit_question_options.audit_question_options_updated_by_id_fkey
ALTER TABLE public.audit_question_options DROP CONSTRAINT audit_question_options_updated_by_id_fkey;
-- drop foreign key audit_questions.audit_questions_archived_by_id_fkey
ALTER TABLE public.audit_questions DROP CONSTRAINT audit_questions_archived_by_id_fkey;
-- drop foreign key audit_questions.audit_questions_created_by_id_fkey
ALTER TABLE public.audit_questions DROP CONSTRAINT audit_questions_created_by_id_fkey;
-- drop foreign key audit_questions.audit_questions_section_fkey
ALTER TABLE public.audit_questions DROP CONSTRAINT audit_questions_section_fkey;
-- drop foreign key audit_questions.audit_questions_template_id_fkey
ALTER TABLE public.audit_questions DROP CONSTRAINT audit_questions_template_id_fkey;
-- drop foreign key audit_questions.audit_questions_updated_by_id_fkey
ALTER TABLE public.audit_questions DROP CONSTRAINT audit_questions_updated_by_id_fkey;
-- drop foreign key audit_response_options.audit_response_options_option_id_fkey
ALTER TABLE public.audit_response_options DROP CONSTRAINT audit_response_options_option_id_fkey;
-- drop foreign key audit_response_options.audit_response_options_response_id_fkey
ALTER TABLE public.audit_response_options DROP CONSTRAINT audit_response_options_response_id_fkey;
-- drop foreign key audit_responses.audit_responses_answered_by_id_fkey
ALTER TABLE public.audit_responses DROP CONSTRAINT audit_responses_answered_by_id_fkey;
-- drop foreign key audit_responses.audit_responses_created_by_id_fkey
ALTER TABLE public.audit_responses DROP CONSTRAINT audit_responses_created_by_id_fkey;
-- drop foreign key audit_responses.audit_responses_question_id_fkey
ALTER TABLE public.audit_responses DROP CONSTRAINT audit_responses_question_id_fkey;
-- drop foreign key audit_responses.audit_responses_run_id_fkey
ALTER TABLE public.audit_responses DROP CONSTRAINT audit_responses_run_id_fkey;
-- drop foreign key audit_responses.audit_responses_updated_by_id_fkey
ALTER TABLE public.audit_responses DROP CONSTRAINT audit_responses_updated_by_id_fkey;
-- drop foreign key audit_runs.audit_runs_archived_by_id_fkey
ALTER TABLE public.audit_runs DROP CONSTRAINT audit_runs_archived_by_id_fkey;
-- drop foreign key audit_runs.audit_runs_assigned_to_id_fkey
ALTER TABLE public.audit_runs DROP CONSTRAINT audit_runs_assigned_to_id_fkey;
-- drop foreign key audit_runs.audit_runs_cancelled_by_id_fkey
ALTER TABLE public.audit_runs DROP CONSTRAINT audit_runs_cancelled_by_id_fkey;
-- drop foreign key audit_runs.audit_runs_completed_by_id_fkey
ALTER TABLE public.audit_runs DROP CONSTRAINT audit_runs_completed_by_id_fkey;
-- drop foreign key audit_runs.audit_runs_created_by_id_fkey
ALTER TABLE public.audit_runs DROP CONSTRAINT audit_runs_created_by_id_fkey;
-- drop foreign key audit_runs.audit_runs_template_id_fkey
ALTER TABLE public.audit_runs DROP CONSTRAINT audit_runs_template_id_fkey;
-- drop foreign key audit_runs.audit_runs_template_version_fkey
ALTER TABLE public.audit_runs DROP CONSTRAINT audit_runs_template_version_fkey;
-- drop foreign key audit_runs.audit_runs_updated_by_id_fkey
ALTER TABLE public.audit_runs DROP CONSTRAINT audit_runs_updated_by_id_fkey;
-- drop foreign key audit_sections.audit_sections_archived_by_id_fkey
ALTER TABLE public.audit_sections DROP CONSTRAINT audit_sections_archived_by_id_fkey;
-- drop foreign key audit_sections.audit_sections_created_by_id_fkey
ALTER TABLE public.audit_sections DROP CONSTRAINT audit_sections_created_by_id_fkey;
-- drop foreign key audit_sections.audit_sections_template_id_fkey
ALTER TABLE public.audit_sections DROP CONSTRAINT audit_sections_template_id_fkey;
-- drop foreign key audit_sections.audit_sections_updated_by_id_fkey
ALTER TABLE public.audit_sections DROP CONSTRAINT audit_sections_updated_by_id_fkey;
-- drop foreign key audit_template_standards.audit_template_standards_standard_id_fkey
ALTER TABLE public.audit_template_standards DROP CONSTRAINT audit_template_standards_standard_id_fkey;
-- drop foreign key audit_template_standards.audit_template_standards_template_id_fkey
ALTER TABLE public.audit_template_standards DROP CONSTRAINT audit_template_standards_template_id_fkey;
-- drop foreign key audit_template_versions.audit_template_versions_created_by_id_fkey
ALTER TABLE public.audit_template_versions DROP CONSTRAINT audit_template_versions_created_by_id_fkey;
-- drop foreign key audit_template_versions.audit_template_versions_published_by_id_fkey
ALTER TABLE public.audit_template_versions DROP CONSTRAINT audit_template_versions_published_by_id_fkey;
-- drop foreign key audit_template_versions.audit_template_versions_template_id_fkey
ALTER TABLE public.audit_template_versions DROP CONSTRAINT audit_template_versions_template_id_fkey;
-- drop foreign key audit_template_versions.audit_template_versions_updated_by_id_fkey
ALTER TABLE public.audit_template_versions DROP CONSTRAINT audit_template_versions_updated_by_id_fkey;
-- drop foreign key audit_templates.audit_templates_archived_by_id_fkey
ALTER TABLE public.audit_templates DROP CONSTRAINT audit_templates_archived_by_id_fkey;
-- drop foreign key audit_templates.audit_templates_created_by_id_fkey
ALTER TABLE public.audit_templates DROP CONSTRAINT audit_templates_created_by_id_fkey;
-- drop foreign key audit_templates.audit_templates_updated_by_id_fkey
ALTER TABLE public.audit_templates DROP CONSTRAINT audit_templates_updated_by_id_fkey;
-- drop foreign key clause_mappings.clause_mappings_clause_a_id_fkey
ALTER TABLE public.clause_mappings DROP CONSTRAINT clause_mappings_clause_a_id_fkey;
-- drop foreign key clause_mappings.clause_mappings_clause_b_id_fkey
ALTER TABLE public.clause_mappings DROP CONSTRAINT clause_mappings_clause_b_id_fkey;
-- drop foreign key clause_mappings.clause_mappings_created_by_id_fkey
ALTER TABLE public.clause_mappings DROP CONSTRAINT clause_mappings_created_by_id_fkey;
-- drop foreign key clause_mappings.clause_mappings_updated_by_id_fkey
ALTER TABLE public.clause_mappings DROP CONSTRAINT clause_mappings_updated_by_id_fkey;
-- drop foreign key clauses.clauses_archived_by_id_fkey
ALTER TABLE public.clauses DROP CONSTRAINT clauses_archived_by_id_fkey;
-- drop foreign key clauses.clauses_created_by_id_fkey
ALTER TABLE public.clauses DROP CONSTRAINT clauses_created_by_id_fkey;
-- drop foreign key clauses.clauses_parent_fkey
ALTER TABLE public.clauses DROP CONSTRAINT clauses_parent_fkey;
-- drop foreign key clauses.clauses_standard_id_fkey
ALTER TABLE public.clauses DROP CONSTRAINT clauses_standard_id_fkey;
-- drop foreign key clauses.clauses_updated_by_id_fkey
ALTER TABLE public.clauses DROP CONSTRAINT clauses_updated_by_id_fkey;
-- drop foreign key complaint_clauses.complaint_clauses_clause_id_fkey
ALTER TABLE public.complaint_clauses DROP CONSTRAINT complaint_clauses_clause_id_fkey;
-- drop foreign key complaint_clauses.complaint_clauses_complaint_id_fkey
ALTER TABLE public.complaint_clauses DROP CONSTRAINT complaint_clauses_complaint_id_fkey;
-- drop foreign key complaint_risks.complaint_risks_complaint_id_fkey
ALTER TABLE public.complaint_risks DROP CONSTRAINT complaint_risks_complaint_id_fkey;
-- drop foreign key complaint_risks.complaint_risks_risk_id_fkey
ALTER TABLE public.complaint_risks DROP CONSTRAINT complaint_risks_risk_id_fkey;
-- drop foreign key complaints.complaints_archived_by_id_fkey
ALTER TABLE public.complaints DROP CONSTRAINT complaints_archived_by_id_fkey;
-- drop foreign key complaints.complaints_closed_by_id_fkey
ALTER TABLE public.complaints DROP CONSTRAINT complaints_closed_by_id_fkey;
-- drop foreign key complaints.complaints_created_by_id_fkey
ALTER TABLE public.complaints DROP CONSTRAINT complaints_created_by_id_fkey;
-- drop foreign key complaints.complaints_owner_id_fkey
ALTER TABLE public.complaints DROP CONSTRAINT complaints_owner_id_fkey;
-- drop foreign key complaints.complaints_updated_by_id_fkey
ALTER TABLE public.complaints DROP CONSTRAINT complaints_updated_by_id_fkey;
-- drop foreign key controls.controls_archived_by_id_fkey
ALTER TABLE public.controls DROP CONSTRAINT controls_archived_by_id_fkey;
-- drop foreign key controls.controls_clause_fkey
ALTER TABLE public.controls DROP CONSTRAINT controls_clause_fkey;
-- drop foreign key controls.controls_created_by_id_fkey
ALTER TABLE public.controls DROP CONSTRAINT controls_created_by_id_fkey;
-- drop foreign key controls.controls_standard_id_fkey
ALTER TABLE public.controls DROP CONSTRAINT controls_standard_id_fkey;
-- drop foreign key controls.controls_updated_by_id_fkey
ALTER TABLE public.controls DROP CONSTRAINT controls_updated_by_id_fkey;
-- drop foreign key finding_clauses.finding_clauses_clause_id_fkey
ALTER TABLE public.finding_clauses DROP CONSTRAINT finding_clauses_clause_id_fkey;
-- drop foreign key finding_clauses.finding_clauses_finding_id_fkey
ALTER TABLE public.finding_clauses DROP CONSTRAINT finding_clauses_finding_id_fkey;
-- drop foreign key finding_controls.finding_controls_control_id_fkey
ALTER TABLE public.finding_controls DROP CONSTRAINT finding_controls_control_id_fkey;
-- drop foreign key finding_controls.finding_controls_finding_id_fkey
ALTER TABLE public.finding_controls DROP CONSTRAINT finding_controls_finding_id_fkey;
-- drop foreign key finding_risks.finding_risks_finding_id_fkey
ALTER TABLE public.finding_risks DROP CONSTRAINT finding_risks_finding_id_fkey;
-- drop foreign key finding_risks.finding_risks_risk_id_fkey
ALTER TABLE public.finding_risks DROP CONSTRAINT finding_risks_risk_id_fkey;
-- drop foreign key incident_clauses.incident_clauses_clause_id_fkey
ALTER TABLE public.incident_clauses DROP CONSTRAINT incident_clauses_clause_id_fkey;
-- drop foreign key incident_clauses.incident_clauses_incident_id_fkey
ALTER TABLE public.incident_clauses DROP CONSTRAINT incident_clauses_incident_id_fkey;
-- drop foreign key incident_risks.incident_risks_incident_id_fkey
ALTER TABLE public.incident_risks DROP CONSTRAINT incident_risks_incident_id_fkey;
-- drop foreign key incident_risks.incident_risks_risk_id_fkey
ALTER TABLE public.incident_risks DROP CONSTRAINT incident_risks_risk_id_fkey;
-- drop foreign key incidents.incidents_archived_by_id_fkey
ALTER TABLE public.incidents DROP CONSTRAINT incidents_archived_by_id_fkey;
-- drop foreign key incidents.incidents_assigned_to_id_fkey
ALTER TABLE public.incidents DROP CONSTRAINT incidents_assigned_to_id_fkey;
-- drop foreign key incidents.incidents_closed_by_id_fkey
ALTER TABLE public.incidents DROP CONSTRAINT incidents_closed_by_id_fkey;
-- drop foreign key incidents.incidents_created_by_id_fkey
ALTER TABLE public.incidents DROP CONSTRAINT incidents_created_by_id_fkey;
-- drop foreign key incidents.incidents_reporter_id_fkey
ALTER TABLE public.incidents DROP CONSTRAINT incidents_reporter_id_fkey;
-- drop foreign key incidents.incidents_riddor_confirmed_by_id_fkey
ALTER TABLE public.incidents DROP CONSTRAINT incidents_riddor_confirmed_by_id_fkey;
-- drop foreign key incidents.incidents_updated_by_id_fkey
ALTER TABLE public.incidents DROP CONSTRAINT incidents_updated_by_id_fkey;
-- drop foreign key login_attempts.login_attempts_user_id_fkey
ALTER TABLE public.login_attempts DROP CONSTRAINT login_attempts_user_id_fkey;
-- drop foreign key permissions.permissions_created_by_id_fkey
ALTER TABLE public.permissions DROP CONSTRAINT permissions_created_by_id_fkey;
-- drop foreign key permissions.permissions_updated_by_id_fkey
ALTER TABLE public.permissions DROP CONSTRAINT permissions_updated_by_id_fkey;
-- drop foreign key policies.policies_approver_id_fkey
ALTER TABLE public.policies DROP CONSTRAINT policies_approver_id_fkey;
-- drop foreign key policies.policies_archived_by_id_fkey
ALTER TABLE public.policies DROP CONSTRAINT policies_archived_by_id_fkey;
-- drop foreign key policies.policies_created_by_id_fkey
ALTER TABLE public.policies DROP CONSTRAINT policies_created_by_id_fkey;
-- drop foreign key policies.policies_owner_id_fkey
ALTER TABLE public.policies DROP CONSTRAINT policies_owner_id_fkey;
-- drop foreign key policies.policies_retired_by_id_fkey
ALTER TABLE public.policies DROP CONSTRAINT policies_retired_by_id_fkey;
-- drop foreign key policies.policies_updated_by_id_fkey
ALTER TABLE public.policies DROP CONSTRAINT policies_updated_by_id_fkey;
-- drop foreign key policy_clauses.policy_clauses_clause_id_fkey
ALTER TABLE public.policy_clauses DROP CONSTRAINT policy_clauses_clause_id_fkey;
-- drop foreign key policy_clauses.policy_clauses_policy_id_fkey
ALTER TABLE public.policy_clauses DROP CONSTRAINT policy_clauses_policy_id_fkey;
-- drop foreign key policy_roles.policy_roles_policy_id_fkey
ALTER TABLE public.policy_roles DROP CONSTRAINT policy_roles_policy_id_fkey;
-- drop foreign key policy_roles.policy_roles_role_id_fkey
ALTER TABLE public.policy_roles DROP CONSTRAINT policy_roles_role_id_fkey;
-- drop foreign key policy_tags.policy_tags_policy_id_fkey
ALTER TABLE public.policy_tags DROP CONSTRAINT policy_tags_policy_id_fkey;
-- drop foreign key policy_versions.policy_versions_approved_by_id_fkey
ALTER TABLE public.policy_versions DROP CONSTRAINT policy_versions_approved_by_id_fkey;
-- drop foreign key policy_versions.policy_versions_created_by_id_fkey
ALTER TABLE public.policy_versions DROP CONSTRAINT policy_versions_created_by_id_fkey;
-- drop foreign key policy_versions.policy_versions_document_attachment_id_fkey
ALTER TABLE public.policy_versions DROP CONSTRAINT policy_versions_document_attachment_id_fkey;
-- drop foreign key policy_versions.policy_versions_policy_id_fkey
ALTER TABLE public.policy_versions DROP CONSTRAINT policy_versions_policy_id_fkey;
-- drop foreign key policy_versions.policy_versions_published_by_id_fkey
ALTER TABLE public.policy_versions DROP CONSTRAINT policy_versions_published_by_id_fkey;
-- drop foreign key policy_versions.policy_versions_reviewed_by_id_fkey
ALTER TABLE public.policy_versions DROP CONSTRAINT policy_versions_reviewed_by_id_fkey;
-- drop foreign key policy_versions.policy_versions_submitted_by_id_fkey
ALTER TABLE public.policy_versions DROP CONSTRAINT policy_versions_submitted_by_id_fkey;
-- drop foreign key policy_versions.policy_versions_supersedes_fkey
ALTER TABLE public.policy_versions DROP CONSTRAINT policy_versions_supersedes_fkey;
-- drop foreign key policy_versions.policy_versions_updated_by_id_fkey
ALTER TABLE public.policy_versions DROP CONSTRAINT policy_versions_updated_by_id_fkey;
-- drop foreign key question_clauses.question_clauses_clause_id_fkey
ALTER TABLE public.question_clauses DROP CONSTRAINT question_clauses_clause_id_fkey;
-- drop foreign key question_clauses.question_clauses_question_id_fkey
ALTER TABLE public.question_clauses DROP CONSTRAINT question_clauses_question_id_fkey;
-- drop foreign key question_controls.question_controls_control_id_fkey
ALTER TABLE public.question_controls DROP CONSTRAINT question_controls_control_id_fkey;
-- drop foreign key question_controls.question_controls_question_id_fkey
ALTER TABLE public.question_controls DROP CONSTRAINT question_controls_question_id_fkey;
-- drop foreign key refresh_tokens.refresh_tokens_replaced_by_id_fkey
ALTER TABLE public.refresh_tokens DROP CONSTRAINT refresh_tokens_replaced_by_id_fkey;
-- drop foreign key refresh_tokens.refresh_tokens_user_id_fkey
ALTER TABLE public.refresh_tokens DROP CONSTRAINT refresh_tokens_user_id_fkey;
-- drop foreign key risk_assessments.risk_assessments_assessed_by_id_fkey
ALTER TABLE public.risk_assessments DROP CONSTRAINT risk_assessments_assessed_by_id_fkey;
-- drop foreign key risk_assessments.risk_assessments_created_by_id_fkey
ALTER TABLE public.risk_assessments DROP CONSTRAINT risk_assessments_created_by_id_fkey;
-- drop foreign key risk_assessments.risk_assessments_risk_id_fkey
ALTER TABLE public.risk_assessments DROP CONSTRAINT risk_assessments_risk_id_fkey;
-- drop foreign key risk_assessments.risk_assessments_updated_by_id_fkey
ALTER TABLE public.risk_assessments DROP CONSTRAINT risk_assessments_updated_by_id_fkey;
-- drop foreign key risk_clauses.risk_clauses_clause_id_fkey
ALTER TABLE public.risk_clauses DROP CONSTRAINT risk_clauses_clause_id_fkey;
-- drop foreign key risk_clauses.risk_clauses_risk_id_fkey
ALTER TABLE public.risk_clauses DROP CONSTRAINT risk_clauses_risk_id_fkey;
-- drop foreign key risk_controls.risk_controls_archived_by_id_fkey
ALTER TABLE public.risk_controls DROP CONSTRAINT risk_controls_archived_by_id_fkey;
-- drop foreign key risk_controls.risk_controls_created_by_id_fkey
ALTER TABLE public.risk_controls DROP CONSTRAINT risk_controls_created_by_id_fkey;
-- drop foreign key risk_controls.risk_controls_owner_id_fkey
ALTER TABLE public.risk_controls DROP CONSTRAINT risk_controls_owner_id_fkey;
-- drop foreign key risk_controls.risk_controls_risk_id_fkey
ALTER TABLE public.risk_controls DROP CONSTRAINT risk_controls_risk_id_fkey;
-- drop foreign key risk_controls.risk_controls_updated_by_id_fkey
ALTER TABLE public.risk_controls DROP CONSTRAINT risk_controls_updated_by_id_fkey;
-- drop foreign key risk_standard_controls.risk_standard_controls_control_id_fkey
ALTER TABLE public.risk_standard_controls DROP CONSTRAINT risk_standard_controls_control_id_fkey;
-- drop foreign key risk_standard_controls.risk_standard_controls_risk_id_fkey
ALTER TABLE public.risk_standard_controls DROP CONSTRAINT risk_standard_controls_risk_id_fkey;
-- drop foreign key risks.risks_accepted_by_id_fkey
ALTER TABLE public.risks DROP CONSTRAINT risks_accepted_by_id_fkey;
-- drop foreign key risks.risks_archived_by_id_fkey
ALTER TABLE public.risks DROP CONSTRAINT risks_archived_by_id_fkey;
-- drop foreign key risks.risks_closed_by_id_fkey
ALTER TABLE public.risks DROP CONSTRAINT risks_closed_by_id_fkey;
-- drop foreign key risks.risks_created_by_id_fkey
ALTER TABLE public.risks DROP CONSTRAINT risks_created_by_id_fkey;
-- drop foreign key risks.risks_owner_id_fkey
ALTER TABLE public.risks DROP CONSTRAINT risks_owner_id_fkey;
-- drop foreign key risks.risks_updated_by_id_fkey
ALTER TABLE public.risks DROP CONSTRAINT risks_updated_by_id_fkey;
-- drop foreign key road_traffic_collisions.road_traffic_collisions_archived_by_id_fkey
ALTER TABLE public.road_traffic_collisions DROP CONSTRAINT road_traffic_collisions_archived_by_id_fkey;
-- drop foreign key road_traffic_collisions.road_traffic_collisions_assigned_to_id_fkey
ALTER TABLE public.road_traffic_collisions DROP CONSTRAINT road_traffic_collisions_assigned_to_id_fkey;
-- drop foreign key road_traffic_collisions.road_traffic_collisions_closed_by_id_fkey
ALTER TABLE public.road_traffic_collisions DROP CONSTRAINT road_traffic_collisions_closed_by_id_fkey;
-- drop foreign key road_traffic_collisions.road_traffic_collisions_created_by_id_fkey
ALTER TABLE public.road_traffic_collisions DROP CONSTRAINT road_traffic_collisions_created_by_id_fkey;
-- drop foreign key road_traffic_collisions.road_traffic_collisions_driver_id_fkey
ALTER TABLE public.road_traffic_collisions DROP CONSTRAINT road_traffic_collisions_driver_id_fkey;
-- drop foreign key road_traffic_collisions.road_traffic_collisions_reporter_id_fkey
ALTER TABLE public.road_traffic_collisions DROP CONSTRAINT road_traffic_collisions_reporter_id_fkey;
-- drop foreign key road_traffic_collisions.road_traffic_collisions_updated_by_id_fkey
ALTER TABLE public.road_traffic_collisions DROP CONSTRAINT road_traffic_collisions_updated_by_id_fkey;
-- drop foreign key role_permissions.role_permissions_permission_id_fkey
ALTER TABLE public.role_permissions DROP CONSTRAINT role_permissions_permission_id_fkey;
-- drop foreign key role_permissions.role_permissions_role_id_fkey
ALTER TABLE public.role_permissions DROP CONSTRAINT role_permissions_role_id_fkey;
-- drop foreign key roles.roles_created_by_id_fkey
ALTER TABLE public.roles DROP CONSTRAINT roles_created_by_id_fkey;
-- drop foreign key roles.roles_updated_by_id_fkey
ALTER TABLE public.roles DROP CONSTRAINT roles_updated_by_id_fkey;
-- drop foreign key rtc_risks.rtc_risks_collision_id_fkey
ALTER TABLE public.rtc_risks DROP CONSTRAINT rtc_risks_collision_id_fkey;
-- drop foreign key rtc_risks.rtc_risks_risk_id_fkey
ALTER TABLE public.rtc_risks DROP CONSTRAINT rtc_risks_risk_id_fkey;
-- drop foreign key rtc_third_parties.rtc_third_parties_collision_id_fkey
ALTER TABLE public.rtc_third_parties DROP CONSTRAINT rtc_third_parties_collision_id_fkey;
-- drop foreign key rtc_third_parties.rtc_third_parties_created_by_id_fkey
ALTER TABLE public.rtc_third_parties DROP CONSTRAINT rtc_third_parties_created_by_id_fkey;
-- drop foreign key rtc_third_parties.rtc_third_parties_updated_by_id_fkey
ALTER TABLE public.rtc_third_parties DROP CONSTRAINT rtc_third_parties_updated_by_id_fkey;
-- drop foreign key soa_entries.soa_entries_control_id_fkey
ALTER TABLE public.soa_entries DROP CONSTRAINT soa_entries_control_id_fkey;
-- drop foreign key soa_entries.soa_entries_created_by_id_fkey
ALTER TABLE public.soa_entries DROP CONSTRAINT soa_entries_created_by_id_fkey;
-- drop foreign key soa_entries.soa_entries_owner_id_fkey
ALTER TABLE public.soa_entries DROP CONSTRAINT soa_entries_owner_id_fkey;
-- drop foreign key soa_entries.soa_entries_reviewed_by_id_fkey
ALTER TABLE public.soa_entries DROP CONSTRAINT soa_entries_reviewed_by_id_fkey;
-- drop foreign key soa_entries.soa_entries_updated_by_id_fkey
ALTER TABLE public.soa_entries DROP CONSTRAINT soa_entries_updated_by_id_fkey;
-- drop foreign key standards.standards_archived_by_id_fkey
ALTER TABLE public.standards DROP CONSTRAINT standards_archived_by_id_fkey;
-- drop foreign key standards.standards_created_by_id_fkey
ALTER TABLE public.standards DROP CONSTRAINT standards_created_by_id_fkey;
-- drop foreign key standards.standards_updated_by_id_fkey
ALTER TABLE public.standards DROP CONSTRAINT standards_updated_by_id_fkey;
-- drop foreign key user_roles.user_roles_role_id_fkey
ALTER TABLE public.user_roles DROP CONSTRAINT user_roles_role_id_fkey;
-- drop foreign key user_roles.user_roles_user_id_fkey
ALTER TABLE public.user_roles DROP CONSTRAINT user_roles_user_id_fkey;
-- drop foreign key users.users_created_by_id_fkey
ALTER TABLE public.users DROP CONSTRAINT users_created_by_id_fkey;
-- drop foreign key users.users_disabled_by_id_fkey
ALTER TABLE public.users DROP CONSTRAINT users_disabled_by_id_fkey;
-- drop foreign key users.users_updated_by_id_fkey
ALTER TABLE public.users DROP CONSTRAINT users_updated_by_id_fkey;
-- drop table actions
DROP TABLE public.actions;
-- drop table attachments
DROP TABLE public.attachments;
-- drop table audit_findings
DROP TABLE public.audit_findings;
-- drop table audit_log
DROP TABLE public.audit_log;
-- drop table audit_question_options
DROP TABLE public.audit_question_options;
-- drop table audit_questions
DROP TABLE public.audit_questions;
-- drop table audit_response_options
DROP TABLE public.audit_response_options;
-- drop table audit_responses
DROP TABLE public.audit_responses;
-- drop table audit_runs
DROP TABLE public.audit_runs;
-- drop table audit_sections
DROP TABLE public.audit_sections;
-- drop table audit_template_standards
DROP TABLE public.audit_template_standards;
-- drop table audit_template_versions
DROP TABLE public.audit_template_versions;
-- drop table audit_templates
DROP TABLE public.audit_templates;
-- drop table clause_mappings
DROP TABLE public.clause_mappings;
-- drop table clauses
DROP TABLE public.clauses;
-- drop table complaint_clauses
DROP TABLE public.complaint_clauses;
-- drop table complaint_risks
DROP TABLE public.complaint_risks;
-- drop table complaints
DROP TABLE public.complaints;
-- drop table controls
DROP TABLE public.controls;
-- drop table finding_clauses
DROP TABLE public.finding_clauses;
-- drop table finding_controls
DROP TABLE public.finding_controls;
-- drop table finding_risks
DROP TABLE public.finding_risks;
-- drop table incident_clauses
DROP TABLE public.incident_clauses;
-- drop table incident_risks
DROP TABLE public.incident_risks;
-- drop table incidents
DROP TABLE public.incidents;
-- drop table login_attempts
DROP TABLE public.login_attempts;
-- drop table permissions
DROP TABLE public.permissions;
-- drop table policies
DROP TABLE public.policies;
-- drop table policy_clauses
DROP TABLE public.policy_clauses;
-- drop table policy_roles
DROP TABLE public.policy_roles;
-- drop table policy_tags
DROP TABLE public.policy_tags;
-- drop table policy_versions
DROP TABLE public.policy_versions;
-- drop table question_clauses
DROP TABLE public.question_clauses;
-- drop table question_controls
DROP TABLE public.question_controls;
-- drop table reference_counters
DROP TABLE public.reference_counters;
-- drop table refresh_tokens
DROP TABLE public.refresh_tokens;
-- drop table risk_assessments
DROP TABLE public.risk_assessments;
-- drop table risk_clauses
DROP TABLE public.risk_clauses;
-- drop table risk_controls
DROP TABLE public.risk_controls;
-- drop table risk_standard_controls
DROP TABLE public.risk_standard_controls;
-- drop table risks
DROP TABLE public.risks;
-- drop table road_traffic_collisions
DROP TABLE public.road_traffic_collisions;
-- drop table role_permissions
DROP TABLE public.role_permissions;
-- drop table roles
DROP TABLE public.roles;
-- drop table rtc_risks
DROP TABLE public.rtc_risks;
-- drop table rtc_third_parties
DROP TABLE public.rtc_third_parties;
-- drop table soa_entries
DROP TABLE public.soa_entries;
-- drop table standards
DROP TABLE public.standards;
-- drop table user_roles
DROP TABLE public.user_roles;
-- drop table users
DROP TABLE public.users;
-- drop function qgp_audit_log_append_only()
DROP FUNCTION public.qgp_audit_log_append_only();
-- drop function qgp_set_updated_at()
DROP FUNCTION public.qgp_set_updated_at();
