#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "db/connection.hpp"
#include "support/unit_of_work.hpp"

namespace qgp::testing {

// Runs `fn(tx)` in `writers` threads at once, each in its own unit of work on its own connection
// to `url`; they start together (a latch, once every connection is open). Returns how many threw.
template <class Fn>
int concurrent_writers(int writers, const std::string& url, const Fn& fn) {
  std::atomic<int> failures{0};
  std::latch start(writers);
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(writers));
  for (int t = 0; t < writers; ++t) {
    threads.emplace_back([&] {
      try {
        db::Connection connection(url);
        start.arrive_and_wait();
        in_transaction(connection, fn);
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  return failures.load();
}

// The distinct values of the first column of `sql` and how many rows it returned.
struct Distinct {
  std::set<std::string> values;
  int rows = 0;
};
inline Distinct distinct_values(db::Connection& connection, const std::string& sql) {
  const auto result = connection.exec(sql);
  Distinct out{.values = {}, .rows = result.rows()};
  for (int row = 0; row < result.rows(); ++row) {
    out.values.insert(result.string(row, 0));
  }
  return out;
}

}  // namespace qgp::testing
