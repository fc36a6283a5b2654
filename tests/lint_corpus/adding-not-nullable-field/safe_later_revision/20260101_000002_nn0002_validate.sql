-- revision: nn0002
-- down_revision: nn0001
-- message: adding-not-nullable-field safe_later_revision 20260101_000002_nn0002_validate.sql
-- transactional: true
-- +upgrade
ALTER TABLE incidents VALIDATE CONSTRAINT incidents_reported_by_nn;
-- +downgrade
SELECT 1;
