-- revision: c00071
-- down_revision: (none)
-- message: ban-concurrent-index-creation-in-transaction bad_reindex.sql
-- transactional: true
-- +upgrade
REINDEX TABLE CONCURRENTLY users; -- expect: ban-concurrent-index-creation-in-transaction
-- +downgrade
SELECT 1;
