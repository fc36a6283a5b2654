// List totals (ADR-0018) on a real database, through the kit's list of users: exact up to
// kit::kExactTotalUpTo or the end of the requested page, "more than" beyond, exact on request,
// and a page that is not full tells the total by itself.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "kit/list.hpp"
#include "model/identity/user.hpp"
#include "store/kit/list.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

struct Total {
  std::int64_t total = 0;
  bool exact = true;
  std::size_t on_page = 0;
  bool operator==(const Total&) const = default;
};

// GoogleTest finds PrintTo by that name.
void PrintTo(const Total& t, std::ostream* out) {  // NOLINT(readability-identifier-naming)
  *out << "{total " << t.total << (t.exact ? " exact" : " (more)") << ", " << t.on_page
       << " on the page}";
}

class ListTotalsTest : public ::testing::Test {
 protected:
  TestDatabase database_;
  db::Connection connection_{database_.url()};

  // `count` users of one department (the users list filters on it, any case).
  void add_users(std::int64_t count, const std::string& department) {
    connection_.exec(
        "INSERT INTO users (email, password_hash, first_name, last_name, department) "
        "SELECT format('%s.%s@example.com', lower($2), n), "
        "'$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA', 'Test', 'User', $2 "
        "FROM generate_series(1, $1::int) n",
        db::Params(count, department));
  }

  Total total(std::int64_t page, int page_size, std::optional<std::string> department = {},
              bool exact_total = false) {
    kit::ListQuery query;
    query.page = page;
    query.page_size = page_size;
    query.exact_total = exact_total;
    if (department) {
      query.conditions.push_back({"department", *department});
    }
    const auto found = store::kit::list<model::identity::User>(connection_, query);
    return {.total = found.total, .exact = found.total_exact, .on_page = found.items.size()};
  }
};

TEST_F(ListTotalsTest, ASmallListIsCountedExactly) {
  add_users(3, "Quality");
  EXPECT_EQ(total(1, 20), (Total{3, true, 3}));
  EXPECT_EQ(total(2, 2), (Total{3, true, 1}));  // the last page tells the total
  EXPECT_EQ(total(2, 3), (Total{3, true, 0}));  // past the end: counted
  EXPECT_EQ(total(1, 3), (Total{3, true, 3}));  // a full page: counted
  EXPECT_EQ(total(1, 20, "Nobody"), (Total{0, true, 0}));
}

TEST_F(ListTotalsTest, CountingStopsPastTheBoundAndSaysSoUnlessAskedForTheExactTotal) {
  static_assert(kit::kExactTotalUpTo == 1000, "the figures below are written for 1,000");
  add_users(1000, "Exact");
  add_users(1001, "Over");
  // Exactly at the bound: exact. One past it: "more than 1,000".
  EXPECT_EQ(total(1, 20, "Exact"), (Total{1000, true, 20}));
  EXPECT_EQ(total(1, 20, "Over"), (Total{1000, false, 20}));
  EXPECT_EQ(total(1, 20), (Total{1000, false, 20}));
  // Asked for, the exact total however many.
  EXPECT_EQ(total(1, 20, "Over", true), (Total{1001, true, 20}));
  EXPECT_EQ(total(1, 20, {}, true), (Total{2001, true, 20}));
  // Paging on past the bound: the requested page always lies inside the total.
  EXPECT_EQ(total(50, 20), (Total{1000, false, 20}));
  EXPECT_EQ(total(51, 20), (Total{1020, false, 20}));
  EXPECT_EQ(total(100, 20), (Total{2000, false, 20}));
  EXPECT_EQ(total(101, 20), (Total{2001, true, 1}));  // the last page tells the total
  EXPECT_EQ(total(120, 20), (Total{2001, true, 0}));  // past the end: counted to its end
  EXPECT_EQ(total(51, 20, "Over"), (Total{1001, true, 1}));
}

}  // namespace
}  // namespace qgp::testing
