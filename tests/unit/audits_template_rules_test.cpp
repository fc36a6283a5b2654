// Question and publishing rules of the template builder, without a database.
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

}  // namespace
}  // namespace qgp::domain::audits
