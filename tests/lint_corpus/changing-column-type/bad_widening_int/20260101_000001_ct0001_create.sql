-- revision: ct0001
-- down_revision: (none)
-- message: changing-column-type bad_widening_int 20260101_000001_ct0001_create.sql
-- transactional: true
-- +upgrade
CREATE TABLE invoices (id bigint PRIMARY KEY, amount integer NOT NULL);
-- +downgrade
DROP TABLE invoices;
