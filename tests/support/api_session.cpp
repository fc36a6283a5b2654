#include "support/api_session.hpp"

#include <atomic>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/identity/password.hpp"

namespace qgp::testing {

namespace {
std::atomic<int> g_user_counter{0};
}  // namespace

ServerProcess::Env api_server_env(const TestDatabase& database) {
  return {{"DATABASE_URL", database.app_url()},
          {"SECRET_KEY", core::random_token(48)},
          {"APP_ENV", "testing"}};
}

std::vector<std::pair<std::string, std::string>> ApiUser::auth_header() const {
  return {{"Authorization", "Bearer " + access_token}};
}

ApiUser create_api_user(const TestDatabase& database, std::uint16_t server_port,
                        const std::vector<std::string>& permissions, bool superuser) {
  ApiUser user;
  const auto serial = g_user_counter.fetch_add(1);
  user.email = fmt::format("user-{}-{}@example.test", ::getpid(), serial);
  user.password = core::random_token(18);
  // The cost APP_ENV=testing uses, so verification on the server stays cheap.
  const auto hash = domain::identity::hash_password(
      user.password,
      domain::identity::PasswordHashCost{.opslimit = 1, .memlimit_bytes = std::size_t{8} << 20U});
  db::Connection connection(database.url());
  {
    db::Transaction transaction(connection);
    user.id = connection
                  .exec(
                      "INSERT INTO users (email, password_hash, first_name, last_name, "
                      "is_superuser) VALUES ($1, $2, 'Test', $3, $4) RETURNING id",
                      db::Params(user.email, hash, fmt::format("User {}", serial), superuser))
                  .int64(0, 0);
    if (!permissions.empty()) {
      const auto role_id =
          connection
              .exec(
                  "INSERT INTO roles (name, description) VALUES ($1, 'created by a test') "
                  "RETURNING id",
                  db::Params(fmt::format("test-role-{}-{}", ::getpid(), serial)))
              .int64(0, 0);
      for (const auto& permission : permissions) {
        connection.exec("INSERT INTO permissions (name) VALUES ($1) ON CONFLICT (name) DO NOTHING",
                        db::Params(permission));
        connection.exec(
            "INSERT INTO role_permissions (role_id, permission_id) "
            "SELECT $1, id FROM permissions WHERE name = $2",
            db::Params(role_id, permission));
      }
      connection.exec("INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)",
                      db::Params(user.id, role_id));
    }
    transaction.commit();
  }
  const auto response =
      http_request(server_port, "POST", "/api/v1/auth/login",
                   nlohmann::json{{"email", user.email}, {"password", user.password}}.dump(),
                   {{"Content-Type", "application/json"}});
  if (response.status != 200) {
    throw std::runtime_error(
        fmt::format("login of a test user failed: {} {}", response.status, response.body));
  }
  const auto body = nlohmann::json::parse(response.body);
  user.access_token = body.at("access_token").get<std::string>();
  user.refresh_token = body.at("refresh_token").get<std::string>();
  return user;
}

HttpResponse send_json(std::uint16_t port, std::string_view method, std::string_view target,
                       const std::string& json_body,
                       std::vector<std::pair<std::string, std::string>> headers) {
  headers.emplace_back("Content-Type", "application/json");
  return http_request(port, method, target, json_body, headers);
}

std::int64_t routes_total(const std::string& metrics, const std::string& counter,
                          std::string_view route_part) {
  std::istringstream lines(metrics);
  std::int64_t total = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(counter + "{") && line.find(route_part) != std::string::npos) {
      total += std::stoll(line.substr(line.rfind(' ') + 1));
    }
  }
  return total;
}

}  // namespace qgp::testing
