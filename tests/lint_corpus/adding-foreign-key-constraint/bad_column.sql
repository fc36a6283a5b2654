-- revision: c00061
-- down_revision: (none)
-- message: adding-foreign-key-constraint bad_column.sql
-- transactional: true
-- +upgrade
ALTER TABLE findings ADD COLUMN owner_id bigint REFERENCES users (id); -- expect: adding-foreign-key-constraint
-- +downgrade
ALTER TABLE findings DROP COLUMN owner_id;
