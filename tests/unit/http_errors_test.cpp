#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "db/errors.hpp"
#include "http/errors.hpp"
#include "http/request_id.hpp"

namespace qgp::http {
namespace {

using core::ErrorCode;

TEST(HttpErrors, StatusTable) {
  const std::vector<std::pair<ErrorCode, int>> table = {{ErrorCode::kBadRequest, 400},
                                                        {ErrorCode::kValidation, 422},
                                                        {ErrorCode::kNotFound, 404},
                                                        {ErrorCode::kConflict, 409},
                                                        {ErrorCode::kPreconditionFailed, 412},
                                                        {ErrorCode::kInvalidTransition, 409},
                                                        {ErrorCode::kUnauthenticated, 401},
                                                        {ErrorCode::kForbidden, 403},
                                                        {ErrorCode::kRateLimited, 429},
                                                        {ErrorCode::kPayloadTooLarge, 413},
                                                        {ErrorCode::kUnsupportedMediaType, 415},
                                                        {ErrorCode::kMethodNotAllowed, 405},
                                                        {ErrorCode::kTimeout, 503},
                                                        {ErrorCode::kUnavailable, 503},
                                                        {ErrorCode::kBusy, 503},
                                                        {ErrorCode::kInternal, 500}};
  for (const auto& [code, status] : table) {
    EXPECT_EQ(status_for(code), status) << core::error_code_name(code);
    EXPECT_FALSE(generic_message(code).empty());
  }
}

nlohmann::json body_of(const Response& response) {
  return nlohmann::json::parse(response.body);
}

Response render(const std::exception_ptr& error) {
  return response_for_exception(error, "req-1");
}

TEST(HttpErrors, AFullQueueIsBusyWithRetryAfterAndTheCallersMessage) {
  const auto response = render(std::make_exception_ptr(
      core::Busy("too many sign-ins at once: 32 are being handled or queued", 3)));
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.header("Retry-After"), "3");
  const auto body = body_of(response);
  EXPECT_EQ(body["error_code"], "BUSY");
  EXPECT_EQ(body["message"], "too many sign-ins at once: 32 are being handled or queued");
  // A Busy is never told to retry at once.
  EXPECT_EQ(render(std::make_exception_ptr(core::Busy("full", 0))).header("Retry-After"), "1");
}

TEST(HttpErrors, EnvelopeShape) {
  const auto response = error_response(ErrorCode::kNotFound, "no such incident", "abc");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.header("Content-Type"), "application/json");
  const auto body = body_of(response);
  EXPECT_EQ(body, (nlohmann::json{{"error_code", "NOT_FOUND"},
                                  {"message", "no such incident"},
                                  {"details", nlohmann::json::object()},
                                  {"request_id", "abc"}}));
}

TEST(HttpErrors, ValidationErrorCarriesFields) {
  const auto response = render(std::make_exception_ptr(
      core::ValidationError(core::FieldErrors{{"title", "is required"}, {"severity", "bad"}})));
  EXPECT_EQ(response.status, 422);
  const auto body = body_of(response);
  EXPECT_EQ(body["error_code"], "VALIDATION_ERROR");
  EXPECT_EQ(body["details"]["fields"]["title"], "is required");
  EXPECT_EQ(body["details"]["fields"]["severity"], "bad");
  EXPECT_EQ(body["request_id"], "req-1");
}

TEST(HttpErrors, DatabaseMessagesNeverReachClients) {
  db::Diagnostics diagnostics;
  diagnostics.sqlstate = "23505";
  diagnostics.message = "duplicate key value violates unique constraint: (email)=(alice@secret)";
  diagnostics.constraint = "users_email_key";
  const auto response = render(std::make_exception_ptr(db::UniqueViolation(diagnostics)));
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(response.body.find("alice"), std::string::npos);
  EXPECT_EQ(response.body.find("duplicate key"), std::string::npos);
  EXPECT_EQ(body_of(response)["error_code"], "CONFLICT");

  diagnostics.sqlstate = "08006";
  const auto unavailable = render(std::make_exception_ptr(db::ConnectionError(diagnostics)));
  EXPECT_EQ(unavailable.status, 503);
  EXPECT_EQ(unavailable.body.find("alice"), std::string::npos);
}

TEST(HttpErrors, TypedErrorsKeepTheirMessage) {
  const auto response = render(std::make_exception_ptr(core::InvalidTransition("closed -> open")));
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(body_of(response)["message"], "closed -> open");
  EXPECT_EQ(body_of(response)["error_code"], "INVALID_TRANSITION");
}

TEST(HttpErrors, UnknownExceptionsAreGeneric500) {
  const auto response =
      render(std::make_exception_ptr(std::runtime_error("password=hunter2 in a message")));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(body_of(response)["error_code"], "INTERNAL");
  EXPECT_EQ(response.body.find("hunter2"), std::string::npos);
  const auto thrown_int = render(std::make_exception_ptr(42));
  EXPECT_EQ(thrown_int.status, 500);
  const auto internal =
      render(std::make_exception_ptr(core::Error(ErrorCode::kInternal, "secret detail")));
  EXPECT_EQ(internal.body.find("secret detail"), std::string::npos);
}

TEST(HttpErrors, StatusOverrideForProtocolErrors) {
  const auto response = error_response(ErrorCode::kBadRequest, "headers too large", "r",
                                       nlohmann::json::object(), 431);
  EXPECT_EQ(response.status, 431);
  EXPECT_EQ(body_of(response)["error_code"], "BAD_REQUEST");
}

TEST(HttpRequestId, Validation) {
  EXPECT_TRUE(is_valid_request_id("abc-123_X.y"));
  EXPECT_TRUE(is_valid_request_id(std::string(128, 'a')));
  EXPECT_FALSE(is_valid_request_id(std::string(129, 'a')));
  EXPECT_FALSE(is_valid_request_id(""));
  EXPECT_FALSE(is_valid_request_id("has space"));
  EXPECT_FALSE(is_valid_request_id("new\nline"));
  EXPECT_FALSE(is_valid_request_id("quote\""));
  EXPECT_FALSE(is_valid_request_id("ümlaut"));
}

TEST(HttpRequestId, ResolveKeepsValidAndReplacesInvalid) {
  EXPECT_EQ(resolve_request_id(std::string_view("client-id-1")), "client-id-1");
  const auto generated = resolve_request_id(std::string_view("bad id"));
  EXPECT_EQ(generated.size(), 32U);
  EXPECT_TRUE(is_valid_request_id(generated));
  EXPECT_NE(resolve_request_id(std::nullopt), resolve_request_id(std::nullopt));
}

}  // namespace
}  // namespace qgp::http
