#include <utility>

#include <fmt/format.h>

#include "model/standards/clause.hpp"
#include "model/standards/control.hpp"
#include "model/standards/soa.hpp"
#include "model/standards/standard.hpp"
#include "schema/builder.hpp"
#include "schema/resource_columns.hpp"
#include "schema/tables.hpp"

// The standards library's tables. Their columns come from the declarations (model/standards,
// ADR-0010) except the free-text ones the API bounds and the database does not (kLongText); the
// tree's own constraints (levels, parents in the same standard) are written here.

namespace qgp::schema::tables {

using build::kOptional;
using build::TableBuilder;
namespace m = model::standards;

namespace {

Table standards_table() {
  TableBuilder t("standards",
                 "Management-system standards, e.g. ISO 9001:2015, ISO/IEC 27001:2022");
  t.id();
  t.text("description", kOptional);
  t.archivable();
  build::columns_of<m::Standard>(t);
  t.standard_columns();
  t.unique({"code"});
  return std::move(t).build();
}

Table clauses() {
  TableBuilder t("clauses", "The clause tree of a standard (harmonized structure 4-10 and below)");
  t.id();
  t.text("description", kOptional);
  t.archivable();
  build::columns_of<m::Clause>(t);
  t.check("level", fmt::format("level BETWEEN 1 AND {}", m::kMaxClauseLevel));
  t.check("parent", "parent_clause_id <> id");
  t.standard_columns();
  t.unique({"standard_id", "clause_number"});
  // Target of the composite FKs that keep a parent clause (and a control's clause) in the same
  // standard.
  t.unique({"standard_id", "id"});
  t.foreign_key("parent", {"standard_id", "parent_clause_id"}, "clauses", {"standard_id", "id"},
                FkAction::kCascade);
  return std::move(t).build();
}

Table controls() {
  TableBuilder t("controls",
                 "Controls of a standard, e.g. the 93 Annex A controls of ISO/IEC 27001:2022");
  t.id();
  t.text("description", kOptional);
  t.text("guidance", kOptional);
  t.archivable();
  build::columns_of<m::Control>(t);
  t.standard_columns();
  t.unique({"standard_id", "control_number"});
  t.foreign_key("clause", {"standard_id", "clause_id"}, "clauses", {"standard_id", "id"},
                FkAction::kCascade);
  t.index("clause_id", {"clause_id"});
  return std::move(t).build();
}

Table clause_mappings() {
  TableBuilder t("clause_mappings",
                 "Cross-mappings between equivalent clauses of different standards (IMS view)");
  t.id();
  build::columns_of<m::ClauseMapping>(t);
  t.check("ordered_pair", "clause_a_id < clause_b_id");
  t.standard_columns();
  t.unique({"clause_a_id", "clause_b_id"});
  return std::move(t).build();
}

Table soa_entries() {
  TableBuilder t("soa_entries",
                 "Statement of Applicability: applicability and implementation per control");
  t.id();
  t.text("notes", kOptional);
  build::columns_of<m::SoaEntry>(t);
  t.check("exclusion_justified", "is_applicable OR justification IS NOT NULL");
  t.check("applicability_status",
          "(implementation_status = 'not_applicable') = (NOT is_applicable)");
  t.standard_columns();
  t.unique({"control_id"});
  t.index("implementation_status", {"implementation_status"});
  return std::move(t).build();
}

}  // namespace

std::vector<Table> standards() {
  return {standards_table(), clauses(), controls(), clause_mappings(), soa_entries()};
}

}  // namespace qgp::schema::tables
