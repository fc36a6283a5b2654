-- revision: d526844157f3
-- down_revision: a315c0bfaf47
-- message: risks store their inherent rating for the heat map
-- transactional: false
-- +upgrade
-- add column risks.inherent_likelihood smallint
ALTER TABLE public.risks ADD COLUMN inherent_likelihood smallint DEFAULT 3 NOT NULL;
-- add column risks.inherent_impact smallint
ALTER TABLE public.risks ADD COLUMN inherent_impact smallint DEFAULT 3 NOT NULL;
-- backfill: the latest assessment's inherent rating, or the current one of a risk never assessed
-- (its current rating is still the one given at creation). Touches updated_at (its trigger), not
-- version: the facts a client read have not changed.
UPDATE public.risks r
SET inherent_likelihood = coalesce(la.inherent_likelihood, r.likelihood),
    inherent_impact = coalesce(la.inherent_impact, r.impact)
FROM public.risks r2
LEFT JOIN LATERAL (SELECT a.inherent_likelihood, a.inherent_impact FROM public.risk_assessments a
                   WHERE a.risk_id = r2.id ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) la ON true
WHERE r2.id = r.id;
-- add check constraint risks.risks_inherent_impact_check
ALTER TABLE public.risks ADD CONSTRAINT risks_inherent_impact_check CHECK (inherent_impact BETWEEN 1 AND 5) NOT VALID;
ALTER TABLE public.risks VALIDATE CONSTRAINT risks_inherent_impact_check;
-- add check constraint risks.risks_inherent_likelihood_check
ALTER TABLE public.risks ADD CONSTRAINT risks_inherent_likelihood_check CHECK (inherent_likelihood BETWEEN 1 AND 5) NOT VALID;
ALTER TABLE public.risks VALIDATE CONSTRAINT risks_inherent_likelihood_check;
-- add index ix_risks_matrix_inherent on risks
CREATE INDEX CONCURRENTLY ix_risks_matrix_inherent ON public.risks USING btree (inherent_likelihood, inherent_impact, department, category, owner_id) WHERE (archived_at IS NULL AND status <> 'closed');
-- add index ix_risks_matrix_residual on risks
CREATE INDEX CONCURRENTLY ix_risks_matrix_residual ON public.risks USING btree (likelihood, impact, department, category, owner_id) WHERE (archived_at IS NULL AND status <> 'closed');
-- comment on column risks.inherent_likelihood
COMMENT ON COLUMN public.risks.inherent_likelihood IS '1 rare .. 5 almost certain';
-- comment on column risks.inherent_impact
COMMENT ON COLUMN public.risks.inherent_impact IS '1 insignificant .. 5 catastrophic';
-- +downgrade
-- drop index ix_risks_matrix_inherent on risks
DROP INDEX CONCURRENTLY public.ix_risks_matrix_inherent;
-- drop index ix_risks_matrix_residual on risks
DROP INDEX CONCURRENTLY public.ix_risks_matrix_residual;
-- drop check constraint risks.risks_inherent_impact_check
ALTER TABLE public.risks DROP CONSTRAINT risks_inherent_impact_check;
-- drop check constraint risks.risks_inherent_likelihood_check
ALTER TABLE public.risks DROP CONSTRAINT risks_inherent_likelihood_check;
-- drop column risks.inherent_likelihood
ALTER TABLE public.risks DROP COLUMN inherent_likelihood;
-- drop column risks.inherent_impact
ALTER TABLE public.risks DROP COLUMN inherent_impact;
