-- revision: c00026
-- down_revision: (none)
-- message: ban-uncommitted-transaction bad.sql
-- transactional: false
-- +upgrade
BEGIN; -- expect: ban-uncommitted-transaction
UPDATE users SET locale = 'en' WHERE locale IS NULL AND id < 1000;
-- +downgrade
SELECT 1;
