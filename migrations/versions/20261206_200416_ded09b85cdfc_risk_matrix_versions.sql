-- revision: ded09b85cdfc
-- down_revision: d526844157f3
-- message: risk matrix versions
-- transactional: false
-- +upgrade
-- add table risk_matrices
CREATE TABLE public.risk_matrices (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  version_number integer NOT NULL,
  name text NOT NULL,
  notes text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT risk_matrices_pkey PRIMARY KEY (id),
  CONSTRAINT risk_matrices_version_number_key UNIQUE (version_number),
  CONSTRAINT risk_matrices_version_number_check CHECK (version_number >= 1),
  CONSTRAINT risk_matrices_name_check CHECK (char_length(name) BETWEEN 1 AND 200),
  CONSTRAINT risk_matrices_notes_check CHECK (char_length(notes) BETWEEN 1 AND 4000),
  CONSTRAINT risk_matrices_version_check CHECK (version >= 1)
);
-- add table risk_matrix_cells
CREATE TABLE public.risk_matrix_cells (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  matrix_id bigint NOT NULL,
  likelihood smallint NOT NULL,
  impact smallint NOT NULL,
  level text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  created_by_id bigint,
  updated_by_id bigint,
  version integer DEFAULT 1 NOT NULL,
  CONSTRAINT risk_matrix_cells_pkey PRIMARY KEY (id),
  CONSTRAINT risk_matrix_cells_matrix_id_likelihood_impact_key UNIQUE (matrix_id, likelihood, impact),
  CONSTRAINT risk_matrix_cells_matrix_id_likelihood_impact_level_key UNIQUE (matrix_id, likelihood, impact, level),
  CONSTRAINT risk_matrix_cells_likelihood_check CHECK (likelihood BETWEEN 1 AND 5),
  CONSTRAINT risk_matrix_cells_impact_check CHECK (impact BETWEEN 1 AND 5),
  CONSTRAINT risk_matrix_cells_level_check CHECK (level IN ('very_low', 'low', 'medium', 'high', 'critical')),
  CONSTRAINT risk_matrix_cells_version_check CHECK (version >= 1)
);
-- seed version 1: the default matrix, the original register's 5x5 cell lookup (the first row of a
-- new table: id 1, which the new columns below default to)
INSERT INTO public.risk_matrices (version_number, name, notes)
VALUES (1, 'Default 5x5', 'The original register''s cell lookup: likelihood rows, impact columns');
INSERT INTO public.risk_matrix_cells (matrix_id, likelihood, impact, level)
SELECT 1, l, i, (ARRAY['very_low', 'low', 'low', 'medium', 'medium',
                       'low', 'low', 'medium', 'medium', 'high',
                       'low', 'medium', 'medium', 'high', 'high',
                       'medium', 'medium', 'high', 'high', 'critical',
                       'medium', 'high', 'high', 'critical', 'critical'])[(l - 1) * 5 + i]
FROM generate_series(1, 5) l, generate_series(1, 5) i;
-- add column risks.matrix_id, risk_assessments.matrix_id: every row so far was scored with version 1
-- (a constant default adds the column without rewriting the table or touching the immutable
-- assessments; dropped at once: new rows always name their version)
ALTER TABLE public.risks ADD COLUMN matrix_id bigint DEFAULT 1 NOT NULL;
ALTER TABLE public.risks ALTER COLUMN matrix_id DROP DEFAULT;
ALTER TABLE public.risk_assessments ADD COLUMN matrix_id bigint DEFAULT 1 NOT NULL;
ALTER TABLE public.risk_assessments ALTER COLUMN matrix_id DROP DEFAULT;
-- add foreign key risk_assessments.risk_assessments_inherent_cell_fkey
ALTER TABLE public.risk_assessments ADD CONSTRAINT risk_assessments_inherent_cell_fkey FOREIGN KEY (matrix_id, inherent_likelihood, inherent_impact, inherent_level) REFERENCES public.risk_matrix_cells(matrix_id, likelihood, impact, level) ON DELETE RESTRICT NOT VALID;
ALTER TABLE public.risk_assessments VALIDATE CONSTRAINT risk_assessments_inherent_cell_fkey;
-- add foreign key risk_assessments.risk_assessments_matrix_id_fkey
ALTER TABLE public.risk_assessments ADD CONSTRAINT risk_assessments_matrix_id_fkey FOREIGN KEY (matrix_id) REFERENCES public.risk_matrices(id) ON DELETE RESTRICT NOT VALID;
ALTER TABLE public.risk_assessments VALIDATE CONSTRAINT risk_assessments_matrix_id_fkey;
-- add foreign key risk_assessments.risk_assessments_residual_cell_fkey
ALTER TABLE public.risk_assessments ADD CONSTRAINT risk_assessments_residual_cell_fkey FOREIGN KEY (matrix_id, residual_likelihood, residual_impact, residual_level) REFERENCES public.risk_matrix_cells(matrix_id, likelihood, impact, level) ON DELETE RESTRICT NOT VALID;
ALTER TABLE public.risk_assessments VALIDATE CONSTRAINT risk_assessments_residual_cell_fkey;
-- add foreign key risk_assessments.risk_assessments_target_cell_fkey
ALTER TABLE public.risk_assessments ADD CONSTRAINT risk_assessments_target_cell_fkey FOREIGN KEY (matrix_id, target_likelihood, target_impact, target_level) REFERENCES public.risk_matrix_cells(matrix_id, likelihood, impact, level) ON DELETE RESTRICT NOT VALID;
ALTER TABLE public.risk_assessments VALIDATE CONSTRAINT risk_assessments_target_cell_fkey;
-- add foreign key risk_matrices.risk_matrices_created_by_id_fkey
ALTER TABLE public.risk_matrices ADD CONSTRAINT risk_matrices_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risk_matrices.risk_matrices_updated_by_id_fkey
ALTER TABLE public.risk_matrices ADD CONSTRAINT risk_matrices_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risk_matrix_cells.risk_matrix_cells_created_by_id_fkey
ALTER TABLE public.risk_matrix_cells ADD CONSTRAINT risk_matrix_cells_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risk_matrix_cells.risk_matrix_cells_matrix_id_fkey
ALTER TABLE public.risk_matrix_cells ADD CONSTRAINT risk_matrix_cells_matrix_id_fkey FOREIGN KEY (matrix_id) REFERENCES public.risk_matrices(id) ON DELETE RESTRICT;
-- add foreign key risk_matrix_cells.risk_matrix_cells_updated_by_id_fkey
ALTER TABLE public.risk_matrix_cells ADD CONSTRAINT risk_matrix_cells_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.users(id) ON DELETE RESTRICT;
-- add foreign key risks.risks_cell_fkey
ALTER TABLE public.risks ADD CONSTRAINT risks_cell_fkey FOREIGN KEY (matrix_id, likelihood, impact, level) REFERENCES public.risk_matrix_cells(matrix_id, likelihood, impact, level) ON DELETE RESTRICT NOT VALID;
ALTER TABLE public.risks VALIDATE CONSTRAINT risks_cell_fkey;
-- add foreign key risks.risks_matrix_id_fkey
ALTER TABLE public.risks ADD CONSTRAINT risks_matrix_id_fkey FOREIGN KEY (matrix_id) REFERENCES public.risk_matrices(id) ON DELETE RESTRICT NOT VALID;
ALTER TABLE public.risks VALIDATE CONSTRAINT risks_matrix_id_fkey;
-- add index ix_risk_assessments_inherent_cell on risk_assessments
CREATE INDEX CONCURRENTLY ix_risk_assessments_inherent_cell ON public.risk_assessments USING btree (matrix_id, inherent_likelihood, inherent_impact, inherent_level);
-- add index ix_risk_assessments_residual_cell on risk_assessments
CREATE INDEX CONCURRENTLY ix_risk_assessments_residual_cell ON public.risk_assessments USING btree (matrix_id, residual_likelihood, residual_impact, residual_level);
-- add index ix_risk_assessments_target_cell on risk_assessments
CREATE INDEX CONCURRENTLY ix_risk_assessments_target_cell ON public.risk_assessments USING btree (matrix_id, target_likelihood, target_impact, target_level);
-- add index ix_risk_matrices_created_by_id on risk_matrices
CREATE INDEX ix_risk_matrices_created_by_id ON public.risk_matrices USING btree (created_by_id);
-- add index ix_risk_matrices_updated_by_id on risk_matrices
CREATE INDEX ix_risk_matrices_updated_by_id ON public.risk_matrices USING btree (updated_by_id);
-- add index ix_risk_matrix_cells_created_by_id on risk_matrix_cells
CREATE INDEX ix_risk_matrix_cells_created_by_id ON public.risk_matrix_cells USING btree (created_by_id);
-- add index ix_risk_matrix_cells_updated_by_id on risk_matrix_cells
CREATE INDEX ix_risk_matrix_cells_updated_by_id ON public.risk_matrix_cells USING btree (updated_by_id);
-- add index ix_risks_cell on risks
CREATE INDEX CONCURRENTLY ix_risks_cell ON public.risks USING btree (matrix_id, likelihood, impact, level);
-- add trigger trg_risk_matrices_immutable on risk_matrices
CREATE TRIGGER trg_risk_matrices_immutable BEFORE UPDATE ON public.risk_matrices FOR EACH ROW EXECUTE FUNCTION public.qgp_audit_log_append_only();
-- add trigger trg_risk_matrices_updated_at on risk_matrices
CREATE TRIGGER trg_risk_matrices_updated_at BEFORE UPDATE ON public.risk_matrices FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- add trigger trg_risk_matrix_cells_immutable on risk_matrix_cells
CREATE TRIGGER trg_risk_matrix_cells_immutable BEFORE UPDATE ON public.risk_matrix_cells FOR EACH ROW EXECUTE FUNCTION public.qgp_audit_log_append_only();
-- add trigger trg_risk_matrix_cells_updated_at on risk_matrix_cells
CREATE TRIGGER trg_risk_matrix_cells_updated_at BEFORE UPDATE ON public.risk_matrix_cells FOR EACH ROW EXECUTE FUNCTION public.qgp_set_updated_at();
-- comment on column risk_assessments.matrix_id
COMMENT ON COLUMN public.risk_assessments.matrix_id IS 'The risk matrix version the levels were read from';
-- comment on column risk_assessments.inherent_level
COMMENT ON COLUMN public.risk_assessments.inherent_level IS 'The level of the cell in the matrix version matrix_id';
-- comment on column risk_assessments.residual_level
COMMENT ON COLUMN public.risk_assessments.residual_level IS 'The level of the cell in the matrix version matrix_id';
-- comment on column risk_assessments.target_level
COMMENT ON COLUMN public.risk_assessments.target_level IS 'The level of the cell in the matrix version matrix_id';
-- comments on risk_matrices
COMMENT ON TABLE public.risk_matrices IS 'Versions of the risk matrix: the newest is current; a version is never changed';
COMMENT ON COLUMN public.risk_matrices.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.risk_matrices.version IS 'Optimistic concurrency: an update must name the version it read';
-- comments on risk_matrix_cells
COMMENT ON TABLE public.risk_matrix_cells IS 'The level of each likelihood x impact cell of a version';
COMMENT ON COLUMN public.risk_matrix_cells.updated_at IS 'Kept by trigger qgp_set_updated_at()';
COMMENT ON COLUMN public.risk_matrix_cells.version IS 'Optimistic concurrency: an update must name the version it read';
-- comment on column risks.matrix_id
COMMENT ON COLUMN public.risks.matrix_id IS 'The risk matrix version the levels were read from';
-- comment on column risks.level
COMMENT ON COLUMN public.risks.level IS 'The level of the cell in the matrix version matrix_id';
-- the levels are now checked against the row's matrix version by the foreign keys above
-- drop check constraint risk_assessments.risk_assessments_inherent_level_grid_check
ALTER TABLE public.risk_assessments DROP CONSTRAINT risk_assessments_inherent_level_grid_check;
-- drop check constraint risk_assessments.risk_assessments_residual_level_grid_check
ALTER TABLE public.risk_assessments DROP CONSTRAINT risk_assessments_residual_level_grid_check;
-- drop check constraint risk_assessments.risk_assessments_target_level_grid_check
ALTER TABLE public.risk_assessments DROP CONSTRAINT risk_assessments_target_level_grid_check;
-- drop check constraint risks.risks_level_grid_check
ALTER TABLE public.risks DROP CONSTRAINT risks_level_grid_check;
-- +downgrade
-- drop foreign key risk_assessments.risk_assessments_inherent_cell_fkey
ALTER TABLE public.risk_assessments DROP CONSTRAINT risk_assessments_inherent_cell_fkey;
-- drop foreign key risk_assessments.risk_assessments_matrix_id_fkey
ALTER TABLE public.risk_assessments DROP CONSTRAINT risk_assessments_matrix_id_fkey;
-- drop foreign key risk_assessments.risk_assessments_residual_cell_fkey
ALTER TABLE public.risk_assessments DROP CONSTRAINT risk_assessments_residual_cell_fkey;
-- drop foreign key risk_assessments.risk_assessments_target_cell_fkey
ALTER TABLE public.risk_assessments DROP CONSTRAINT risk_assessments_target_cell_fkey;
-- drop foreign key risks.risks_cell_fkey
ALTER TABLE public.risks DROP CONSTRAINT risks_cell_fkey;
-- drop foreign key risks.risks_matrix_id_fkey
ALTER TABLE public.risks DROP CONSTRAINT risks_matrix_id_fkey;
-- drop foreign key risk_matrices.risk_matrices_created_by_id_fkey
ALTER TABLE public.risk_matrices DROP CONSTRAINT risk_matrices_created_by_id_fkey;
-- drop foreign key risk_matrices.risk_matrices_updated_by_id_fkey
ALTER TABLE public.risk_matrices DROP CONSTRAINT risk_matrices_updated_by_id_fkey;
-- drop foreign key risk_matrix_cells.risk_matrix_cells_created_by_id_fkey
ALTER TABLE public.risk_matrix_cells DROP CONSTRAINT risk_matrix_cells_created_by_id_fkey;
-- drop foreign key risk_matrix_cells.risk_matrix_cells_matrix_id_fkey
ALTER TABLE public.risk_matrix_cells DROP CONSTRAINT risk_matrix_cells_matrix_id_fkey;
-- drop foreign key risk_matrix_cells.risk_matrix_cells_updated_by_id_fkey
ALTER TABLE public.risk_matrix_cells DROP CONSTRAINT risk_matrix_cells_updated_by_id_fkey;
-- drop index ix_risk_assessments_inherent_cell on risk_assessments
DROP INDEX CONCURRENTLY public.ix_risk_assessments_inherent_cell;
-- drop index ix_risk_assessments_residual_cell on risk_assessments
DROP INDEX CONCURRENTLY public.ix_risk_assessments_residual_cell;
-- drop index ix_risk_assessments_target_cell on risk_assessments
DROP INDEX CONCURRENTLY public.ix_risk_assessments_target_cell;
-- drop index ix_risks_cell on risks
DROP INDEX CONCURRENTLY public.ix_risks_cell;
-- drop table risk_matrices
DROP TABLE public.risk_matrices;
-- drop table risk_matrix_cells
DROP TABLE public.risk_matrix_cells;
-- drop column risk_assessments.matrix_id
ALTER TABLE public.risk_assessments DROP COLUMN matrix_id;
-- drop column risks.matrix_id
ALTER TABLE public.risks DROP COLUMN matrix_id;
-- add check constraint risk_assessments.risk_assessments_inherent_level_grid_check
ALTER TABLE public.risk_assessments ADD CONSTRAINT risk_assessments_inherent_level_grid_check CHECK ((inherent_level = (ARRAY['very_low'::text, 'low'::text, 'low'::text, 'medium'::text, 'medium'::text, 'low'::text, 'low'::text, 'medium'::text, 'medium'::text, 'high'::text, 'low'::text, 'medium'::text, 'medium'::text, 'high'::text, 'high'::text, 'medium'::text, 'medium'::text, 'high'::text, 'high'::text, 'critical'::text, 'medium'::text, 'high'::text, 'high'::text, 'critical'::text, 'critical'::text])[(((inherent_likelihood - 1) * 5) + inherent_impact)])) NOT VALID;
ALTER TABLE public.risk_assessments VALIDATE CONSTRAINT risk_assessments_inherent_level_grid_check;
-- add check constraint risk_assessments.risk_assessments_residual_level_grid_check
ALTER TABLE public.risk_assessments ADD CONSTRAINT risk_assessments_residual_level_grid_check CHECK ((residual_level = (ARRAY['very_low'::text, 'low'::text, 'low'::text, 'medium'::text, 'medium'::text, 'low'::text, 'low'::text, 'medium'::text, 'medium'::text, 'high'::text, 'low'::text, 'medium'::text, 'medium'::text, 'high'::text, 'high'::text, 'medium'::text, 'medium'::text, 'high'::text, 'high'::text, 'critical'::text, 'medium'::text, 'high'::text, 'high'::text, 'critical'::text, 'critical'::text])[(((residual_likelihood - 1) * 5) + residual_impact)])) NOT VALID;
ALTER TABLE public.risk_assessments VALIDATE CONSTRAINT risk_assessments_residual_level_grid_check;
-- add check constraint risk_assessments.risk_assessments_target_level_grid_check
ALTER TABLE public.risk_assessments ADD CONSTRAINT risk_assessments_target_level_grid_check CHECK ((target_level = (ARRAY['very_low'::text, 'low'::text, 'low'::text, 'medium'::text, 'medium'::text, 'low'::text, 'low'::text, 'medium'::text, 'medium'::text, 'high'::text, 'low'::text, 'medium'::text, 'medium'::text, 'high'::text, 'high'::text, 'medium'::text, 'medium'::text, 'high'::text, 'high'::text, 'critical'::text, 'medium'::text, 'high'::text, 'high'::text, 'critical'::text, 'critical'::text])[(((target_likelihood - 1) * 5) + target_impact)])) NOT VALID;
ALTER TABLE public.risk_assessments VALIDATE CONSTRAINT risk_assessments_target_level_grid_check;
-- add check constraint risks.risks_level_grid_check
ALTER TABLE public.risks ADD CONSTRAINT risks_level_grid_check CHECK ((level = (ARRAY['very_low'::text, 'low'::text, 'low'::text, 'medium'::text, 'medium'::text, 'low'::text, 'low'::text, 'medium'::text, 'medium'::text, 'high'::text, 'low'::text, 'medium'::text, 'medium'::text, 'high'::text, 'high'::text, 'medium'::text, 'medium'::text, 'high'::text, 'high'::text, 'critical'::text, 'medium'::text, 'high'::text, 'high'::text, 'critical'::text, 'critical'::text])[(((likelihood - 1) * 5) + impact)])) NOT VALID;
ALTER TABLE public.risks VALIDATE CONSTRAINT risks_level_grid_check;
-- comment on column risk_assessments.inherent_level
COMMENT ON COLUMN public.risk_assessments.inherent_level IS 'From the 5x5 grid (original-system.md 3.2)';
-- comment on column risk_assessments.residual_level
COMMENT ON COLUMN public.risk_assessments.residual_level IS 'From the 5x5 grid (original-system.md 3.2)';
-- comment on column risk_assessments.target_level
COMMENT ON COLUMN public.risk_assessments.target_level IS 'From the 5x5 grid (original-system.md 3.2)';
-- comment on column risks.level
COMMENT ON COLUMN public.risks.level IS 'From the 5x5 grid (original-system.md 3.2)';
