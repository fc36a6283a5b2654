-- revision: c00070
-- down_revision: (none)
-- message: ban-concurrent-index-creation-in-transaction bad.sql
-- transactional: true
-- +upgrade
CREATE INDEX CONCURRENTLY ix_users_locale ON users (locale); -- expect: ban-concurrent-index-creation-in-transaction
-- +downgrade
DROP INDEX CONCURRENTLY ix_users_locale; -- expect: ban-concurrent-index-creation-in-transaction
