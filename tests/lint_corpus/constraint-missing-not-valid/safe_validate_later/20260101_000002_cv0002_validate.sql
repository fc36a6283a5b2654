-- revision: cv0002
-- down_revision: cv0001
-- message: constraint-missing-not-valid safe_validate_later 20260101_000002_cv0002_validate.sql
-- transactional: true
-- +upgrade
ALTER TABLE findings VALIDATE CONSTRAINT findings_grade_check;
ALTER TABLE findings VALIDATE CONSTRAINT findings_run_fk;
-- +downgrade
SELECT 1;
