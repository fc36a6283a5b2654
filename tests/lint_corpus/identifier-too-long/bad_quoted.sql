-- revision: c00014
-- down_revision: (none)
-- message: identifier-too-long bad_quoted.sql
-- transactional: true
-- +upgrade
CREATE TABLE corrective_actions ("ix_incident_corrective_actions_responsible_department_and_due_date_desc" text); -- expect: identifier-too-long
-- +downgrade
DROP TABLE corrective_actions;
