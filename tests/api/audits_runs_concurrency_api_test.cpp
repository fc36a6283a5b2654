// 16 clients scheduling runs at the same moment through the real server: every request succeeds
// (no 5xx, no lost insert) and every run gets its own AUD reference number.
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "db/connection.hpp"
#include "support/api_session.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

using nlohmann::json;

TEST(AuditsRunsConcurrencyApiTest, ParallelSchedulingGetsUniqueReferenceNumbers) {
  constexpr int kClients = 16;
  const TestDatabase db;
  auto env = api_server_env(db);
  env["DB_POOL_SIZE"] = "8";
  ServerProcess server(env);
  const auto token =
      create_api_user(db, server.port(), {"audits:read", "audits:write", "audits:conduct"})
          .access_token;
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};

  // A published template straight in SQL: this test is about scheduling, not template building.
  db::Connection sql(db.url());
  const auto template_id =
      sql.exec(
             "INSERT INTO audit_templates (reference_number, name) VALUES ('TPL-2026-0001', "
             "'Concurrency template') RETURNING id")
          .int64(0, 0);
  sql.exec(fmt::format(
      R"sql(INSERT INTO audit_template_versions (template_id, version_number, content)
VALUES ({0}, 1, jsonb_build_object('template', jsonb_build_object('id', {0},
  'reference_number', 'TPL-2026-0001', 'name', 'Concurrency template',
  'scoring_method', 'percentage'), 'sections', '[]'::jsonb, 'questions', '[]'::jsonb));
UPDATE audit_templates SET status = 'published', published_version_number = 1 WHERE id = {0})sql",
      template_id));

  std::atomic<int> ready{0};
  std::vector<HttpResponse> responses(kClients);
  std::vector<std::thread> clients;
  clients.reserve(kClients);
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      const json body = {{"template_id", template_id}, {"title", fmt::format("Run {}", i)}};
      HttpClient client(server.port());
      ready.fetch_add(1);
      while (ready.load() < kClients) {
        std::this_thread::yield();  // start together to maximise contention
      }
      responses[static_cast<std::size_t>(i)] =
          client.request("POST", "/api/v1/audits/runs", body.dump(), headers);
    });
  }
  for (auto& client : clients) {
    client.join();
  }

  std::set<std::string> references;
  std::set<std::int64_t> ids;
  for (const auto& response : responses) {
    ASSERT_EQ(response.status, 201) << response.body;
    const auto body = json::parse(response.body);
    references.insert(body.at("reference_number").get<std::string>());
    ids.insert(body.at("id").get<std::int64_t>());
  }
  EXPECT_EQ(references.size(), static_cast<std::size_t>(kClients));
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kClients));
  const auto list =
      http_request(server.port(), "GET", "/api/v1/audits/runs?page_size=100", {}, headers);
  EXPECT_EQ(json::parse(list.body).at("total"), kClients);
}

}  // namespace
}  // namespace qgp::testing
