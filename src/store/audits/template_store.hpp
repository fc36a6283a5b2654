#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/common/list_sql.hpp"

namespace qgp::db {
class Connection;
}

// SQL of audit templates: the editable draft (templates, sections, questions, options, links), the
// frozen published versions and cloning.
// Members carry empty-brace initializers so callers can use designated initializers without
// naming every field (GCC's -Wmissing-field-initializers).
// NOLINTBEGIN(readability-redundant-member-init)
namespace qgp::store::audits {

struct TemplateFields {
  std::string name{};
  std::optional<std::string> description{};
  std::optional<std::string> category{};
  std::string audit_type = "inspection";
  std::optional<std::string> frequency{};
  std::string scoring_method = "percentage";
  std::optional<std::string> passing_score{};  // numeric text
  bool allow_offline = false;
  bool require_gps = false;
  bool require_signature = false;
  bool require_approval = false;
  bool auto_create_findings = true;
  std::vector<std::int64_t> standard_ids{};  // audit_template_standards, ascending
};

struct OptionFields {
  std::string label{};
  std::string value{};
  std::optional<std::string> score{};  // numeric text
  bool triggers_finding = false;
  std::optional<std::string> finding_grade{};
  int sort_order = 0;
};

struct QuestionFields {
  std::optional<std::int64_t> section_id{};
  std::string question_text{};
  std::optional<std::string> description{};
  std::optional<std::string> help_text{};
  std::string question_type = "yes_no";
  bool is_required = true;
  bool allow_na = false;
  bool is_critical = false;
  std::string weight = "1";
  std::optional<std::string> max_score{};
  std::optional<std::string> min_value{};
  std::optional<std::string> max_value{};
  std::optional<int> decimal_places{};
  std::optional<int> min_length{};
  std::optional<int> max_length{};
  int sort_order = 0;
  std::vector<OptionFields> options{};
  std::vector<std::int64_t> clause_ids{};
  std::vector<std::int64_t> control_ids{};
};

struct SectionFields {
  std::string title{};
  std::optional<std::string> description{};
  int sort_order = 0;
  std::string weight = "1";
};

struct OptionRow {
  std::int64_t id = 0;
  OptionFields fields{};
};
struct QuestionRow {
  std::int64_t id = 0;
  QuestionFields fields{};
  std::vector<OptionRow> options{};
  std::int64_t version = 1;
};
struct SectionRow {
  std::int64_t id = 0;
  SectionFields fields;
  std::int64_t version = 1;
};
struct TemplateRow {
  std::int64_t id = 0;
  std::string reference_number;
  TemplateFields fields;
  std::string status;
  std::optional<int> published_version_number;
  std::optional<std::string> archived_at;
  std::string created_at;
  std::string updated_at;
  std::int64_t version = 1;
};
struct TemplateDetail {
  TemplateRow row;
  std::vector<SectionRow> sections;
  std::vector<QuestionRow> questions;  // sort_order, id
};

// Insert and update write the standards links too (an unknown standard id is a foreign-key
// violation).
std::int64_t insert_template(db::Connection& connection, const std::string& reference_number,
                             const TemplateFields& fields, std::optional<std::int64_t> actor_id);
void update_template(db::Connection& connection, std::int64_t id, const TemplateFields& fields,
                     std::optional<std::int64_t> actor_id);
// Marks the draft as differing from its latest published version and bumps its version.
void mark_draft(db::Connection& connection, std::int64_t id, std::optional<std::int64_t> actor_id);
void archive_template(db::Connection& connection, std::int64_t id,
                      std::optional<std::int64_t> actor_id);

std::optional<TemplateRow> find_template(db::Connection& connection, std::int64_t id,
                                         bool lock = false);
TemplateDetail load_detail(db::Connection& connection, const TemplateRow& row);

struct TemplateFilter {
  std::optional<std::string> status;
  std::optional<std::string> audit_type;
  std::optional<std::string> category;
  std::optional<std::string> q;
  bool include_archived = false;
};
struct TemplatePage {
  std::vector<TemplateRow> items;
  std::int64_t total = 0;
};
TemplatePage list_templates(db::Connection& connection, const TemplateFilter& filter,
                            const std::vector<common::SortKey>& sort, const common::Page& page);

// One live section / question of the template (nullopt when absent or archived).
std::optional<SectionRow> find_section(db::Connection& connection, std::int64_t template_id,
                                       std::int64_t section_id);
std::optional<QuestionRow> find_question(db::Connection& connection, std::int64_t template_id,
                                         std::int64_t question_id);

std::int64_t insert_section(db::Connection& connection, std::int64_t template_id,
                            const SectionFields& fields, std::optional<std::int64_t> actor_id);
// false when the section is not a live section of the template.
bool update_section(db::Connection& connection, std::int64_t template_id, std::int64_t section_id,
                    const SectionFields& fields, std::optional<std::int64_t> actor_id);
bool archive_section(db::Connection& connection, std::int64_t template_id, std::int64_t section_id,
                     std::optional<std::int64_t> actor_id);

std::int64_t insert_question(db::Connection& connection, std::int64_t template_id,
                             const QuestionFields& fields, std::optional<std::int64_t> actor_id);
bool update_question(db::Connection& connection, std::int64_t template_id, std::int64_t question_id,
                     const QuestionFields& fields, std::optional<std::int64_t> actor_id);
bool archive_question(db::Connection& connection, std::int64_t template_id,
                      std::int64_t question_id, std::optional<std::int64_t> actor_id);

// Publishes the current draft as version N+1 (snapshot built in SQL from the live rows); returns
// the new version number.
int publish_version(db::Connection& connection, std::int64_t template_id,
                    std::optional<std::int64_t> actor_id);

struct VersionRow {
  std::int64_t id = 0;
  int version_number = 0;
  std::string published_at;
  std::optional<std::int64_t> published_by_id;
  std::string content;  // jsonb text (only filled by find_version)
};
std::vector<VersionRow> list_versions(db::Connection& connection, std::int64_t template_id);
std::optional<VersionRow> find_version(db::Connection& connection, std::int64_t template_id,
                                       int version_number);

// Copies every field of the template, its live sections, questions, options and links into a new
// draft; returns the new id.
std::int64_t clone_template(db::Connection& connection, std::int64_t template_id,
                            const std::string& reference_number, const std::string& name,
                            std::optional<std::int64_t> actor_id);

}  // namespace qgp::store::audits
// NOLINTEND(readability-redundant-member-init)
