#include "domain/audits/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace qgp::domain::audits {

namespace {

// Relative tolerance that absorbs binary representation error (1.005 is stored as 1.00499…)
// without moving any genuinely different decimal value across a rounding boundary.
constexpr double kRoundingTolerance = 1e-9;

double clamp_to(double value, double possible) {
  return std::clamp(value, 0.0, possible);
}

std::optional<double> best_option_score(const SnapshotQuestion& question) {
  std::optional<double> best;
  for (const auto& option : question.options) {
    if (option.score && (!best || *option.score > *best)) {
      best = option.score;
    }
  }
  return best;
}

std::optional<double> positive_option_sum(const SnapshotQuestion& question) {
  std::optional<double> sum;
  for (const auto& option : question.options) {
    if (option.score) {
      sum = sum.value_or(0.0) + std::max(*option.score, 0.0);
    }
  }
  return sum;
}

struct Group {
  double weight = 1.0;
  double weighted_earned = 0.0;
  double weighted_possible = 0.0;
};

}  // namespace

double round_half_up(double value, int decimals) noexcept {
  const double scale = std::pow(10.0, decimals);
  const double scaled = std::fabs(value) * scale;
  const double rounded =
      std::floor(scaled + 0.5 + (kRoundingTolerance * std::max(1.0, scaled))) / scale;
  return std::copysign(rounded, value);
}

std::optional<double> possible_score(const SnapshotQuestion& question) noexcept {
  std::optional<double> possible;
  switch (question.type) {
    case QuestionType::kYesNo:
    case QuestionType::kPassFail:
      possible = question.max_score.value_or(1.0);
      break;
    case QuestionType::kScore:
    case QuestionType::kRating:
      if (question.answered_by_options()) {
        possible = question.max_score ? question.max_score : best_option_score(question);
      } else {
        possible = question.max_score ? question.max_score : question.max_value;
      }
      break;
    case QuestionType::kNumber:
      possible = question.max_score;
      break;
    case QuestionType::kChoice:
      possible = question.max_score ? question.max_score : best_option_score(question);
      break;
    case QuestionType::kMultiChoice:
      possible = question.max_score ? question.max_score : positive_option_sum(question);
      break;
    case QuestionType::kText:
    case QuestionType::kDate:
    case QuestionType::kPhoto:
    case QuestionType::kSignature:
      break;
  }
  if (possible && *possible <= 0.0) {
    return std::nullopt;
  }
  return possible;
}

QuestionScore score_answer(const SnapshotQuestion& question, const Answer& answer) {
  QuestionScore result;
  result.question_id = question.id;
  if (answer.is_na) {
    return result;
  }
  bool triggers = false;
  double option_sum = 0.0;
  std::optional<double> option_score;
  for (const auto option_id : answer.option_ids) {
    if (const auto* option = question.find_option(option_id); option != nullptr) {
      triggers = triggers || option->triggers_finding;
      option_sum += option->score.value_or(0.0);
      option_score = option->score.value_or(0.0);
    }
  }
  const auto possible = possible_score(question);
  if (possible) {
    double earned = 0.0;
    if (question.answered_by_options()) {
      earned =
          question.type == QuestionType::kMultiChoice ? option_sum : option_score.value_or(0.0);
    } else if (question.type == QuestionType::kYesNo || question.type == QuestionType::kPassFail) {
      earned = answer.boolean.value_or(false) ? *possible : 0.0;
    } else if (question.type == QuestionType::kRating && question.max_value
               && *question.max_value > 0.0) {
      // The rating scale 0..max_value maps onto 0..possible. Multiplying first keeps an exact
      // product (ratings and scores are small decimals), so only the division rounds.
      earned = answer.number.value_or(0.0) * *possible / *question.max_value;
    } else {
      earned = answer.number.value_or(0.0);
    }
    result.possible = possible;
    result.earned = clamp_to(earned, *possible);
  }
  result.failed = triggers || (result.earned && *result.earned <= 0.0);
  return result;
}

RunScore score_run(const Snapshot& snapshot, const std::vector<Answer>& answers) {
  RunScore run;
  std::map<std::int64_t, const Answer*> by_question;
  for (const auto& answer : answers) {
    by_question.emplace(answer.question_id, &answer);
  }

  double earned = 0.0;
  double possible = 0.0;
  // Weighted groups: one per section (key = section id), questions outside sections in key 0.
  std::map<std::int64_t, Group> groups;
  std::map<std::int64_t, QuestionScore> scores;
  for (const auto& question : snapshot.questions) {
    const auto found = by_question.find(question.id);
    if (found == by_question.end()) {
      continue;  // unanswered (optional) questions count for nothing
    }
    auto score = score_answer(question, *found->second);
    if (score.failed && question.is_critical) {
      run.failed_critical.push_back(question.id);
    }
    if (score.possible) {
      earned += *score.earned;
      possible += *score.possible;
      const std::int64_t key = question.section_id.value_or(0);
      auto& group = groups[key];
      if (key != 0) {
        const auto* section = snapshot.find_section(key);
        group.weight = section != nullptr ? section->weight : 1.0;
      }
      group.weighted_earned += question.weight * *score.earned;
      group.weighted_possible += question.weight * *score.possible;
    }
    scores.emplace(question.id, score);
  }
  for (const auto& answer : answers) {
    if (const auto found = scores.find(answer.question_id); found != scores.end()) {
      run.questions.push_back(found->second);
    }
  }

  const auto method = snapshot.settings.scoring_method;
  const auto& threshold = snapshot.settings.passing_score;
  if (possible > 0.0) {
    double percentage = earned / possible * 100.0;
    if (method == ScoringMethod::kWeighted) {
      double weight_sum = 0.0;
      double weighted = 0.0;
      for (const auto& [key, group] : groups) {
        if (group.weighted_possible > 0.0) {
          weight_sum += group.weight;
          weighted += group.weight * (group.weighted_earned / group.weighted_possible);
        }
      }
      percentage = weighted / weight_sum * 100.0;
    }
    run.score = round_half_up(earned);
    run.max_score = round_half_up(possible);
    run.percentage = std::min(round_half_up(percentage), 100.0);
    if (threshold) {
      if (method == ScoringMethod::kPoints) {
        run.passed = *run.score >= *threshold;
      } else if (method != ScoringMethod::kPassFail) {
        run.passed = *run.percentage >= *threshold;
      }
    }
  }
  if (!run.failed_critical.empty()) {
    run.passed = false;  // under every scoring method, whatever the score
  } else if (method == ScoringMethod::kPassFail) {
    run.passed = true;
  }
  return run;
}

}  // namespace qgp::domain::audits
