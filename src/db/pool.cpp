#include "db/pool.hpp"

#include <fmt/format.h>

#include "db/errors.hpp"

namespace qgp::db {

PooledConnection::~PooledConnection() {
  if (pool_ != nullptr && connection_) {
    if (connection_->has_ahead()) {
      // A statement sent ahead is answered before the connection serves anyone else; what its
      // check concludes was already recorded by the check itself.
      try {
        connection_->settle();
      } catch (...) {  // NOLINT(bugprone-empty-catch): the check's verdict, or a broken link
      }
    }
    pool_->release(std::move(connection_));
  }
}

Pool::Pool(std::string conninfo, PoolOptions options)
    : conninfo_(std::move(conninfo)), options_(options) {
  if (options_.size == 0) {
    options_.size = 1;
  }
}

PooledConnection Pool::acquire() {
  std::unique_lock lock(mutex_);
  const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
  ++waiting_;
  const bool got = available_.wait_until(
      lock, deadline, [this] { return !idle_.empty() || open_ < options_.size; });
  --waiting_;
  if (!got) {
    throw PoolExhausted(fmt::format("no database connection free within {} ms (pool size {})",
                                    options_.acquire_timeout.count(), options_.size));
  }
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    lock.unlock();
    const bool stale =
        std::chrono::steady_clock::now() - connection->last_used() > options_.idle_check_after;
    if (connection->is_broken() || (stale && !connection->ping())) {
      try {
        connection->reset();
      } catch (...) {
        lock.lock();
        --open_;
        available_.notify_one();
        throw;
      }
    }
    return {this, std::move(connection)};
  }
  ++open_;  // reserve the slot before connecting without the lock held
  lock.unlock();
  try {
    return {this, std::make_unique<Connection>(conninfo_)};
  } catch (...) {
    lock.lock();
    --open_;
    available_.notify_one();
    throw;
  }
}

void Pool::release(std::unique_ptr<Connection> connection) noexcept {
  // A connection left inside a transaction or broken is not trusted again: reopen it next time.
  const bool reusable = !connection->is_broken() && !connection->in_transaction();
  {
    const std::lock_guard lock(mutex_);
    if (reusable) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
  }
  available_.notify_one();
}

Pool::Stats Pool::stats() const {
  const std::lock_guard lock(mutex_);
  return {.size = options_.size, .open = open_, .idle = idle_.size(), .waiting = waiting_};
}

}  // namespace qgp::db
