-- revision: c00048
-- down_revision: (none)
-- message: adding-not-nullable-field safe_same_revision.sql
-- transactional: false
-- +upgrade
ALTER TABLE incidents ADD CONSTRAINT incidents_reported_by_nn CHECK (reported_by IS NOT NULL) NOT VALID;
ALTER TABLE incidents VALIDATE CONSTRAINT incidents_reported_by_nn;
ALTER TABLE incidents ALTER COLUMN reported_by SET NOT NULL;
ALTER TABLE incidents DROP CONSTRAINT incidents_reported_by_nn;
-- +downgrade
ALTER TABLE incidents ALTER COLUMN reported_by DROP NOT NULL;
