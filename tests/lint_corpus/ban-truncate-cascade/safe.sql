-- revision: c00034
-- down_revision: (none)
-- message: ban-truncate-cascade safe.sql
-- transactional: true
-- +upgrade
TRUNCATE import_staging, import_staging_rows;
-- +downgrade
SELECT 1;
