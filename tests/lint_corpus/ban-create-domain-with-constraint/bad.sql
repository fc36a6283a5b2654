-- revision: c00016
-- down_revision: (none)
-- message: ban-create-domain-with-constraint bad.sql
-- transactional: true
-- +upgrade
CREATE DOMAIN percent AS numeric CHECK (VALUE BETWEEN 0 AND 100); -- expect: ban-create-domain-with-constraint
-- +downgrade
DROP DOMAIN percent;
