-- revision: c00015
-- down_revision: (none)
-- message: identifier-too-long safe.sql
-- transactional: true
-- +upgrade
CREATE TABLE corrective_actions (id bigint PRIMARY KEY, department text, due_date date);
CREATE INDEX ix_incident_corrective_actions_responsible_department_due_date1 ON corrective_actions (department, due_date DESC);
COMMENT ON TABLE corrective_actions IS 'ix_incident_corrective_actions_responsible_department_and_due_date_desc';
-- +downgrade
DROP TABLE corrective_actions;
