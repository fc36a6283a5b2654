#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {

// The environment for a `qgp serve` of API tests on `database`: DATABASE_URL as the application
// role (a member of qgp_app, never the owner), a random SECRET_KEY, APP_ENV=testing (cheap
// Argon2id).
ServerProcess::Env api_server_env(const TestDatabase& database);

// A signed-in user of a running server.
struct ApiUser {
  std::int64_t id = 0;
  std::string email;
  std::string password;
  std::string access_token;
  std::string refresh_token;
  // {{"Authorization", "Bearer <access_token>"}}, for http_request / HttpClient::request.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> auth_header() const;
};

// Creates an active user in `database` holding exactly `permissions` (through a role of its own;
// missing permission rows are created) or a superuser, then logs in through
// POST /api/v1/auth/login on the server at `server_port`. Parallel-safe: emails are unique.
ApiUser create_api_user(const TestDatabase& database, std::uint16_t server_port,
                        const std::vector<std::string>& permissions, bool superuser = false);

// A request with a JSON body (Content-Type: application/json added to `headers`).
HttpResponse send_json(std::uint16_t port, std::string_view method, std::string_view target,
                       const std::string& json_body,
                       std::vector<std::pair<std::string, std::string>> headers);

// The sum of `counter` over every route whose label contains `route_part` in a /metrics text
// (e.g. qgp_contract_violations_total over "/api/v1/risk").
std::int64_t routes_total(const std::string& metrics, const std::string& counter,
                          std::string_view route_part);

}  // namespace qgp::testing
