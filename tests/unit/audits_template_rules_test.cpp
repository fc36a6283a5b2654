// The template builder without a database: the field limits its declarations give (code points,
// nested problems by path, PATCH null semantics), the rules across fields, publishing, the audit
// summary of options, and what OpenAPI documents of templates and their versions.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/list.hpp"
#include "api/kit/openapi.hpp"
#include "core/errors.hpp"
#include "domain/audits/templates.hpp"

namespace qgp::domain::audits {
namespace {

using nlohmann::json;

Question valid_choice() {
  return api::kit::parse_create<Question>({{"question_text", "Guarding in place?"},
                                           {"question_type", "choice"},
                                           {"options",
                                            {{{"label", "Yes"}, {"value", "yes"}, {"score", 1}},
                                             {{"label", "No"},
                                              {"value", "no"},
                                              {"score", 0},
                                              {"triggers_finding", true},
                                              {"finding_grade", "minor_nonconformity"}}}}});
}

// The problems a body has, by path.
core::FieldErrors problems_of(const json& body) {
  try {
    static_cast<void>(api::kit::parse_create<Question>(body));
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  return {};
}

TEST(TemplateRules, AValidQuestionHasNoProblems) {
  EXPECT_TRUE(question_problems(valid_choice()).empty());
}

TEST(TemplateRules, EachFieldIsCheckedByItsDeclarationNestedOnesByPath) {
  const auto problems = problems_of({{"question_text", "  "},
                                     {"question_type", "essay"},
                                     {"weight", 0},
                                     {"decimal_places", 9},
                                     {"max_length", 0},
                                     {"options",
                                      {{{"label", "ok"}},
                                       {{"label", ""}, {"score", -1}, {"finding_grade", "bad"}},
                                       {{"label", "x"}, {"id", 4}, {"colour", "red"}}}}});
  for (const auto* field : {"question_text", "question_type", "weight", "decimal_places",
                            "max_length", "options[1].label", "options[1].score",
                            "options[1].finding_grade", "options[2].id", "options[2].colour"}) {
    EXPECT_TRUE(problems.contains(field)) << field;
  }
  EXPECT_FALSE(problems.contains("options[0].label"));
  EXPECT_TRUE(problems_of({{"question_text", "Q"}, {"options", {{{"label", "a"}}}}}).empty());
}

TEST(TemplateRules, TextLimitsCountCodePoints) {
  std::string name;
  for (int i = 0; i < 200; ++i) {
    name += "é";  // two bytes, one code point
  }
  EXPECT_EQ(api::kit::parse_create<Template>({{"name", name}}).name, name);
  EXPECT_THROW(static_cast<void>(api::kit::parse_create<Template>({{"name", name + "é"}})),
               core::ValidationError);
  EXPECT_THROW(static_cast<void>(api::kit::parse_create<Template>({{"name", " \t"}})),
               core::ValidationError);
}

TEST(TemplateRules, QuestionProblemsAcrossFieldsNameTheirFields) {
  auto q = valid_choice();
  q.options[1].finding_grade.reset();
  auto repeated = q.options[0];
  repeated.label = "Yes again";
  q.options.push_back(repeated);
  const auto problems = question_problems(q);
  EXPECT_TRUE(problems.contains("options[1].finding_grade"));
  EXPECT_TRUE(problems.contains("options[2].value"));
  EXPECT_FALSE(problems.contains("options[0].value"));

  auto number = api::kit::parse_create<Question>({{"question_text", "Reading"},
                                                  {"question_type", "number"},
                                                  {"min_value", 10},
                                                  {"max_value", 5},
                                                  {"min_length", 9},
                                                  {"max_length", 3},
                                                  {"options", {{{"label", "x"}}}}});
  const auto number_problems = question_problems(number);
  EXPECT_TRUE(number_problems.contains("min_value"));
  EXPECT_TRUE(number_problems.contains("min_length"));
  EXPECT_TRUE(number_problems.contains("options"));
}

TEST(TemplateRules, OptionsTakeTheirLabelAsValueAndTheirPositionAsOrder) {
  auto q = api::kit::parse_create<Question>(
      {{"question_text", "Q"},
       {"question_type", "choice"},
       {"options", {{{"label", "B"}}, {{"label", "A"}, {"value", "a"}, {"sort_order", 7}}}}});
  const auto options = placed(q.options);
  EXPECT_EQ(options[0].value, "B");
  EXPECT_EQ(options[0].sort_order, 0);
  EXPECT_EQ(options[1].value, "a");
  EXPECT_EQ(options[1].sort_order, 7);
}

TEST(TemplateRules, PublishingNeedsQuestionsOptionsAndASensibleThreshold) {
  TemplateDetail detail;
  detail.name = "T";
  detail.scoring_method = model::audits::ScoringMethod::kPercentage;
  detail.passing_score = kit::Decimal{"150.00"};
  auto problems = publish_problems(detail);
  EXPECT_TRUE(problems.contains("questions"));
  EXPECT_TRUE(problems.contains("passing_score"));

  detail.passing_score = kit::Decimal{"80.00"};
  auto question = valid_choice();
  question.id = 7;
  auto options = std::move(question.options);
  question.options.clear();
  detail.questions.push_back(question);
  problems = publish_problems(detail);
  EXPECT_EQ(problems.size(), 1U);
  EXPECT_TRUE(problems.contains("questions[7].options"));
  detail.questions[0].options = options;
  EXPECT_TRUE(publish_problems(detail).empty());
  detail.scoring_method = model::audits::ScoringMethod::kPoints;
  detail.passing_score = kit::Decimal{"150.00"};  // points: no percentage ceiling
  EXPECT_TRUE(publish_problems(detail).empty());
}

TEST(TemplateRules, APatchChangesOnlyWhatItNamesAndNullClears) {
  const auto current = api::kit::parse_create<Template>({{"name", "Warehouse safety"},
                                                         {"description", "Monthly"},
                                                         {"scoring_method", "points"},
                                                         {"passing_score", 75},
                                                         {"require_approval", true},
                                                         {"standard_ids", {3}}});
  const auto renamed = kit::applied(
      current, api::kit::parse_patch<Template>({{"version", 1}, {"name", "Warehouse safety (B)"}}));
  EXPECT_EQ(renamed.name, "Warehouse safety (B)");
  EXPECT_EQ(renamed.passing_score, kit::Decimal{"75.00"});  // omitted: kept
  EXPECT_EQ(renamed.description, "Monthly");
  EXPECT_EQ(renamed.scoring_method, model::audits::ScoringMethod::kPoints);
  EXPECT_TRUE(renamed.require_approval);
  EXPECT_EQ(renamed.standard_ids, std::vector<std::int64_t>{3});

  const auto cleared =
      kit::applied(current, api::kit::parse_patch<Template>({{"version", 1},
                                                             {"passing_score", nullptr},
                                                             {"description", nullptr},
                                                             {"require_approval", false},
                                                             {"allow_offline", true}}));
  EXPECT_FALSE(cleared.passing_score.has_value());
  EXPECT_FALSE(cleared.description.has_value());
  EXPECT_FALSE(cleared.require_approval);
  EXPECT_TRUE(cleared.allow_offline);
  EXPECT_EQ(cleared.name, "Warehouse safety");

  // null for what cannot be empty, status, and a missing version are refused, each by name.
  try {
    static_cast<void>(api::kit::parse_patch<Template>(
        {{"name", nullptr}, {"status", "published"}, {"audit_type", nullptr}}));
    FAIL() << "accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("name"));
    EXPECT_TRUE(e.fields().contains("status"));
    EXPECT_TRUE(e.fields().contains("audit_type"));
    EXPECT_TRUE(e.fields().contains("version"));
  }

  auto question = valid_choice();
  question.max_length = 40;
  question.clause_ids = {5};
  const auto patched =
      kit::applied(question, api::kit::parse_patch<Question>(
                                 {{"version", 1}, {"max_length", nullptr}, {"is_critical", true}}));
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
  regraded[1].finding_grade = model::audits::FindingGrade::kMajorNonconformity;
  EXPECT_NE(options_summary(regraded), summary);
  auto rescored = options;
  rescored[0].score = kit::Decimal{"1.00"};  // as stored: the same value
  EXPECT_EQ(options_summary(rescored), summary);
  rescored[0].score = kit::Decimal{"2"};
  EXPECT_NE(options_summary(rescored), summary);
  EXPECT_EQ(options_summary({}), "");
}

TEST(TemplateRules, TheListTakesItsDeclaredFiltersOnly) {
  const auto& spec = api::kit::list_spec<Template>();
  EXPECT_EQ(api::kit::parse_list({{"audit_type", "survey"}}, spec).conditions.size(), 1U);
  EXPECT_THROW(api::kit::parse_list({{"audit_type", "walkabout"}}, spec), core::ValidationError);
  EXPECT_THROW(api::kit::parse_list({{"status", "retired"}}, spec), core::ValidationError);
  EXPECT_THROW(api::kit::parse_list({{"colour", "red"}}, spec), core::ValidationError);
  EXPECT_NO_THROW(api::kit::parse_list(
      {{"category", "safety"}, {"q", "fire"}, {"include_archived", "true"}, {"sort", "-name"}},
      spec));
  const auto& versions = api::kit::list_spec<TemplateVersion>();
  EXPECT_THROW(api::kit::parse_list({{"template_id", "3"}}, versions), core::ValidationError);
}

TEST(TemplateRules, AVersionDocumentsTheContentItFroze) {
  http::SchemaRegistry schemas;
  const auto name = api::kit::add_component<TemplateVersionDetail>(schemas, api::kit::Shape::kRead);
  EXPECT_EQ(schemas.at(name)["properties"]["content"]["$ref"],
            "#/components/schemas/AuditTemplateVersionContent");
  const auto& content = schemas.at("AuditTemplateVersionContent");
  EXPECT_EQ(content["required"], json({"template", "sections", "questions"}));
  EXPECT_EQ(content["additionalProperties"], false);
  const auto& question = schemas.at("AuditQuestionSnapshot");
  EXPECT_EQ(question["properties"]["options"]["items"]["$ref"],
            "#/components/schemas/AuditQuestionOptionSnapshot");
  EXPECT_EQ(question["properties"]["question_type"]["enum"].size(), 11U);
  EXPECT_EQ(schemas.at("AuditTemplateSnapshot")["properties"].size(), 14U);
}

}  // namespace
}  // namespace qgp::domain::audits
