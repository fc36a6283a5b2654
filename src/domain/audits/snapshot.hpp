#pragma once

// The frozen content of one published template version (audit_template_versions.content), as the
// run rules read it. Runs are answered and scored against this snapshot, never against the live,
// editable template, so a template edited after a run was scheduled cannot change that run.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/audits/template.hpp"

namespace qgp::domain::audits {

// Declared once with the template (model/audits/template.hpp): the same enumerators, wire names
// and order as the API, the database and the published document.
using model::audits::QuestionType;
using model::audits::ScoringMethod;

std::string_view to_string(ScoringMethod method) noexcept;
std::optional<ScoringMethod> parse_scoring_method(std::string_view text) noexcept;
std::string_view to_string(QuestionType type) noexcept;
std::optional<QuestionType> parse_question_type(std::string_view text) noexcept;

struct TemplateSettings {
  std::int64_t id = 0;
  std::string reference_number;
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> category;
  std::string audit_type;
  ScoringMethod scoring_method = ScoringMethod::kPercentage;
  std::optional<double> passing_score;  // percentage (percentage, weighted) or points
  bool require_gps = false;
  bool require_signature = false;
  bool require_approval = false;
  bool auto_create_findings = true;
};

struct SnapshotSection {
  std::int64_t id = 0;
  std::string title;
  std::optional<std::string> description;
  int sort_order = 0;
  double weight = 1.0;
};

struct SnapshotOption {
  std::int64_t id = 0;
  std::string label;
  std::string value;
  std::optional<double> score;
  bool triggers_finding = false;
  std::optional<std::string> finding_grade;
  int sort_order = 0;
};

struct SnapshotQuestion {
  std::int64_t id = 0;
  std::optional<std::int64_t> section_id;
  std::string question_text;
  std::optional<std::string> description;
  std::optional<std::string> help_text;
  QuestionType type = QuestionType::kYesNo;
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
  std::vector<SnapshotOption> options;

  [[nodiscard]] const SnapshotOption* find_option(std::int64_t option_id) const noexcept;
  // Choice-like questions are answered by picking options; a rating question is choice-like only
  // when it defines options (otherwise it takes a number).
  [[nodiscard]] bool answered_by_options() const noexcept;
};

struct Snapshot {
  TemplateSettings settings;
  std::vector<SnapshotSection> sections;    // ordered by sort_order, id
  std::vector<SnapshotQuestion> questions;  // ordered by sort_order, id

  [[nodiscard]] const SnapshotQuestion* find_question(std::int64_t question_id) const noexcept;
  [[nodiscard]] const SnapshotSection* find_section(std::int64_t section_id) const noexcept;
};

}  // namespace qgp::domain::audits
