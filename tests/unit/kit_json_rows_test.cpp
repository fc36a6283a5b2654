// Records the database assembles as JSON for a read-only view: a kit::Json<std::vector<Item>>
// built in SQL from Item's declaration (Field::rows_from, a user's roles), and a kit::Json of an
// expression (an audit entry's changes, a map of {before, after} whose values are kit::Value). The
// API renders them through the declared type and documents them as it; a request cannot set
// them, the audit trail never records them. No database.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/openapi.hpp"
#include "core/errors.hpp"
#include "domain/common/records.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "store/kit/rows.hpp"

namespace qgp::kit_json_rows_test {

struct Label {
  std::int64_t id = 0;
  std::string name;
  kit::Timestamp created_at;
};
constexpr auto describe(kit::Tag<Label> /*unused*/) {
  return kit::resource<Label>(
      {.name = "Label", .table = "labels", .alias = "l", .order = "lower(l.name)"},
      kit::field("id", &Label::id).server(), kit::field("name", &Label::name).server(),
      kit::field("created_at", &Label::created_at).server());
}

struct Pair {
  kit::Value before;
  kit::Value after;
};
constexpr auto describe(kit::Tag<Pair> /*unused*/) {
  return kit::resource<Pair>({.name = "Pair"}, kit::field("before", &Pair::before).server(),
                             kit::field("after", &Pair::after).server());
}

struct Box : kit::Record {
  std::string title;
  kit::Json<std::vector<Label>> labels;
  kit::Json<std::map<std::string, Pair>> diff;
};
constexpr auto describe(kit::Tag<Box> /*unused*/) {
  return kit::record_resource<Box>(
      {.name = "Box", .noun = "box", .entity = "box", .table = "boxes", .alias = "b"},
      kit::field("title", &Box::title).text(1, 20),
      kit::field("labels", &Box::labels)
          .rows_from("JOIN box_labels bl ON bl.label_id = l.id WHERE bl.box_id = b.id"),
      kit::field("diff", &Box::diff).expression("(b.changes - '_note')"));
}

using nlohmann::json;

TEST(KitJsonRows, RowsAreBuiltInSqlFromTheItemsDeclaration) {
  const auto& sql = store::kit::select_from<Box>();
  EXPECT_NE(sql.find("(SELECT coalesce(jsonb_agg(jsonb_build_object('id', l.id, 'name', l.name, "
                     "'created_at', to_char((l.created_at) AT TIME ZONE 'UTC'"),
            std::string::npos)
      << sql;
  EXPECT_NE(sql.find("ORDER BY lower(l.name), l.id), '[]'::jsonb) FROM labels l JOIN box_labels "
                     "bl ON bl.label_id = l.id WHERE bl.box_id = b.id)::text AS \"labels\""),
            std::string::npos)
      << sql;
  EXPECT_NE(sql.find("(b.changes - '_note')::text AS \"diff\""), std::string::npos) << sql;
}

TEST(KitJsonRows, TheApiRendersThemThroughTheDeclaredType) {
  Box box;
  box.title = "Tools";
  box.labels.text =
      R"([{"id": 2, "name": "red", "created_at": "2026-01-02T03:04:05.000000Z", "extra": 1}])";
  box.diff.text = R"({"title": {"before": null, "after": "Tools"},
                      "weight": {"before": 2, "after": 2.75}, "done": {"before": false,
                      "after": true}})";
  const auto rendered = api::kit::render(box);
  EXPECT_EQ(rendered["labels"], json::parse(R"([{"id": 2, "name": "red",
      "created_at": "2026-01-02T03:04:05.000000Z"}])"));  // only declared keys
  EXPECT_EQ(rendered["diff"], json::parse(box.diff.text));
  const auto diff = api::kit::from_stored<std::map<std::string, Pair>>(json::parse(box.diff.text));
  EXPECT_EQ(diff.at("title").before, kit::Value());
  EXPECT_EQ(diff.at("weight").before, kit::Value(std::int64_t{2}));
  EXPECT_EQ(diff.at("weight").after, kit::Value(kit::Decimal{"2.75"}));
  EXPECT_EQ(diff.at("done").after, kit::Value(true));
}

TEST(KitJsonRows, OpenApiDocumentsTheDeclaredShape) {
  http::SchemaRegistry schemas;
  api::kit::add_component<Box>(schemas, api::kit::Shape::kRead);
  const auto& labels = schemas.at("Box")["properties"]["labels"];
  EXPECT_EQ(labels["type"], "array");
  EXPECT_EQ(labels["items"]["$ref"], "#/components/schemas/Label");
  EXPECT_EQ(labels["readOnly"], true);
  const auto& diff = schemas.at("Box")["properties"]["diff"];
  EXPECT_EQ(diff["type"], "object");
  EXPECT_EQ(diff["additionalProperties"]["$ref"], "#/components/schemas/Pair");
  EXPECT_EQ(schemas.at("Pair")["properties"]["before"]["type"],
            json::array({"boolean", "number", "string", "null"}));
  EXPECT_EQ(schemas.at("Label")["required"], json::array({"id", "name", "created_at"}));
  api::kit::add_component<Box>(schemas, api::kit::Shape::kCreate);
  EXPECT_FALSE(schemas.at("BoxCreate")["properties"].contains("labels"));
}

TEST(KitJsonRows, ARequestCannotSetThemAndTheAuditTrailIgnoresThem) {
  try {
    static_cast<void>(api::kit::parse_create<Box>({{"title", "Tools"}, {"labels", json::array()}}));
    ADD_FAILURE() << "labels were accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("labels"), "is read-only (set by the server)");
  }
  Box before;
  before.title = "Tools";
  auto after = before;
  after.labels.text = "[]";
  after.diff.text = "{}";
  EXPECT_TRUE(domain::common::changes(before, after).empty());
}

}  // namespace qgp::kit_json_rows_test
