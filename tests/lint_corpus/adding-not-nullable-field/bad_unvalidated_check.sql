-- revision: c00047
-- down_revision: (none)
-- message: adding-not-nullable-field bad_unvalidated_check.sql
-- transactional: true
-- +upgrade
ALTER TABLE incidents ADD CONSTRAINT incidents_reported_by_nn CHECK (reported_by IS NOT NULL) NOT VALID;
ALTER TABLE incidents ALTER COLUMN reported_by SET NOT NULL; -- expect: adding-not-nullable-field
-- +downgrade
ALTER TABLE incidents ALTER COLUMN reported_by DROP NOT NULL;
ALTER TABLE incidents DROP CONSTRAINT incidents_reported_by_nn;
