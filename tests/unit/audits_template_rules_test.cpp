// Question and publishing rules of the template builder, PATCH semantics and the audit summary of
// options, without a database.
#include <gtest/gtest.h>

#include "domain/audits/templates.hpp"

namespace qgp::domain::audits {
namespace {

QuestionFields valid_choice() {
  QuestionFields q;
  q.question_text = "Guarding in place?";
  q.question_type = "choice";
  q.options = {{.label = "Yes", .value = "yes", .score = "1"},
               {.label = "No",
                .value = "no",
                .score = "0",
                .triggers_finding = true,
                .finding_grade = "minor_nonconformity"}};
  return q;
}

TEST(TemplateRules, AValidQuestionHasNoProblems) {
  EXPECT_TRUE(question_problems(valid_choice()).empty());
}

TEST(TemplateRules, QuestionProblemsNameTheirFields) {
  auto q = valid_choice();
  q.weight = "0";
  q.options[1].finding_grade.reset();
  q.options.push_back({.label = "Yes again", .value = "yes"});
  const auto problems = question_problems(q);
  EXPECT_TRUE(problems.contains("weight"));
  EXPECT_TRUE(problems.contains("options[1].finding_grade"));
  EXPECT_TRUE(problems.contains("options[2].value"));

  QuestionFields number;
  number.question_text = "Reading";
  number.question_type = "number";
  number.min_value = "10";
  number.max_value = "5";
  number.decimal_places = 9;
  number.options = {{.label = "x", .value = "x"}};
  const auto number_problems = question_problems(number);
  EXPECT_TRUE(number_problems.contains("min_value"));
  EXPECT_TRUE(number_problems.contains("decimal_places"));
  EXPECT_TRUE(number_problems.contains("options"));
}

TEST(TemplateRules, PublishingNeedsQuestionsOptionsAndASensibleThreshold) {
  TemplateDetail detail;
  detail.row.fields.name = "T";
  detail.row.fields.scoring_method = "percentage";
  detail.row.fields.passing_score = "150";
  auto problems = publish_problems(detail);
  EXPECT_TRUE(problems.contains("questions"));
  EXPECT_TRUE(problems.contains("passing_score"));

  detail.row.fields.passing_score = "80";
  store::audits::QuestionRow question{.id = 7, .fields = valid_choice(), .options = {}};
  detail.questions.push_back(question);
  problems = publish_problems(detail);
  EXPECT_EQ(problems.size(), 1U);
  EXPECT_TRUE(problems.contains("questions[7].options"));
  detail.questions[0].options.push_back({.id = 1, .fields = valid_choice().options[0]});
  EXPECT_TRUE(publish_problems(detail).empty());
}

TEST(TemplateRules, APatchChangesOnlyWhatItNamesAndNullClears) {
  TemplateFields current;
  current.name = "Warehouse safety";
  current.description = "Monthly";
  current.scoring_method = "points";
  current.passing_score = "75";
  current.require_approval = true;
  current.standard_ids = {3};

  TemplatePatch rename;
  rename.name = "Warehouse safety (B)";
  const auto renamed = apply_patch(current, rename);
  EXPECT_EQ(renamed.name, "Warehouse safety (B)");
  EXPECT_EQ(renamed.passing_score, "75");  // omitted: kept
  EXPECT_EQ(renamed.description, "Monthly");
  EXPECT_EQ(renamed.scoring_method, "points");
  EXPECT_TRUE(renamed.require_approval);
  EXPECT_EQ(renamed.standard_ids, std::vector<std::int64_t>{3});

  TemplatePatch clear;
  clear.passing_score = std::optional<std::string>();  // explicit null
  clear.description = std::optional<std::string>();
  clear.require_approval = false;
  clear.allow_offline = true;
  const auto cleared = apply_patch(current, clear);
  EXPECT_FALSE(cleared.passing_score.has_value());
  EXPECT_FALSE(cleared.description.has_value());
  EXPECT_FALSE(cleared.require_approval);
  EXPECT_TRUE(cleared.allow_offline);
  EXPECT_EQ(cleared.name, "Warehouse safety");

  SectionFields section{.title = "Exits", .description = "Doors", .sort_order = 2, .weight = "3"};
  SectionPatch weight;
  weight.weight = "1.5";
  const auto reweighted = apply_patch(section, weight);
  EXPECT_EQ(reweighted.weight, "1.5");
  EXPECT_EQ(reweighted.title, "Exits");
  EXPECT_EQ(reweighted.description, "Doors");
  EXPECT_EQ(reweighted.sort_order, 2);

  auto question = valid_choice();
  question.max_length = 40;
  question.clause_ids = {5};
  QuestionPatch patch;
  patch.max_length = std::optional<int>();
  patch.is_critical = true;
  const auto patched = apply_patch(question, patch);
  EXPECT_FALSE(patched.max_length.has_value());
  EXPECT_TRUE(patched.is_critical);
  EXPECT_EQ(patched.options.size(), 2U);  // options not sent: kept
  EXPECT_EQ(patched.clause_ids, std::vector<std::int64_t>{5});
  EXPECT_EQ(patched.question_text, question.question_text);
}

TEST(TemplateRules, TheOptionsSummaryShowsEveryChangeInDisplayOrder) {
  auto options = valid_choice().options;
  options[0].sort_order = 1;
  options[1].sort_order = 0;
  const auto summary = options_summary(options);
  EXPECT_EQ(summary, R"(no "No" score=0 finding=minor_nonconformity; yes "Yes" score=1)");
  auto regraded = options;
  regraded[1].finding_grade = "major_nonconformity";
  EXPECT_NE(options_summary(regraded), summary);
  auto rescored = options;
  rescored[0].score = "1.00";  // as stored: the same value
  EXPECT_EQ(options_summary(rescored), summary);
  rescored[0].score = "2";
  EXPECT_NE(options_summary(rescored), summary);
  EXPECT_EQ(options_summary({}), "");
}

}  // namespace
}  // namespace qgp::domain::audits
