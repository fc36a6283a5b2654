#pragma once

// Scoring of an audit run from its published snapshot and its answers, for every scoring method.
// Pure arithmetic: no I/O. The rules (decided here once, tested in audits_scoring_test.cpp):
//
// Per question (earned of possible):
//   yes_no, pass_fail   yes/pass earns `possible` = max_score (1 when unset); no/fail earns 0.
//   score, rating, number
//                       the value clamped to [0, possible]; possible = max_score (for score and
//                       rating without max_score: max_value). Unscored when neither is set.
//   choice (and rating with options)
//                       the chosen option's score; possible = max_score or the best option score.
//   multi_choice        the sum of the chosen options' scores capped at possible; possible =
//                       max_score or the sum of the positive option scores.
//   text, date, photo, signature
//                       not scored.
//   A possible of 0 (or none) means "not scored". N/A answers and unanswered (optional) questions
//   are excluded from both earned and possible.
//
// Per run: score = Σ earned, max_score = Σ possible (so a run's score is the sum of its responses'
// scores), percentage = score / max_score × 100, except `weighted`, whose percentage is
//   Σ_s W_s · (Σ_q w_q·e_q / Σ_q w_q·p_q) / Σ_s W_s × 100
// over the sections with anything scorable (questions outside sections form one group of weight 1).
// `passed`: percentage, weighted → percentage ≥ passing_score; points → score ≥ passing_score;
// NULL when the template has no threshold. pass_fail → failed when any critical question failed
// (scored and earned nothing, or chose an option that triggers a finding), passed otherwise.
// A run with nothing scorable (e.g. every answer N/A) has no score: score, max_score and
// percentage are NULL and so is `passed` (pass_fail still decides on critical failures).
// Figures are computed exactly and rounded half-up to 2 decimals once, at the end.

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/audits/run_answers.hpp"
#include "domain/audits/snapshot.hpp"

namespace qgp::domain::audits {

struct QuestionScore {
  std::int64_t question_id = 0;
  std::optional<double> earned;    // nullopt: not scored (or N/A)
  std::optional<double> possible;  // nullopt: not scored (or N/A)
  bool failed = false;
};

struct RunScore {
  std::vector<QuestionScore> questions;  // one per answer, in answer order (exact, unrounded)
  std::optional<double> score;           // rounded to 2 decimals
  std::optional<double> max_score;
  std::optional<double> percentage;
  std::optional<bool> passed;
  std::vector<std::int64_t> failed_critical;  // critical questions that failed, snapshot order
};

// Half-up rounding to `decimals` places that is immune to binary representation (1.005 -> 1.01).
double round_half_up(double value, int decimals = 2) noexcept;

// The most a question can earn; nullopt when it is not scored.
std::optional<double> possible_score(const SnapshotQuestion& question) noexcept;

QuestionScore score_answer(const SnapshotQuestion& question, const Answer& answer);

// Answers for questions missing from the snapshot are ignored (the store never produces them).
RunScore score_run(const Snapshot& snapshot, const std::vector<Answer>& answers);

}  // namespace qgp::domain::audits
