-- revision: c00037
-- down_revision: (none)
-- message: require-concurrent-reindex safe.sql
-- transactional: false
-- +upgrade
REINDEX INDEX CONCURRENTLY ix_users_email;
-- +downgrade
SELECT 1;
