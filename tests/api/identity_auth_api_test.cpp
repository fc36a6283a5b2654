// Authentication end to end through the real `qgp serve`: login, bearer access, refresh rotation
// with reuse detection, logout, change-password, throttling and identical failures.
#include <string>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "db/connection.hpp"
#include "support/api_session.hpp"
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

nlohmann::json json_of(const HttpResponse& response) {
  return nlohmann::json::parse(response.body);
}

class AuthApi : public ::testing::Test {
 protected:
  TestDatabase database_;
  ServerProcess server_{api_server_env(database_)};
};

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
  const auto logout = post(server_.port(), "/api/v1/auth/logout", {{"refresh_token", new_refresh}},
                           user.auth_header());
  EXPECT_EQ(logout.status, 204) << logout.body;
  EXPECT_EQ(post(server_.port(), "/api/v1/auth/refresh", {{"refresh_token", new_refresh}}).status,
            401);
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

}  // namespace
}  // namespace qgp::testing
