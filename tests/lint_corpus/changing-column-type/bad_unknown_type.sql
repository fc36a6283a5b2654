-- revision: c00052
-- down_revision: (none)
-- message: changing-column-type bad_unknown_type.sql
-- transactional: true
-- +upgrade
ALTER TABLE invoices ALTER COLUMN amount TYPE bigint; -- expect: changing-column-type
-- +downgrade
ALTER TABLE invoices ALTER COLUMN amount TYPE integer; -- expect: changing-column-type
