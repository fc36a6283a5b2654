// Counts per value of a declared enumeration (std::map<Enum, V>): every enumerator is a key of
// the rendered object, absent ones with V{}, and the OpenAPI schema names each key (closed, all
// required), so a client knows the keys without reading the code.
#include <cstdint>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/openapi.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"

namespace qgp::kit_enum_map_test {
namespace {

using nlohmann::json;

QGP_KIT_ENUM(Colour, kRed, kDarkGreen, kBlue)

struct Tally {
  std::map<Colour, std::int64_t> by_colour;
};

constexpr auto describe(kit::Tag<Tally> /*unused*/) {
  return kit::resource<Tally>({.name = "TestTally"},
                              kit::field("by_colour", &Tally::by_colour).server());
}

static_assert(kit::kIsEnumMap<std::map<Colour, std::int64_t>>);
static_assert(kit::kIsComposite<std::map<Colour, std::int64_t>>);
static_assert(!kit::kIsEnumMap<std::map<std::string, std::int64_t>>);

TEST(KitEnumMap, RendersEveryEnumeratorAsAKey) {
  Tally tally;
  EXPECT_EQ(api::kit::render(tally).at("by_colour"),
            (json{{"red", 0}, {"dark_green", 0}, {"blue", 0}}));
  tally.by_colour[Colour::kBlue] = 3;
  tally.by_colour[Colour::kRed] = 1;
  EXPECT_EQ(api::kit::render(tally).at("by_colour"),
            (json{{"red", 1}, {"dark_green", 0}, {"blue", 3}}));
}

TEST(KitEnumMap, OpenApiNamesEveryKeyAndClosesTheObject) {
  http::SchemaRegistry schemas;
  const auto name = api::kit::add_component<Tally>(schemas, api::kit::Shape::kRead);
  const auto& schema = schemas.at(name).at("properties").at("by_colour");
  EXPECT_EQ(schema.at("type"), "object");
  EXPECT_EQ(schema.at("additionalProperties"), false);
  EXPECT_EQ(schema.at("required"), json::array({"red", "dark_green", "blue"}));
  EXPECT_EQ(schema.at("properties").at("dark_green").at("type"), "integer");
  EXPECT_EQ(schema.at("properties").size(), 3U);
  // Server-set counts are zero for an absent key: no id-style minimum of 1 on the values.
  EXPECT_FALSE(schema.at("properties").at("blue").contains("minimum"));
}

}  // namespace
}  // namespace qgp::kit_enum_map_test
