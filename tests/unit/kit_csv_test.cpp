// The kit's CSV export of declared records (api/kit/csv.hpp): RFC 4180 quoting, the formula
// injection guard, each member type's CSV form and the column order the caller names.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "api/kit/csv.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"

namespace qgp::kit_csv_test {

QGP_KIT_ENUM(Shade, kLightGrey, kDark)

struct Row {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::int64_t> owner_id;
  Shade shade = Shade::kLightGrey;
  std::optional<kit::Date> due;
  bool done = false;
  std::vector<std::int64_t> ids;
  std::vector<Shade> shades;  // no CSV form: never exported
};
constexpr auto describe(kit::Tag<Row> /*unused*/) {
  using kit::field;
  return kit::resource<Row>(
      {.name = "CsvRow"}, field("id", &Row::id).server(), field("name", &Row::name),
      field("owner_id", &Row::owner_id), field("shade", &Row::shade), field("due", &Row::due),
      field("done", &Row::done), field("ids", &Row::ids), field("shades", &Row::shades));
}

constexpr std::array<std::string_view, 7> kColumns = {"name", "id",   "owner_id", "shade",
                                                      "due",  "done", "ids"};
static_assert(api::kit::csv_columns_exist<Row>(kColumns));
static_assert(!api::kit::csv_columns_exist<Row>(std::array<std::string_view, 1>{"nope"}));

TEST(KitCsv, FieldsAreQuotedAndGuardedPerRfc4180) {
  EXPECT_EQ(api::kit::csv_field("plain"), "plain");
  EXPECT_EQ(api::kit::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(api::kit::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(api::kit::csv_text_field("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(api::kit::csv_text_field("-1,2"), "\"'-1,2\"");
  EXPECT_EQ(api::kit::csv_text_field("ok"), "ok");
}

TEST(KitCsv, ATableOfTheNamedFieldsInTheirOrder) {
  std::vector<Row> rows(2);
  rows[0] = Row{.id = 1,
                .name = "Pump, north",
                .owner_id = 7,
                .shade = Shade::kDark,
                .due = kit::Date{"2027-01-31"},
                .done = true,
                .ids = {3, 5},
                .shades = {Shade::kDark}};
  rows[1].id = 2;
  rows[1].name = "@cmd";
  EXPECT_EQ(api::kit::csv_table<Row>(rows, kColumns),
            "name,id,owner_id,shade,due,done,ids\r\n"
            "\"Pump, north\",1,7,dark,2027-01-31,true,3;5\r\n"
            "'@cmd,2,,light_grey,,false,\r\n");
  EXPECT_EQ(api::kit::csv_table<Row>({}, kColumns), "name,id,owner_id,shade,due,done,ids\r\n");
}

}  // namespace qgp::kit_csv_test
