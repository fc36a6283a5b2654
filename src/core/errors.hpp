#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace qgp::core {

// Stable error codes of the API contract (docs/architecture.md section 5), the catalogue every
// error body's `error_code` comes from: error_code_name() spells them, one place (http/) maps them
// to status.
//   BAD_REQUEST 400, VALIDATION_ERROR 422, NOT_FOUND 404, CONFLICT 409, PRECONDITION_FAILED 412,
//   INVALID_TRANSITION 409, UNAUTHENTICATED 401, FORBIDDEN 403, RATE_LIMITED 429 (+ Retry-After),
//   PAYLOAD_TOO_LARGE 413, UNSUPPORTED_MEDIA_TYPE 415, METHOD_NOT_ALLOWED 405, TIMEOUT 503,
//   UNAVAILABLE 503 (a dependency or the service is down or draining), BUSY 503 + Retry-After (a
//   bounded queue is full: retry after the delay; docs/adr/0012), INTERNAL 500.
enum class ErrorCode : std::uint8_t {
  kBadRequest,
  kValidation,
  kNotFound,
  kConflict,
  kPreconditionFailed,
  kInvalidTransition,
  kUnauthenticated,
  kForbidden,
  kRateLimited,
  kPayloadTooLarge,
  kUnsupportedMediaType,
  kMethodNotAllowed,
  kTimeout,
  kUnavailable,
  kBusy,
  kInternal,
};

std::string_view error_code_name(ErrorCode code);

// Base of every typed error that domain, store and db code throws. The message is safe to show a
// client: it never carries SQL, secrets or stack traces.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

using FieldErrors = std::map<std::string, std::string>;

class ValidationError : public Error {
 public:
  explicit ValidationError(FieldErrors fields, const std::string& message = "validation failed")
      : Error(ErrorCode::kValidation, message), fields_(std::move(fields)) {}
  ValidationError(const std::string& field, const std::string& problem)
      : Error(ErrorCode::kValidation, "validation failed"), fields_{{field, problem}} {}
  [[nodiscard]] const FieldErrors& fields() const noexcept { return fields_; }

 private:
  FieldErrors fields_;
};

class NotFound : public Error {
 public:
  explicit NotFound(const std::string& message) : Error(ErrorCode::kNotFound, message) {}
};

class Conflict : public Error {
 public:
  explicit Conflict(const std::string& message) : Error(ErrorCode::kConflict, message) {}
};

class InvalidTransition : public Error {
 public:
  explicit InvalidTransition(const std::string& message)
      : Error(ErrorCode::kInvalidTransition, message) {}
};

class Forbidden : public Error {
 public:
  explicit Forbidden(const std::string& message = "permission denied")
      : Error(ErrorCode::kForbidden, message) {}
};

class Unauthenticated : public Error {
 public:
  explicit Unauthenticated(const std::string& message = "authentication required")
      : Error(ErrorCode::kUnauthenticated, message) {}
};

// Too many attempts (login throttling): 429 with a Retry-After of `retry_after_seconds`.
class RateLimited : public Error {
 public:
  RateLimited(const std::string& message, std::int64_t retry_after_seconds)
      : Error(ErrorCode::kRateLimited, message), retry_after_seconds_(retry_after_seconds) {}
  [[nodiscard]] std::int64_t retry_after_seconds() const noexcept { return retry_after_seconds_; }

 private:
  std::int64_t retry_after_seconds_;
};

// A dependency or the service itself cannot take the request now: 503, with a Retry-After when
// `retry_after_seconds` > 0.
class Unavailable : public Error {
 public:
  explicit Unavailable(const std::string& message, std::int64_t retry_after_seconds = 0)
      : Error(ErrorCode::kUnavailable, message), retry_after_seconds_(retry_after_seconds) {}
  [[nodiscard]] std::int64_t retry_after_seconds() const noexcept { return retry_after_seconds_; }

 protected:
  Unavailable(ErrorCode code, const std::string& message, std::int64_t retry_after_seconds)
      : Error(code, message), retry_after_seconds_(retry_after_seconds) {}

 private:
  std::int64_t retry_after_seconds_;
};

// The request waited for a place in a bounded queue (e.g. password hashing) and the queue is
// full: 503 BUSY with a Retry-After of at least one second.
class Busy : public Unavailable {
 public:
  Busy(const std::string& message, std::int64_t retry_after_seconds)
      : Unavailable(ErrorCode::kBusy, message, retry_after_seconds < 1 ? 1 : retry_after_seconds) {}
};

}  // namespace qgp::core
