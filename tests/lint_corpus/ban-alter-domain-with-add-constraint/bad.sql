-- revision: c00018
-- down_revision: (none)
-- message: ban-alter-domain-with-add-constraint bad.sql
-- transactional: true
-- +upgrade
ALTER DOMAIN percent ADD CONSTRAINT percent_range CHECK (VALUE BETWEEN 0 AND 100); -- expect: ban-alter-domain-with-add-constraint
-- +downgrade
ALTER DOMAIN percent DROP CONSTRAINT percent_range;
