-- revision: c00022
-- down_revision: (none)
-- message: backfill-in-ddl-transaction bad.sql
-- transactional: true
-- +upgrade
ALTER TABLE users ADD COLUMN locale text;
UPDATE users SET locale = 'en'; -- expect: backfill-in-ddl-transaction
-- +downgrade
ALTER TABLE users DROP COLUMN locale;
