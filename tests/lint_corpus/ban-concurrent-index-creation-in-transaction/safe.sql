-- revision: c00072
-- down_revision: (none)
-- message: ban-concurrent-index-creation-in-transaction safe.sql
-- transactional: false
-- +upgrade
CREATE INDEX CONCURRENTLY ix_users_locale ON users (locale);
REINDEX TABLE CONCURRENTLY users;
-- +downgrade
DROP INDEX CONCURRENTLY ix_users_locale;
