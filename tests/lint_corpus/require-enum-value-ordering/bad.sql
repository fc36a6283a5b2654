-- revision: c00043
-- down_revision: (none)
-- message: require-enum-value-ordering bad.sql
-- transactional: false
-- +upgrade
ALTER TYPE ticket_status ADD VALUE 'escalated'; -- expect: require-enum-value-ordering
-- +downgrade
SELECT 1;
