#include <string>
#include <utility>

#include <fmt/format.h>

#include "kit/enums.hpp"
#include "model/risks/risk.hpp"
#include "schema/builder.hpp"
#include "schema/tables.hpp"

namespace qgp::schema::tables {

using build::kOptional;
using build::kRequired;
using build::TableBuilder;

namespace {

namespace m = model::risks;

// The wire names of a declared enumeration (model/risks/risk.hpp), as the CHECK lists them.
template <class E>
std::vector<std::string> names() {
  const auto& wire = kit::kWireNames<E>;
  return {wire.begin(), wire.end()};
}

// likelihood/impact/score/level columns for one rating (prefix "" for the risk's current rating,
// "inherent_", "residual_", "target_" in assessments), with range and consistency checks.
void rating(TableBuilder& t, const std::string& prefix, build::Null null,
            std::optional<int> default_value) {
  const auto likelihood = prefix + "likelihood";
  const auto impact = prefix + "impact";
  const auto score = prefix + "score";
  const auto level = prefix + "level";
  std::optional<std::string> default_factor;
  std::optional<std::string> default_score;
  std::optional<std::string> default_level;
  if (default_value) {
    default_factor = std::to_string(*default_value);
    default_score = std::to_string(*default_value * *default_value);
  }
  t.column(likelihood, "smallint", null, default_factor, "1 rare .. 5 almost certain");
  t.check(likelihood, fmt::format("{} BETWEEN 1 AND 5", likelihood));
  t.column(impact, "smallint", null, default_factor, "1 insignificant .. 5 catastrophic");
  t.check(impact, fmt::format("{} BETWEEN 1 AND 5", impact));
  t.column(score, "smallint", null, default_score, "likelihood x impact");
  t.check(score, fmt::format("{} = {} * {}", score, likelihood, impact));
  t.enumeration(level, names<m::RiskLevel>(), null,
                default_value ? std::optional<std::string>("medium") : std::nullopt,
                "The level of the cell in the matrix version matrix_id");
  // The level is the cell's in the matrix version the row was scored with (a NULL rating is not
  // checked: MATCH SIMPLE).
  t.foreign_key(prefix + "cell", {"matrix_id", likelihood, impact, level}, "risk_matrix_cells",
                {"matrix_id", "likelihood", "impact", "level"}, FkAction::kRestrict);
  t.index(prefix + "cell", {"matrix_id", likelihood, impact, level});
}

// The matrix version a row was scored with.
void matrix_version(TableBuilder& t) {
  t.reference("matrix_id", "risk_matrices", FkAction::kRestrict, kRequired,
              "The risk matrix version the levels were read from");
}

Table risk_matrices() {
  TableBuilder t("risk_matrices",
                 "Versions of the risk matrix: the newest is current; a version is never changed");
  t.id();
  t.column("version_number", "integer", kRequired);
  t.check("version_number", "version_number >= 1");
  t.unique({"version_number"});
  t.text("name", kRequired, 200);
  t.text("notes", kOptional, 4000);
  t.standard_columns();
  t.trigger("immutable", "BEFORE", "UPDATE", "ROW", "qgp_audit_log_append_only");
  return std::move(t).build();
}

Table risk_matrix_cells() {
  TableBuilder t("risk_matrix_cells", "The level of each likelihood x impact cell of a version");
  t.id();
  t.reference("matrix_id", "risk_matrices", FkAction::kRestrict, kRequired);
  t.column("likelihood", "smallint", kRequired);
  t.check("likelihood", "likelihood BETWEEN 1 AND 5");
  t.column("impact", "smallint", kRequired);
  t.check("impact", "impact BETWEEN 1 AND 5");
  t.enumeration("level", names<m::RiskLevel>(), kRequired);
  t.unique({"matrix_id", "likelihood", "impact"});
  // What the ratings' foreign keys point at.
  t.unique({"matrix_id", "likelihood", "impact", "level"});
  t.standard_columns();
  t.trigger("immutable", "BEFORE", "UPDATE", "ROW", "qgp_audit_log_append_only");
  return std::move(t).build();
}

Table risks_table() {
  TableBuilder t("risks", "The risk register: 5x5 likelihood x impact, treatment and review");
  t.id();
  t.reference_number("RSK");
  t.text("title", kRequired, 300);
  t.text("description", kRequired, 10000);
  t.enumeration("category", names<m::RiskCategory>(), kRequired, "operational");
  t.text("subcategory", kOptional, 100);
  t.text("risk_source", kOptional, 500);
  t.text("risk_event", kOptional, 500);
  t.text("risk_consequence", kOptional, 500);
  matrix_version(t);
  rating(t, "", kRequired, 3);
  // The latest assessment's inherent rating (the creation rating before any): what the inherent
  // heat map counts.
  t.column("inherent_likelihood", "smallint", kRequired, "3", "1 rare .. 5 almost certain");
  t.check("inherent_likelihood", "inherent_likelihood BETWEEN 1 AND 5");
  t.column("inherent_impact", "smallint", kRequired, "3", "1 insignificant .. 5 catastrophic");
  t.check("inherent_impact", "inherent_impact BETWEEN 1 AND 5");
  t.user_ref("owner_id", kOptional);
  t.text("department", kOptional, 100);
  t.column("review_frequency_months", "smallint", kRequired, "12");
  t.check("review_frequency_months", "review_frequency_months BETWEEN 1 AND 60");
  t.date("next_review_date", kOptional);
  t.timestamptz("last_reviewed_at", kOptional);
  t.enumeration("treatment_strategy", names<m::TreatmentStrategy>(), kRequired, "mitigate");
  t.text("treatment_plan", kOptional);
  t.date("treatment_due_date", kOptional);
  t.text("acceptance_justification", kOptional, 4000,
         "Why a risk above appetite is accepted (ISO 27001 6.1.3 f)");
  t.user_ref("accepted_by_id", kOptional);
  t.timestamptz("accepted_at", kOptional);
  t.date("acceptance_expires_on", kOptional);
  t.check("acceptance",
          "accepted_at IS NULL OR (accepted_by_id IS NOT NULL AND acceptance_justification IS NOT "
          "NULL)");
  t.enumeration("status", names<m::RiskStatus>(), kRequired, "identified");
  t.closable();
  t.archivable();
  t.standard_columns();
  t.index("status", {"status"});
  t.index("level", {"level"});
  t.index("category", {"category"});
  t.index("created_at", {"created_at"});
  t.index("next_review_date", {"next_review_date"}, "archived_at IS NULL AND status <> 'closed'");
  t.index("score", {"score"}, "archived_at IS NULL");
  // The heat maps: an index-only scan of the open register in cell order, the filters included.
  t.index("matrix_residual", {"likelihood", "impact", "department", "category", "owner_id"},
          "archived_at IS NULL AND status <> 'closed'");
  t.index("matrix_inherent",
          {"inherent_likelihood", "inherent_impact", "department", "category", "owner_id"},
          "archived_at IS NULL AND status <> 'closed'");
  return std::move(t).build();
}

Table risk_controls() {
  TableBuilder t("risk_controls", "Controls (treatments) applied to a risk");
  t.id();
  t.reference("risk_id", "risks", FkAction::kCascade, kRequired);
  t.text("title", kRequired, 300);
  t.text("description", kOptional);
  t.enumeration("control_type", {"preventive", "detective", "corrective", "directive"}, kRequired,
                "preventive");
  t.enumeration("implementation_status",
                {"planned", "in_progress", "implemented", "not_implemented", "not_applicable"},
                kRequired, "planned");
  t.enumeration("effectiveness", {"effective", "partially_effective", "ineffective", "not_tested"},
                kRequired, "not_tested");
  t.user_ref("owner_id", kOptional);
  t.date("last_tested_date", kOptional);
  t.date("next_test_date", kOptional);
  t.column("test_frequency_months", "smallint", kOptional);
  t.check("test_frequency_months", "test_frequency_months BETWEEN 1 AND 60");
  t.archivable();
  t.standard_columns();
  return std::move(t).build();
}

Table risk_assessments() {
  TableBuilder t("risk_assessments",
                 "Point-in-time risk assessments: inherent, residual and optional target ratings");
  t.id();
  t.reference("risk_id", "risks", FkAction::kCascade, kRequired);
  t.timestamptz("assessed_at", kRequired, "now()");
  t.enumeration("assessment_type", names<m::AssessmentType>(), kRequired, "periodic");
  matrix_version(t);
  rating(t, "inherent_", kRequired, std::nullopt);
  rating(t, "residual_", kRequired, std::nullopt);
  rating(t, "target_", kOptional, std::nullopt);
  t.check("target_complete",
          "num_nonnulls(target_likelihood, target_impact, target_score, target_level) IN (0, 4)");
  t.text("assessment_notes", kOptional);
  t.text("control_effectiveness_notes", kOptional);
  t.user_ref("assessed_by_id", kRequired);
  t.standard_columns();
  t.index("risk_id_assessed_at", {"risk_id", "assessed_at"});
  // Point-in-time evidence: an assessment is never rewritten (a new one is recorded instead). The
  // audit trail's guard raises "<table> is append-only: UPDATE is not allowed".
  t.trigger("immutable", "BEFORE", "UPDATE", "ROW", "qgp_audit_log_append_only");
  return std::move(t).build();
}

}  // namespace

std::vector<Table> risks() {
  return {
      risk_matrices(),
      risk_matrix_cells(),
      risks_table(),
      risk_controls(),
      risk_assessments(),
      build::link_table("risk_clauses", "Clauses a risk relates to", "risk_id", "risks",
                        FkAction::kCascade, "clause_id", "clauses", FkAction::kCascade),
      build::link_table("risk_standard_controls",
                        "Standard controls (e.g. Annex A) treating a risk", "risk_id", "risks",
                        FkAction::kCascade, "control_id", "controls", FkAction::kCascade),
  };
}

}  // namespace qgp::schema::tables
