-- revision: c00033
-- down_revision: (none)
-- message: ban-truncate-cascade bad.sql
-- transactional: true
-- +upgrade
TRUNCATE import_staging CASCADE; -- expect: ban-truncate-cascade
-- +downgrade
SELECT 1;
