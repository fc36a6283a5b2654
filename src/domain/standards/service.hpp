#pragma once

// Use cases of the standards library: the module's own rules over the generic ones of
// domain/common (ADR-0010). Writes run in the caller's unit of work (db::Transaction, opened by
// api/kit or the CLI) and write one audit row per changed record; reads take a connection and
// throw core::NotFound for a missing record. Archived records stay readable (they are evidence) but
// are frozen (core::Conflict) until restored.

#include <cstdint>
#include <vector>

#include "core/actor.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "kit/list.hpp"
#include "kit/patch.hpp"
#include "model/standards/clause.hpp"
#include "model/standards/control.hpp"
#include "model/standards/soa.hpp"
#include "model/standards/standard.hpp"
#include "model/standards/tree.hpp"

namespace qgp::domain::standards {

using model::standards::Clause;
using model::standards::ClauseMapping;
using model::standards::Control;
using model::standards::MappedClause;
using model::standards::SoaAssessment;
using model::standards::SoaEntry;
using model::standards::SoaLine;
using model::standards::Standard;
using model::standards::StandardDetail;
using model::standards::StandardTree;

// --- standards --------------------------------------------------------------------------------
// A new code is unique (Conflict).
Standard create_standard(db::Transaction& tx, const core::Actor& actor, const Standard& standard);
Standard update_standard(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                         const kit::Patch<Standard>& patch);
void archive_standard(db::Transaction& tx, const core::Actor& actor, std::int64_t id);
Standard restore_standard(db::Transaction& tx, const core::Actor& actor, std::int64_t id);
// The standard with its clause tree, and with each clause's controls.
StandardDetail get_detail(db::Connection& connection, std::int64_t id, bool include_archived);
StandardTree get_tree(db::Connection& connection, std::int64_t id, bool include_archived);

// --- clauses ----------------------------------------------------------------------------------
kit::Page<Clause> list_clauses(db::Connection& connection, std::int64_t standard_id,
                               kit::ListQuery query);
// Under a live parent of the same live standard, at most kMaxClauseLevel deep, its number unique
// in the standard.
Clause create_clause(db::Transaction& tx, const core::Actor& actor, std::int64_t standard_id,
                     Clause clause);
// A new parent: same standard, not below the clause itself; the moved subtree is re-levelled with
// one audit row per sub-clause.
Clause update_clause(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                     const kit::Patch<Clause>& patch);
// Refused (Conflict) while live sub-clauses or controls hang under the clause.
void archive_clause(db::Transaction& tx, const core::Actor& actor, std::int64_t id);
// Refused (Conflict) under an archived standard or parent clause.
Clause restore_clause(db::Transaction& tx, const core::Actor& actor, std::int64_t id);

// --- clause mappings --------------------------------------------------------------------------
kit::Page<MappedClause> list_mapped_clauses(db::Connection& connection, std::int64_t clause_id,
                                            const kit::ListQuery& query);
// The clauses in either order: two live clauses of different standards, mapped once.
ClauseMapping create_mapping(db::Transaction& tx, const core::Actor& actor, ClauseMapping mapping);
void delete_mapping(db::Transaction& tx, const core::Actor& actor, std::int64_t id);

// --- controls ---------------------------------------------------------------------------------
kit::Page<Control> list_controls(db::Connection& connection, std::int64_t standard_id,
                                 kit::ListQuery query);
// Under a live clause of the same live standard (if any), its number unique in the standard.
Control create_control(db::Transaction& tx, const core::Actor& actor, std::int64_t standard_id,
                       Control control);
Control update_control(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                       const kit::Patch<Control>& patch);
void archive_control(db::Transaction& tx, const core::Actor& actor, std::int64_t id);
// Refused (Conflict) under an archived standard or clause.
Control restore_control(db::Transaction& tx, const core::Actor& actor, std::int64_t id);

// --- Statement of Applicability ---------------------------------------------------------------
kit::Page<SoaLine> list_soa(db::Connection& connection, std::int64_t standard_id,
                            kit::ListQuery query);
// Every line of the standard's SoA (the CSV export).
std::vector<SoaLine> soa_lines(db::Connection& connection, std::int64_t standard_id);

struct Assessed {
  SoaEntry entry;
  bool created = false;
};
// Records the control's entry: the first assessment creates it, later ones replace the decision
// (a `version` that is not the entry's is a Conflict; an unchanged decision writes nothing).
// Concurrent assessments of one control take turns on the control's row lock, so exactly one of
// several first ones creates the entry and the others update it.
Assessed assess_control(db::Transaction& tx, const core::Actor& actor, std::int64_t control_id,
                        const SoaAssessment& assessment);

}  // namespace qgp::domain::standards
