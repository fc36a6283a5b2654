// Sort keys a resource declares beyond its fields (kit::FilterKind::kSortKey): lists accept and
// document them as sort fields, never as filters, and order by their SQL; store::kit::order_by and
// select_list serve lists written by hand over a declaration. No database.
#include <algorithm>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/list.hpp"
#include "core/errors.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/list.hpp"
#include "store/kit/list.hpp"
#include "store/kit/rows.hpp"

namespace qgp::kit_sort_keys_test {

QGP_KIT_ENUM(Kind, kSmall, kLarge)

// A row of a join: the shelf it is on sorts by the shelf's own name, which no field renders.
struct Box {
  std::string label;
  Kind kind{};
  std::optional<std::string> note;
};

constexpr auto describe(kit::Tag<Box> /*unused*/) {
  return kit::resource<Box>({.name = "Box",
                             .table = "boxes",
                             .alias = "b",
                             .joins = "JOIN shelves sh ON sh.id = b.shelf_id",
                             .order = "b.label"},
                            kit::field("label", &Box::label).text(1, 20).sort(),
                            kit::field("kind", &Box::kind).filter().sort(),
                            kit::field("note", &Box::note).expression("sh.note"))
      .with_filters(kit::Filter{.name = "shelf_name",
                                .kind = kit::FilterKind::kSortKey,
                                .sql = "lower(sh.name)",
                                .doc = "the shelf's name"});
}

namespace {

TEST(KitSortKeys, ADeclaredSortKeyIsSortableAndNeverAFilter) {
  const auto& spec = api::kit::list_spec<Box>();
  EXPECT_NE(std::ranges::find(spec.sortable, "shelf_name"), spec.sortable.end());
  EXPECT_TRUE(std::ranges::none_of(
      spec.filters, [](const api::kit::ListParam& p) { return p.name == "shelf_name"; }));
  const auto query = api::kit::parse_list({{"sort", "-shelf_name,label"}}, spec);
  ASSERT_EQ(query.sort.size(), 2U);
  EXPECT_EQ(query.sort[0].field, "shelf_name");
  EXPECT_TRUE(query.sort[0].descending);
  // As a filter it is an unknown parameter like any other.
  EXPECT_THROW(api::kit::parse_list({{"shelf_name", "top"}}, spec), core::ValidationError);
  const auto documented = api::kit::list_parameters(spec);
  const auto sort =
      std::ranges::find_if(documented, [](const nlohmann::json& p) { return p["name"] == "sort"; });
  ASSERT_NE(sort, documented.end());
  EXPECT_NE((*sort)["schema"]["pattern"].get<std::string>().find("shelf_name"), std::string::npos);
}

TEST(KitSortKeys, OrderByUsesTheFieldsTheDeclaredKeysAndTheIdTiebreak) {
  kit::ListQuery query;
  EXPECT_EQ(store::kit::order_by<Box>(query), " ORDER BY b.label, b.id");
  query.sort = {{.field = "shelf_name", .descending = true}, {.field = "kind"}};
  EXPECT_EQ(store::kit::order_by<Box>(query),
            " ORDER BY lower(sh.name) DESC NULLS LAST, "
            "array_position(ARRAY['small', 'large'], b.kind) ASC NULLS LAST, b.id");
}

TEST(KitSortKeys, SelectListIsTheSelectWithoutItsFrom) {
  EXPECT_EQ(store::kit::select_list<Box>(),
            "b.label AS \"label\", b.kind AS \"kind\", sh.note AS \"note\"");
  EXPECT_EQ(store::kit::select_from<Box>(),
            "SELECT " + store::kit::select_list<Box>()
                + " FROM boxes b JOIN shelves sh ON sh.id = b.shelf_id");
}

}  // namespace
}  // namespace qgp::kit_sort_keys_test
