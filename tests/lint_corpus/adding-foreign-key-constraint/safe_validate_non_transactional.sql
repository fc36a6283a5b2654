-- revision: c00093
-- down_revision: (none)
-- message: adding-foreign-key-constraint safe_validate_non_transactional.sql
-- transactional: false
-- +upgrade
ALTER TABLE findings ADD CONSTRAINT findings_run_fk FOREIGN KEY (run_id) REFERENCES audit_runs (id) NOT VALID;
ALTER TABLE findings VALIDATE CONSTRAINT findings_run_fk;
-- +downgrade
ALTER TABLE findings DROP CONSTRAINT findings_run_fk;
