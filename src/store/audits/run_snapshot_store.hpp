#pragma once

// Reads the frozen content of a published template version (audit_template_versions.content,
// written by the templates module at publish) into plain rows. The JSON is unpacked by PostgreSQL
// (jsonb_to_record), so no JSON library is needed here and a malformed snapshot fails loudly.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qgp::db {
class Connection;
}

namespace qgp::store::audits {

struct SnapshotTemplateRow {
  std::int64_t id = 0;
  std::string reference_number;
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> category;
  std::string audit_type;
  std::string scoring_method;
  std::optional<double> passing_score;
  bool require_gps = false;
  bool require_signature = false;
  bool require_approval = false;
  bool auto_create_findings = true;
};

struct SnapshotSectionRow {
  std::int64_t id = 0;
  std::string title;
  std::optional<std::string> description;
  int sort_order = 0;
  double weight = 1.0;
};

struct SnapshotOptionRow {
  std::int64_t question_id = 0;
  std::int64_t id = 0;
  std::string label;
  std::string value;
  std::optional<double> score;
  bool triggers_finding = false;
  std::optional<std::string> finding_grade;
  int sort_order = 0;
};

struct SnapshotQuestionRow {
  std::int64_t id = 0;
  std::optional<std::int64_t> section_id;
  std::string question_text;
  std::optional<std::string> description;
  std::optional<std::string> help_text;
  std::string question_type;
  bool is_required = true;
  bool allow_na = false;
  bool is_critical = false;
  double weight = 1.0;
  std::optional<double> max_score;
  std::optional<double> min_value;
  std::optional<double> max_value;
  std::optional<int> decimal_places;
  std::optional<int> min_length;
  std::optional<int> max_length;
  int sort_order = 0;
  std::vector<std::int64_t> clause_ids;
  std::vector<std::int64_t> control_ids;
};

struct SnapshotRows {
  SnapshotTemplateRow template_row;
  std::vector<SnapshotSectionRow> sections;    // content order
  std::vector<SnapshotQuestionRow> questions;  // content order
  std::vector<SnapshotOptionRow> options;      // by question (content order), then content order
};

// nullopt when the version does not exist.
std::optional<SnapshotRows> load_snapshot(db::Connection& connection, std::int64_t version_id);

}  // namespace qgp::store::audits
