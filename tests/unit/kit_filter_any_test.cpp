// Field::filter_any(): a list parameter that takes a comma-separated list of an enumeration's
// values (?status=open,closed), validated value by value and documented as an array parameter.
// The store's SQL (= ANY) is proven against PostgreSQL by the runs list tests.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/list.hpp"
#include "core/errors.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"

namespace qgp::kit_filter_any_test {
namespace {

using nlohmann::json;

QGP_KIT_ENUM(Phase, kDraft, kLive, kRetired)

struct Item {
  Phase phase{};
  Phase stage{};
};

constexpr auto describe(kit::Tag<Item> /*unused*/) {
  return kit::resource<Item>({.name = "TestItem"}, kit::field("phase", &Item::phase).filter_any(),
                             kit::field("stage", &Item::stage).filter());
}

kit::ListQuery parse(const std::string& name, const std::string& value) {
  http::QueryParams params;
  params.emplace(name, value);
  return api::kit::parse_list(params, api::kit::list_spec<Item>());
}

std::string problem(const std::string& name, const std::string& value) {
  try {
    (void)parse(name, value);
  } catch (const core::ValidationError& e) {
    return e.fields().at(name);
  }
  ADD_FAILURE() << name << "=" << value << " was accepted";
  return {};
}

TEST(KitFilterAny, TakesOneOrSeveralKnownValues) {
  const auto one = parse("phase", "live");
  ASSERT_EQ(one.conditions.size(), 1U);
  EXPECT_EQ(std::get<std::string>(one.conditions[0].value), "live");
  const auto two = parse("phase", "draft,retired");
  EXPECT_EQ(std::get<std::string>(two.conditions[0].value), "draft,retired");
}

TEST(KitFilterAny, RefusesUnknownEmptyAndRepeatedValues) {
  const std::string expected = "must be a comma-separated list of: draft, live, retired";
  EXPECT_EQ(problem("phase", "live,gone"), expected);
  EXPECT_EQ(problem("phase", "live,"), expected);
  EXPECT_EQ(problem("phase", ""), expected);
  EXPECT_EQ(problem("phase", "live,live"), expected);
  // A plain enumeration filter still takes exactly one value.
  EXPECT_EQ(problem("stage", "draft,live"), "must be one of: draft, live, retired");
}

TEST(KitFilterAny, DocumentedAsACommaSeparatedArray) {
  const auto parameters = api::kit::list_parameters(api::kit::list_spec<Item>());
  json phase;
  json stage;
  for (const auto& parameter : parameters) {
    if (parameter.at("name") == "phase") {
      phase = parameter;
    } else if (parameter.at("name") == "stage") {
      stage = parameter;
    }
  }
  EXPECT_EQ(phase.at("schema").at("type"), "array");
  EXPECT_EQ(phase.at("schema").at("items").at("enum"), json::array({"draft", "live", "retired"}));
  EXPECT_EQ(phase.at("style"), "form");
  EXPECT_EQ(phase.at("explode"), false);
  EXPECT_EQ(stage.at("schema").at("type"), "string");
  EXPECT_FALSE(stage.contains("style"));
}

}  // namespace
}  // namespace qgp::kit_filter_any_test
