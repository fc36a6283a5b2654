-- revision: c00069
-- down_revision: (none)
-- message: ddl-on-a-table-the-revision-created bad_existing_table.sql
-- transactional: true
-- +upgrade
CREATE INDEX ix_staging_batch ON staging (batch); -- expect: require-concurrent-index-creation
ALTER TABLE staging ADD CONSTRAINT staging_batch_fk FOREIGN KEY (batch) REFERENCES batches (id); -- expect: adding-foreign-key-constraint
ALTER TABLE staging ALTER COLUMN label SET DEFAULT 'none';
ALTER TABLE staging ALTER COLUMN label SET NOT NULL; -- expect: adding-not-nullable-field
ALTER TABLE staging ADD COLUMN checked boolean NOT NULL; -- expect: adding-required-field
ALTER TABLE staging RENAME COLUMN label TO title; -- expect: renaming-column
ALTER TABLE staging RENAME TO staging_v2; -- expect: renaming-table
DROP TABLE staging_v2; -- expect: ban-drop-table
-- +downgrade
SELECT 1;
