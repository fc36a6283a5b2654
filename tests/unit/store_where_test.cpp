// common::Where: only the filters in use become SQL, numbered in the order they are added.
#include <cstdint>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "store/common/where.hpp"

namespace qgp::store::common {
namespace {

TEST(Where, NoFiltersIsNoWhereClause) {
  db::Params params;
  Where where(params);
  EXPECT_EQ(where.sql(), "");
  EXPECT_EQ(params.size(), 0);
}

TEST(Where, NumbersParametersAfterTheCallersAndRepeatsOneForEveryPlaceholder) {
  db::Params params(std::int64_t{42});  // $1 belongs to the caller
  Where where(params);
  where.add("t.archived_at IS NULL")
      .add("t.status = {}", std::string("open"))
      .add("t.name ILIKE '%' || {} || '%' OR t.code ILIKE {} || '%'", std::string("fire"));
  EXPECT_EQ(where.sql(),
            " WHERE (t.archived_at IS NULL) AND (t.status = $2) AND (t.name ILIKE '%' || $3 || "
            "'%' OR t.code ILIKE $3 || '%')");
  EXPECT_EQ(params.size(), 3);
}

TEST(Where, AddIfSkipsAbsentFiltersWithoutTakingANumber) {
  db::Params params;
  Where where(params);
  const std::optional<std::string> status;
  const std::optional<std::int64_t> owner = 7;
  const std::optional<bool> active = false;
  where.add_if(status, "t.status = {}").add_if(owner, "t.owner_id = {}");
  where.add_if(active, "t.is_active = {}");
  EXPECT_EQ(where.sql(), " WHERE (t.owner_id = $1) AND (t.is_active = $2)");
  EXPECT_EQ(params.size(), 2);
}

}  // namespace
}  // namespace qgp::store::common
