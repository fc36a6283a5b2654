#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "db/connection.hpp"

namespace qgp::db {

enum class Isolation : std::uint8_t { kReadCommitted, kRepeatableRead, kSerializable };

// BEGIN on construction (queued to travel with the first statement: db::Connection::begin_ahead);
// ROLLBACK on scope exit unless commit() ran. Nothing is half-applied.
// Inside a transaction already open on the connection it nests, as a savepoint: commit() releases
// it (the outer transaction still decides), rollback undoes only its own work, and the isolation
// and read-only arguments are the outer transaction's. So every use case can declare its own
// atomicity and still be composed into a caller's larger transaction.
class Transaction {
 public:
  explicit Transaction(Connection& connection, Isolation isolation = Isolation::kReadCommitted,
                       bool read_only = false);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction(Transaction&&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  void commit();
  void rollback();
  [[nodiscard]] bool active() const noexcept { return active_; }
  [[nodiscard]] bool nested() const noexcept { return nested_; }
  Connection& connection() noexcept { return connection_; }

 private:
  void undo();  // ROLLBACK (TO SAVEPOINT) of whatever is open

  Connection& connection_;
  bool nested_ = false;
  bool active_ = true;
};

// Runs `work` in a transaction and retries the whole of it (up to `attempts` times, with a short
// jittered backoff) when PostgreSQL reports a serialization failure or deadlock. Nested in an open
// transaction it runs once: only the outermost transaction can be retried.
void with_retry(Connection& connection, Isolation isolation,
                const std::function<void(Transaction&)>& work, int attempts = 5);

}  // namespace qgp::db
