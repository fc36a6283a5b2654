#include "domain/audits/snapshot.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace qgp::domain::audits {

namespace {

constexpr std::array<std::pair<ScoringMethod, std::string_view>, 4> kScoringMethods{{
    {ScoringMethod::kPercentage, "percentage"},
    {ScoringMethod::kPoints, "points"},
    {ScoringMethod::kWeighted, "weighted"},
    {ScoringMethod::kPassFail, "pass_fail"},
}};

constexpr std::array<std::pair<QuestionType, std::string_view>, 11> kQuestionTypes{{
    {QuestionType::kYesNo, "yes_no"},
    {QuestionType::kPassFail, "pass_fail"},
    {QuestionType::kScore, "score"},
    {QuestionType::kRating, "rating"},
    {QuestionType::kNumber, "number"},
    {QuestionType::kText, "text"},
    {QuestionType::kChoice, "choice"},
    {QuestionType::kMultiChoice, "multi_choice"},
    {QuestionType::kDate, "date"},
    {QuestionType::kPhoto, "photo"},
    {QuestionType::kSignature, "signature"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                         Enum value) noexcept {
  const auto* found =
      std::find_if(table.begin(), table.end(), [value](const auto& e) { return e.first == value; });
  return found == table.end() ? std::string_view{} : found->second;
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                             std::string_view text) noexcept {
  const auto* found =
      std::find_if(table.begin(), table.end(), [text](const auto& e) { return e.second == text; });
  if (found == table.end()) {
    return std::nullopt;
  }
  return found->first;
}

}  // namespace

std::string_view to_string(ScoringMethod method) noexcept {
  return name_of(kScoringMethods, method);
}

std::optional<ScoringMethod> parse_scoring_method(std::string_view text) noexcept {
  return value_of(kScoringMethods, text);
}

std::string_view to_string(QuestionType type) noexcept {
  return name_of(kQuestionTypes, type);
}

std::optional<QuestionType> parse_question_type(std::string_view text) noexcept {
  return value_of(kQuestionTypes, text);
}

const SnapshotOption* SnapshotQuestion::find_option(std::int64_t option_id) const noexcept {
  const auto found = std::find_if(options.begin(), options.end(),
                                  [option_id](const auto& o) { return o.id == option_id; });
  return found == options.end() ? nullptr : &*found;
}

bool SnapshotQuestion::answered_by_options() const noexcept {
  return type == QuestionType::kChoice || type == QuestionType::kMultiChoice
         || (type == QuestionType::kRating && !options.empty());
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
