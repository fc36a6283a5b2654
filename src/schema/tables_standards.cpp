#include <utility>

#include "schema/builder.hpp"
#include "schema/tables.hpp"

namespace qgp::schema::tables {

using build::kOptional;
using build::kRequired;
using build::TableBuilder;

namespace {

Table standards_table() {
  TableBuilder t("standards",
                 "Management-system standards, e.g. ISO 9001:2015, ISO/IEC 27001:2022");
  t.id();
  t.text("code", kRequired, 0, "Short unique code, e.g. ISO9001");
  t.check("code", "code ~ '^[A-Za-z0-9][A-Za-z0-9._:-]*$' AND char_length(code) <= 30");
  t.text("name", kRequired, 200);
  t.text("full_name", kRequired, 500);
  t.text("edition", kRequired, 20, "Edition year or label, e.g. 2015");
  t.text("description", kOptional);
  t.date("effective_date", kOptional);
  t.boolean("is_active", true);
  t.archivable();
  t.standard_columns();
  t.unique({"code"});
  return std::move(t).build();
}

Table clauses() {
  TableBuilder t("clauses", "The clause tree of a standard (harmonized structure 4-10 and below)");
  t.id();
  t.reference("standard_id", "standards", FkAction::kCascade, kRequired);
  t.column("parent_clause_id", "bigint", kOptional, std::nullopt,
           "Parent clause in the same standard; NULL for top-level clauses");
  t.text("clause_number", kRequired, 0, "Dotted number, e.g. 7.5.1");
  t.check(
      "clause_number",
      "clause_number ~ '^[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*$' AND char_length(clause_number) <= 20");
  t.text("title", kRequired, 300);
  t.text("description", kOptional);
  t.column("level", "smallint", kRequired, "1", "Depth in the tree; 1 for top-level clauses");
  t.check("level", "level BETWEEN 1 AND 10");
  t.column("sort_order", "integer", kRequired, "0");
  t.boolean("is_active", true);
  t.check("parent", "parent_clause_id <> id");
  t.archivable();
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
  t.reference("standard_id", "standards", FkAction::kCascade, kRequired);
  t.column("clause_id", "bigint", kOptional, std::nullopt,
           "Clause of the same standard the control hangs under, if any");
  t.text("control_number", kRequired, 0, "e.g. A.5.1");
  t.check(
      "control_number",
      "control_number ~ '^[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*$' AND char_length(control_number) <= 20");
  t.text("title", kRequired, 300);
  t.text("description", kOptional);
  t.text("guidance", kOptional);
  t.enumeration("theme", {"organizational", "people", "physical", "technological"}, kOptional,
                std::nullopt, "ISO/IEC 27001:2022 Annex A theme");
  t.boolean("is_active", true);
  t.archivable();
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
  t.reference("clause_a_id", "clauses", FkAction::kCascade, kRequired,
              "The lower clause id of the pair");
  t.reference("clause_b_id", "clauses", FkAction::kCascade, kRequired,
              "The higher clause id of the pair");
  t.check("ordered_pair", "clause_a_id < clause_b_id");
  t.enumeration("mapping_type", {"equivalent", "partial", "related"}, kRequired, "equivalent");
  t.text("notes", kOptional, 2000);
  t.standard_columns();
  t.unique({"clause_a_id", "clause_b_id"});
  return std::move(t).build();
}

Table soa_entries() {
  TableBuilder t("soa_entries",
                 "Statement of Applicability: applicability and implementation per control");
  t.id();
  t.reference("control_id", "controls", FkAction::kCascade, kRequired);
  t.boolean("is_applicable", true);
  t.text("justification", kOptional, 4000, "Why the control is included or excluded");
  t.check("exclusion_justified", "is_applicable OR justification IS NOT NULL");
  t.enumeration(
      "implementation_status",
      {"not_implemented", "planned", "partially_implemented", "implemented", "not_applicable"},
      kRequired, "not_implemented");
  t.check("applicability_status",
          "(implementation_status = 'not_applicable') = (NOT is_applicable)");
  t.user_ref("owner_id", kOptional);
  t.timestamptz("reviewed_at", kOptional);
  t.user_ref("reviewed_by_id", kOptional);
  t.text("notes", kOptional);
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
