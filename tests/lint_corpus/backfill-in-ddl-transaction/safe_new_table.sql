-- revision: c00025
-- down_revision: (none)
-- message: backfill-in-ddl-transaction safe_new_table.sql
-- transactional: true
-- +upgrade
CREATE TABLE locales (code text PRIMARY KEY, active boolean);
INSERT INTO locales VALUES ('en', NULL), ('fr', NULL);
UPDATE locales SET active = true;
-- +downgrade
DROP TABLE locales;
