#pragma once

#include <string>

#include "core/errors.hpp"

namespace qgp::db {

// What PostgreSQL said about a failed statement.
struct Diagnostics {
  std::string sqlstate;
  std::string message;  // primary message; may quote data values
  std::string detail;
  std::string hint;
  std::string constraint;  // for integrity violations
  int position = 0;        // 1-based character offset into the statement, 0 when unknown
};

// A database failure with its SQLSTATE. The text can quote data values, so http/ shows clients only
// the mapped error code, never this message.
class DbError : public core::Error {
 public:
  DbError(core::ErrorCode code, Diagnostics diagnostics)
      : core::Error(code, diagnostics.message), diagnostics_(std::move(diagnostics)) {}
  [[nodiscard]] const std::string& sqlstate() const noexcept { return diagnostics_.sqlstate; }
  [[nodiscard]] const Diagnostics& diagnostics() const noexcept { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

// 23505: a unique constraint said "one".
class UniqueViolation : public DbError {
 public:
  explicit UniqueViolation(Diagnostics d) : DbError(core::ErrorCode::kConflict, std::move(d)) {}
};

// 23503: a referenced row is missing, or a row is still referenced.
class ForeignKeyViolation : public DbError {
 public:
  explicit ForeignKeyViolation(Diagnostics d) : DbError(core::ErrorCode::kConflict, std::move(d)) {}
};

// 23514 / 23502 / 22xxx: the data broke a CHECK, NOT NULL or type rule.
class DataViolation : public DbError {
 public:
  explicit DataViolation(Diagnostics d) : DbError(core::ErrorCode::kValidation, std::move(d)) {}
};

// 40001 / 40P01: the transaction lost a race and may be retried as a whole (see with_retry).
class SerializationFailure : public DbError {
 public:
  explicit SerializationFailure(Diagnostics d)
      : DbError(core::ErrorCode::kConflict, std::move(d)) {}
};

// 55P03 / 57014: a lock or statement timeout expired.
class LockTimeout : public DbError {
 public:
  explicit LockTimeout(Diagnostics d) : DbError(core::ErrorCode::kTimeout, std::move(d)) {}
};

// 08xxx, 57P0x, or a broken socket: the connection is unusable.
class ConnectionError : public DbError {
 public:
  explicit ConnectionError(Diagnostics d) : DbError(core::ErrorCode::kUnavailable, std::move(d)) {}
};

// The pool had no free connection within the acquire timeout.
class PoolExhausted : public core::Error {
 public:
  explicit PoolExhausted(const std::string& message)
      : core::Error(core::ErrorCode::kUnavailable, message) {}
};

// Throws the typed error that matches the SQLSTATE.
[[noreturn]] void throw_for_sqlstate(Diagnostics diagnostics);

}  // namespace qgp::db
