#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "store/common/page_query.hpp"
#include "support/test_database.hpp"

namespace qgp::store::common {
namespace {

using testing::TestDatabase;

class PageQueryTest : public ::testing::Test {
 protected:
  TestDatabase database_{TestDatabase::Source::kEmpty};
  db::Connection connection_{database_.url()};

  void SetUp() override {
    connection_.exec(
        "CREATE TABLE item (id bigint PRIMARY KEY, kind text NOT NULL, name text NOT NULL); "
        "CREATE TABLE tag (item_id bigint NOT NULL REFERENCES item (id), label text NOT NULL); "
        "INSERT INTO item SELECT g, CASE WHEN g % 3 = 0 THEN 'c' ELSE 'x' END, 'item ' || g "
        "FROM generate_series(1, 30) g; "
        "INSERT INTO tag SELECT id, 'tag of ' || id FROM item");
  }

  // The kind 'x' items whose id is above $2: the page's bounds follow the caller's parameters.
  PageRows fetch(int page, int page_size) {
    const std::string where = " WHERE i.kind = $1 AND i.id > $2";
    return fetch_page(connection_,
                      {.count_from = " FROM item i" + where,
                       .columns = "i.id, t.label",
                       .page_from = " FROM item i JOIN tag t ON t.item_id = i.id" + where,
                       .order = " ORDER BY i.id DESC"},
                      db::Params(std::string("x"), std::int64_t{4}), {page, page_size});
  }

  static std::vector<std::int64_t> ids(const PageRows& found) {
    std::vector<std::int64_t> out;
    for (int row = 0; row < found.rows.rows(); ++row) {
      out.push_back(found.rows.int64(row, 0));
    }
    return out;
  }
};

TEST_F(PageQueryTest, CountsEveryMatchAndReturnsOnePageInOrder) {
  // ids 5..30 not divisible by 3: 17 of them.
  const auto first = fetch(1, 5);
  EXPECT_EQ(first.total, 17);
  EXPECT_EQ(ids(first), (std::vector<std::int64_t>{29, 28, 26, 25, 23}));
  EXPECT_EQ(first.rows.string(0, 1), "tag of 29");
  const auto last = fetch(4, 5);
  EXPECT_EQ(last.total, 17);
  EXPECT_EQ(ids(last), (std::vector<std::int64_t>{7, 5}));
}

TEST_F(PageQueryTest, APagePastTheEndKeepsTheTotalAndHasNoRows) {
  const auto beyond = fetch(5, 5);
  EXPECT_EQ(beyond.total, 17);
  EXPECT_EQ(beyond.rows.rows(), 0);
}

TEST_F(PageQueryTest, NoMatchesIsAnEmptyPage) {
  const auto none = fetch_page(connection_,
                               {.count_from = " FROM item i WHERE i.kind = $1",
                                .columns = "i.id",
                                .page_from = " FROM item i WHERE i.kind = $1",
                                .order = " ORDER BY i.id"},
                               db::Params(std::string("missing")), {1, 20});
  EXPECT_EQ(none.total, 0);
  EXPECT_EQ(none.rows.rows(), 0);
}

}  // namespace
}  // namespace qgp::store::common
