#include "support/concurrent_creates.hpp"

#include <atomic>
#include <exception>
#include <latch>
#include <thread>
#include <vector>

namespace qgp::testing {

int create_concurrently(const std::string& url, int count,
                        const std::function<void(db::Transaction&)>& create) {
  std::atomic<int> failures{0};
  std::latch start(count);
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(count));
  for (int t = 0; t < count; ++t) {
    threads.emplace_back([&] {
      try {
        db::Connection connection(url);
        start.arrive_and_wait();
        db::Transaction transaction(connection);
        create(transaction);
        transaction.commit();
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

Column column_values(db::Connection& connection, const std::string& sql) {
  const auto result = connection.exec(sql);
  Column out;
  out.rows = result.rows();
  for (int row = 0; row < result.rows(); ++row) {
    out.distinct.insert(result.string(row, 0));
  }
  return out;
}

}  // namespace qgp::testing
