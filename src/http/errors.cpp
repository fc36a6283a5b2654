#include "http/errors.hpp"

#include <string>
#include <typeinfo>

#include <nlohmann/json.hpp>

#include "core/logging.hpp"
#include "db/errors.hpp"

namespace qgp::http {

int status_for(core::ErrorCode code) noexcept {
  using core::ErrorCode;
  switch (code) {
    case ErrorCode::kBadRequest:
      return 400;
    case ErrorCode::kValidation:
      return 422;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPreconditionFailed:
      return 412;
    case ErrorCode::kInvalidTransition:
      return 409;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMediaType:
      return 415;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    // kTimeout: our own dependency (the database) timed out; like kUnavailable, the client may
    // retry.
    case ErrorCode::kTimeout:
    case ErrorCode::kUnavailable:
    case ErrorCode::kBusy:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

std::string_view generic_message(core::ErrorCode code) noexcept {
  using core::ErrorCode;
  switch (code) {
    case ErrorCode::kBadRequest:
      return "bad request";
    case ErrorCode::kValidation:
      return "the data violates a constraint";
    case ErrorCode::kNotFound:
      return "not found";
    case ErrorCode::kConflict:
      return "the request conflicts with the current state of the resource";
    case ErrorCode::kPreconditionFailed:
      return "precondition failed";
    case ErrorCode::kInvalidTransition:
      return "transition not allowed";
    case ErrorCode::kUnauthenticated:
      return "authentication required";
    case ErrorCode::kForbidden:
      return "permission denied";
    case ErrorCode::kRateLimited:
      return "too many requests";
    case ErrorCode::kPayloadTooLarge:
      return "request body too large";
    case ErrorCode::kUnsupportedMediaType:
      return "unsupported media type";
    case ErrorCode::kMethodNotAllowed:
      return "method not allowed";
    case ErrorCode::kTimeout:
      return "the database did not answer in time";
    case ErrorCode::kUnavailable:
      return "service temporarily unavailable";
    case ErrorCode::kBusy:
      return "too many requests of this kind are queued; retry after the given delay";
    case ErrorCode::kInternal:
      return "internal server error";
  }
  return "internal server error";
}

Response error_response(core::ErrorCode code, std::string_view message, std::string_view request_id,
                        const nlohmann::json& details, int status_override) {
  nlohmann::json body = {{"error_code", std::string(core::error_code_name(code))},
                         {"message", std::string(message)},
                         {"details", details.is_object() ? details : nlohmann::json::object()},
                         {"request_id", std::string(request_id)}};
  Response response;
  response.status = status_override != 0 ? status_override : status_for(code);
  response.set_header("Content-Type", "application/json");
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

Response error_response(core::ErrorCode code, std::string_view message,
                        std::string_view request_id) {
  return error_response(code, message, request_id, nlohmann::json::object());
}

Response response_for_exception(const std::exception_ptr& error, std::string_view request_id) {
  try {
    std::rethrow_exception(error);
  } catch (const db::DbError& e) {
    // The text may quote data values: log only the SQLSTATE and constraint.
    core::log::warn("database_error", {{"request_id", std::string(request_id)},
                                       {"sqlstate", e.sqlstate()},
                                       {"constraint", e.diagnostics().constraint},
                                       {"error_code", std::string(error_code_name(e.code()))}});
    return error_response(e.code(), generic_message(e.code()), request_id);
  } catch (const core::ValidationError& e) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [field, problem] : e.fields()) {
      fields[field] = problem;
    }
    return error_response(e.code(), e.what(), request_id, nlohmann::json{{"fields", fields}});
  } catch (const core::RateLimited& e) {
    auto response =
        error_response(e.code(), e.what(), request_id,
                       nlohmann::json{{"retry_after_seconds", e.retry_after_seconds()}});
    response.set_header("Retry-After", std::to_string(e.retry_after_seconds()));
    return response;
  } catch (const core::Unavailable& e) {
    auto response = error_response(e.code(), e.what(), request_id);
    if (e.retry_after_seconds() > 0) {
      response.set_header("Retry-After", std::to_string(e.retry_after_seconds()));
    }
    return response;
  } catch (const core::Error& e) {
    if (e.code() == core::ErrorCode::kUnauthenticated) {
      auto response = error_response(e.code(), e.what(), request_id);
      response.set_header("WWW-Authenticate", "Bearer");
      return response;
    }
    if (e.code() == core::ErrorCode::kInternal) {
      core::log::error("internal_error",
                       {{"request_id", std::string(request_id)}, {"error", e.what()}});
      return error_response(e.code(), generic_message(e.code()), request_id);
    }
    return error_response(e.code(), e.what(), request_id);
  } catch (const std::exception& e) {
    core::log::error(
        "unhandled_exception",
        {{"request_id", std::string(request_id)}, {"type", typeid(e).name()}, {"error", e.what()}});
  } catch (...) {
    core::log::error("unhandled_exception",
                     {{"request_id", std::string(request_id)}, {"type", "unknown"}});
  }
  return error_response(core::ErrorCode::kInternal, generic_message(core::ErrorCode::kInternal),
                        request_id);
}

}  // namespace qgp::http
