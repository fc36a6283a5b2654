// The response contract of ADR-0007 over real sockets: a body with an undeclared key is a 500 in
// development/testing (the detail in the log only), kept in production, and /metrics counts what
// was checked; the shipped binary checks its own bodies.
#include <memory>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/json_body.hpp"
#include "http/server.hpp"
#include "support/server_process.hpp"

namespace qgp::testing {
namespace {

// A counter of the Prometheus text, by its full series name ("name{labels}"); -1 when absent.
long long counter(const std::string& metrics, const std::string& series) {
  const auto at = metrics.find(series + " ");
  if (at == std::string::npos) {
    return -1;
  }
  return std::stoll(metrics.substr(at + series.size() + 1));
}

const std::string kChecked =
    R"(qgp_contract_bodies_checked_total{method="GET",route="/test/thing"})";
const std::string kViolated = R"(qgp_contract_violations_total{method="GET",route="/test/thing"})";

// An in-process server with a test-only route whose body is declared closed; ?leak=1 plants an
// undeclared key.
std::unique_ptr<http::Server> start_server(bool enforce) {
  http::ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  options.worker_threads = 2;
  options.handle_signals = false;
  options.enforce_response_contract = enforce;
  auto server = std::make_unique<http::Server>(options);
  server->add_schema("Thing", {{"type", "object"},
                               {"required", {"id", "name"}},
                               {"properties",
                                {{"id", {{"type", "integer"}, {"minimum", 1}}},
                                 {"name", {{"type", "string"}, {"maxLength", 20}}}}},
                               {"additionalProperties", false}});
  server->add_route({.method = "GET",
                     .pattern = "/test/thing",
                     .summary = "a closed body, or one with an undeclared key (?leak=1)",
                     .tag = "test",
                     .is_public = true,
                     .response_schema = "Thing",
                     .handler = [](http::RequestContext& context) {
                       nlohmann::json body = {{"id", 7}, {"name", "seven"}};
                       if (context.request().query == "leak=1") {
                         body["password_hash"] = "argon2id-secret";
                       }
                       return http::json_response(200, body);
                     }});
  server->start();
  return server;
}

TEST(OpenApiContract, AnUndeclaredKeyIsA500InTestingAndTheCountersMove) {
  const auto server = start_server(true);
  const auto port = server->port();
  const auto before = http_request(port, "GET", "/metrics").body;
  EXPECT_EQ(counter(before, kChecked), -1) << before;  // nothing checked yet

  const auto ok = http_request(port, "GET", "/test/thing");
  EXPECT_EQ(ok.status, 200) << ok.body;
  const auto leaked = http_request(port, "GET", "/test/thing?leak=1");
  EXPECT_EQ(leaked.status, 500);
  const auto envelope = nlohmann::json::parse(leaked.body);
  EXPECT_EQ(envelope.value("error_code", ""), "INTERNAL");
  EXPECT_EQ(envelope.value("message", ""), "internal server error");
  EXPECT_EQ(leaked.body.find("password_hash"), std::string::npos) << leaked.body;
  EXPECT_EQ(leaked.body.find("argon2id-secret"), std::string::npos) << leaked.body;

  const auto after = http_request(port, "GET", "/metrics").body;
  EXPECT_EQ(counter(after, kChecked), 2) << after;
  EXPECT_EQ(counter(after, kViolated), 1) << after;
  server->stop();
  EXPECT_TRUE(server->wait());
}

TEST(OpenApiContract, ProductionKeepsTheBodyAndCountsTheViolation) {
  const auto server = start_server(false);
  const auto port = server->port();
  const auto leaked = http_request(port, "GET", "/test/thing?leak=1");
  EXPECT_EQ(leaked.status, 200);
  EXPECT_EQ(nlohmann::json::parse(leaked.body).value("password_hash", ""), "argon2id-secret");
  const auto metrics = http_request(port, "GET", "/metrics").body;
  EXPECT_EQ(counter(metrics, kChecked), 1) << metrics;
  EXPECT_EQ(counter(metrics, kViolated), 1) << metrics;
  server->stop();
  EXPECT_TRUE(server->wait());
}

TEST(OpenApiContract, TheShippedBinaryChecksItsOwnBodies) {
  // /healthz declares a closed Health body; nothing else is needed to see the binary check it.
  ServerProcess server(
      {{"DATABASE_URL", fmt::format("postgresql://postgres@127.0.0.1:{}/postgres", free_port())}});
  const std::string series = R"(qgp_contract_bodies_checked_total{method="GET",route="/healthz"})";
  const auto before = counter(http_request(server.port(), "GET", "/metrics").body, series);
  ASSERT_GE(before, 1);  // the readiness probe of ServerProcess itself was checked
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(http_request(server.port(), "GET", "/healthz").status, 200);
  }
  const auto metrics = http_request(server.port(), "GET", "/metrics").body;
  EXPECT_EQ(counter(metrics, series), before + 3) << metrics;
  EXPECT_EQ(counter(metrics, R"(qgp_contract_violations_total{method="GET",route="/healthz"})"), 0);
  const auto document =
      nlohmann::json::parse(http_request(server.port(), "GET", "/openapi.json").body);
  EXPECT_EQ(document["paths"]["/healthz"]["get"]["responses"]["200"]["content"]["application/json"]
                    ["schema"]["$ref"],
            "#/components/schemas/Health");
}

}  // namespace
}  // namespace qgp::testing
