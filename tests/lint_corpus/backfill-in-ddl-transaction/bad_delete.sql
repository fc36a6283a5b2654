-- revision: c00023
-- down_revision: (none)
-- message: backfill-in-ddl-transaction bad_delete.sql
-- transactional: true
-- +upgrade
DELETE FROM sessions; -- expect: backfill-in-ddl-transaction
ALTER TABLE sessions ADD COLUMN device text;
-- +downgrade
ALTER TABLE sessions DROP COLUMN device;
