-- revision: c00027
-- down_revision: (none)
-- message: ban-uncommitted-transaction safe.sql
-- transactional: false
-- +upgrade
BEGIN;
UPDATE users SET locale = 'en' WHERE locale IS NULL AND id < 1000;
COMMIT;
-- +downgrade
SELECT 1;
