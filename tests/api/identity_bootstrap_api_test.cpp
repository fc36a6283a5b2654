// The first-administrator path of the README through the real binaries: `qgp user create
// --superuser` on a migrated database, then a login through `qgp serve` that holds every
// permission.
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "db/connection.hpp"
#include "support/api_session.hpp"
#include "support/run_process.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

const std::vector<std::pair<std::string, std::string>> kJson = {
    {"Content-Type", "application/json"}};

std::map<std::string, std::string> cli_env(const TestDatabase& database) {
  return {
      {"DATABASE_URL", database.url()}, {"APP_ENV", "testing"}, {"QGP_ENV_FILE", "/nonexistent"}};
}

// The password from "log in with: email E password P".
std::string shown_password(const std::string& out) {
  const std::string marker = " password ";
  const auto at = out.rfind(marker);
  if (at == std::string::npos) {
    return {};
  }
  auto password = out.substr(at + marker.size());
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) {
    password.pop_back();
  }
  return password;
}

TEST(FirstAdministrator, CreatedByTheCliLogsInAndHoldsEveryPermission) {
  const TestDatabase database;
  const auto created = run_qgp(
      {"user", "create", "--superuser", "--email", "Chief@Example.test", "--generate-password"},
      cli_env(database));
  ASSERT_EQ(created.exit_code, 0) << created.out << created.err;
  EXPECT_NE(created.out.find("superuser"), std::string::npos) << created.out;
  const auto password = shown_password(created.out);
  ASSERT_GE(password.size(), 12U) << created.out;

  // Again: a clear refusal, or with --if-not-exists a no-op that succeeds (the README's rerun).
  auto env = cli_env(database);
  env["BOOTSTRAP_PASSWORD"] = "another long passphrase 42";
  const auto again = run_qgp({"user", "create", "--superuser", "--email", "chief@example.test",
                              "--password-env", "BOOTSTRAP_PASSWORD"},
                             env);
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE((again.out + again.err).find("already exists"), std::string::npos);
  const auto idempotent = run_qgp({"user", "create", "--superuser", "--email", "chief@example.test",
                                   "--password-env", "BOOTSTRAP_PASSWORD", "--if-not-exists"},
                                  env);
  EXPECT_EQ(idempotent.exit_code, 0) << idempotent.err;
  EXPECT_NE(idempotent.out.find("nothing changed"), std::string::npos);

  // The policy applies to the bootstrap too, and the password never reaches stderr.
  env["BOOTSTRAP_PASSWORD"] = "password1234";
  const auto weak = run_qgp(
      {"user", "create", "--email", "weak@example.test", "--password-env", "BOOTSTRAP_PASSWORD"},
      env);
  EXPECT_NE(weak.exit_code, 0);
  EXPECT_NE(weak.err.find("password"), std::string::npos);
  EXPECT_EQ(weak.err.find("password1234"), std::string::npos);

  db::Connection connection(database.url());
  EXPECT_EQ(connection.exec("SELECT count(*) FROM users").int64(0, 0), 1);
  EXPECT_EQ(connection
                .exec("SELECT count(*) FROM audit_log WHERE action = 'create' AND "
                      "entity_type = 'user' AND actor_user_id IS NULL")
                .int64(0, 0),
            1);
  EXPECT_TRUE(connection.exec("SELECT password_hash LIKE '$argon2id$%' FROM users").boolean(0, 0));

  const ServerProcess server(api_server_env(database));
  const auto login = http_request(
      server.port(), "POST", "/api/v1/auth/login",
      nlohmann::json{{"email", "chief@example.test"}, {"password", password}}.dump(), kJson);
  ASSERT_EQ(login.status, 200) << login.body;
  const auto token = nlohmann::json::parse(login.body)["access_token"].get<std::string>();
  const auto users = http_request(server.port(), "GET", "/api/v1/users", {},
                                  {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(users.status, 200) << users.body;
  const auto audit = http_request(server.port(), "GET", "/api/v1/audit-log", {},
                                  {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(audit.status, 200) << audit.body;
}

}  // namespace
}  // namespace qgp::testing
