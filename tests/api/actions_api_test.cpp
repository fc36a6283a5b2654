// The closed loop through the real binary: a finding raises two actions; both completed by A; A's
// verification refused, B's accepted; the finding is pending_verification by itself (the system's
// move, naming B) and is then closed. Also the register's filters, refusals and CSV export, with
// zero response-contract violations (every body checked against /openapi.json).
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "db/connection.hpp"
#include "support/api_session.hpp"
#include "support/fixtures.hpp"
#include "support/json_api.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

using nlohmann::json;

TEST(ActionsApi, AFindingsActionsVerifiedByAnotherPersonMoveTheFindingAndItCloses) {
  TestDatabase database;
  {
    db::Connection connection(database.url());
    insert_audit_run(connection);
  }
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  const auto auditor =
      create_api_user(database, port, {"findings:read", "findings:write", "findings:verify"});
  // A does the work and also holds actions:verify: the rule, not the permission, stops them.
  const auto a =
      create_api_user(database, port, {"actions:read", "actions:write", "actions:verify"});
  const auto b = create_api_user(database, port, {"actions:read", "actions:verify"});
  const auto reader = create_api_user(database, port, {"actions:read"});
  const auto get = [&](const std::string& path, const ApiUser& user) {
    return http_request(port, "GET", path, {}, user.auth_header());
  };
  const auto move = [&](const std::string& path, const ApiUser& user, const json& body) {
    return send(port, "POST", path + "/transitions", body, user.auth_header());
  };

  const auto raised = send(port, "POST", "/api/v1/audits/findings",
                           {{"run_id", 1},
                            {"title", "Gauges not calibrated"},
                            {"description", "Two gauges had no certificate"},
                            {"grade", "minor_nonconformity"}},
                           auditor.auth_header());
  ASSERT_EQ(raised.status, 201) << raised.body;
  const auto finding_id = json_of(raised)["id"].get<std::int64_t>();
  const auto finding_path = fmt::format("/api/v1/audits/findings/{}", finding_id);

  // Create: one source exactly, every problem at once; a reader cannot create.
  const auto sourceless =
      send(port, "POST", "/api/v1/actions", {{"title", ""}, {"description", "x"}}, a.auth_header());
  ASSERT_EQ(sourceless.status, 422) << sourceless.body;
  EXPECT_TRUE(json_of(sourceless)["details"]["fields"].contains("title"));
  const auto no_source = send(port, "POST", "/api/v1/actions",
                              {{"title", "t"}, {"description", "x"}}, a.auth_header());
  ASSERT_EQ(no_source.status, 422) << no_source.body;
  EXPECT_TRUE(json_of(no_source)["details"]["fields"].contains("source"));
  std::vector<std::string> paths;
  for (const auto* title : {"Recalibrate the gauges", "Add gauges to the calibration plan"}) {
    const json body = {
        {"title", title},           {"description", "So that every gauge in use has a certificate"},
        {"finding_id", finding_id}, {"owner_id", a.id},
        {"priority", "high"},       {"due_date", "2099-01-31"}};
    EXPECT_EQ(send(port, "POST", "/api/v1/actions", body, reader.auth_header()).status, 403);
    const auto created = send(port, "POST", "/api/v1/actions", body, a.auth_header());
    ASSERT_EQ(created.status, 201) << created.body;
    const auto action = json_of(created);
    EXPECT_TRUE(action["reference_number"].get<std::string>().starts_with("ACT-"));
    EXPECT_EQ(action["status"], "open");
    EXPECT_EQ(action["source_kind"], "finding");
    EXPECT_EQ(action["overdue"], false);
    paths.push_back(fmt::format("/api/v1/actions/{}", action["id"].get<std::int64_t>()));
    EXPECT_EQ(created.header("Location"), paths.back());
  }
  EXPECT_EQ(json_of(get(finding_path, auditor))["action_ids"].size(), 2U);

  // The register: my actions, typed filters, unknown parameters refused.
  EXPECT_EQ(json_of(get("/api/v1/actions?mine=true", a))["total"], 2);
  EXPECT_EQ(json_of(get("/api/v1/actions?mine=true", b))["total"], 0);
  EXPECT_EQ(json_of(get(fmt::format("/api/v1/actions?finding_id={}&source_kind=finding,risk"
                                    "&priority=high&status=open&sort=-due_date",
                                    finding_id),
                        reader))["total"],
            2);
  EXPECT_EQ(json_of(get("/api/v1/actions?overdue=true&due_before=2100-01-01", reader))["total"], 0);
  EXPECT_EQ(get("/api/v1/actions?colour=red", reader).status, 422);
  EXPECT_EQ(get("/api/v1/actions?status=closed", reader).status, 422);

  // A takes both actions through to completed; a completion needs a note of what was done.
  for (const auto& path : paths) {
    ASSERT_EQ(move(path, a, {{"to", "in_progress"}}).status, 200);
    EXPECT_EQ(move(path, a, {{"to", "completed"}}).status, 422);
    ASSERT_EQ(move(path, a, {{"to", "completed"}, {"note", "Certificates filed"}}).status, 200);
  }
  // An effectiveness review of a completed action (not required for a minor nonconformity).
  EXPECT_EQ(send(port, "POST", paths[0] + "/effectiveness-review",
                 {{"is_effective", true}, {"effectiveness_notes", "No uncalibrated gauge in use"}},
                 a.auth_header())
                .status,
            200);

  // Verification by A refused (and not offered), by B accepted, for both actions.
  for (const auto& path : paths) {
    const auto completed = json_of(get(path, a));
    EXPECT_EQ(completed["completed_by_id"], a.id);
    EXPECT_EQ(completed["allowed_transitions"], json::array({"in_progress"}));
    const auto refused = move(path, a, {{"to", "verified"}});
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(json_of(refused)["error_code"], "FORBIDDEN");
    EXPECT_EQ(json_of(get(finding_path, auditor))["status"], "open");
    const auto verified = move(path, b, {{"to", "verified"}, {"note", "Certificates seen"}});
    ASSERT_EQ(verified.status, 200) << verified.body;
    EXPECT_EQ(json_of(verified)["verified_by_id"], b.id);
  }

  // The finding moved by itself, in B's request, as the system's move naming B.
  const auto finding = json_of(get(finding_path, auditor));
  EXPECT_EQ(finding["status"], "pending_verification");
  const auto history = json_of(get(finding_path + "/history", auditor));
  const auto& last = history["items"][history["items"].size() - 1];
  EXPECT_EQ(last["action"], "transition");
  EXPECT_TRUE(last["actor_user_id"].is_null()) << last.dump();
  EXPECT_NE(last["note"].get<std::string>().find(fmt::format("user {}", b.id)), std::string::npos)
      << last.dump();

  // ... and the auditor closes it.
  const auto closed =
      send(port, "POST", finding_path + "/transitions",
           {{"to", "closed"}, {"note", "Both actions verified on site"}}, auditor.auth_header());
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(json_of(closed)["status"], "closed");
  // A closed finding raises no further action.
  EXPECT_EQ(
      send(port, "POST", "/api/v1/actions",
           {{"title", "t"}, {"description", "d"}, {"finding_id", finding_id}}, a.auth_header())
          .status,
      409);

  // The register as CSV: a header and one row per action.
  const auto csv = get("/api/v1/actions/export.csv", reader);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(csv.body.starts_with("reference_number,title,action_type")) << csv.body;
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 3);
}

}  // namespace
}  // namespace qgp::testing
