#pragma once

// JSON request/response helpers of the API tier's tests (one copy instead of one per test file).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/api_session.hpp"
#include "support/server_process.hpp"

namespace qgp::testing {

// A request with `body` as its JSON (Content-Type: application/json added to `headers`).
inline HttpResponse send(std::uint16_t port, const std::string& method, const std::string& path,
                         const nlohmann::json& body,
                         std::vector<std::pair<std::string, std::string>> headers) {
  return send_json(port, method, path, body.dump(), std::move(headers));
}

// The response's body parsed as JSON.
inline nlohmann::json json_of(const HttpResponse& response) {
  return nlohmann::json::parse(response.body);
}

}  // namespace qgp::testing
