// List refinements of the resource kit: a declared filter that replaces a field's plain comparison
// (one parameter, the declared one), a widening flag (include_archived) that is parsed like any
// flag and documented as a boolean, and a sort key on an expression of its own.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "api/kit/list.hpp"
#include "core/errors.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "store/kit/list.hpp"

namespace qgp::kit_list_test {

QGP_KIT_ENUM(Shade, kLight, kDark)

struct Tile : kit::Record {
  std::string name;
  std::string category;
  Shade shade{};
};

constexpr auto describe(kit::Tag<Tile> /*unused*/) {
  return kit::record_resource<Tile>(
             {.name = "Tile", .table = "tiles", .alias = "t", .order = "lower(t.name)"},
             kit::field("name", &Tile::name).text(1, 50).sort_on("lower(t.name)"),
             kit::field("category", &Tile::category).text(1, 50).filter(),
             kit::field("shade", &Tile::shade).filter().sort())
      .with_filters(kit::Filter{.name = "category",
                                .kind = kit::FilterKind::kText,
                                .sql = "lower(t.category) = lower({})",
                                .doc = "any case"},
                    kit::Filter{.name = "include_archived",
                                .kind = kit::FilterKind::kWidens,
                                .sql = "t.archived_at IS NULL",
                                .doc = "true: archived tiles too"});
}

const api::kit::ListParam* param(std::string_view name) {
  const auto& filters = api::kit::list_spec<Tile>().filters;
  const auto found =
      std::ranges::find_if(filters, [&](const api::kit::ListParam& p) { return p.name == name; });
  return found == filters.end() ? nullptr : &*found;
}

TEST(KitList, ADeclaredFilterReplacesTheFieldsPlainComparison) {
  const auto& filters = api::kit::list_spec<Tile>().filters;
  EXPECT_EQ(std::ranges::count_if(
                filters, [](const api::kit::ListParam& p) { return p.name == "category"; }),
            1);
  ASSERT_NE(param("category"), nullptr);
  EXPECT_EQ(param("category")->doc, "any case");
}

TEST(KitList, AWideningFlagIsABooleanThatOnlyTrueSends) {
  ASSERT_NE(param("include_archived"), nullptr);
  EXPECT_EQ(param("include_archived")->kind, api::kit::ParamKind::kFlag);
  const auto& spec = api::kit::list_spec<Tile>();
  const auto on = api::kit::parse_list({{"include_archived", "true"}}, spec);
  ASSERT_EQ(on.conditions.size(), 1U);
  EXPECT_EQ(on.conditions[0].name, "include_archived");
  EXPECT_TRUE(api::kit::parse_list({{"include_archived", "false"}}, spec).conditions.empty());
  EXPECT_THROW(api::kit::parse_list({{"include_archived", "yes"}}, spec), core::ValidationError);
  const auto documented = api::kit::list_parameters(spec);
  const auto it = std::ranges::find_if(
      documented, [](const nlohmann::json& p) { return p["name"] == "include_archived"; });
  ASSERT_NE(it, documented.end());
  EXPECT_EQ((*it)["schema"]["type"], "boolean");
}

TEST(KitList, ASortKeyMayUseItsOwnExpression) {
  const auto& name = std::get<1>(kit::kResource<Tile>.fields);
  EXPECT_EQ(store::kit::sort_expression<Tile>(name), "lower(t.name)");
  const auto& shade = std::get<3>(kit::kResource<Tile>.fields);
  EXPECT_EQ(store::kit::sort_expression<Tile>(shade),
            "array_position(ARRAY['light', 'dark'], t.shade)");
  EXPECT_EQ(api::kit::list_spec<Tile>().sortable.front(), "name");
}

// ADR-0018: every list may ask for an exact total; the envelope says whether its total is exact.
TEST(KitList, ExactTotalIsAParameterOfEveryListAndTheEnvelopeSaysWhetherTheTotalIsExact) {
  const auto& spec = api::kit::list_spec<Tile>();
  EXPECT_FALSE(api::kit::parse_list({}, spec).exact_total);
  EXPECT_TRUE(api::kit::parse_list({{"exact_total", "true"}}, spec).exact_total);
  EXPECT_FALSE(api::kit::parse_list({{"exact_total", "false"}}, spec).exact_total);
  try {
    (void)api::kit::parse_list({{"exact_total", "yes"}}, spec);
    FAIL() << "exact_total=yes was accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().count("exact_total"), 1U);
  }
  const auto documented = api::kit::list_parameters(spec);
  EXPECT_EQ(std::ranges::count_if(documented,
                                  [](const nlohmann::json& p) {
                                    return p["name"] == "exact_total"
                                           && p["schema"]["type"] == "boolean";
                                  }),
            1);

  kit::ListQuery query;
  query.page = 2;
  query.page_size = 10;
  const auto counted = api::kit::list_envelope(nlohmann::json::array({1, 2}), 21, true, query);
  EXPECT_EQ(counted["total"], 21);
  EXPECT_EQ(counted["total_exact"], true);
  EXPECT_EQ(counted["pages"], 3);
  EXPECT_EQ(counted["page"], 2);
  EXPECT_EQ(counted["page_size"], 10);
  const auto stopped = api::kit::list_envelope(nlohmann::json::array(), 1000, false, query);
  EXPECT_EQ(stopped["total"], 1000);
  EXPECT_EQ(stopped["total_exact"], false);
  EXPECT_EQ(stopped["pages"], 100);
  EXPECT_EQ(api::kit::list_envelope(nlohmann::json::array(), 0, true, query)["pages"], 0);
}

}  // namespace qgp::kit_list_test
