// The risk register through the real binary: identify, assess, accept only by an approver who is
// not the owner (with a reason and an expiry), come back for review once the acceptance expired;
// the heat map, statistics, CSV export, workflow refusals, and zero response-contract violations.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

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

using nlohmann::json;

json cell(const json& matrix, int likelihood, int impact) {
  for (const auto& c : matrix.at("cells")) {
    if (c.at("likelihood") == likelihood && c.at("impact") == impact) {
      return c;
    }
  }
  return nullptr;
}

TEST(RisksApi, AcceptedOnlyByAnotherApproverAndBackForReviewAfterExpiry) {
  TestDatabase database;
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  const auto writer = create_api_user(database, port, {"risks:read", "risks:write"});
  const auto owner =
      create_api_user(database, port, {"risks:read", "risks:write", "risks:approve"});
  const auto approver = create_api_user(database, port, {"risks:read", "risks:approve"});
  const auto reader = create_api_user(database, port, {"risks:read"});
  const auto get = [&](const std::string& path, const ApiUser& user) {
    return http_request(port, "GET", path, {}, user.auth_header());
  };

  // Create: every problem at once; accept is not a create-time treatment; readers cannot write.
  const auto invalid =
      send(port, "POST", "/api/v1/risks", {{"title", ""}, {"description", "x"}, {"likelihood", 6}},
           writer.auth_header());
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  EXPECT_TRUE(json_of(invalid)["details"]["fields"].contains("title"));
  EXPECT_TRUE(json_of(invalid)["details"]["fields"].contains("likelihood"));
  const json body = {{"title", "Supplier insolvency"},
                     {"description", "The only caster of pump housings may fail"},
                     {"category", "financial"},
                     {"department", "Purchasing"},
                     {"risk_event", "Supplier stops trading"},
                     {"owner_id", owner.id},
                     {"likelihood", 4},
                     {"impact", 5}};
  auto accepting = body;
  accepting["treatment_strategy"] = "accept";
  EXPECT_EQ(send(port, "POST", "/api/v1/risks", accepting, writer.auth_header()).status, 422);
  EXPECT_EQ(send(port, "POST", "/api/v1/risks", body, reader.auth_header()).status, 403);
  const auto created = send(port, "POST", "/api/v1/risks", body, writer.auth_header());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto risk = json_of(created);
  EXPECT_TRUE(risk["reference_number"].get<std::string>().starts_with("RSK-"));
  EXPECT_EQ(risk["score"], 20);
  EXPECT_EQ(risk["level"], "critical");
  EXPECT_EQ(risk["review_frequency_months"], 1);
  EXPECT_EQ(risk["status"], "identified");
  const auto path = fmt::format("/api/v1/risks/{}", risk["id"].get<std::int64_t>());
  EXPECT_EQ(created.header("Location"), path);

  // Lists: typed filters, unknown parameters refused.
  EXPECT_EQ(json_of(get("/api/v1/risks?level=critical,high", reader))["total"], 1);
  EXPECT_EQ(json_of(get("/api/v1/risks?level=low", reader))["total"], 0);
  EXPECT_EQ(get("/api/v1/risks?colour=red", reader).status, 422);
  EXPECT_EQ(get("/api/v1/risks?level=huge", reader).status, 422);

  // Workflow: a reader is offered nothing; no jump from identified to treating.
  EXPECT_EQ(json_of(get(path, reader))["allowed_transitions"], json::array());
  EXPECT_EQ(
      send(port, "POST", path + "/transitions", {{"to", "treating"}}, writer.auth_header()).status,
      409);
  EXPECT_EQ(
      send(port, "POST", path + "/transitions", {{"to", "closed"}}, writer.auth_header()).status,
      422);  // withdrawing needs a note
  ASSERT_EQ(
      send(port, "POST", path + "/transitions", {{"to", "assessing"}}, writer.auth_header()).status,
      200);

  // An assessment re-rates the risk with its residual values; it has no PATCH.
  const auto assessed = send(port, "POST", path + "/assessments",
                             {{"assessment_type", "initial"},
                              {"inherent_likelihood", 4},
                              {"inherent_impact", 5},
                              {"residual_likelihood", 2},
                              {"residual_impact", 3},
                              {"target_likelihood", 1},
                              {"target_impact", 2},
                              {"assessment_notes", "Second caster qualified"}},
                             writer.auth_header());
  ASSERT_EQ(assessed.status, 201) << assessed.body;
  EXPECT_EQ(json_of(assessed)["residual_level"], "medium");
  EXPECT_EQ(json_of(assessed)["assessed_by_id"], writer.id);
  // Its own path: /api/v1/risks/assessments/{id} would be ambiguous with /api/v1/risks/{id}/...
  const auto assessment_path =
      fmt::format("/api/v1/risk-assessments/{}", json_of(assessed)["id"].get<std::int64_t>());
  EXPECT_EQ(assessed.header("Location"), assessment_path);
  EXPECT_EQ(get(assessment_path, reader).status, 200);
  EXPECT_EQ(send(port, "PATCH", assessment_path, {{"version", 1}, {"assessment_notes", "x"}},
                 writer.auth_header())
                .status,
            405);
  auto current = json_of(get(path, reader));
  EXPECT_EQ(current["score"], 6);
  EXPECT_EQ(current["level"], "medium");
  EXPECT_EQ(current["inherent_score"], 20);
  EXPECT_EQ(current["target_level"], "low");
  EXPECT_EQ(json_of(get(path + "/assessments", reader))["total"], 1);
  ASSERT_EQ(
      send(port, "POST", path + "/transitions", {{"to", "treating"}}, writer.auth_header()).status,
      200);

  // Acceptance: needs risks:approve, an approver who is not the owner, a reason, an expiry
  // that has not passed.
  const json acceptance = {{"justification", "Within appetite until the second source"},
                           {"expires_on", "2099-12-31"}};
  EXPECT_EQ(send(port, "POST", path + "/acceptance", acceptance, writer.auth_header()).status, 403);
  EXPECT_EQ(send(port, "POST", path + "/acceptance", acceptance, owner.auth_header()).status, 403);
  EXPECT_EQ(send(port, "POST", path + "/acceptance", {{"expires_on", "2099-12-31"}},
                 approver.auth_header())
                .status,
            422);
  EXPECT_EQ(
      send(port, "POST", path + "/acceptance", {{"justification", "ok"}}, approver.auth_header())
          .status,
      422);
  EXPECT_EQ(send(port, "POST", path + "/acceptance",
                 {{"justification", "ok"}, {"expires_on", "2001-01-01"}}, approver.auth_header())
                .status,
            422);
  const auto accepted =
      send(port, "POST", path + "/acceptance", acceptance, approver.auth_header());
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(json_of(accepted)["treatment_strategy"], "accept");
  EXPECT_EQ(json_of(accepted)["accepted_by_id"], approver.id);
  EXPECT_EQ(json_of(accepted)["acceptance_expires_on"], "2099-12-31");
  EXPECT_EQ(json_of(accepted)["review_due"], false);
  EXPECT_EQ(json_of(get("/api/v1/risks?review_due=true", reader))["total"], 0);

  // Time passes: the expiry is behind us, so the risk is due for review again (computed from
  // the clock, its status unchanged).
  {
    db::Connection connection(database.url());
    connection.exec(
        fmt::format("UPDATE risks SET acceptance_expires_on = '2020-01-01', next_review_date = "
                    "'2099-01-01' WHERE id = {}",
                    risk["id"].get<std::int64_t>()));
  }
  current = json_of(get(path, reader));
  EXPECT_EQ(current["review_due"], true);
  EXPECT_EQ(current["acceptance_expired"], true);
  EXPECT_EQ(current["status"], "treating");
  const auto due = json_of(get("/api/v1/risks?review_due=true", reader));
  ASSERT_EQ(due["total"], 1);
  EXPECT_EQ(due["items"][0]["id"], risk["id"]);
  const auto stats = json_of(get("/api/v1/risks/statistics", reader));
  EXPECT_EQ(stats["expired_acceptances"], 1);
  EXPECT_EQ(stats["reviews_due"], 1);
  EXPECT_EQ(stats["by_treatment"]["accept"], 1);
  EXPECT_EQ(stats["by_level"]["critical"], 0);
  EXPECT_EQ(stats["by_level"]["medium"], 1);

  // The heat map: residual by default, inherent on request, filtered.
  const auto residual = json_of(get("/api/v1/risks/matrix", reader));
  ASSERT_EQ(residual["cells"].size(), 25U);
  EXPECT_EQ(cell(residual, 2, 3)["risk_count"], 1);
  EXPECT_EQ(cell(residual, 2, 3)["color"], "#eab308");
  EXPECT_EQ(residual["total_risks"], 1);
  const auto inherent = json_of(get("/api/v1/risks/matrix?basis=inherent", reader));
  EXPECT_EQ(cell(inherent, 4, 5)["risk_count"], 1);
  EXPECT_EQ(cell(inherent, 4, 5)["level"], "critical");
  EXPECT_EQ(json_of(get("/api/v1/risks/matrix?department=Sales", reader))["total_risks"], 0);
  EXPECT_EQ(json_of(get("/api/v1/risks/matrix?category=financial", reader))["total_risks"], 1);
  EXPECT_EQ(get("/api/v1/risks/matrix?basis=target", reader).status, 422);
  // A cell of either heat map is a filter of the register (the web app links each cell to it).
  EXPECT_EQ(json_of(get("/api/v1/risks?likelihood=2&impact=3", reader))["total"], 1);
  EXPECT_EQ(json_of(get("/api/v1/risks?likelihood=4&impact=5", reader))["total"], 0);
  EXPECT_EQ(json_of(get("/api/v1/risks?inherent_likelihood=4&inherent_impact=5", reader))["total"],
            1);
  EXPECT_EQ(json_of(get("/api/v1/risks?inherent_likelihood=2&inherent_impact=3", reader))["total"],
            0);

  // The CSV export.
  const auto csv = get("/api/v1/risks/export.csv", reader);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(csv.body.starts_with("reference_number,title,category,status,"));
  EXPECT_NE(csv.body.find(risk["reference_number"].get<std::string>()
                          + ",Supplier insolvency,financial,treating,2,3,6,medium,20,2,"),
            std::string::npos)
      << csv.body;

  // Leaving accept withdraws the acceptance; the history records every change.
  const auto mitigated = send(port, "PATCH", path,
                              {{"version", current["version"]}, {"treatment_strategy", "mitigate"}},
                              writer.auth_header());
  ASSERT_EQ(mitigated.status, 200) << mitigated.body;
  EXPECT_EQ(json_of(mitigated)["accepted_by_id"], nullptr);
  EXPECT_EQ(json_of(mitigated)["review_due"], false);
  EXPECT_GE(json_of(get(path + "/history", reader))["total"], 5);

  // Every body the register answered matched its declared schema.
  const auto metrics = http_request(port, "GET", "/metrics").body;
  EXPECT_GT(routes_total(metrics, "qgp_contract_bodies_checked_total", "/api/v1/risk"), 20)
      << metrics;
  EXPECT_EQ(routes_total(metrics, "qgp_contract_violations_total", "/api/v1/risk"), 0) << metrics;
}

TEST(RisksApi, AnAdministratorReplacesTheMatrixAndRisksAreRescoredExplicitly) {
  TestDatabase database;
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  const auto writer = create_api_user(database, port, {"risks:read", "risks:write"});
  const auto admin = create_api_user(database, port, {"risks:read", "risks:configure"});

  const auto before =
      send(port, "POST", "/api/v1/risks",
           {{"title", "Data centre flood"}, {"description", "x"}, {"likelihood", 1}, {"impact", 1}},
           writer.auth_header());
  ASSERT_EQ(before.status, 201) << before.body;
  EXPECT_EQ(json_of(before)["level"], "very_low");
  const auto risk_path = fmt::format("/api/v1/risks/{}", json_of(before)["id"].get<std::int64_t>());

  // The current version: 1, the default, with 25 cells.
  const auto versions =
      json_of(http_request(port, "GET", "/api/v1/risk-matrices", {}, writer.auth_header()));
  ASSERT_EQ(versions["total"], 1);
  EXPECT_EQ(versions["items"][0]["version_number"], 1);
  EXPECT_EQ(versions["items"][0]["current"], true);
  EXPECT_EQ(versions["items"][0]["cells"].size(), 25U);

  // A stricter version: 1x1 low. Writers may not; half a matrix is refused by path.
  json cells = versions["items"][0]["cells"];
  json body_cells = json::array();
  for (const auto& c : cells) {
    body_cells.push_back(
        {{"likelihood", c["likelihood"]},
         {"impact", c["impact"]},
         {"level", c["likelihood"] == 1 && c["impact"] == 1 ? "low" : c["level"]}});
  }
  const json body = {{"name", "Stricter"}, {"notes", "Board decision"}, {"cells", body_cells}};
  EXPECT_EQ(send(port, "POST", "/api/v1/risk-matrices", body, writer.auth_header()).status, 403);
  auto half = body;
  half["cells"].erase(half["cells"].begin() + 10, half["cells"].end());
  const auto refused = send(port, "POST", "/api/v1/risk-matrices", half, admin.auth_header());
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(json_of(refused)["details"]["fields"].contains("cells")) << refused.body;
  const auto created = send(port, "POST", "/api/v1/risk-matrices", body, admin.auth_header());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(json_of(created)["version_number"], 2);
  EXPECT_EQ(json_of(created)["current"], true);

  // The risk keeps version 1 until re-scored; re-scoring twice is a conflict.
  EXPECT_EQ(json_of(http_request(port, "GET", risk_path, {}, writer.auth_header()))["level"],
            "very_low");
  const auto rescored =
      send(port, "POST", risk_path + "/rescore", json::object(), writer.auth_header());
  ASSERT_EQ(rescored.status, 200) << rescored.body;
  EXPECT_EQ(json_of(rescored)["level"], "low");
  EXPECT_EQ(json_of(rescored)["matrix_id"], json_of(created)["id"]);
  EXPECT_EQ(send(port, "POST", risk_path + "/rescore", json::object(), writer.auth_header()).status,
            409);

  const auto metrics = http_request(port, "GET", "/metrics").body;
  EXPECT_EQ(routes_total(metrics, "qgp_contract_violations_total", "/api/v1/risk"), 0) << metrics;
}

}  // namespace
}  // namespace qgp::testing
