// Findings through the real binary: raise, filter, move, verify (its own permission), history.
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "db/connection.hpp"
#include "support/api_session.hpp"
#include "support/json_api.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

TEST(FindingsApi, RaiseFilterMoveAndVerifyWithItsOwnPermission) {
  TestDatabase database;
  {
    db::Connection connection(database.url());
    connection.exec(
        "INSERT INTO audit_templates (reference_number, name) VALUES ('TPL-2026-0001', 'T')");
    connection.exec(
        "INSERT INTO audit_template_versions (template_id, version_number, content) "
        "VALUES (1, 1, '{}'::jsonb)");
    connection.exec(
        "INSERT INTO audit_runs (reference_number, template_id, template_version_id, title) "
        "VALUES ('AUD-2026-0001', 1, 1, 'Warehouse')");
  }
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  const auto auditor = create_api_user(database, port, {"findings:read", "findings:write"});
  const auto verifier = create_api_user(database, port, {"findings:read", "findings:verify"});

  const auto invalid = send(port, "POST", "/api/v1/audits/findings",
                            {{"run_id", 1}, {"title", ""}, {"description", "x"}, {"grade", "bad"}},
                            auditor.auth_header());
  EXPECT_EQ(invalid.status, 422) << invalid.body;
  for (const auto* grade : {"major_nonconformity", "observation"}) {
    const auto created = send(port, "POST", "/api/v1/audits/findings",
                              {{"run_id", 1},
                               {"title", fmt::format("A {} finding", grade)},
                               {"description", "Seen on the shop floor"},
                               {"grade", grade},
                               {"due_date", "2020-01-01"}},
                              auditor.auth_header());
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_TRUE(created.header("Location").has_value());
  }
  const auto majors = json_of(http_request(
      port, "GET", "/api/v1/audits/findings?grade=major_nonconformity", {}, auditor.auth_header()));
  ASSERT_EQ(majors["total"], 1);
  const auto id = majors["items"][0]["id"].get<std::int64_t>();
  EXPECT_EQ(json_of(http_request(port, "GET", "/api/v1/audits/findings?overdue=true&sort=grade", {},
                                 auditor.auth_header()))["total"],
            2);
  EXPECT_EQ(http_request(port, "GET", "/api/v1/audits/findings?status=nonsense", {},
                         auditor.auth_header())
                .status,
            422);

  const auto path = fmt::format("/api/v1/audits/findings/{}", id);
  // PATCH: status only through transitions; only the fields sent change; null clears due_date.
  const auto current = json_of(http_request(port, "GET", path, {}, auditor.auth_header()));
  const auto refused =
      send(port, "PATCH", path, {{"version", current["version"]}, {"status", "closed"}},
           auditor.auth_header());
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(json_of(refused)["details"]["fields"].contains("status"));
  EXPECT_EQ(send(port, "PATCH", path, {{"version", current["version"]}, {"title", nullptr}},
                 auditor.auth_header())
                .status,
            422);
  const auto patched =
      send(port, "PATCH", path, {{"version", current["version"]}, {"due_date", nullptr}},
           auditor.auth_header());
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json_of(patched)["due_date"], nullptr);
  EXPECT_EQ(json_of(patched)["title"], current["title"]);
  EXPECT_EQ(json_of(patched)["grade"], "major_nonconformity");
  EXPECT_EQ(json_of(patched)["description"], "Seen on the shop floor");
  EXPECT_EQ(send(port, "PATCH", path, {{"version", current["version"]}, {"title", "Stale"}},
                 auditor.auth_header())
                .status,
            409);

  EXPECT_EQ(
      send(port, "POST", path + "/transitions", {{"to", "closed"}}, auditor.auth_header()).status,
      409);  // open -> closed is no edge: verification comes after pending_verification
  ASSERT_EQ(send(port, "POST", path + "/transitions", {{"to", "pending_verification"}},
                 auditor.auth_header())
                .status,
            200);
  // Whoever corrected it cannot also sign it off: verification is its own permission, and the
  // moves a caller is offered are the ones they may make.
  EXPECT_EQ(
      json_of(http_request(port, "GET", path, {}, auditor.auth_header()))["allowed_transitions"],
      nlohmann::json::array({"in_progress"}));
  EXPECT_EQ(
      json_of(http_request(port, "GET", path, {}, verifier.auth_header()))["allowed_transitions"],
      nlohmann::json::array({"closed"}));
  EXPECT_EQ(send(port, "POST", path + "/transitions", {{"to", "closed"}, {"note", "checked"}},
                 auditor.auth_header())
                .status,
            403);
  const auto verified =
      send(port, "POST", path + "/transitions", {{"to", "closed"}, {"note", "Checked on site"}},
           verifier.auth_header());
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(json_of(verified)["status"], "closed");
  EXPECT_EQ(json_of(verified)["verified_by_id"], verifier.id);
  EXPECT_EQ(json_of(verified)["allowed_transitions"], nlohmann::json::array());  // reopening: write
  EXPECT_EQ(
      json_of(http_request(port, "GET", path, {}, auditor.auth_header()))["allowed_transitions"],
      nlohmann::json::array({"open"}));
  EXPECT_EQ(send(port, "PATCH", path, {{"version", json_of(verified)["version"]}, {"title", "x"}},
                 auditor.auth_header())
                .status,
            409);  // closed findings are frozen

  const auto history =
      json_of(http_request(port, "GET", path + "/history", {}, auditor.auth_header()));
  ASSERT_EQ(history["total"], 4);  // create, update, two transitions
  EXPECT_EQ(history["items"][1]["changes"]["due_date"],
            nlohmann::json({{"before", "2020-01-01"}, {"after", nullptr}}));
  EXPECT_EQ(history["items"][3]["changes"]["status"]["after"], "closed");
  EXPECT_EQ(history["items"][3]["actor_user_id"], verifier.id);
}

}  // namespace
}  // namespace qgp::testing
