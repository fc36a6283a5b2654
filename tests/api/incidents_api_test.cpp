// The incident register through the real binary: an employee (a role holding incidents:report
// only) reports an injury; a manager records the days off, reads the RIDDOR engine's proposal,
// decides over-seven-day (due fifteen days after the accident, not after the record), triages and
// moves it to closed, refused while an action raised from it is open; lists, statistics, CSV and
// history; zero response-contract violations.
#include <string>
#include <utility>
#include <vector>

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

TEST(IncidentsApi, AnEmployeesReportTriagedOverSevenDaysAndClosed) {
  TestDatabase database;
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  const auto employee = create_api_user(database, port, {"incidents:report"});
  const auto manager = create_api_user(database, port, {"incidents:read", "incidents:write"});
  const auto get = [&](const std::string& path, const ApiUser& user) {
    return http_request(port, "GET", path, {}, user.auth_header());
  };
  const auto send = [&](const std::string& method, const std::string& path, const json& body,
                        const ApiUser& user) {
    return send_json(port, method, path, body.dump(), user.auth_header());
  };

  // The phone form: what the person knows now. Every problem at once.
  const auto invalid = send("POST", "/api/v1/incidents",
                            {{"title", " "}, {"description", "x"}, {"severity", "dire"}}, employee);
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  const auto fields = json_of(invalid)["details"]["fields"];
  EXPECT_TRUE(fields.contains("title")) << invalid.body;
  EXPECT_TRUE(fields.contains("severity")) << invalid.body;
  EXPECT_TRUE(fields.contains("occurred_at")) << invalid.body;
  // The accident happened on Friday 20 November 2026; it is recorded today, weeks later.
  const auto reported =
      send("POST", "/api/v1/incidents",
           {{"title", "Hand caught in the press guard"},
            {"description", "The guard closed on my colleague's hand while clearing a jam."},
            {"incident_type", "injury"},
            {"severity", "high"},
            {"occurred_at", "2026-11-20T14:30:00Z"},
            {"location", "Press shop, line 2"},
            {"department", "Production"},
            {"first_aid_given", true},
            {"people",
             {{{"name", "J. Operator"}, {"injury_type", "crush"}, {"body_part", "hand"}},
              {{"name", "K. Setter"}, {"role", "witness"}, {"statement", "Saw the guard drop"}}}}},
           employee);
  ASSERT_EQ(reported.status, 201) << reported.body;
  const auto incident = json_of(reported);
  const std::string path = "/api/v1/incidents/" + std::to_string(incident["id"].get<int>());
  EXPECT_EQ(reported.header("Location"), path);
  EXPECT_EQ(incident["status"], "reported");
  EXPECT_EQ(incident["occurred_on"], "2026-11-20");
  EXPECT_EQ(incident["reporter_id"], employee.id);
  ASSERT_EQ(incident["people"].size(), 2U);
  EXPECT_EQ(incident["allowed_transitions"], json::array());
  // The employee reports; deciding and moving are the manager's.
  EXPECT_EQ(get(path, employee).status, 403);
  EXPECT_EQ(send("POST", path + "/riddor-decision",
                 {{"category", "over_seven_day_incapacitation"}, {"rationale", "x"}}, employee)
                .status,
            403);

  // Nine days off work become known: the engine proposes over-seven-day, due 5 December.
  const auto person = incident["people"][0];
  const auto days =
      send("PATCH", "/api/v1/incident-people/" + std::to_string(person["id"].get<int>()),
           {{"version", person["version"]}, {"days_off_work", 9}}, manager);
  ASSERT_EQ(days.status, 200) << days.body;
  const auto through_parent =
      send("PATCH", path, {{"version", incident["version"]}, {"people", json::array()}}, manager);
  EXPECT_EQ(through_parent.status, 422) << through_parent.body;
  const auto proposal = json_of(get(path + "/riddor-assessment", manager));
  EXPECT_EQ(proposal["category"], "over_seven_day_incapacitation") << proposal;
  EXPECT_EQ(proposal["regulation"], "reg. 4(2)");
  EXPECT_EQ(proposal["counted_from"], "2026-11-20");
  EXPECT_EQ(proposal["report_due_date"], "2026-12-05");
  EXPECT_EQ(proposal["notify_without_delay"], false);

  // Triage needs the decision; the decision's due date is the event's, not the record's.
  const auto early = send("POST", path + "/transitions", {{"to", "triaged"}}, manager);
  EXPECT_EQ(early.status, 422) << early.body;
  const auto decided = send("POST", path + "/riddor-decision",
                            {{"category", "over_seven_day_incapacitation"},
                             {"rationale", "Nine consecutive days off after the accident"}},
                            manager);
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(json_of(decided)["riddor_due_date"], "2026-12-05");
  EXPECT_EQ(json_of(decided)["riddor_reportable"], true);
  EXPECT_EQ(json_of(decided)["riddor_confirmed_by_id"], manager.id);
  const auto triaged = send("POST", path + "/transitions", {{"to", "triaged"}}, manager);
  ASSERT_EQ(triaged.status, 200) << triaged.body;
  EXPECT_EQ(json_of(triaged)["allowed_transitions"],
            json::array({"under_investigation", "closed"}));

  // Lists: typed filters, the RIDDOR due and overdue lists, unknown parameters refused.
  EXPECT_EQ(
      json_of(get("/api/v1/incidents?riddor_due=true&severity=high,critical", manager))["total"],
      1);
  EXPECT_EQ(json_of(get("/api/v1/incidents?occurred_from=2026-11-21T00:00:00Z", manager))["total"],
            0);
  EXPECT_EQ(json_of(get("/api/v1/incidents?department=Production&q=press", manager))["total"], 1);
  EXPECT_EQ(get("/api/v1/incidents?colour=red", manager).status, 422);
  EXPECT_EQ(get("/api/v1/incidents?severity=dire", manager).status, 422);
  const auto stats = json_of(get("/api/v1/incidents/statistics", manager));
  EXPECT_EQ(stats["riddor_due"], 1);
  EXPECT_EQ(stats["by_status"]["triaged"], 1);

  // Reported to HSE: no longer due.
  const auto filed =
      send("POST", path + "/riddor-report", {{"hse_reference", "RIDDOR-2026-44817"}}, manager);
  ASSERT_EQ(filed.status, 200) << filed.body;
  EXPECT_EQ(json_of(filed)["riddor_overdue"], false);
  EXPECT_EQ(json_of(get("/api/v1/incidents?riddor_due=true", manager))["total"], 0);

  for (const std::string to : {"under_investigation", "actions", "review"}) {
    const auto moved = send("POST", path + "/transitions", {{"to", to}}, manager);
    ASSERT_EQ(moved.status, 200) << to << ": " << moved.body;
  }
  // An action raised from the incident is still open: closing is refused, naming it.
  {
    db::Connection connection(database.url());
    connection.exec(
        "INSERT INTO actions (reference_number, title, description, incident_id) "
        "VALUES ('ACT-2026-0042', 'Interlock the guard', 'Fit an interlock', "
        + std::to_string(incident["id"].get<int>()) + ")");
  }
  const auto refused = send("POST", path + "/transitions", {{"to", "closed"}}, manager);
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("ACT-2026-0042"), std::string::npos) << refused.body;
  const auto forbidden =
      send("POST", path + "/transitions",
           {{"to", "closed"}, {"closure_override_reason", "tracked elsewhere"}}, manager);
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;
  {
    db::Connection connection(database.url());
    connection.exec("UPDATE actions SET status = 'verified', verified_at = now(), verified_by_id = "
                    + std::to_string(manager.id) + " WHERE reference_number = 'ACT-2026-0042'");
  }
  const auto closed = send("POST", path + "/transitions",
                           {{"to", "closed"}, {"note", "Interlock fitted"}}, manager);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(json_of(closed)["closed_by_id"], manager.id);
  EXPECT_EQ(json_of(closed)["closure_notes"], "Interlock fitted");
  EXPECT_NE(json_of(closed)["investigation_completed_at"], nullptr);

  const auto csv = get("/api/v1/incidents/export.csv", manager);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("RIDDOR-2026-44817"), std::string::npos) << csv.body;
  EXPECT_GE(json_of(get(path + "/history", manager))["total"], 8);

  // Every body the register answered matched its declared schema.
  const auto metrics = http_request(port, "GET", "/metrics").body;
  EXPECT_GT(routes_total(metrics, "qgp_contract_bodies_checked_total", "/api/v1/incident"), 15)
      << metrics;
  EXPECT_EQ(routes_total(metrics, "qgp_contract_violations_total", "/api/v1/incident"), 0)
      << metrics;
}

}  // namespace
}  // namespace qgp::testing
