-- revision: uq0001
-- down_revision: (none)
-- message: disallowed-unique-constraint safe_using_index 20260101_000001_uq0001_index.sql
-- transactional: false
-- +upgrade
CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
-- +downgrade
DROP INDEX CONCURRENTLY users_email_key;
