-- revision: c00008
-- down_revision: (none)
-- message: prefer-bigint-over-int bad_table_key.sql
-- transactional: true
-- +upgrade
CREATE TABLE tags ( -- expect: prefer-bigint-over-int
  id int NOT NULL,
  label text NOT NULL,
  PRIMARY KEY (id)
);
-- +downgrade
DROP TABLE tags;
