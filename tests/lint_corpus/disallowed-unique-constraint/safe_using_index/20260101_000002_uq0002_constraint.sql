-- revision: uq0002
-- down_revision: uq0001
-- message: disallowed-unique-constraint safe_using_index 20260101_000002_uq0002_constraint.sql
-- transactional: true
-- +upgrade
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
-- +downgrade
ALTER TABLE users DROP CONSTRAINT users_email_key;
