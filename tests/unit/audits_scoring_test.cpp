// Scoring of audit runs (domain/audits/scoring.hpp) and answer validation (run_answers.hpp):
// every scoring method, weights, N/A, thresholds, rounding and critical failures.
#include <optional>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "domain/audits/run_answers.hpp"
#include "domain/audits/scoring.hpp"
#include "domain/audits/snapshot.hpp"

namespace qgp::domain::audits {
namespace {

SnapshotQuestion question(std::int64_t id, QuestionType type, std::optional<double> max_score = {},
                          std::optional<std::int64_t> section = {}) {
  SnapshotQuestion q;
  q.id = id;
  q.type = type;
  q.max_score = max_score;
  q.section_id = section;
  q.question_text = "Question " + std::to_string(id);
  return q;
}

SnapshotOption option(std::int64_t id, std::optional<double> score, bool triggers = false) {
  SnapshotOption o;
  o.id = id;
  o.label = "Option " + std::to_string(id);
  o.value = "o" + std::to_string(id);
  o.score = score;
  o.triggers_finding = triggers;
  if (triggers) {
    o.finding_grade = "minor_nonconformity";
  }
  return o;
}

Answer yes(std::int64_t id, bool value) {
  Answer a;
  a.question_id = id;
  a.boolean = value;
  return a;
}

Answer number(std::int64_t id, double value) {
  Answer a;
  a.question_id = id;
  a.number = value;
  return a;
}

Answer options(std::int64_t id, std::vector<std::int64_t> ids) {
  Answer a;
  a.question_id = id;
  a.option_ids = std::move(ids);
  return a;
}

Answer na(std::int64_t id) {
  Answer a;
  a.question_id = id;
  a.is_na = true;
  return a;
}

SnapshotSection section(std::int64_t id, double weight) {
  SnapshotSection s;
  s.id = id;
  s.title = "Section " + std::to_string(id);
  s.weight = weight;
  return s;
}

Snapshot snapshot(ScoringMethod method, std::optional<double> passing,
                  std::vector<SnapshotQuestion> questions) {
  Snapshot s;
  s.settings.scoring_method = method;
  s.settings.passing_score = passing;
  s.questions = std::move(questions);
  return s;
}

TEST(AuditsScoring, RoundHalfUpIsExactOnDecimalBoundaries) {
  EXPECT_DOUBLE_EQ(round_half_up(1.005), 1.01);
  EXPECT_DOUBLE_EQ(round_half_up(0.125), 0.13);
  EXPECT_DOUBLE_EQ(round_half_up(2.675), 2.68);
  EXPECT_DOUBLE_EQ(round_half_up(66.666666), 66.67);
  EXPECT_DOUBLE_EQ(round_half_up(66.664999), 66.66);
  EXPECT_DOUBLE_EQ(round_half_up(0.0), 0.0);
  EXPECT_DOUBLE_EQ(round_half_up(12.5, 0), 13.0);
}

TEST(AuditsScoring, PercentageIsEarnedOverPossible) {
  const auto s = snapshot(ScoringMethod::kPercentage, 60.0,
                          {question(1, QuestionType::kYesNo), question(2, QuestionType::kYesNo),
                           question(3, QuestionType::kYesNo)});
  const auto run = score_run(s, {yes(1, true), yes(2, true), yes(3, false)});
  EXPECT_DOUBLE_EQ(*run.score, 2.0);
  EXPECT_DOUBLE_EQ(*run.max_score, 3.0);
  EXPECT_DOUBLE_EQ(*run.percentage, 66.67);  // 66.666… rounded half-up once, at the end
  EXPECT_EQ(run.passed, true);
  ASSERT_EQ(run.questions.size(), 3U);
  EXPECT_TRUE(run.questions[2].failed);
  EXPECT_DOUBLE_EQ(*run.questions[2].earned, 0.0);
}

TEST(AuditsScoring, PercentageBelowThresholdFailsAndEqualPasses) {
  auto s = snapshot(ScoringMethod::kPercentage, 66.67,
                    {question(1, QuestionType::kYesNo), question(2, QuestionType::kYesNo),
                     question(3, QuestionType::kYesNo)});
  EXPECT_EQ(score_run(s, {yes(1, true), yes(2, true), yes(3, false)}).passed, true);
  s.settings.passing_score = 66.68;
  EXPECT_EQ(score_run(s, {yes(1, true), yes(2, true), yes(3, false)}).passed, false);
}

TEST(AuditsScoring, NoThresholdMeansPassedIsNull) {
  const auto s =
      snapshot(ScoringMethod::kPercentage, std::nullopt, {question(1, QuestionType::kYesNo)});
  const auto run = score_run(s, {yes(1, true)});
  EXPECT_DOUBLE_EQ(*run.percentage, 100.0);
  EXPECT_FALSE(run.passed.has_value());
}

TEST(AuditsScoring, YesNoUsesMaxScoreWhenSet) {
  const auto s =
      snapshot(ScoringMethod::kPoints, std::nullopt,
               {question(1, QuestionType::kYesNo, 5.0), question(2, QuestionType::kPassFail, 2.5)});
  const auto run = score_run(s, {yes(1, true), yes(2, true)});
  EXPECT_DOUBLE_EQ(*run.score, 7.5);
  EXPECT_DOUBLE_EQ(*run.max_score, 7.5);
}

TEST(AuditsScoring, PointsPassWhenSumReachesThreshold) {
  auto q1 = question(1, QuestionType::kScore, 10.0);
  auto q2 = question(2, QuestionType::kNumber, 5.0);
  auto s = snapshot(ScoringMethod::kPoints, 12.0, {q1, q2});
  auto run = score_run(s, {number(1, 8.0), number(2, 4.0)});
  EXPECT_DOUBLE_EQ(*run.score, 12.0);
  EXPECT_DOUBLE_EQ(*run.max_score, 15.0);
  EXPECT_DOUBLE_EQ(*run.percentage, 80.0);
  EXPECT_EQ(run.passed, true);
  s.settings.passing_score = 12.01;
  run = score_run(s, {number(1, 8.0), number(2, 4.0)});
  EXPECT_EQ(run.passed, false);
}

TEST(AuditsScoring, NumericValuesAreClampedToPossible) {
  auto q = question(1, QuestionType::kNumber, 5.0);
  const auto over = score_answer(q, number(1, 9.0));
  EXPECT_DOUBLE_EQ(*over.earned, 5.0);
  const auto under = score_answer(q, number(1, -3.0));
  EXPECT_DOUBLE_EQ(*under.earned, 0.0);
  // A number question without max_score is recorded but not scored.
  const auto unscored = score_answer(question(2, QuestionType::kNumber), number(2, 3.0));
  EXPECT_FALSE(unscored.possible.has_value());
}

TEST(AuditsScoring, RatingWithoutMaxScoreUsesMaxValue) {
  auto q = question(1, QuestionType::kRating);
  q.max_value = 5.0;
  const auto score = score_answer(q, number(1, 4.0));
  EXPECT_DOUBLE_EQ(*score.earned, 4.0);
  EXPECT_DOUBLE_EQ(*score.possible, 5.0);
}

TEST(AuditsScoring, RatingScoresInProportionToMaxScore) {
  // A rating scale of 5 worth max_score 10: 5 of 5 earns the full 10, 3 of 5 earns 6.
  auto q = question(1, QuestionType::kRating, 10.0);
  q.min_value = 1.0;
  q.max_value = 5.0;
  EXPECT_EQ(*score_answer(q, number(1, 5.0)).earned, 10.0);
  EXPECT_EQ(*score_answer(q, number(1, 3.0)).earned, 6.0);
  EXPECT_EQ(*score_answer(q, number(1, 1.0)).earned, 2.0);
  EXPECT_EQ(*score_answer(q, number(1, 5.0)).possible, 10.0);
  // Worth less than the scale: 7 of 10 worth 3 is 2.1 (multiplied before divided: 7 / 10 × 3
  // would be 2.0999…).
  auto small = question(2, QuestionType::kRating, 3.0);
  small.max_value = 10.0;
  EXPECT_EQ(*score_answer(small, number(2, 7.0)).earned, 2.1);
  // Without max_value the scale is the max_score itself.
  const auto points = question(3, QuestionType::kRating, 4.0);
  EXPECT_EQ(*score_answer(points, number(3, 3.0)).earned, 3.0);
  // In a run the proportion is exact and rounded once: 1 of 3 worth 10, three times, is 10.
  auto third = question(4, QuestionType::kRating, 10.0);
  third.max_value = 3.0;
  auto s = snapshot(ScoringMethod::kPoints, 10.0, {third});
  for (std::int64_t id = 5; id <= 6; ++id) {
    auto copy = third;
    copy.id = id;
    s.questions.push_back(copy);
  }
  const auto run = score_run(s, {number(4, 1.0), number(5, 1.0), number(6, 1.0)});
  EXPECT_EQ(*run.score, 10.0);
  EXPECT_EQ(*run.max_score, 30.0);
  EXPECT_EQ(run.passed, true);
  // Other numeric types are not scaled: a score question takes its value as points.
  auto score = question(7, QuestionType::kScore, 10.0);
  score.max_value = 5.0;
  EXPECT_EQ(*score_answer(score, number(7, 5.0)).earned, 5.0);
}

TEST(AuditsScoring, ChoiceScoresTheChosenOptionOutOfTheBest) {
  auto q = question(1, QuestionType::kChoice);
  q.options = {option(10, 2.0), option(11, 1.0), option(12, 0.0, true)};
  auto s = snapshot(ScoringMethod::kPercentage, std::nullopt, {q});
  auto run = score_run(s, {options(1, {11})});
  EXPECT_DOUBLE_EQ(*run.score, 1.0);
  EXPECT_DOUBLE_EQ(*run.max_score, 2.0);
  EXPECT_DOUBLE_EQ(*run.percentage, 50.0);
  EXPECT_FALSE(run.questions[0].failed);
  run = score_run(s, {options(1, {12})});
  EXPECT_TRUE(run.questions[0].failed);
}

TEST(AuditsScoring, MultiChoiceSumsChosenScoresCappedAtPossible) {
  auto q = question(1, QuestionType::kMultiChoice);
  q.options = {option(10, 2.0), option(11, 3.0), option(12, -1.0)};
  EXPECT_DOUBLE_EQ(*possible_score(q), 5.0);  // sum of the positive scores
  EXPECT_DOUBLE_EQ(*score_answer(q, options(1, {10, 11})).earned, 5.0);
  EXPECT_DOUBLE_EQ(*score_answer(q, options(1, {10, 12})).earned, 1.0);
  q.max_score = 4.0;  // an explicit maximum caps the sum
  EXPECT_DOUBLE_EQ(*score_answer(q, options(1, {10, 11})).earned, 4.0);
}

TEST(AuditsScoring, TextDatePhotoSignatureAreNotScored) {
  for (const auto type :
       {QuestionType::kText, QuestionType::kDate, QuestionType::kPhoto, QuestionType::kSignature}) {
    EXPECT_FALSE(possible_score(question(1, type, 10.0)).has_value()) << to_string(type);
  }
  Answer text;
  text.question_id = 2;
  text.text = "fine";
  const auto s = snapshot(ScoringMethod::kPercentage, std::nullopt,
                          {question(1, QuestionType::kYesNo), question(2, QuestionType::kText)});
  const auto run = score_run(s, {yes(1, true), text});
  EXPECT_DOUBLE_EQ(*run.max_score, 1.0);
}

TEST(AuditsScoring, NotApplicableIsExcludedFromEarnedAndPossible) {
  auto q2 = question(2, QuestionType::kYesNo);
  q2.allow_na = true;
  const auto s =
      snapshot(ScoringMethod::kPercentage, 100.0, {question(1, QuestionType::kYesNo), q2});
  const auto run = score_run(s, {yes(1, true), na(2)});
  EXPECT_DOUBLE_EQ(*run.score, 1.0);
  EXPECT_DOUBLE_EQ(*run.max_score, 1.0);
  EXPECT_DOUBLE_EQ(*run.percentage, 100.0);
  EXPECT_EQ(run.passed, true);
  EXPECT_FALSE(run.questions[1].possible.has_value());
}

TEST(AuditsScoring, UnansweredOptionalQuestionsAreExcluded) {
  auto q2 = question(2, QuestionType::kYesNo);
  q2.is_required = false;
  const auto s =
      snapshot(ScoringMethod::kPercentage, std::nullopt, {question(1, QuestionType::kYesNo), q2});
  const auto run = score_run(s, {yes(1, false)});
  EXPECT_DOUBLE_EQ(*run.max_score, 1.0);
  EXPECT_DOUBLE_EQ(*run.percentage, 0.0);
}

TEST(AuditsScoring, FullyNotApplicableRunHasNoScore) {
  auto q1 = question(1, QuestionType::kYesNo);
  q1.allow_na = true;
  auto s = snapshot(ScoringMethod::kPercentage, 50.0, {q1});
  auto run = score_run(s, {na(1)});
  EXPECT_FALSE(run.score.has_value());
  EXPECT_FALSE(run.max_score.has_value());
  EXPECT_FALSE(run.percentage.has_value());
  EXPECT_FALSE(run.passed.has_value());
  // pass_fail still decides: nothing critical failed.
  s.settings.scoring_method = ScoringMethod::kPassFail;
  run = score_run(s, {na(1)});
  EXPECT_FALSE(run.score.has_value());
  EXPECT_EQ(run.passed, true);
}

TEST(AuditsScoring, WeightedUsesQuestionAndSectionWeights) {
  // Section A (weight 3): q1 weight 1 earned 1/1, q2 weight 3 earned 0/1 → 25 %.
  // Section B (weight 1): q3 earned 1/1 → 100 %.
  // Overall: (3·0.25 + 1·1.0) / 4 = 43.75 %, whereas the unweighted ratio is 2/3.
  Snapshot s = snapshot(ScoringMethod::kWeighted, 50.0, {});
  s.sections = {section(100, 3.0), section(200, 1.0)};
  auto q1 = question(1, QuestionType::kYesNo, std::nullopt, 100);
  auto q2 = question(2, QuestionType::kYesNo, std::nullopt, 100);
  q2.weight = 3.0;
  auto q3 = question(3, QuestionType::kYesNo, std::nullopt, 200);
  s.questions = {q1, q2, q3};
  const auto run = score_run(s, {yes(1, true), yes(2, false), yes(3, true)});
  EXPECT_DOUBLE_EQ(*run.percentage, 43.75);
  EXPECT_DOUBLE_EQ(*run.score, 2.0);
  EXPECT_DOUBLE_EQ(*run.max_score, 3.0);
  EXPECT_EQ(run.passed, false);
}

TEST(AuditsScoring, WeightedSkipsSectionsWithNothingScorable) {
  Snapshot s = snapshot(ScoringMethod::kWeighted, std::nullopt, {});
  s.sections = {section(100, 5.0), section(200, 1.0)};
  auto q1 = question(1, QuestionType::kYesNo, std::nullopt, 100);
  q1.allow_na = true;
  auto q2 = question(2, QuestionType::kYesNo, std::nullopt, 200);
  auto q3 = question(3, QuestionType::kYesNo);  // outside sections: a group of weight 1
  s.questions = {q1, q2, q3};
  const auto run = score_run(s, {na(1), yes(2, true), yes(3, false)});
  EXPECT_DOUBLE_EQ(*run.percentage, 50.0);
}

TEST(AuditsScoring, PassFailFailsOnAnyFailedCriticalQuestion) {
  auto q1 = question(1, QuestionType::kPassFail);
  q1.is_critical = true;
  auto q2 = question(2, QuestionType::kPassFail);
  auto s = snapshot(ScoringMethod::kPassFail, std::nullopt, {q1, q2});
  auto run = score_run(s, {yes(1, true), yes(2, false)});
  EXPECT_EQ(run.passed, true);  // a non-critical failure does not fail the run
  EXPECT_TRUE(run.failed_critical.empty());
  run = score_run(s, {yes(1, false), yes(2, true)});
  EXPECT_EQ(run.passed, false);
  EXPECT_EQ(run.failed_critical, std::vector<std::int64_t>{1});
  EXPECT_DOUBLE_EQ(*run.percentage, 50.0);  // the score is still reported
}

TEST(AuditsScoring, CriticalChoiceFailsWhenItsOptionTriggersAFinding) {
  auto q = question(1, QuestionType::kChoice);
  q.is_critical = true;
  q.options = {option(10, std::nullopt), option(11, std::nullopt, true)};
  const auto s = snapshot(ScoringMethod::kPassFail, std::nullopt, {q});
  EXPECT_EQ(score_run(s, {options(1, {10})}).passed, true);
  EXPECT_EQ(score_run(s, {options(1, {11})}).passed, false);
}

TEST(AuditsScoring, CriticalFailureFailsTheRunUnderEveryScoringMethod) {
  // Four yes/no questions, one critical: the critical one fails, the other three pass, so the
  // run scores 3 of 4 = 75 %, which meets each threshold below.
  auto critical = question(1, QuestionType::kYesNo);
  critical.is_critical = true;
  const std::vector<Answer> answers = {yes(1, false), yes(2, true), yes(3, true), yes(4, true)};
  const std::vector<std::pair<ScoringMethod, std::optional<double>>> methods = {
      {ScoringMethod::kPercentage, 75.0},
      {ScoringMethod::kPoints, 3.0},
      {ScoringMethod::kWeighted, 75.0},
      {ScoringMethod::kPassFail, std::nullopt}};
  for (const auto& [method, threshold] : methods) {
    auto s = snapshot(method, threshold,
                      {critical, question(2, QuestionType::kYesNo),
                       question(3, QuestionType::kYesNo), question(4, QuestionType::kYesNo)});
    auto run = score_run(s, answers);
    EXPECT_DOUBLE_EQ(*run.percentage, 75.0) << to_string(method);
    EXPECT_EQ(run.passed, false) << to_string(method);
    EXPECT_EQ(run.failed_critical, std::vector<std::int64_t>{1}) << to_string(method);
    // The same answers with the critical question passed instead of another: the run passes.
    run = score_run(s, {yes(1, true), yes(2, false), yes(3, true), yes(4, true)});
    EXPECT_EQ(run.passed, true) << to_string(method);
    // Without a threshold a failed critical question still fails the run.
    s.settings.passing_score = std::nullopt;
    EXPECT_EQ(score_run(s, answers).passed, false) << to_string(method);
  }
}

TEST(AuditsScoring, CriticalFailureFailsARunWithNothingElseScorable) {
  // A critical choice question without option scores is not scored, yet its failure counts.
  auto q = question(1, QuestionType::kChoice);
  q.is_critical = true;
  q.options = {option(10, std::nullopt), option(11, std::nullopt, true)};
  const auto s = snapshot(ScoringMethod::kPercentage, 50.0, {q});
  auto run = score_run(s, {options(1, {11})});
  EXPECT_FALSE(run.percentage.has_value());
  EXPECT_EQ(run.passed, false);
  run = score_run(s, {options(1, {10})});
  EXPECT_FALSE(run.passed.has_value());  // no score, no critical failure: no verdict
}

TEST(AuditsScoring, RoundingHappensOnceAtTheEnd) {
  // Three answers of 1/3 each: rounding per answer would give 0.33·3 = 0.99; exact sum is 1.00.
  auto s = snapshot(ScoringMethod::kPoints, std::nullopt, {});
  for (std::int64_t id = 1; id <= 3; ++id) {
    auto q = question(id, QuestionType::kNumber, 1.0);
    s.questions.push_back(q);
  }
  const auto run = score_run(s, {number(1, 1.0 / 3), number(2, 1.0 / 3), number(3, 1.0 / 3)});
  EXPECT_DOUBLE_EQ(*run.score, 1.0);
  EXPECT_DOUBLE_EQ(*run.percentage, 33.33);
}

// --- answer validation ---------------------------------------------------------------------

AnswerInput value_input(RawValue value) {
  AnswerInput input;
  input.value = std::move(value);
  return input;
}

template <typename Fn>
core::FieldErrors errors_of(Fn&& fn) {
  try {
    fn();
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  ADD_FAILURE() << "expected a ValidationError";
  return {};
}

TEST(AuditsAnswers, TypeMustMatchTheQuestion) {
  const auto yes_no = question(1, QuestionType::kYesNo);
  EXPECT_EQ(validate_answer(yes_no, value_input(true)).boolean, true);
  EXPECT_EQ(validate_answer(yes_no, value_input(std::string("no"))).boolean, false);
  EXPECT_TRUE(
      errors_of([&] { (void)validate_answer(yes_no, value_input(3.0)); }).contains("value"));
  const auto pass_fail = question(2, QuestionType::kPassFail);
  EXPECT_EQ(validate_answer(pass_fail, value_input(std::string("fail"))).boolean, false);
  const auto text = question(3, QuestionType::kText);
  EXPECT_TRUE(errors_of([&] { (void)validate_answer(text, value_input(true)); }).contains("value"));
}

TEST(AuditsAnswers, NumericLimitsAndDecimalPlaces) {
  auto q = question(1, QuestionType::kNumber);
  q.min_value = 1.0;
  q.max_value = 10.0;
  q.decimal_places = 1;
  EXPECT_DOUBLE_EQ(*validate_answer(q, value_input(2.5)).number, 2.5);
  EXPECT_EQ(errors_of([&] { (void)validate_answer(q, value_input(0.5)); }).at("value"),
            "must be at least 1");
  EXPECT_EQ(errors_of([&] { (void)validate_answer(q, value_input(10.5)); }).at("value"),
            "must be at most 10");
  EXPECT_EQ(errors_of([&] { (void)validate_answer(q, value_input(2.55)); }).at("value"),
            "must have at most 1 decimal places");
  auto score = question(2, QuestionType::kScore, 5.0);
  EXPECT_TRUE(errors_of([&] { (void)validate_answer(score, value_input(6.0)); }).contains("value"));
  EXPECT_TRUE(
      errors_of([&] { (void)validate_answer(score, value_input(-1.0)); }).contains("value"));
}

TEST(AuditsAnswers, ARatingIsBoundedByItsScaleNotByItsMaxScore) {
  // A scale of 10 worth 3 points: 7 is a valid rating (it earns 2.1), 11 is off the scale.
  auto q = question(1, QuestionType::kRating, 3.0);
  q.max_value = 10.0;
  EXPECT_DOUBLE_EQ(*validate_answer(q, value_input(7.0)).number, 7.0);
  EXPECT_EQ(errors_of([&] { (void)validate_answer(q, value_input(11.0)); }).at("value"),
            "must be at most 10");
  EXPECT_TRUE(errors_of([&] { (void)validate_answer(q, value_input(-1.0)); }).contains("value"));
  // Without a scale the max_score bounds the rating.
  const auto points = question(2, QuestionType::kRating, 3.0);
  EXPECT_TRUE(
      errors_of([&] { (void)validate_answer(points, value_input(4.0)); }).contains("value"));
}

TEST(AuditsAnswers, TextLengthCountsCharactersNotBytes) {
  auto q = question(1, QuestionType::kText);
  q.min_length = 2;
  q.max_length = 3;
  EXPECT_EQ(*validate_answer(q, value_input(std::string("\xC3\xA9\xC3\xA9\xC3\xA9"))).text,
            "\xC3\xA9\xC3\xA9\xC3\xA9");
  EXPECT_TRUE(errors_of([&] {
                (void)validate_answer(q, value_input(std::string("a")));
              }).contains("value"));
  EXPECT_TRUE(errors_of([&] {
                (void)validate_answer(q, value_input(std::string("abcd")));
              }).contains("value"));
}

TEST(AuditsAnswers, DatesMustBeRealCalendarDates) {
  const auto q = question(1, QuestionType::kDate);
  EXPECT_EQ(*validate_answer(q, value_input(std::string("2024-02-29"))).date, "2024-02-29");
  EXPECT_TRUE(errors_of([&] {
                (void)validate_answer(q, value_input(std::string("2023-02-29")));
              }).contains("value"));
  EXPECT_FALSE(is_iso_date("2026-13-01"));
  EXPECT_FALSE(is_iso_date("2026-1-01"));
}

TEST(AuditsAnswers, OptionsMustBelongToTheQuestionAndMatchItsCardinality) {
  auto single = question(1, QuestionType::kChoice);
  single.options = {option(10, 1.0), option(11, 0.0)};
  AnswerInput input;
  input.option_ids = std::vector<std::int64_t>{10};
  EXPECT_EQ(validate_answer(single, input).option_ids, std::vector<std::int64_t>{10});
  input.option_ids = std::vector<std::int64_t>{10, 11};
  EXPECT_TRUE(errors_of([&] { (void)validate_answer(single, input); }).contains("option_ids"));
  input.option_ids = std::vector<std::int64_t>{99};
  EXPECT_EQ(errors_of([&] { (void)validate_answer(single, input); }).at("option_ids"),
            "option 99 does not belong to question 1");
  auto multi = question(2, QuestionType::kMultiChoice);
  multi.options = {option(20, 1.0), option(21, 1.0)};
  input.option_ids = std::vector<std::int64_t>{20, 21};
  EXPECT_EQ(validate_answer(multi, input).option_ids.size(), 2U);
  input.option_ids = std::vector<std::int64_t>{20, 20};
  EXPECT_TRUE(errors_of([&] { (void)validate_answer(multi, input); }).contains("option_ids"));
  EXPECT_TRUE(
      errors_of([&] { (void)validate_answer(multi, value_input(true)); }).contains("value"));
}

TEST(AuditsAnswers, NotApplicableOnlyWhenAllowedAndWithoutValue) {
  auto q = question(1, QuestionType::kYesNo);
  AnswerInput input;
  input.is_na = true;
  EXPECT_EQ(errors_of([&] { (void)validate_answer(q, input); }).at("is_na"),
            "this question does not allow N/A");
  q.allow_na = true;
  EXPECT_TRUE(validate_answer(q, input).is_na);
  input.value = true;
  EXPECT_TRUE(errors_of([&] { (void)validate_answer(q, input); }).contains("is_na"));
}

TEST(AuditsAnswers, AnAnswerNeedsAValue) {
  const auto q = question(1, QuestionType::kYesNo);
  EXPECT_TRUE(errors_of([&] { (void)validate_answer(q, AnswerInput{}); }).contains("value"));
}

TEST(AuditsAnswers, CompletionListsEveryMissingRequiredQuestion) {
  auto optional_q = question(3, QuestionType::kYesNo);
  optional_q.is_required = false;
  const auto s = snapshot(ScoringMethod::kPercentage, std::nullopt,
                          {question(1, QuestionType::kYesNo), question(2, QuestionType::kYesNo),
                           optional_q, question(4, QuestionType::kYesNo)});
  auto q4_na = na(4);
  EXPECT_EQ(missing_required(s, {yes(1, true), q4_na}), std::vector<std::int64_t>{2});
  const auto fields = errors_of([&] { require_all_required_answered(s, {q4_na}); });
  EXPECT_EQ(fields.size(), 2U);
  EXPECT_TRUE(fields.contains("responses.1"));
  EXPECT_TRUE(fields.contains("responses.2"));
  EXPECT_NO_THROW(require_all_required_answered(s, {yes(1, true), yes(2, false), q4_na}));
}

}  // namespace
}  // namespace qgp::domain::audits
