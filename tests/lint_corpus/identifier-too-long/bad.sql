-- revision: c00013
-- down_revision: (none)
-- message: identifier-too-long bad.sql
-- transactional: true
-- +upgrade
CREATE TABLE corrective_actions (id bigint PRIMARY KEY, department text, due_date date);
CREATE INDEX ix_incident_corrective_actions_responsible_department_and_due_date_desc ON corrective_actions (department, due_date DESC); -- expect: identifier-too-long
-- +downgrade
DROP TABLE corrective_actions;
