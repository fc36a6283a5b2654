// Sign-ins under a burst through the real `qgp serve` (issue 15): twenty people signing in at once
// (a shift starting), against the production Argon2id cost and one computation at a time, all
// succeed: they wait in the bounded queue (PASSWORD_HASH_QUEUE, default 32) instead of being
// refused. While they wait, the rest of the API keeps its threads. (Twenty of one account at once
// would meet ADR-0005's throttle instead: a pending attempt counts as a failure until settled.)
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/api_session.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

ServerProcess::Env burst_env(const TestDatabase& database) {
  auto env = api_server_env(database);
  // libsodium's INTERACTIVE cost (what production uses), one Argon2id at a time: the burst must
  // queue. The queue bound is the default.
  env["PASSWORD_HASH_OPSLIMIT"] = "2";
  env["PASSWORD_HASH_MEMLIMIT_KIB"] = "65536";
  env["PASSWORD_HASH_CONCURRENCY"] = "1";
  return env;
}

TEST(SignInBurst, TwentyCorrectSignInsAtOnceAllSucceed) {
  TestDatabase database;
  ServerProcess server(burst_env(database));
  constexpr int kSignIns = 20;
  std::vector<ApiUser> users;
  for (int i = 0; i < kSignIns; ++i) {
    users.push_back(create_api_user(database, server.port(), {}));
  }
  const auto& user = users.front();
  std::latch start(kSignIns + 1);
  std::vector<HttpResponse> responses(kSignIns);
  std::vector<std::thread> clients;
  for (int i = 0; i < kSignIns; ++i) {
    clients.emplace_back([&, i] {
      const auto& who = users[static_cast<std::size_t>(i)];
      const std::string body =
          nlohmann::json{{"email", who.email}, {"password", who.password}}.dump();
      HttpClient client(server.port(), std::chrono::seconds(120));
      start.arrive_and_wait();
      responses[static_cast<std::size_t>(i)] = client.request(
          "POST", "/api/v1/auth/login", body, {{"Content-Type", "application/json"}});
    });
  }
  start.arrive_and_wait();
  // An authenticated read during the burst is served (the queue holds no pooled connection).
  const auto me = http_request(server.port(), "GET", "/api/v1/auth/me", {}, user.auth_header());
  for (auto& client : clients) {
    client.join();
  }
  EXPECT_EQ(me.status, 200) << me.body;
  for (const auto& response : responses) {
    EXPECT_EQ(response.status, 200) << response.body;
    EXPECT_FALSE(nlohmann::json::parse(response.body)["access_token"].get<std::string>().empty());
  }
}

}  // namespace
}  // namespace qgp::testing
