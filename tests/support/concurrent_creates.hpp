#pragma once

#include <functional>
#include <set>
#include <string>

#include "db/connection.hpp"
#include "db/transaction.hpp"

namespace qgp::testing {

// Runs `create(tx)` from `count` threads at once, each in its own unit of work on its own
// connection to `url`, released together by a latch (the race for reference numbers). Returns how
// many threw.
int create_concurrently(const std::string& url, int count,
                        const std::function<void(db::Transaction&)>& create);

// The distinct values of the first column of `sql`'s rows, and how many rows there were.
struct Column {
  std::set<std::string> distinct;
  int rows = 0;
};
Column column_values(db::Connection& connection, const std::string& sql);

}  // namespace qgp::testing
