#pragma once

// Scoring of an audit run from its published snapshot and its answers, for every scoring method.
// Pure arithmetic: no I/O. The rules (decided here once, tested in audits_scoring_test.cpp):
//
// Per question (earned of possible):
//   yes_no, pass_fail   yes/pass earns `possible` = max_score (1 when unset); no/fail earns 0.
//   score, number       the value clamped to [0, possible]; possible = max_score (for score
//                       without max_score: max_value). Unscored when neither is set.
//   rating              a value on the rating scale 0..max_value scores in proportion to the
//                       question's possible = max_score (without max_score: max_value):
//                       earned = value × possible / max_value, clamped to [0, possible], so 5 on
//                       a scale of 5 worth max_score 10 earns 10 and 3 of 5 earns 6. Without
//                       max_value the scale is the max_score itself (earned = value). Unscored
//                       when neither is set.
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
// `passed`: a failed critical question (scored and earned nothing, or chose an option that
// triggers a finding) fails the run under every scoring method, whatever its score and with or
// without a threshold. Otherwise: percentage, weighted → percentage ≥ passing_score; points →
// score ≥ passing_score; NULL when the template has no threshold; pass_fail → passed.
// A run with nothing scorable (e.g. every answer N/A) has no score: score, max_score and
// percentage are NULL and so is `passed`, unless a critical question failed (false) or the
// method is pass_fail (true).
// Figures are computed as exactly as doubles allow (a proportion multiplies before it divides:
// 7 of 10 worth 3 is 2.1, where 7 / 10 × 3 would be 2.0999…) and rounded half-up to 2 decimals
// once, at the end.

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
