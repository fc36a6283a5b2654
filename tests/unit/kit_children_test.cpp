// Child collections of the resource kit (kit::Field::children): what the store selects, the
// statement that reads the children of many parents at once, the jsonb a snapshot is built from,
// and that children stay out of the generic audit change set (the domain records them).
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/common/records.hpp"
#include "kit/field.hpp"
#include "store/kit/json_sql.hpp"
#include "store/kit/rows.hpp"

namespace qgp::kit_children_test {

struct Leaf {
  std::int64_t id = 0;
  std::int64_t branch_id = 0;
  std::string name;
};

constexpr auto describe(kit::Tag<Leaf> /*unused*/) {
  return kit::resource<Leaf>({.name = "Leaf",
                              .table = "leaves",
                              .alias = "lf",
                              .where = "lf.archived_at IS NULL",
                              .order = "lf.position"},
                             kit::field("id", &Leaf::id).server().as(kit::Role::kId),
                             kit::field("branch_id", &Leaf::branch_id).server(),
                             kit::field("name", &Leaf::name).text(1, 50));
}

struct Branch : kit::Record {
  std::string title;
  std::vector<std::int64_t> tag_ids;
  std::vector<Leaf> leaves;
  Leaf first;
};

constexpr auto describe(kit::Tag<Branch> /*unused*/) {
  return kit::record_resource<Branch>(
      {.name = "Branch", .table = "branches", .alias = "b"},
      kit::field("title", &Branch::title).text(1, 100),
      kit::field("tag_ids", &Branch::tag_ids).linked("branch_tags", "branch_id", "tag_id"),
      kit::field("leaves", &Branch::leaves).children("branch_id"),
      kit::field("first", &Branch::first).children("branch_id").server());
}

TEST(KitChildren, AreNotColumnsOfTheParent) {
  const auto& select = store::kit::select_from<Branch>();
  EXPECT_EQ(select.find("leaves"), std::string::npos) << select;
  EXPECT_EQ(select.find("\"first\""), std::string::npos) << select;
  EXPECT_NE(select.find("AS \"tag_ids\""), std::string::npos) << select;
  EXPECT_TRUE(store::kit::has_children<Branch>());
  EXPECT_FALSE(store::kit::has_children<Leaf>());
}

TEST(KitChildren, AreReadForEveryParentInOneStatementInTheChildsOrder) {
  EXPECT_EQ(store::kit::children_sql<Leaf>("branch_id"),
            "SELECT lf.id AS \"id\", lf.branch_id AS \"branch_id\", lf.name AS \"name\" FROM "
            "leaves lf WHERE lf.branch_id = ANY($1::text[]::bigint[]) AND (lf.archived_at IS "
            "NULL) ORDER BY lf.position, lf.id");
}

TEST(KitChildren, BuildTheSnapshotJsonbNestedAsDeclared) {
  const auto json = store::kit::json_object<Branch>();
  const std::string leaf =
      "jsonb_build_object('id', lf.id, 'branch_id', lf.branch_id, 'name', lf.name)";
  EXPECT_NE(json.find("'title', b.title"), std::string::npos) << json;
  EXPECT_NE(json.find("'tag_ids', coalesce((SELECT jsonb_agg(l.tag_id ORDER BY l.tag_id) FROM "
                      "branch_tags l WHERE l.branch_id = b.id), '[]'::jsonb)"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("'leaves', coalesce((SELECT jsonb_agg(" + leaf
                      + " ORDER BY lf.position, lf.id) FROM leaves lf WHERE lf.branch_id = b.id "
                        "AND (lf.archived_at IS NULL)), '[]'::jsonb)"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("'first', (SELECT " + leaf
                      + " FROM leaves lf WHERE lf.branch_id = b.id AND (lf.archived_at IS NULL))"),
            std::string::npos)
      << json;
  // Timestamps keep the API's RFC 3339 form inside the document too.
  EXPECT_NE(json.find("'created_at', to_char("), std::string::npos) << json;
}

TEST(KitChildren, StayOutOfTheAuditChangeSetAndKeepTheirAccess) {
  Branch before;
  before.title = "Oak";
  auto after = before;
  after.leaves.push_back(Leaf{.id = 1, .branch_id = 1, .name = "new"});
  EXPECT_TRUE(domain::common::changes(before, after).empty());
  EXPECT_EQ(domain::common::created(after).changes().size(), 1U);  // the title only
  const auto& leaves = std::get<3>(kit::kResource<Branch>.fields);
  EXPECT_TRUE(leaves.writable_on_create());  // clients may send children with the parent
  const auto& first = std::get<4>(kit::kResource<Branch>.fields);
  EXPECT_FALSE(first.writable_on_create());
}

}  // namespace qgp::kit_children_test
