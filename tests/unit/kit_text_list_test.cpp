// Lists of text in the resource kit: a std::vector<std::string> a client sends and the module
// stores itself (written_by_module: a role's permission names), read back from an SQL expression
// as a text[] and recorded in the audit trail; and the reader of PostgreSQL's text[] output.
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/openapi.hpp"
#include "core/errors.hpp"
#include "domain/common/records.hpp"
#include "kit/field.hpp"
#include "store/kit/rows.hpp"

namespace qgp::kit_text_list_test {

struct Crew : kit::Record {
  std::string name;
  std::vector<std::string> skills;
};
constexpr auto describe(kit::Tag<Crew> /*unused*/) {
  return kit::record_resource<Crew>(
      {.name = "Crew", .noun = "crew", .entity = "crew", .table = "crews", .alias = "c"},
      kit::field("name", &Crew::name).text(1, 20),
      kit::field("skills", &Crew::skills)
          .expression("(SELECT array_agg(s.name ORDER BY s.name) FROM crew_skills s "
                      "WHERE s.crew_id = c.id)")
          .written_by_module()
          .items(3));
}

using nlohmann::json;

TEST(KitTextList, ClientsSendItTheStoreReadsItsExpressionAndTheAuditTrailRecordsIt) {
  const auto crew =
      api::kit::parse_create<Crew>({{"name", "Night"}, {"skills", {"first aid", "fire"}}});
  EXPECT_EQ(crew.skills, (std::vector<std::string>{"first aid", "fire"}));
  try {
    static_cast<void>(api::kit::parse_create<Crew>({{"name", "Night"}, {"skills", {"a", 1}}}));
    ADD_FAILURE() << "a number was accepted as a skill";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("skills[1]"), "must be a string, not a number");
  }
  const auto patch = api::kit::parse_patch<Crew>({{"version", 1}, {"skills", json::array()}});
  EXPECT_TRUE(patch.has("skills"));

  EXPECT_NE(store::kit::select_from<Crew>().find(
                "(SELECT array_agg(s.name ORDER BY s.name) FROM crew_skills s WHERE s.crew_id = "
                "c.id) AS \"skills\""),
            std::string::npos);

  auto after = crew;
  after.skills = {"fire"};
  const auto changes = domain::common::changes(crew, after).changes();
  ASSERT_EQ(changes.size(), 1U);
  EXPECT_EQ(changes[0].field, "skills");
  EXPECT_EQ(changes[0].before, kit::Value(std::string("first aid,fire")));
  EXPECT_EQ(changes[0].after, kit::Value(std::string("fire")));

  http::SchemaRegistry schemas;
  api::kit::add_component<Crew>(schemas, api::kit::Shape::kRead);
  const auto& skills = schemas.at("Crew")["properties"]["skills"];
  EXPECT_EQ(skills["items"]["type"], "string");
  EXPECT_FALSE(skills.contains("readOnly"));
}

TEST(KitTextList, PostgresTextArraysAreReadElementByElement) {
  using store::kit::parse_text_array;
  EXPECT_TRUE(parse_text_array("{}").empty());
  EXPECT_EQ(parse_text_array("{audits:read,users:admin}"),
            (std::vector<std::string>{"audits:read", "users:admin"}));
  EXPECT_EQ(parse_text_array(R"({"a b","c\"d","e\\f","",plain})"),
            (std::vector<std::string>{"a b", "c\"d", "e\\f", "", "plain"}));
  EXPECT_THROW(parse_text_array("{a,NULL}"), std::logic_error);
  EXPECT_THROW(parse_text_array("{a,}"), std::logic_error);
  EXPECT_THROW(parse_text_array(R"({"open)"), std::logic_error);
  EXPECT_THROW(parse_text_array("a,b"), std::logic_error);
}

}  // namespace qgp::kit_text_list_test
