-- revision: c00068
-- down_revision: (none)
-- message: ddl-on-a-table-the-revision-created safe.sql
-- transactional: true
-- +upgrade
CREATE TABLE staging (id bigint PRIMARY KEY, batch bigint, label text);
CREATE INDEX ix_staging_batch ON staging (batch);
ALTER TABLE staging ADD CONSTRAINT staging_batch_fk FOREIGN KEY (batch) REFERENCES batches (id);
ALTER TABLE staging ALTER COLUMN label SET DEFAULT 'none';
ALTER TABLE staging ALTER COLUMN label SET NOT NULL;
ALTER TABLE staging ADD COLUMN checked boolean NOT NULL;
ALTER TABLE staging RENAME COLUMN label TO title;
ALTER TABLE staging RENAME TO staging_v2;
DROP TABLE staging_v2;
-- +downgrade
SELECT 1;
