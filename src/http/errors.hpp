#pragma once

#include <exception>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/errors.hpp"
#include "http/message.hpp"

namespace qgp::http {

// The one table from stable error code to HTTP status (docs/architecture.md section 5).
int status_for(core::ErrorCode code) noexcept;

// The message shown to clients for an error whose own text must not leave the process (database
// errors quote data values; unknown exceptions may say anything).
std::string_view generic_message(core::ErrorCode code) noexcept;

// {"error_code","message","details","request_id"} with the status of the code's table entry, or
// `status_override` for protocol errors that need a more precise status (431).
Response error_response(core::ErrorCode code, std::string_view message, std::string_view request_id,
                        const nlohmann::json& details, int status_override = 0);
Response error_response(core::ErrorCode code, std::string_view message,
                        std::string_view request_id);

// Renders any exception as an envelope: typed errors keep their code (and field details); database
// errors and unknown exceptions get a generic message. Unknown exceptions are logged with the
// request id (a database error's text is not logged either: it can quote data).
Response response_for_exception(const std::exception_ptr& error, std::string_view request_id);

}  // namespace qgp::http
