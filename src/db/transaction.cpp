#include "db/transaction.hpp"

#include <chrono>
#include <string>
#include <thread>

#include <sodium.h>

#include "db/errors.hpp"

namespace qgp::db {

namespace {

std::string_view begin_statement(Isolation isolation, bool read_only) {
  switch (isolation) {
    case Isolation::kReadCommitted:
      return read_only ? "BEGIN READ ONLY" : "BEGIN";
    case Isolation::kRepeatableRead:
      return read_only ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                       : "BEGIN ISOLATION LEVEL REPEATABLE READ";
    case Isolation::kSerializable:
      return read_only ? "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY"
                       : "BEGIN ISOLATION LEVEL SERIALIZABLE";
  }
  return "BEGIN";
}

}  // namespace

// One name for every level: PostgreSQL stacks savepoints of the same name, and RELEASE / ROLLBACK
// TO address the innermost one.
constexpr std::string_view kSavepoint = "qgp_nested";

// BEGIN (or SAVEPOINT) is queued, not sent: it travels with the unit of work's first statement,
// and COMMIT carries what was queued behind the last one (the audit row), so neither end of a
// transaction costs a round trip of its own (docs/adr/0012).
Transaction::Transaction(Connection& connection, Isolation isolation, bool read_only)
    : connection_(connection), nested_(connection.in_transaction()) {
  connection_.begin_ahead(nested_ ? "SAVEPOINT " + std::string(kSavepoint)
                                  : std::string(begin_statement(isolation, read_only)));
}

Transaction::~Transaction() {
  if (active_) {
    try {
      rollback();
    } catch (...) {  // NOLINT(bugprone-empty-catch): a broken connection is discarded by the pool
    }
  }
}

void Transaction::commit() {
  active_ = false;
  try {
    connection_.exec(
        nested_ ? "RELEASE SAVEPOINT " + std::string(kSavepoint) : std::string("COMMIT"), Params());
  } catch (...) {
    // A statement queued ahead of the COMMIT failed, so the COMMIT behind it never ran: the work
    // is undone here, and the error is the statement's.
    try {
      undo();
    } catch (...) {  // NOLINT(bugprone-empty-catch): a broken connection is discarded by the pool
    }
    throw;
  }
}

void Transaction::rollback() {
  active_ = false;
  // What is still queued belongs to the work being undone: an error it meets is moot now (a
  // check's verdict, such as a refused principal, was recorded by the check itself).
  try {
    connection_.settle();
  } catch (...) {  // NOLINT(bugprone-empty-catch): undone below, or discarded by the pool
  }
  undo();
}

void Transaction::undo() {
  if (connection_.is_broken() || !connection_.in_transaction()) {
    return;
  }
  if (nested_) {
    const std::string name(kSavepoint);
    connection_.exec("ROLLBACK TO SAVEPOINT " + name + "; RELEASE SAVEPOINT " + name);
  } else {
    connection_.exec("ROLLBACK");
  }
}

void with_retry(Connection& connection, Isolation isolation,
                const std::function<void(Transaction&)>& work, int attempts) {
  for (int attempt = 1;; ++attempt) {
    try {
      Transaction tx(connection, isolation);
      work(tx);
      if (tx.active()) {
        tx.commit();
      }
      return;
    } catch (const SerializationFailure&) {
      if (attempt >= attempts || connection.in_transaction()) {
        throw;
      }
      const auto base_ms = 5U << static_cast<unsigned>(attempt);
      const auto jitter_ms = randombytes_uniform(base_ms);
      std::this_thread::sleep_for(std::chrono::milliseconds(base_ms + jitter_ms));
    }
  }
}

}  // namespace qgp::db
