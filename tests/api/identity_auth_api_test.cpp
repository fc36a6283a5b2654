// Authentication end to end through the real `qgp serve`: login, bearer access, refresh rotation
// with reuse detection, logout, change-password, throttling and identical failures.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "db/connection.hpp"
#include "domain/identity/permissions.hpp"
#include "support/api_session.hpp"
#include "support/json_api.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

const Headers kJson = {{"Content-Type", "application/json"}};

HttpResponse post(std::uint16_t port, const std::string& path, const nlohmann::json& body,
                  Headers headers = {}) {
  headers.insert(headers.end(), kJson.begin(), kJson.end());
  return http_request(port, "POST", path, body.dump(), headers);
}

class AuthApi : public ::testing::Test {
 protected:
  TestDatabase database_;
  ServerProcess server_{api_server_env(database_)};
};

int me_status(std::uint16_t port, const std::string& access_token) {
  return http_request(port, "GET", "/api/v1/auth/me", {},
                      {{"Authorization", "Bearer " + access_token}})
      .status;
}

TEST_F(AuthApi, LoginGivesAnAccessTokenThatOpensMeAndARefreshTokenThatDoesNot) {
  const auto user = create_api_user(database_, server_.port(), {"incidents:read"});
  const auto me = http_request(server_.port(), "GET", "/api/v1/auth/me", {}, user.auth_header());
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json_of(me)["email"], user.email);
  EXPECT_EQ(json_of(me)["permissions"], nlohmann::json::array({"incidents:read"}));
  EXPECT_FALSE(json_of(me)["last_login_at"].is_null());

  const auto with_refresh = http_request(server_.port(), "GET", "/api/v1/auth/me", {},
                                         {{"Authorization", "Bearer " + user.refresh_token}});
  EXPECT_EQ(with_refresh.status, 401);
  EXPECT_EQ(with_refresh.header("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(http_request(server_.port(), "GET", "/api/v1/auth/me").status, 401);
  const auto tampered = user.access_token.substr(0, user.access_token.size() - 2) + "AA";
  EXPECT_EQ(http_request(server_.port(), "GET", "/api/v1/auth/me", {},
                         {{"Authorization", "Bearer " + tampered}})
                .status,
            401);
}

TEST_F(AuthApi, MeListsTheEffectivePermissionsOfASuperuserAndOfRoleHolders) {
  // A superuser passes every permission check, so /auth/me lists the whole catalog, sorted
  // (a client hides what the list lacks). The superuser here holds no role at all.
  const auto admin = create_api_user(database_, server_.port(), {}, true);
  const auto me = http_request(server_.port(), "GET", "/api/v1/auth/me", {}, admin.auth_header());
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json_of(me)["is_superuser"], true);
  auto catalog = nlohmann::json::array();
  for (const auto& permission : domain::identity::permission_catalog()) {
    catalog.push_back(std::string(permission.name));
  }
  EXPECT_EQ(json_of(me)["permissions"], catalog);

  // Anyone else: the union of their roles' permissions, sorted, each once.
  const auto user = create_api_user(database_, server_.port(), {"risks:read", "audits:read"});
  db::Connection connection(database_.url());
  connection.exec(
      "INSERT INTO permissions (name) VALUES ('findings:read') ON CONFLICT (name) DO NOTHING");
  const auto role_id =
      connection
          .exec("INSERT INTO roles (name, description) VALUES ($1, 'second role') RETURNING id",
                db::Params(fmt::format("second-role-{}", user.id)))
          .int64(0, 0);
  connection.exec(
      "INSERT INTO role_permissions (role_id, permission_id) SELECT $1, id FROM permissions "
      "WHERE name IN ('risks:read', 'findings:read')",
      db::Params(role_id));
  connection.exec("INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)",
                  db::Params(user.id, role_id));
  const auto mine = http_request(server_.port(), "GET", "/api/v1/auth/me", {}, user.auth_header());
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(json_of(mine)["permissions"],
            nlohmann::json::array({"audits:read", "findings:read", "risks:read"}));
}

TEST_F(AuthApi, DuplicateKeysInAJsonBodyAre400) {
  // The last value would win if duplicates were accepted: an earlier, unvalidated one would hide
  // behind it. Refused at any depth, before any other check.
  const auto user = create_api_user(database_, server_.port(), {});
  const auto login = http_request(
      server_.port(), "POST", "/api/v1/auth/login",
      fmt::format(R"({{"email": "someone@example.test", "email": "{}", "password": "{}"}})",
                  user.email, user.password),
      kJson);
  EXPECT_EQ(login.status, 400) << login.body;
  EXPECT_EQ(json_of(login)["error_code"], "BAD_REQUEST");
  EXPECT_EQ(json_of(login)["message"], "duplicate key \"email\" in JSON object");
  // The same body without the repeat logs in.
  const auto single = post(server_.port(), "/api/v1/auth/login",
                           {{"email", user.email}, {"password", user.password}});
  EXPECT_EQ(single.status, 200) << single.body;
}

TEST_F(AuthApi, UnknownEmailAndWrongPasswordFailIdentically) {
  const auto user = create_api_user(database_, server_.port(), {});
  const auto wrong = post(server_.port(), "/api/v1/auth/login",
                          {{"email", user.email}, {"password", "not-the-password-123"}});
  const auto unknown = post(server_.port(), "/api/v1/auth/login",
                            {{"email", "nobody@example.test"}, {"password", "whatever-123456"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  auto a = json_of(wrong);
  auto b = json_of(unknown);
  a.erase("request_id");
  b.erase("request_id");
  EXPECT_EQ(a, b);
  // Email matching is case-insensitive.
  std::string upper = user.email;
  for (auto& c : upper) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  EXPECT_EQ(
      post(server_.port(), "/api/v1/auth/login", {{"email", upper}, {"password", user.password}})
          .status,
      200);
}

TEST_F(AuthApi, RefreshRotatesAndReusingARotatedTokenRevokesTheFamily) {
  const auto user = create_api_user(database_, server_.port(), {});
  const auto first =
      post(server_.port(), "/api/v1/auth/refresh", {{"refresh_token", user.refresh_token}});
  ASSERT_EQ(first.status, 200) << first.body;
  const auto second_token = json_of(first)["refresh_token"].get<std::string>();
  EXPECT_NE(second_token, user.refresh_token);
  // The old token comes back: theft is assumed, the whole family dies, including the new token.
  const auto reuse =
      post(server_.port(), "/api/v1/auth/refresh", {{"refresh_token", user.refresh_token}});
  EXPECT_EQ(reuse.status, 401);
  EXPECT_EQ(post(server_.port(), "/api/v1/auth/refresh", {{"refresh_token", second_token}}).status,
            401);
  // The replayed rotated token is on record for the auditor; the family's later tokens just fail.
  db::Connection connection(database_.url());
  EXPECT_EQ(connection
                .exec("SELECT count(*) FROM audit_log WHERE action = 'token_reuse_detected' "
                      "AND entity_id = $1",
                      db::Params(user.id))
                .int64(0, 0),
            1);
  EXPECT_EQ(
      connection
          .exec("SELECT count(*) FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL",
                db::Params(user.id))
          .int64(0, 0),
      0);
}

TEST_F(AuthApi, LogoutEndsTheSessionAndChangePasswordEndsTheOthers) {
  const auto user = create_api_user(database_, server_.port(), {});
  const auto other_session = post(server_.port(), "/api/v1/auth/login",
                                  {{"email", user.email}, {"password", user.password}});
  ASSERT_EQ(other_session.status, 200);
  const auto other_refresh = json_of(other_session)["refresh_token"].get<std::string>();

  const auto weak = post(server_.port(), "/api/v1/auth/change-password",
                         {{"current_password", user.password}, {"new_password", "password1234"}},
                         user.auth_header());
  EXPECT_EQ(weak.status, 422);
  EXPECT_TRUE(json_of(weak)["details"]["fields"].contains("new_password")) << weak.body;
  const std::string fresh = "a much better passphrase 42";
  const auto changed =
      post(server_.port(), "/api/v1/auth/change-password",
           {{"current_password", user.password}, {"new_password", fresh}}, user.auth_header());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(post(server_.port(), "/api/v1/auth/refresh", {{"refresh_token", other_refresh}}).status,
            401);
  EXPECT_EQ(post(server_.port(), "/api/v1/auth/login",
                 {{"email", user.email}, {"password", user.password}})
                .status,
            401);
  const auto new_refresh = json_of(changed)["refresh_token"].get<std::string>();
  // The password change ended the session of the old access token too; the new pair carries on.
  const Headers new_access = {
      {"Authorization", "Bearer " + json_of(changed)["access_token"].get<std::string>()}};
  const auto logout =
      post(server_.port(), "/api/v1/auth/logout", {{"refresh_token", new_refresh}}, new_access);
  EXPECT_EQ(logout.status, 204) << logout.body;
  EXPECT_EQ(post(server_.port(), "/api/v1/auth/refresh", {{"refresh_token", new_refresh}}).status,
            401);

  // The trail records that the password changed (and the user's creation), never a password or
  // a hash; neither reaches the server's log.
  db::Connection connection(database_.url());
  const auto trail = connection.exec(
      "SELECT string_agg(action || ' ' || changes::text, ' ' ORDER BY id) FROM audit_log "
      "WHERE entity_type = 'user' AND entity_id = $1",
      db::Params(user.id));
  const auto recorded = trail.string(0, 0);
  EXPECT_NE(recorded.find("password_change"), std::string::npos) << recorded;
  EXPECT_NE(recorded.find("sessions_revoked"), std::string::npos) << recorded;
  const auto log = server_.log();
  for (const auto& secret : {user.password, fresh, std::string("$argon2")}) {
    EXPECT_EQ(recorded.find(secret), std::string::npos) << secret;
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
}

TEST_F(AuthApi, RepeatedFailuresAreThrottledWithRetryAfter) {
  const auto user = create_api_user(database_, server_.port(), {});
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(post(server_.port(), "/api/v1/auth/login",
                   {{"email", user.email}, {"password", fmt::format("wrong password {}", i)}})
                  .status,
              401);
  }
  // Even the right password is refused while throttled.
  const auto throttled = post(server_.port(), "/api/v1/auth/login",
                              {{"email", user.email}, {"password", user.password}});
  EXPECT_EQ(throttled.status, 429) << throttled.body;
  EXPECT_EQ(json_of(throttled)["error_code"], "RATE_LIMITED");
  const auto retry_after = throttled.header("Retry-After");
  ASSERT_TRUE(retry_after.has_value());
  EXPECT_GT(std::stoi(*retry_after), 0);
  EXPECT_LE(std::stoi(*retry_after), 900);
}

TEST_F(AuthApi, AccessTokensEndWithTheirSession) {
  const auto port = server_.port();
  const auto user = create_api_user(database_, port, {});
  const auto second = json_of(
      post(port, "/api/v1/auth/login", {{"email", user.email}, {"password", user.password}}));
  const auto second_access = second["access_token"].get<std::string>();
  ASSERT_EQ(me_status(port, user.access_token), 200);
  ASSERT_EQ(me_status(port, second_access), 200);

  // Rotation keeps the session: the access token issued before it still works.
  const auto rotated = post(port, "/api/v1/auth/refresh", {{"refresh_token", user.refresh_token}});
  ASSERT_EQ(rotated.status, 200);
  EXPECT_EQ(me_status(port, user.access_token), 200);
  const auto rotated_access = json_of(rotated)["access_token"].get<std::string>();

  // Logout ends that session's access tokens at once, not 15 minutes later; the other session
  // is untouched.
  EXPECT_EQ(post(port, "/api/v1/auth/logout",
                 {{"refresh_token", json_of(rotated)["refresh_token"].get<std::string>()}},
                 user.auth_header())
                .status,
            204);
  EXPECT_EQ(me_status(port, user.access_token), 401);
  EXPECT_EQ(me_status(port, rotated_access), 401);
  EXPECT_EQ(me_status(port, second_access), 200);

  // A replayed refresh token ends its family, and with it the family's access tokens.
  const auto second_rotated =
      post(port, "/api/v1/auth/refresh", {{"refresh_token", second["refresh_token"]}});
  ASSERT_EQ(second_rotated.status, 200);
  EXPECT_EQ(post(port, "/api/v1/auth/refresh", {{"refresh_token", second["refresh_token"]}}).status,
            401);
  EXPECT_EQ(me_status(port, second_access), 401);
  EXPECT_EQ(me_status(port, json_of(second_rotated)["access_token"].get<std::string>()), 401);
}

TEST_F(AuthApi, ChangingThePasswordEndsEveryAccessTokenButTheNewOne) {
  const auto port = server_.port();
  const auto user = create_api_user(database_, port, {});
  const auto other = json_of(
      post(port, "/api/v1/auth/login", {{"email", user.email}, {"password", user.password}}));
  const auto changed =
      post(port, "/api/v1/auth/change-password",
           {{"current_password", user.password}, {"new_password", "an entirely new passphrase 7"}},
           user.auth_header());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(me_status(port, user.access_token), 401);
  EXPECT_EQ(me_status(port, other["access_token"].get<std::string>()), 401);
  EXPECT_EQ(me_status(port, json_of(changed)["access_token"].get<std::string>()), 200);
}

TEST_F(AuthApi, ParallelGuessesCannotGetPastTheAccountLimit) {
  const auto port = server_.port();
  const auto user = create_api_user(database_, port, {});
  constexpr int kGuesses = 16;
  std::vector<int> statuses(kGuesses, 0);
  std::vector<std::thread> clients;
  clients.reserve(kGuesses);
  for (int i = 0; i < kGuesses; ++i) {
    clients.emplace_back([&, i] {
      // Like an attacker, retry while the server is busy (503 from the Argon2id gate): every
      // guess ends compared (401) or throttled (429).
      auto& status = statuses[static_cast<std::size_t>(i)];
      for (int attempt = 0; attempt < 500; ++attempt) {
        status = post(port, "/api/v1/auth/login",
                      {{"email", user.email}, {"password", fmt::format("parallel guess {}", i)}})
                     .status;
        if (status != 503) {
          break;
        }
        // A client's pause before it retries, not synchronisation: no assertion depends on it.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
  }
  for (auto& client : clients) {
    client.join();
  }
  int compared = 0;
  for (const auto status : statuses) {
    EXPECT_TRUE(status == 401 || status == 429) << status;
    compared += status == 401 ? 1 : 0;
  }
  // The limit is 5 failures per account: concurrency must not buy more comparisons.
  EXPECT_LE(compared, 5);
  EXPECT_GE(compared, 1);
  db::Connection connection(database_.url());
  EXPECT_LE(connection
                .exec("SELECT count(*) FROM login_attempts WHERE user_id = $1 AND "
                      "failure_reason = 'bad_password'",
                      db::Params(user.id))
                .int64(0, 0),
            5);
  EXPECT_EQ(connection.exec("SELECT count(*) FROM login_attempts WHERE failure_reason = 'pending'")
                .int64(0, 0),
            0);
}

TEST_F(AuthApi, ChangePasswordGuessesAreThrottledLikeLogins) {
  const auto port = server_.port();
  const auto user = create_api_user(database_, port, {});
  for (int i = 0; i < 5; ++i) {
    const auto wrong = post(port, "/api/v1/auth/change-password",
                            {{"current_password", fmt::format("guess number {}", i)},
                             {"new_password", "a brand new passphrase 99"}},
                            user.auth_header());
    EXPECT_EQ(wrong.status, 422) << wrong.body;
  }
  const auto throttled =
      post(port, "/api/v1/auth/change-password",
           {{"current_password", user.password}, {"new_password", "a brand new passphrase 99"}},
           user.auth_header());
  EXPECT_EQ(throttled.status, 429) << throttled.body;
  EXPECT_TRUE(throttled.header("Retry-After").has_value());
  db::Connection connection(database_.url());
  EXPECT_EQ(connection
                .exec("SELECT count(*) FROM audit_log WHERE action = 'login_failed' AND "
                      "entity_id = $1 AND actor_user_id = $1 AND changes::text LIKE "
                      "'%change_password%'",
                      db::Params(user.id))
                .int64(0, 0),
            5);
}

TEST(AuthApiAddressLimit, ManyAccountsFromOneAddressAreThrottledTogether) {
  const TestDatabase database;
  auto env = api_server_env(database);
  env["LOGIN_MAX_FAILURES_PER_ADDRESS"] = "4";
  const ServerProcess server(env);
  const auto port = server.port();
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(post(port, "/api/v1/auth/login",
                   {{"email", fmt::format("someone-{}@example.test", i)},
                    {"password", "a password guess 1234"}})
                  .status,
              401);
  }
  // A fifth account from the same address: refused before any comparison.
  const auto throttled =
      post(port, "/api/v1/auth/login",
           {{"email", "someone-else@example.test"}, {"password", "a password guess 1234"}});
  EXPECT_EQ(throttled.status, 429) << throttled.body;
  EXPECT_TRUE(throttled.header("Retry-After").has_value());
}

TEST_F(AuthApi, DisabledUsersCannotLogInAndTheirTokensStopWorking) {
  const auto user = create_api_user(database_, server_.port(), {});
  db::Connection(database_.url())
      .exec("UPDATE users SET is_active = false, disabled_at = now() WHERE id = $1",
            db::Params(user.id));
  EXPECT_EQ(http_request(server_.port(), "GET", "/api/v1/auth/me", {}, user.auth_header()).status,
            401);
  EXPECT_EQ(post(server_.port(), "/api/v1/auth/login",
                 {{"email", user.email}, {"password", user.password}})
                .status,
            401);
}

// A read's principal is checked in the round trip of its first statement (docs/adr/0012):
// whatever the handler would have answered (the row, 404, 422), a refused principal is all the
// caller hears, and a session that ends is refused by the very next read.
TEST_F(AuthApi, AReadAnswersOnlyARefusalToAnEndedSessionOrAMissingPermission) {
  const auto reader = create_api_user(database_, server_.port(), {"findings:read"});
  const auto outsider = create_api_user(database_, server_.port(), {"incidents:read"});
  const auto get = [&](const ApiUser& user, const std::string& path) {
    return http_request(server_.port(), "GET", path, {}, user.auth_header());
  };
  const std::vector<std::pair<std::string, int>> reads = {
      {"/api/v1/audits/findings", 200},
      {"/api/v1/audits/findings/999999", 404},
      {"/api/v1/audits/findings/abc", 422},
      {"/api/v1/audits/findings?page=0", 422},
  };
  for (const auto& [path, status] : reads) {
    EXPECT_EQ(get(reader, path).status, status) << path;
    const auto refused = get(outsider, path);
    EXPECT_EQ(refused.status, 403) << path << ": " << refused.body;
    EXPECT_NE(refused.body.find("findings:read"), std::string::npos) << refused.body;
  }
  db::Connection(database_.url())
      .exec(
          "UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = 'logout' WHERE user_id = "
          "$1",
          db::Params(reader.id));
  for (const auto& [path, status] : reads) {
    const auto refused = get(reader, path);
    EXPECT_EQ(refused.status, 401) << path << ": " << refused.body;
  }
}

}  // namespace
}  // namespace qgp::testing
