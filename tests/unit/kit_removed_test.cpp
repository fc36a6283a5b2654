// domain::common::removed: what the audit trail records of a deleted record (each audited value
// to null), the mirror of created(). No database.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/common/records.hpp"
#include "kit/field.hpp"

namespace qgp::kit_removed_test {

struct Shelf : kit::Record {
  std::string name;
  std::optional<std::string> note;
  std::string secret;
  std::vector<std::string> tags;
  std::int64_t count = 0;
};
constexpr auto describe(kit::Tag<Shelf> /*unused*/) {
  return kit::record_resource<Shelf>(
      {.name = "Shelf", .entity = "shelf", .table = "shelves", .alias = "s"},
      kit::field("name", &Shelf::name), kit::field("note", &Shelf::note),
      kit::field("secret", &Shelf::secret).sensitive(),
      kit::field("tags", &Shelf::tags).expression("s.tags").written_by_module(),
      kit::field("count", &Shelf::count).expression("s.count"));
}

TEST(KitRemoved, EveryAuditedValueGoesToNull) {
  Shelf shelf;
  shelf.id = 3;
  shelf.name = "Top";
  shelf.secret = "x";
  shelf.tags = {"a", "b"};
  shelf.count = 7;
  const auto changes = domain::common::removed(shelf).changes();
  ASSERT_EQ(changes.size(), 3U);
  EXPECT_EQ(changes[0].field, "name");
  EXPECT_EQ(changes[0].before, kit::Value(std::string("Top")));
  EXPECT_EQ(changes[0].after, kit::Value());
  EXPECT_EQ(changes[1].field, "secret");
  EXPECT_EQ(changes[1].before, kit::Value(std::string("(set)")));  // never the value
  EXPECT_EQ(changes[2].field, "tags");
  EXPECT_EQ(changes[2].before, kit::Value(std::string("a,b")));
}

}  // namespace qgp::kit_removed_test
