-- revision: c00038
-- down_revision: (none)
-- message: ban-vacuum-full bad.sql
-- transactional: false
-- +upgrade
VACUUM FULL audit_log_archive; -- expect: ban-vacuum-full
-- +downgrade
SELECT 1;
