-- revision: c00036
-- down_revision: (none)
-- message: require-concurrent-reindex bad_table.sql
-- transactional: true
-- +upgrade
REINDEX TABLE users; -- expect: require-concurrent-reindex
-- +downgrade
SELECT 1;
