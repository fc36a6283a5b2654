#include "domain/audits/snapshot.hpp"

#include <algorithm>

namespace qgp::domain::audits {

std::string_view to_string(ScoringMethod method) noexcept {
  return kit::wire_name(method);
}

std::optional<ScoringMethod> parse_scoring_method(std::string_view text) noexcept {
  return kit::parse_enum<ScoringMethod>(text);
}

std::string_view to_string(QuestionType type) noexcept {
  return kit::wire_name(type);
}

std::optional<QuestionType> parse_question_type(std::string_view text) noexcept {
  return kit::parse_enum<QuestionType>(text);
}

bool SnapshotQuestion::answered_by_options() const noexcept {
  return model::audits::needs_options(type) || (type == QuestionType::kRating && !options.empty());
}

const SnapshotOption* SnapshotQuestion::find_option(std::int64_t option_id) const noexcept {
  const auto found = std::find_if(options.begin(), options.end(),
                                  [option_id](const auto& o) { return o.id == option_id; });
  return found == options.end() ? nullptr : &*found;
}

const SnapshotQuestion* Snapshot::find_question(std::int64_t question_id) const noexcept {
  const auto found = std::find_if(questions.begin(), questions.end(),
                                  [question_id](const auto& q) { return q.id == question_id; });
  return found == questions.end() ? nullptr : &*found;
}

const SnapshotSection* Snapshot::find_section(std::int64_t section_id) const noexcept {
  const auto found = std::find_if(sections.begin(), sections.end(),
                                  [section_id](const auto& s) { return s.id == section_id; });
  return found == sections.end() ? nullptr : &*found;
}

}  // namespace qgp::domain::audits
