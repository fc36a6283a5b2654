-- revision: c00031
-- down_revision: (none)
-- message: ban-drop-database bad.sql
-- transactional: false
-- +upgrade
DROP DATABASE scratch_reports; -- expect: ban-drop-database
-- +downgrade
CREATE DATABASE scratch_reports;
