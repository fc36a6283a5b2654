-- revision: ct0002
-- down_revision: ct0001
-- message: changing-column-type bad_widening_int 20260101_000002_ct0002_widen.sql
-- transactional: true
-- +upgrade
ALTER TABLE invoices ALTER COLUMN amount TYPE bigint; -- expect: changing-column-type
-- +downgrade
ALTER TABLE invoices ALTER COLUMN amount TYPE integer; -- expect: changing-column-type
