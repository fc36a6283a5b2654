-- revision: c00024
-- down_revision: (none)
-- message: backfill-in-ddl-transaction safe_batched.sql
-- transactional: false
-- +upgrade
UPDATE users SET locale = 'en' WHERE id BETWEEN 1 AND 10000 AND locale IS NULL;
UPDATE users SET locale = 'en' WHERE id BETWEEN 10001 AND 20000 AND locale IS NULL;
-- +downgrade
SELECT 1;
