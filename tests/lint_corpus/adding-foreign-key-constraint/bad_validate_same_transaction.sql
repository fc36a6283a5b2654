-- revision: c00092
-- down_revision: (none)
-- message: adding-foreign-key-constraint bad_validate_same_transaction.sql
-- transactional: true
-- +upgrade
ALTER TABLE findings ADD CONSTRAINT findings_run_fk FOREIGN KEY (run_id) REFERENCES audit_runs (id) NOT VALID;
ALTER TABLE findings VALIDATE CONSTRAINT findings_run_fk; -- expect: adding-foreign-key-constraint
-- +downgrade
ALTER TABLE findings DROP CONSTRAINT findings_run_fk;
