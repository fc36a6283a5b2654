-- revision: c00017
-- down_revision: (none)
-- message: ban-create-domain-with-constraint safe.sql
-- transactional: true
-- +upgrade
CREATE DOMAIN percent AS numeric;
CREATE TABLE scores (id bigint PRIMARY KEY, score percent CHECK (score BETWEEN 0 AND 100));
-- +downgrade
DROP TABLE scores;
DROP DOMAIN percent;
