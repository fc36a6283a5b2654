-- revision: c00045
-- down_revision: (none)
-- message: require-enum-value-ordering safe_new_type.sql
-- transactional: false
-- +upgrade
CREATE TYPE ticket_status AS ENUM ('open', 'closed');
ALTER TYPE ticket_status ADD VALUE 'escalated';
-- +downgrade
DROP TYPE ticket_status;
