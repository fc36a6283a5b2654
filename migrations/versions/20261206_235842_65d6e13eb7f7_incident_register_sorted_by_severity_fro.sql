-- revision: 65d6e13eb7f7
-- down_revision: 7e580cd7ac84
-- message: incident register sorted by severity from an index
-- transactional: false
-- +upgrade
-- add index ix_incidents_severity_rank on incidents
CREATE INDEX CONCURRENTLY ix_incidents_severity_rank ON public.incidents USING btree (array_position(ARRAY['critical', 'high', 'medium', 'low', 'negligible'], severity), id) WHERE (archived_at IS NULL);
-- add index ix_incidents_severity_rank_desc on incidents
CREATE INDEX CONCURRENTLY ix_incidents_severity_rank_desc ON public.incidents USING btree (array_position(ARRAY['critical', 'high', 'medium', 'low', 'negligible'], severity) DESC NULLS LAST, id) WHERE (archived_at IS NULL);
-- +downgrade
-- drop index ix_incidents_severity_rank on incidents
DROP INDEX CONCURRENTLY public.ix_incidents_severity_rank;
-- drop index ix_incidents_severity_rank_desc on incidents
DROP INDEX CONCURRENTLY public.ix_incidents_severity_rank_desc;
