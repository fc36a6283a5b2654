-- revision: c00039
-- down_revision: (none)
-- message: ban-vacuum-full safe.sql
-- transactional: false
-- +upgrade
VACUUM (ANALYZE) audit_log_archive;
-- +downgrade
SELECT 1;
