#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "model/audits/finding.hpp"
#include "model/audits/run.hpp"
#include "model/audits/template.hpp"
#include "schema/builder.hpp"
#include "schema/resource_columns.hpp"
#include "schema/tables.hpp"

namespace qgp::schema::tables {

using build::kOptional;
using build::kRequired;
using build::TableBuilder;

namespace {

// The template tables read the template model (model/audits/template.hpp): columns, limits,
// enumerations and defaults from its declarations; checks across columns stay here.

// `<name> BETWEEN low AND high` of a decimal field's declared range.
template <kit::Described R>
std::string between(std::string_view name) {
  std::string check;
  kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    if (f.name == name) {
      check = fmt::format("{} BETWEEN {} AND {}", name, f.low, f.high);
    }
  });
  return check;
}

Table audit_templates() {
  TableBuilder t("audit_templates",
                 "Audit and inspection checklist definitions (the editable draft)");
  t.id();
  t.reference_number("TPL");
  t.archivable();
  build::columns_of<model::audits::Template>(t);
  t.check("passing_score",
          "passing_score >= 0 AND (scoring_method NOT IN ('percentage', 'weighted') OR "
          "passing_score <= 100)");
  t.check("published_version_number", "published_version_number >= 1");
  t.check("published", "status <> 'published' OR published_version_number IS NOT NULL");
  t.standard_columns();
  t.index("name", {"lower(name)"});
  t.index("status", {"status"}, "archived_at IS NULL");
  t.index("created_at", {"created_at"});
  return std::move(t).build();
}

Table audit_template_versions() {
  TableBuilder t("audit_template_versions",
                 "Immutable published versions of a template: a snapshot of its whole content");
  t.id();
  t.timestamptz("published_at", kRequired, "now()");
  build::columns_of<model::audits::TemplateVersionDetail>(t);
  t.check("version_number", "version_number >= 1");
  t.check("content", "jsonb_typeof(content) = 'object'");
  t.standard_columns();
  t.unique({"template_id", "version_number"});
  // Target of audit_runs' composite FK: a run's version belongs to the run's template.
  t.unique({"template_id", "id"});
  return std::move(t).build();
}

Table audit_sections() {
  TableBuilder t("audit_sections", "Sections of a template, weighted for the weighted method");
  t.id();
  build::columns_of<model::audits::Section>(t);
  t.check("weight", "weight > 0");
  t.archivable();
  t.standard_columns();
  t.unique({"template_id", "id"});
  t.index("template_id_sort_order", {"template_id", "sort_order"});
  return std::move(t).build();
}

Table audit_questions() {
  TableBuilder t("audit_questions", "Questions of a template, optionally inside a section");
  t.id();
  build::columns_of<model::audits::Question>(t);
  t.check("weight", "weight > 0");
  t.check("max_score", "max_score >= 0");
  t.check("value_range", "min_value IS NULL OR max_value IS NULL OR min_value <= max_value");
  t.check("decimal_places", "decimal_places BETWEEN 0 AND 6");
  t.check("length_range", "min_length <= max_length");
  t.check("min_length", "min_length >= 0");
  t.check("max_length", "max_length BETWEEN 1 AND 100000");
  t.archivable();
  t.standard_columns();
  t.foreign_key("section", {"template_id", "section_id"}, "audit_sections", {"template_id", "id"},
                FkAction::kCascade);
  t.index("template_id_section_id_sort_order", {"template_id", "section_id", "sort_order"});
  return std::move(t).build();
}

Table audit_question_options() {
  TableBuilder t("audit_question_options",
                 "Answer options of choice, multi_choice and rating questions");
  t.id();
  // Declared without a default (an option sent without one takes its position): the column keeps
  // the default it always had.
  t.column("sort_order", "integer", kRequired, "0");
  build::columns_of<model::audits::Option>(t);
  t.check("triggers_finding", "NOT triggers_finding OR finding_grade IS NOT NULL");
  t.archivable();
  t.standard_columns();
  t.unique({"question_id", "value"});
  return std::move(t).build();
}

Table audit_runs() {
  using model::audits::Run;
  TableBuilder t("audit_runs", "One execution of a published template version");
  t.id();
  t.reference_number("AUD");
  // Kept explicit where the declaration would derive another column: an optional boolean (the
  // builder's booleans are NOT NULL with a default) and notes without a length check.
  t.column("passed", "boolean", kOptional, std::nullopt, "NULL when the template has no threshold");
  t.text("notes", kOptional);
  build::columns_of<Run>(t);
  t.check("latitude", between<Run>("latitude"));
  t.check("longitude", between<Run>("longitude"));
  t.check("coordinates", "num_nonnulls(latitude, longitude) <> 1");
  t.check("dates", "due_date >= scheduled_date");
  t.check("started", "status IN ('scheduled', 'cancelled') OR started_at IS NOT NULL");
  t.check("completed", "status NOT IN ('pending_review', 'completed') OR completed_at IS NOT NULL");
  t.check("cancelled", "(status = 'cancelled') = (cancelled_at IS NOT NULL)");
  t.check("score", "score >= 0 AND score <= max_score");
  t.check("score_percentage", "score_percentage BETWEEN 0 AND 100");
  t.archivable();
  t.standard_columns();
  t.foreign_key("template_version", {"template_id", "template_version_id"},
                "audit_template_versions", {"template_id", "id"}, FkAction::kRestrict);
  t.index("status", {"status"});
  t.index("created_at", {"created_at"});
  t.index("due_date_open", {"due_date"}, "status IN ('scheduled', 'in_progress')");
  t.index("assigned_to_id_status", {"assigned_to_id", "status"});
  return std::move(t).build();
}

Table audit_responses() {
  using model::audits::RunAnswer;
  using model::audits::RunResponse;
  TableBuilder t("audit_responses", "One answer to one question in one run");
  t.id();
  // The answer's value is kept in the column of its type; the API reads them as one `value`.
  t.text("response_text", kOptional, static_cast<int>(kit::max_of<RunAnswer>("value")));
  t.column("response_number", "numeric", kOptional);
  t.column("response_bool", "boolean", kOptional);
  t.date("response_date", kOptional);
  t.timestamptz("answered_at", kRequired, "now()");
  build::columns_of<RunResponse>(t);
  t.check("na_empty",
          "NOT is_na OR num_nonnulls(response_text, response_number, response_bool, response_date) "
          "= 0");
  t.check("score", "score >= 0 AND score <= max_score");
  t.standard_columns();
  t.unique({"run_id", "question_id"});
  return std::move(t).build();
}

Table audit_findings() {
  TableBuilder t("audit_findings", "Graded findings raised by audit runs");
  t.id();
  t.reference_number("FND");
  t.closable();
  build::columns_of<model::audits::Finding>(t);
  t.archivable();
  t.standard_columns();
  t.index("status", {"status"});
  t.index("grade", {"grade"});
  t.index("created_at", {"created_at"});
  t.index("due_date_open", {"due_date"}, "status <> 'closed'");
  return std::move(t).build();
}

}  // namespace

std::vector<Table> audits() {
  return {
      audit_templates(),
      build::link_table("audit_template_standards", "Standards a template audits against",
                        "template_id", "audit_templates", FkAction::kCascade, "standard_id",
                        "standards", FkAction::kCascade),
      audit_template_versions(),
      audit_sections(),
      audit_questions(),
      audit_question_options(),
      build::link_table("question_clauses", "Clauses a question checks", "question_id",
                        "audit_questions", FkAction::kCascade, "clause_id", "clauses",
                        FkAction::kCascade),
      build::link_table("question_controls", "Controls a question checks", "question_id",
                        "audit_questions", FkAction::kCascade, "control_id", "controls",
                        FkAction::kCascade),
      audit_runs(),
      audit_responses(),
      // Chosen options are evidence: an option in use is archived, not deleted.
      build::link_table("audit_response_options",
                        "Options chosen in a response (choice and multi_choice)", "response_id",
                        "audit_responses", FkAction::kCascade, "option_id",
                        "audit_question_options", FkAction::kRestrict),
      audit_findings(),
      build::link_table("finding_clauses", "Clauses a finding is raised against", "finding_id",
                        "audit_findings", FkAction::kCascade, "clause_id", "clauses",
                        FkAction::kCascade),
      build::link_table("finding_controls", "Controls a finding is raised against", "finding_id",
                        "audit_findings", FkAction::kCascade, "control_id", "controls",
                        FkAction::kCascade),
      build::link_table("finding_risks", "Risks a finding relates to", "finding_id",
                        "audit_findings", FkAction::kCascade, "risk_id", "risks",
                        FkAction::kCascade),
  };
}

}  // namespace qgp::schema::tables
