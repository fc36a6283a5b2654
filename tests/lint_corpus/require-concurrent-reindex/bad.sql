-- revision: c00035
-- down_revision: (none)
-- message: require-concurrent-reindex bad.sql
-- transactional: false
-- +upgrade
REINDEX INDEX ix_users_email; -- expect: require-concurrent-reindex
-- +downgrade
SELECT 1;
