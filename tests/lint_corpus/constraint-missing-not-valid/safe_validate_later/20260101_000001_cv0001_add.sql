-- revision: cv0001
-- down_revision: (none)
-- message: constraint-missing-not-valid safe_validate_later 20260101_000001_cv0001_add.sql
-- transactional: true
-- +upgrade
ALTER TABLE findings ADD CONSTRAINT findings_grade_check CHECK (grade IN ('minor', 'major')) NOT VALID;
ALTER TABLE findings ADD CONSTRAINT findings_run_fk FOREIGN KEY (run_id) REFERENCES audit_runs (id) NOT VALID;
-- +downgrade
ALTER TABLE findings DROP CONSTRAINT findings_run_fk;
ALTER TABLE findings DROP CONSTRAINT findings_grade_check;
