#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace qgp::db {

struct PoolOptions {
  std::size_t size = 8;
  std::chrono::milliseconds acquire_timeout{5000};
  // A connection idle longer than this is pinged before it is handed out.
  std::chrono::milliseconds idle_check_after{30000};
};

class Pool;

// A connection on loan from the pool; returned (or discarded when broken) on destruction.
class PooledConnection {
 public:
  PooledConnection(Pool* pool, std::unique_ptr<Connection> connection)
      : pool_(pool), connection_(std::move(connection)) {}
  PooledConnection(PooledConnection&& other) noexcept = default;
  PooledConnection& operator=(PooledConnection&& other) noexcept = delete;
  PooledConnection(const PooledConnection&) = delete;
  PooledConnection& operator=(const PooledConnection&) = delete;
  ~PooledConnection();

  Connection& operator*() noexcept { return *connection_; }
  Connection* operator->() noexcept { return connection_.get(); }

 private:
  Pool* pool_;
  std::unique_ptr<Connection> connection_;
};

// A bounded pool: at most `size` connections; acquire() waits up to `acquire_timeout` and then
// throws PoolExhausted. Connections are opened lazily, health-checked when idle, and replaced when
// broken (e.g. after a PostgreSQL restart), so the pool heals without a process restart.
class Pool {
 public:
  Pool(std::string conninfo, PoolOptions options);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  Pool(Pool&&) = delete;
  Pool& operator=(Pool&&) = delete;
  ~Pool() = default;

  PooledConnection acquire();

  struct Stats {
    std::size_t size;
    std::size_t open;
    std::size_t idle;
    std::size_t waiting;
  };
  [[nodiscard]] Stats stats() const;

 private:
  friend class PooledConnection;
  void release(std::unique_ptr<Connection> connection) noexcept;

  std::string conninfo_;
  PoolOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
  std::size_t waiting_ = 0;
};

}  // namespace qgp::db
