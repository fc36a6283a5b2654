// Text patterns declared once (kit::Field::matching): the API refuses text that does not match and
// says the rule, OpenAPI documents the pattern, and the declared schema checks it with `~` and the
// length in one CHECK. No database.
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/openapi.hpp"
#include "core/errors.hpp"
#include "kit/field.hpp"
#include "kit/pattern.hpp"
#include "schema/builder.hpp"
#include "schema/resource_columns.hpp"

namespace qgp::kit_pattern_test {

struct Label : kit::Record {
  std::string code;
  std::string title;
};

constexpr auto describe(kit::Tag<Label> /*unused*/) {
  return kit::record_resource<Label>(
      {.name = "Label", .table = "labels", .alias = "l"},
      kit::field("code", &Label::code)
          .text(1, 8)
          .trimmed()
          .matching("^[A-Z][A-Z0-9]*(\\.[A-Z0-9]+)*$", "a capital letter, then dotted capitals"),
      kit::field("title", &Label::title).text(1, 20));
}

namespace {

core::FieldErrors problems_of(const nlohmann::json& body) {
  try {
    static_cast<void>(api::kit::parse_create<Label>(body));
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  return {};
}

TEST(KitPattern, MatchesLikePostgresqlsTilde) {
  EXPECT_TRUE(kit::matches("^[0-9]+$", "42"));
  EXPECT_FALSE(kit::matches("^[0-9]+$", "4 2"));
  EXPECT_TRUE(kit::matches("[0-9]", "a1b"));  // unanchored: contains a match
  EXPECT_FALSE(kit::matches("^[A-Z]+(\\.[A-Z]+)*$", "A..B"));
}

TEST(KitPattern, TheApiRefusesTextThatDoesNotMatchWithTheRule) {
  EXPECT_TRUE(problems_of({{"code", " A.B1 "}, {"title", "ok"}}).empty());  // trimmed first
  const auto problems = problems_of({{"code", "a.b"}, {"title", ""}});
  EXPECT_EQ(problems.at("code"), "must be a capital letter, then dotted capitals");
  EXPECT_EQ(problems.at("title"), "must not be blank");
  EXPECT_EQ(problems_of({{"code", "A.B.C.D.E"}, {"title", "x"}}).at("code"),
            "must be at most 8 characters");
  EXPECT_EQ(api::kit::parse_create<Label>({{"code", "A.B1"}, {"title", "x"}}).code, "A.B1");
}

TEST(KitPattern, OpenApiDocumentsThePattern) {
  http::SchemaRegistry schemas;
  api::kit::add_component<Label>(schemas, api::kit::Shape::kCreate);
  const auto& code = schemas.at("LabelCreate")["properties"]["code"];
  EXPECT_EQ(code["pattern"], "^[A-Z][A-Z0-9]*(\\.[A-Z0-9]+)*$");
  EXPECT_EQ(code["maxLength"], 8);
}

TEST(KitPattern, TheDeclaredSchemaChecksPatternAndLengthInOneCheck) {
  schema::build::TableBuilder t("labels", "");
  t.id();
  schema::build::columns_of<Label>(t);
  const auto table = std::move(t).build();
  ASSERT_EQ(table.checks.size(), 2U);
  EXPECT_EQ(table.checks[0].name, "labels_code_check");
  EXPECT_EQ(table.checks[0].expression,
            "code ~ '^[A-Z][A-Z0-9]*(\\.[A-Z0-9]+)*$' AND char_length(code) <= 8");
  EXPECT_EQ(table.checks[1].expression, "char_length(title) BETWEEN 1 AND 20");
}

}  // namespace
}  // namespace qgp::kit_pattern_test
