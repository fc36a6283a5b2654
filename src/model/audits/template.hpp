#pragma once

// Audit templates: the one declaration (ADR-0010) of a template, its sections, its questions with
// their answer options, and of what a published version freezes. Each part is written once as the
// content a version keeps (TemplateContent, SectionContent, QuestionContent, OptionContent) with
// its fields; the editable records add their own bookkeeping to it and the frozen snapshot its ids,
// so the draft, the published document and its OpenAPI schema share every field.

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "model/audits/finding.hpp"

namespace qgp::model::audits {

QGP_KIT_ENUM(AuditType, kInspection, kAudit, kAssessment, kChecklist, kSurvey)
QGP_KIT_ENUM(AuditFrequency, kDaily, kWeekly, kMonthly, kQuarterly, kAnnually, kAdHoc)
QGP_KIT_ENUM(ScoringMethod, kPercentage, kPoints, kWeighted, kPassFail)
QGP_KIT_ENUM(TemplateStatus, kDraft, kPublished)
QGP_KIT_ENUM(QuestionType, kYesNo, kPassFail, kScore, kRating, kNumber, kText, kChoice,
             kMultiChoice, kDate, kPhoto, kSignature)

// Questions of these types may define answer options (a rating without options takes a number).
constexpr bool takes_options(QuestionType type) {
  return type == QuestionType::kChoice || type == QuestionType::kMultiChoice
         || type == QuestionType::kRating;
}
// Questions of these types are answered only by picking options: they need at least one.
constexpr bool needs_options(QuestionType type) {
  return type == QuestionType::kChoice || type == QuestionType::kMultiChoice;
}

// A record type declared over `fields` (a std::tuple of kit::Field) with the standard columns.
template <class R, class Fields>
constexpr auto record_resource_of(const kit::Meta& meta, const Fields& fields) {
  return std::apply([&](const auto&... f) { return kit::record_resource<R>(meta, f...); }, fields);
}
template <class R, class Fields>
constexpr auto resource_of(const kit::Meta& meta, const Fields& fields) {
  return std::apply([&](const auto&... f) { return kit::resource<R>(meta, f...); }, fields);
}

// --- answer options
// --------------------------------------------------------------------------------

// An option sent without a sort_order takes its position among the options sent.
inline constexpr int kUnplaced = -1;

struct OptionContent {
  std::string label;
  std::string value;  // sent without: the label
  std::optional<kit::Decimal> score;
  bool triggers_finding = false;
  std::optional<FindingGrade> finding_grade;
  int sort_order = kUnplaced;

  bool operator==(const OptionContent&) const = default;
};

constexpr auto option_content_fields() {
  using kit::field;
  using C = OptionContent;
  return std::tuple{
      field("label", &C::label).text(1, 200),
      field("value", &C::value).text(1, 200).defaulted(),
      field("score", &C::score).between(0, 9999999.99).numeric(9, 2),
      field("triggers_finding", &C::triggers_finding)
          .defaulted()
          .describe("Choosing it creates a finding on completion"),
      field("finding_grade", &C::finding_grade).describe("Grade of the finding it creates"),
      field("sort_order", &C::sort_order).range(0, 1000000).defaulted()};
}

inline constexpr kit::Meta kOptionRows{.name = "AuditQuestionOption",
                                       .noun = "option",
                                       .table = "audit_question_options",
                                       .alias = "o",
                                       .where = "o.archived_at IS NULL",
                                       .order = "o.sort_order"};

// An option of the draft; a question replaces its options as a whole, matched by value.
struct Option : kit::Record, OptionContent {
  std::int64_t question_id = 0;
};

constexpr auto describe(kit::Tag<Option> /*unused*/) {
  return record_resource_of<Option>(
      kOptionRows,
      std::tuple_cat(option_content_fields(),
                     std::tuple{kit::field("question_id", &Option::question_id)
                                    .server()
                                    .not_audited()
                                    .references("audit_questions", kit::OnDelete::kCascade)}));
}

// --- questions
// -------------------------------------------------------------------------------------

struct QuestionContent {
  std::optional<std::int64_t> section_id;
  std::string question_text;
  std::optional<std::string> description;
  std::optional<std::string> help_text;
  QuestionType question_type = QuestionType::kYesNo;
  bool is_required = true;
  bool allow_na = false;
  bool is_critical = false;
  kit::Decimal weight{"1"};
  std::optional<kit::Decimal> max_score;
  std::optional<kit::Decimal> min_value;
  std::optional<kit::Decimal> max_value;
  std::optional<std::int16_t> decimal_places;
  std::optional<int> min_length;
  std::optional<int> max_length;
  int sort_order = 0;
  std::vector<std::int64_t> clause_ids;
  std::vector<std::int64_t> control_ids;
};

constexpr auto question_content_fields() {
  using kit::field;
  using C = QuestionContent;
  return std::tuple{
      field("section_id", &C::section_id)
          .describe("Section of the same template; NULL for questions outside sections"),
      field("question_text", &C::question_text).text(1, 1000),
      field("description", &C::description).text(1, 2000),
      field("help_text", &C::help_text).text(1, 500),
      field("question_type", &C::question_type).defaulted().db_default(),
      field("is_required", &C::is_required).defaulted(),
      field("allow_na", &C::allow_na).defaulted(),
      field("is_critical", &C::is_critical)
          .defaulted()
          .describe("A failed critical question fails a pass_fail run"),
      field("weight", &C::weight)
          .between(0, 9999.999, /*exclusive=*/true)
          .numeric(7, 3)
          .defaulted()
          .db_default(),
      field("max_score", &C::max_score).between(0, 9999999.99).numeric(9, 2),
      field("min_value", &C::min_value).between(-1e15, 1e15),
      field("max_value", &C::max_value).between(-1e15, 1e15),
      field("decimal_places", &C::decimal_places).range(0, 6),
      field("min_length", &C::min_length).range(0, 100000),
      field("max_length", &C::max_length).range(1, 100000),
      field("sort_order", &C::sort_order).range(0, 1000000).defaulted().db_default(),
      field("clause_ids", &C::clause_ids).linked("question_clauses", "question_id", "clause_id"),
      field("control_ids", &C::control_ids)
          .linked("question_controls", "question_id", "control_id")};
}

inline constexpr kit::Meta kQuestionRows{.name = "AuditQuestion",
                                         .noun = "question",
                                         .table = "audit_questions",
                                         .alias = "q",
                                         .where = "q.archived_at IS NULL",
                                         .order = "q.sort_order"};

// A question of the draft with its options (sent with it: they replace the question's options).
struct Question : kit::Record, QuestionContent {
  std::int64_t template_id = 0;
  std::vector<Option> options;
};

constexpr auto describe(kit::Tag<Question> /*unused*/) {
  return record_resource_of<Question>(
      kQuestionRows,
      std::tuple_cat(
          question_content_fields(),
          std::tuple{kit::field("template_id", &Question::template_id)
                         .server()
                         .not_audited()
                         .references("audit_templates", kit::OnDelete::kCascade),
                     kit::field("options", &Question::options).children("question_id")}));
}

// --- sections
// --------------------------------------------------------------------------------------

struct SectionContent {
  std::string title;
  std::optional<std::string> description;
  int sort_order = 0;
  kit::Decimal weight{"1"};
};

constexpr auto section_content_fields() {
  using kit::field;
  using C = SectionContent;
  return std::tuple{field("title", &C::title).text(1, 200),
                    field("description", &C::description).text(1, 2000),
                    field("sort_order", &C::sort_order).range(0, 1000000).defaulted().db_default(),
                    field("weight", &C::weight)
                        .between(0, 9999.999, /*exclusive=*/true)
                        .numeric(7, 3)
                        .defaulted()
                        .db_default()};
}

inline constexpr kit::Meta kSectionRows{.name = "AuditSection",
                                        .noun = "section",
                                        .table = "audit_sections",
                                        .alias = "s",
                                        .where = "s.archived_at IS NULL",
                                        .order = "s.sort_order"};

struct Section : kit::Record, SectionContent {
  std::int64_t template_id = 0;
};

constexpr auto describe(kit::Tag<Section> /*unused*/) {
  return record_resource_of<Section>(
      kSectionRows,
      std::tuple_cat(section_content_fields(),
                     std::tuple{kit::field("template_id", &Section::template_id)
                                    .server()
                                    .not_audited()
                                    .references("audit_templates", kit::OnDelete::kCascade)}));
}

// --- templates
// -------------------------------------------------------------------------------------

struct TemplateContent {
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> category;
  AuditType audit_type = AuditType::kInspection;
  ScoringMethod scoring_method = ScoringMethod::kPercentage;
  std::optional<kit::Decimal> passing_score;
  bool allow_offline = false;
  bool require_gps = false;
  bool require_signature = false;
  bool require_approval = false;
  bool auto_create_findings = true;
  std::vector<std::int64_t> standard_ids;
};

constexpr auto template_content_fields() {
  using kit::field;
  using C = TemplateContent;
  return std::tuple{
      field("name", &C::name).text(1, 200).sort_on("lower(t.name)").search(),
      field("description", &C::description).text(1, 4000).search(),
      field("category", &C::category).text(1, 100),
      field("audit_type", &C::audit_type).filter().defaulted().db_default(),
      field("scoring_method", &C::scoring_method).defaulted().db_default(),
      field("passing_score", &C::passing_score)
          .between(0, 9999999.99)
          .numeric(9, 2)
          .describe("Threshold for passed: a percentage (percentage, weighted) or points"),
      field("allow_offline", &C::allow_offline).defaulted(),
      field("require_gps", &C::require_gps).defaulted(),
      field("require_signature", &C::require_signature).defaulted(),
      field("require_approval", &C::require_approval)
          .defaulted()
          .describe("Completed runs go to pending_review first"),
      field("auto_create_findings", &C::auto_create_findings)
          .defaulted()
          .describe("Answers whose option triggers_finding create findings on completion"),
      field("standard_ids", &C::standard_ids)
          .linked("audit_template_standards", "template_id", "standard_id")
          .describe("Standards the template audits against (each must exist and be current)")};
}

inline constexpr kit::Meta kTemplateRows{.name = "AuditTemplate",
                                         .noun = "template",
                                         .entity = "audit_template",
                                         .table = "audit_templates",
                                         .alias = "t",
                                         .order = "lower(t.name)",
                                         .path = "/api/v1/audits/templates"};

// The editable draft's settings: what the list shows.
struct Template : kit::Record, TemplateContent {
  std::string reference_number;
  std::optional<AuditFrequency> frequency;
  TemplateStatus status = TemplateStatus::kDraft;
  std::optional<int> published_version_number;
  std::optional<kit::Timestamp> archived_at;
  std::optional<std::int64_t> archived_by_id;
};

constexpr auto template_fields() {
  using kit::field;
  using T = Template;
  return std::tuple_cat(
      std::tuple{field("reference_number", &T::reference_number).server().sort().search()},
      template_content_fields(),
      std::tuple{
          field("frequency", &T::frequency),
          field("status", &T::status)
              .server()
              .filter()
              .db_default()
              .describe("draft: has edits not yet published; published: equals its latest version"),
          field("published_version_number", &T::published_version_number)
              .server()
              .describe("Latest published version, used for new runs; NULL until first published"),
          field("archived_at", &T::archived_at).server(),
          field("archived_by_id", &T::archived_by_id).server().user()});
}

constexpr auto describe(kit::Tag<Template> /*unused*/) {
  return record_resource_of<Template>(kTemplateRows, template_fields())
      .with_filters(kit::Filter{.name = "category",
                                .kind = kit::FilterKind::kText,
                                .sql = "lower(t.category) = lower({})",
                                .doc = "Only templates of this category (any case)."},
                    kit::Filter{.name = "include_archived",
                                .kind = kit::FilterKind::kWidens,
                                .sql = "t.archived_at IS NULL",
                                .doc = "true: archived templates too."});
}

// The template with its live sections and questions (each with its options).
struct TemplateDetail : Template {
  std::vector<Section> sections;
  std::vector<Question> questions;
};

constexpr auto describe(kit::Tag<TemplateDetail> /*unused*/) {
  kit::Meta meta = kTemplateRows;
  meta.name = "AuditTemplateDetail";
  return record_resource_of<TemplateDetail>(
      meta,
      std::tuple_cat(
          template_fields(),
          std::tuple{
              kit::field("sections", &TemplateDetail::sections).children("template_id").server(),
              kit::field("questions", &TemplateDetail::questions)
                  .children("template_id")
                  .server()}));
}

// The body of a clone: everything is copied, only the name may be given.
struct TemplateClone {
  std::optional<std::string> name;
};

constexpr auto describe(kit::Tag<TemplateClone> /*unused*/) {
  return kit::resource<TemplateClone>(
      {.name = "AuditTemplateClone"},
      kit::field("name", &TemplateClone::name)
          .text(1, 200)
          .describe("The copy's name; without it, \"Copy of \" and the original's name"));
}

// --- published versions
// ---------------------------------------------------------------------------- What a version
// froze, as the snapshot document holds it: each part's content with its id. Runs are answered and
// scored against it, never against the editable draft.

struct OptionSnapshot : OptionContent {
  std::int64_t id = 0;
};

constexpr auto describe(kit::Tag<OptionSnapshot> /*unused*/) {
  kit::Meta meta = kOptionRows;
  meta.name = "AuditQuestionOptionSnapshot";
  return resource_of<OptionSnapshot>(
      meta,
      std::tuple_cat(std::tuple{kit::field("id", &OptionSnapshot::id).server().as(kit::Role::kId)},
                     option_content_fields()));
}

struct QuestionSnapshot : QuestionContent {
  std::int64_t id = 0;
  std::vector<OptionSnapshot> options;
};

constexpr auto describe(kit::Tag<QuestionSnapshot> /*unused*/) {
  kit::Meta meta = kQuestionRows;
  meta.name = "AuditQuestionSnapshot";
  return resource_of<QuestionSnapshot>(
      meta,
      std::tuple_cat(
          std::tuple{kit::field("id", &QuestionSnapshot::id).server().as(kit::Role::kId)},
          question_content_fields(),
          std::tuple{
              kit::field("options", &QuestionSnapshot::options).children("question_id").server()}));
}

struct SectionSnapshot : SectionContent {
  std::int64_t id = 0;
};

constexpr auto describe(kit::Tag<SectionSnapshot> /*unused*/) {
  kit::Meta meta = kSectionRows;
  meta.name = "AuditSectionSnapshot";
  return resource_of<SectionSnapshot>(
      meta,
      std::tuple_cat(std::tuple{kit::field("id", &SectionSnapshot::id).server().as(kit::Role::kId)},
                     section_content_fields()));
}

struct TemplateSnapshot : TemplateContent {
  std::int64_t id = 0;
  std::string reference_number;
};

constexpr auto describe(kit::Tag<TemplateSnapshot> /*unused*/) {
  // Its own alias: the document reads it as a nested row of the template it is built from.
  kit::Meta meta{.name = "AuditTemplateSnapshot", .table = "audit_templates", .alias = "ts"};
  return resource_of<TemplateSnapshot>(
      meta,
      std::tuple_cat(
          std::tuple{kit::field("id", &TemplateSnapshot::id).server().as(kit::Role::kId),
                     kit::field("reference_number", &TemplateSnapshot::reference_number).server()},
          template_content_fields()));
}

// The document a version holds (audit_template_versions.content), built from the template's live
// rows when it is published.
struct VersionContent {
  TemplateSnapshot settings;
  std::vector<SectionSnapshot> sections;
  std::vector<QuestionSnapshot> questions;
};

constexpr auto describe(kit::Tag<VersionContent> /*unused*/) {
  using kit::field;
  using V = VersionContent;
  return kit::resource<V>(
      {.name = "AuditTemplateVersionContent", .table = "audit_templates", .alias = "t"},
      field("template", &V::settings).children("id").server(),
      field("sections", &V::sections).children("template_id").server(),
      field("questions", &V::questions).children("template_id").server());
}

inline constexpr kit::Meta kVersionRows{.name = "AuditTemplateVersion",
                                        .noun = "version",
                                        .table = "audit_template_versions",
                                        .alias = "v",
                                        .order = "v.version_number"};

struct TemplateVersion {
  std::int64_t id = 0;
  std::int64_t template_id = 0;
  int version_number = 0;
  kit::Timestamp published_at;
  std::optional<std::int64_t> published_by_id;
};

constexpr auto version_fields() {
  using kit::field;
  using V = TemplateVersion;
  return std::tuple{field("id", &V::id).server().as(kit::Role::kId),
                    field("template_id", &V::template_id)
                        .server()
                        .references("audit_templates", kit::OnDelete::kCascade),
                    field("version_number", &V::version_number).server().sort(),
                    field("published_at", &V::published_at).server().sort(),
                    field("published_by_id", &V::published_by_id).server().user()};
}

constexpr auto describe(kit::Tag<TemplateVersion> /*unused*/) {
  return resource_of<TemplateVersion>(kVersionRows, version_fields());
}

// One version with the document it froze.
struct TemplateVersionDetail : TemplateVersion {
  kit::Json<VersionContent> content;
};

constexpr auto describe(kit::Tag<TemplateVersionDetail> /*unused*/) {
  kit::Meta meta = kVersionRows;
  meta.name = "AuditTemplateVersionDetail";
  return resource_of<TemplateVersionDetail>(
      meta, std::tuple_cat(version_fields(),
                           std::tuple{kit::field("content", &TemplateVersionDetail::content)
                                          .server()
                                          .describe("Template, sections, questions, options and "
                                                    "links as published")}));
}

}  // namespace qgp::model::audits
