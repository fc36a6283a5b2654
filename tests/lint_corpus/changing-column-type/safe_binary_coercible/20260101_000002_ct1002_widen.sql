-- revision: ct1002
-- down_revision: ct1001
-- message: changing-column-type safe_binary_coercible 20260101_000002_ct1002_widen.sql
-- transactional: true
-- +upgrade
ALTER TABLE invoices ALTER COLUMN reference TYPE text;
ALTER TABLE invoices ALTER COLUMN amount TYPE numeric(14, 2);
-- +downgrade
ALTER TABLE invoices ALTER COLUMN amount TYPE numeric(10, 2); -- expect: changing-column-type
ALTER TABLE invoices ALTER COLUMN reference TYPE varchar(40); -- expect: changing-column-type -- expect: prefer-text-field
