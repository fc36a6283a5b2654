// What the kit derives from the run's declarations (model/audits/run.hpp), without a database:
// every problem of a body at once, limits in code points, PATCH null semantics, the answer's value
// typed by JSON, and an OpenAPI document that types every key the detail renders (the findings
// summary's counts and items, each response's value).
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/openapi.hpp"
#include "core/errors.hpp"
#include "model/audits/run.hpp"

namespace qgp::model::audits {
namespace {

using nlohmann::json;
// Inside a TEST body `Run` names testing::Test::Run.
using AuditRun = Run;

template <class Fn>
core::FieldErrors problems_of(Fn&& fn) {
  try {
    fn();
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  ADD_FAILURE() << "expected a ValidationError";
  return {};
}

TEST(AuditsRunDeclaration, ScheduleReportsEveryProblemAtOnceInCodePoints) {
  const auto problems = problems_of([] {
    (void)api::kit::parse_create<AuditRun>({{"title", std::string(301, 'x')},
                                            {"due_date", "2026-02-30"},
                                            {"latitude", 91},
                                            {"status", "completed"},
                                            {"colour", "red"}});
  });
  EXPECT_EQ(problems.at("template_id"), "is required");
  EXPECT_EQ(problems.at("title"), "must be at most 300 characters");
  EXPECT_EQ(problems.at("due_date"), "must be a date YYYY-MM-DD");
  EXPECT_EQ(problems.at("latitude"), "must be between -90 and 90");
  EXPECT_EQ(problems.at("status"), "cannot be changed by PATCH; use POST .../transitions");
  EXPECT_EQ(problems.at("colour"), "unknown field");
  // 300 code points of a two-byte character fit; blank text does not.
  const auto run =
      api::kit::parse_create<AuditRun>({{"template_id", 1}, {"title", std::string(300, 'a')}});
  EXPECT_EQ(run.title.size(), 300U);
  std::string umlauts;
  for (int i = 0; i < 300; ++i) {
    umlauts += "\xC3\xBC";
  }
  EXPECT_NO_THROW((void)api::kit::parse_create<AuditRun>({{"template_id", 1}, {"title", umlauts}}));
  EXPECT_EQ(problems_of([] {
              (void)api::kit::parse_create<AuditRun>({{"template_id", 1}, {"title", "   "}});
            }).at("title"),
            "must not be blank");
}

TEST(AuditsRunDeclaration, PatchKeepsAbsentClearsNullableAndRefusesTheRest) {
  const auto patch = api::kit::parse_patch<AuditRun>({{"version", 3}, {"location", nullptr}});
  EXPECT_EQ(patch.version, 3);
  EXPECT_TRUE(patch.has("location"));
  EXPECT_FALSE(patch.values.location.has_value());
  EXPECT_FALSE(patch.has("title"));
  const auto problems = problems_of([] {
    (void)api::kit::parse_patch<AuditRun>(
        {{"title", nullptr}, {"template_id", 2}, {"score", 5}, {"status", "completed"}});
  });
  EXPECT_EQ(problems.at("version"), "is required: send the version you read");
  EXPECT_EQ(problems.at("title"), "cannot be null");
  EXPECT_EQ(problems.at("template_id"), "cannot be changed after creation");
  EXPECT_EQ(problems.at("score"), "is read-only (set by the server)");
  EXPECT_EQ(problems.at("status"), "cannot be changed by PATCH; use POST .../transitions");
}

TEST(AuditsRunDeclaration, AnAnswerIsTypedByJsonAndLimited) {
  EXPECT_EQ(api::kit::parse_create<RunAnswer>({{"value", true}}).value, kit::Scalar(true));
  EXPECT_EQ(api::kit::parse_create<RunAnswer>({{"value", 4}}).value, kit::Scalar(4.0));
  EXPECT_EQ(api::kit::parse_create<RunAnswer>({{"is_na", true}}).value, kit::Scalar());
  // Option ids are a set.
  EXPECT_EQ(api::kit::parse_create<RunAnswer>({{"option_ids", {5, 3, 5}}}).option_ids,
            (std::vector<std::int64_t>{3, 5}));
  json many = json::array();
  for (int i = 1; i <= 101; ++i) {
    many.push_back(i);
  }
  const auto problems = problems_of([&] {
    (void)api::kit::parse_create<RunAnswer>({{"value", {{"nested", true}}},
                                             {"option_ids", many},
                                             {"notes", std::string(4001, 'n')},
                                             {"is_na", "yes"}});
  });
  EXPECT_EQ(problems.at("value"), "must be a boolean, a number or a string, not an object");
  EXPECT_EQ(problems.at("option_ids"), "must have at most 100 items");
  EXPECT_EQ(problems.at("notes"), "must be at most 4000 characters");
  EXPECT_EQ(problems.at("is_na"), "must be a boolean, not a string");
  EXPECT_EQ(problems_of([] {
              (void)api::kit::parse_create<RunAnswer>({{"option_ids", {0}}});
            }).at("option_ids[0]"),
            "must be an integer >= 1");
  const auto blank = problems_of(
      [] { (void)api::kit::parse_create<RunAnswer>({{"value", " "}, {"notes", "\t"}}); });
  EXPECT_EQ(blank.at("value"), "must not be blank");
  EXPECT_EQ(blank.at("notes"), "must not be blank");
  EXPECT_EQ(problems_of([] {
              (void)api::kit::parse_create<RunAnswer>({{"value", std::string(10001, 'v')}});
            }).at("value"),
            "must be at most 10000 characters");
}

TEST(AuditsRunDeclaration, TheDetailDocumentsEveryKeyItRenders) {
  http::SchemaRegistry schemas;
  const auto name = api::kit::add_component<RunDetail>(schemas, api::kit::Shape::kRead);
  ASSERT_EQ(name, "AuditRunDetail");
  const auto& detail = schemas.at(name);
  EXPECT_EQ(detail.at("additionalProperties"), false);
  // Every key a rendered detail carries is a declared, required property.
  const auto rendered = api::kit::render(RunDetail{});
  for (const auto& item : rendered.items()) {
    EXPECT_TRUE(detail.at("properties").contains(item.key())) << item.key();
  }
  EXPECT_EQ(detail.at("required").size(), rendered.size());

  const auto& summary = schemas.at("AuditRunFindingsSummary");
  const auto& by_grade = summary.at("properties").at("by_grade");
  EXPECT_EQ(by_grade.at("required"), json::array({"major_nonconformity", "minor_nonconformity",
                                                  "observation", "opportunity_for_improvement"}));
  EXPECT_EQ(by_grade.at("additionalProperties"), false);
  EXPECT_EQ(summary.at("properties").at("by_status").at("required"),
            json::array({"open", "in_progress", "pending_verification", "closed"}));
  EXPECT_EQ(summary.at("properties").at("items").at("items").at("$ref"),
            "#/components/schemas/AuditRunFinding");
  EXPECT_EQ(schemas.at("AuditRunFinding").at("required"),
            json::array({"id", "reference_number", "title", "grade", "status", "question_id",
                         "response_id", "is_auto_created"}));

  const auto& response = schemas.at("AuditRunResponse").at("properties");
  EXPECT_EQ(response.at("value").at("type"), json::array({"boolean", "number", "string", "null"}));
  EXPECT_EQ(response.at("option_ids").at("items").at("type"), "integer");
  EXPECT_EQ(detail.at("properties").at("allowed_transitions").at("items").at("enum"),
            json::array({"scheduled", "in_progress", "pending_review", "completed", "cancelled"}));
}

}  // namespace
}  // namespace qgp::model::audits
