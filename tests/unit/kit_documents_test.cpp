// Documents, PUT bodies and decimals in the resource kit: a kit::Json<T> snapshot renders exactly
// T's declared shape whatever was stored, a kit::Replace<R> body is the create shape plus the
// version read, nested records of a request body are documented as whole records, and a decimal
// is parsed into the form its numeric(p, s) column keeps.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/openapi.hpp"
#include "core/errors.hpp"
#include "kit/field.hpp"
#include "kit/patch.hpp"
#include "schema/builder.hpp"
#include "schema/resource_columns.hpp"

namespace qgp::kit_documents_test {

struct Step {
  std::int64_t id = 0;
  std::string label;
  std::optional<kit::Decimal> score;
};

constexpr auto describe(kit::Tag<Step> /*unused*/) {
  return kit::resource<Step>({.name = "Step", .table = "steps", .alias = "st"},
                             kit::field("id", &Step::id).server().as(kit::Role::kId),
                             kit::field("label", &Step::label).text(1, 20),
                             kit::field("score", &Step::score).between(0, 99.99).numeric(4, 2));
}

struct Plan {
  std::string title;
  std::vector<Step> steps;
};

constexpr auto describe(kit::Tag<Plan> /*unused*/) {
  return kit::resource<Plan>({.name = "Plan"}, kit::field("title", &Plan::title).text(1, 50),
                             kit::field("steps", &Plan::steps));
}

struct Board : kit::Record {
  std::string name;
  kit::Decimal weight{"1"};
  kit::Decimal ratio{"0"};
  std::vector<Step> steps;
  kit::Json<Plan> plan;
};

constexpr auto describe(kit::Tag<Board> /*unused*/) {
  return kit::record_resource<Board>({.name = "Board", .table = "boards", .alias = "b"},
                                     kit::field("name", &Board::name).text(1, 50),
                                     kit::field("weight", &Board::weight)
                                         .between(0, 9999.999, true)
                                         .numeric(7, 3)
                                         .defaulted()
                                         .db_default(),
                                     kit::field("ratio", &Board::ratio).defaulted(),
                                     kit::field("steps", &Board::steps).children("board_id"),
                                     kit::field("plan", &Board::plan).server());
}

TEST(KitDocuments, AStoredDocumentRendersExactlyTheDeclaredShape) {
  Board board;
  // Written before `score` existed, with a key the declaration no longer has, a mistyped title.
  board.plan.text =
      R"({"title": 7, "retired": true, "steps": [{"id": 3, "label": "Check", "extra": 1}]})";
  const auto plan = api::kit::render(board)["plan"];
  EXPECT_EQ(plan,
            nlohmann::json(
                {{"title", ""}, {"steps", {{{"id", 3}, {"label", "Check"}, {"score", nullptr}}}}}));
  board.plan.text = "not json";
  EXPECT_EQ(api::kit::render(board)["plan"],
            nlohmann::json({{"title", ""}, {"steps", nlohmann::json::array()}}));
}

TEST(KitDocuments, AReplaceBodyIsTheCreateShapeWithTheVersionRead) {
  const auto replace = api::kit::parse_replace<Board>({{"name", "Kanban"}, {"version", 4}});
  EXPECT_EQ(replace.version, 4);
  EXPECT_EQ(replace.values.name, "Kanban");
  EXPECT_EQ(replace.values.weight.text, "1");  // absent: the default
  try {
    static_cast<void>(api::kit::parse_replace<Board>({{"id", 9}, {"steps", {{{"label", ""}}}}}));
    FAIL() << "accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("version"));
    EXPECT_TRUE(e.fields().contains("name"));
    EXPECT_TRUE(e.fields().contains("id"));  // read-only
    EXPECT_TRUE(e.fields().contains("steps[0].label"));
  }
  http::SchemaRegistry schemas;
  const auto name = api::kit::add_component<Board>(schemas, api::kit::Shape::kReplace);
  EXPECT_EQ(name, "BoardReplace");
  const auto& schema = schemas.at(name);
  EXPECT_EQ(schema["required"], nlohmann::json({"name", "version"}));
  EXPECT_FALSE(schema["properties"].contains("id"));
  EXPECT_FALSE(schema["properties"].contains("plan"));
}

TEST(KitDocuments, NestedRecordsOfARequestAreDocumentedWhole) {
  http::SchemaRegistry schemas;
  const auto patch = api::kit::add_component<Board>(schemas, api::kit::Shape::kPatch);
  EXPECT_EQ(schemas.at(patch)["properties"]["steps"]["items"]["$ref"],
            "#/components/schemas/StepCreate");
  EXPECT_TRUE(schemas.contains("StepCreate"));
  EXPECT_FALSE(schemas.contains("StepPatch"));
  const auto read = api::kit::add_component<Board>(schemas, api::kit::Shape::kRead);
  // A document is documented as its declared type.
  EXPECT_EQ(schemas.at(read)["properties"]["plan"]["$ref"], "#/components/schemas/Plan");
  EXPECT_EQ(schemas.at("Plan")["properties"]["steps"]["items"]["$ref"],
            "#/components/schemas/Step");
}

TEST(KitDocuments, DecimalsTakeTheFormTheirColumnKeeps) {
  const auto patch =
      api::kit::parse_patch<Board>({{"version", 1}, {"weight", 2.5}, {"ratio", 2.5}});
  EXPECT_EQ(patch.values.weight.text, "2.500");  // numeric(7,3) keeps three decimals
  EXPECT_EQ(patch.values.ratio.text, "2.5");     // plain numeric keeps what it is given
  EXPECT_EQ(api::kit::parse_patch<Board>({{"version", 1}, {"weight", 3}}).values.weight.text,
            "3.000");
  EXPECT_THROW(static_cast<void>(api::kit::parse_patch<Board>({{"version", 1}, {"weight", 0}})),
               core::ValidationError);  // exclusive low bound
}

TEST(KitDocuments, TheDeclaredSchemaHasTheDecimalDefaultAndTheJsonbColumn) {
  schema::build::TableBuilder t("boards", "Boards");
  schema::build::columns_of<Board>(t);
  const auto table = std::move(t).build();
  const auto column = [&](const std::string& name) {
    return *std::ranges::find_if(table.columns,
                                 [&](const schema::Column& c) { return c.name == name; });
  };
  EXPECT_EQ(column("weight").type, "numeric(7,3)");
  EXPECT_EQ(column("weight").default_expr, "1");
  EXPECT_EQ(column("plan").type, "jsonb");
  EXPECT_FALSE(column("plan").nullable);
  EXPECT_FALSE(column("ratio").default_expr.has_value());  // no db_default()
}

}  // namespace qgp::kit_documents_test
