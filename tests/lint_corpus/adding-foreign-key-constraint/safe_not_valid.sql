-- revision: c00062
-- down_revision: (none)
-- message: adding-foreign-key-constraint safe_not_valid.sql
-- transactional: true
-- +upgrade
ALTER TABLE findings ADD CONSTRAINT findings_run_fk FOREIGN KEY (run_id) REFERENCES audit_runs (id) NOT VALID;
-- +downgrade
ALTER TABLE findings DROP CONSTRAINT findings_run_fk;
