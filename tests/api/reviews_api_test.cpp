// A management review through the real binary, the brief's journey: plan a review with its
// attendees and inputs (every problem of a bad body at once) -> held refused while an input is
// missing, then held -> a decision recorded -> an action raised from it -> the action in the
// register with source management_review -> the chair's approval refused (403, not offered),
// another's accepted -> raising from the closed review refused (409) -> a second review shows the
// first's open action as its 9.3.2(a) input; the list's filters, unknown parameters refused,
// history, permissions, and zero response-contract violations.
#include <cstdint>
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

using nlohmann::json;

// Every 9.3.2 input but previous_actions (computed) and external_providers (added later).
json inputs_but_external_providers() {
  json inputs = json::array();
  for (const auto* kind :
       {"context_changes", "customer_feedback", "objectives", "process_performance",
        "nonconformities_and_actions", "monitoring_results", "audit_results", "resources",
        "risks_and_opportunities", "improvement_opportunities"}) {
    inputs.push_back({{"kind", kind}, {"summary", fmt::format("The {} presented", kind)}});
  }
  return inputs;
}

TEST(ReviewsApi, PlannedHeldDecidedActionRaisedApprovedByAnotherAndCarriedToTheNextReview) {
  TestDatabase database;
  std::int64_t standard_id = 0;
  {
    db::Connection connection(database.url());
    standard_id = connection
                      .exec(
                          "INSERT INTO standards (code, name, full_name, edition) VALUES "
                          "('ISO9001', 'ISO 9001', 'Quality management systems', '2015') "
                          "RETURNING id")
                      .int64(0, 0);
  }
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  // The chair holds reviews:approve too: the rule, not the permission, stops them.
  const auto chair = create_api_user(
      database, port,
      {"reviews:read", "reviews:write", "reviews:approve", "actions:read", "actions:write"});
  const auto approver = create_api_user(database, port, {"reviews:read", "reviews:approve"});
  const auto outsider = create_api_user(database, port, {"actions:read"});
  const auto get = [&](const std::string& path, const ApiUser& user) {
    return http_request(port, "GET", path, {}, user.auth_header());
  };
  const auto send = [&](const std::string& method, const std::string& path, const json& body,
                        const ApiUser& user) {
    return send_json(port, method, path, body.dump(), user.auth_header());
  };
  const auto move = [&](const std::string& path, const json& body, const ApiUser& user) {
    return send("POST", path + "/transitions", body, user);
  };

  // Every problem of a bad body at once.
  const auto invalid = send("POST", "/api/v1/management-reviews",
                            {{"title", " "},
                             {"planned_date", "2026-03-10"},
                             {"inputs", {{{"kind", "gossip"}, {"summary", "x"}}}}},
                            chair);
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  const auto fields = json_of(invalid)["details"]["fields"];
  EXPECT_TRUE(fields.contains("title")) << invalid.body;
  EXPECT_TRUE(fields.contains("chair_id")) << invalid.body;
  EXPECT_TRUE(fields.contains("inputs[0].kind")) << invalid.body;
  // Outputs are not sent with a plan: decisions are made at the review.
  EXPECT_EQ(send("POST", "/api/v1/management-reviews",
                 {{"title", "Annual review"},
                  {"planned_date", "2026-03-10"},
                  {"chair_id", chair.id},
                  {"outputs", json::array()}},
                 chair)
                .status,
            422);

  const auto planned = send("POST", "/api/v1/management-reviews",
                            {{"title", "Annual management review 2026"},
                             {"planned_date", "2026-03-10"},
                             {"chair_id", chair.id},
                             {"standard_ids", {standard_id}},
                             {"attendees",
                              {{{"user_id", chair.id}, {"role", "Managing director"}},
                               {{"name", "Dana Lee"}, {"role", "External consultant"}}}},
                             {"inputs", inputs_but_external_providers()}},
                            chair);
  ASSERT_EQ(planned.status, 201) << planned.body;
  auto review = json_of(planned);
  const auto path = fmt::format("/api/v1/management-reviews/{}", review["id"].get<int>());
  EXPECT_EQ(planned.header("Location"), path);
  EXPECT_TRUE(review["reference_number"].get<std::string>().starts_with("MRV-"));
  EXPECT_EQ(review["status"], "planned");
  EXPECT_EQ(review["attendees"].size(), 2U);
  EXPECT_EQ(review["inputs"].size(), 10U);
  EXPECT_EQ(review["previous_actions"], json::array());

  // Held refused: the day and external_providers are missing.
  const auto early = move(path, {{"to", "held"}}, chair);
  ASSERT_EQ(early.status, 422) << early.body;
  EXPECT_TRUE(json_of(early)["details"]["fields"].contains("held_on")) << early.body;
  EXPECT_NE(early.body.find("external_providers"), std::string::npos) << early.body;
  const auto not_applicable = send("POST", path + "/inputs",
                                   {{"kind", "external_providers"},
                                    {"summary", "No external providers in scope"},
                                    {"not_applicable", true}},
                                   chair);
  ASSERT_EQ(not_applicable.status, 201) << not_applicable.body;
  EXPECT_EQ(
      send("POST", path + "/inputs", {{"kind", "objectives"}, {"summary", "Again"}}, chair).status,
      409);
  const auto held = move(path, {{"to", "held"}, {"held_on", "2026-03-11"}}, chair);
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(json_of(held)["held_on"], "2026-03-11");

  // A decision, and an action raised from it.
  const auto decided = send("POST", path + "/outputs",
                            {{"kind", "resource_need"},
                             {"decision", "Hire a second metrologist"},
                             {"owner_id", chair.id}},
                            chair);
  ASSERT_EQ(decided.status, 201) << decided.body;
  const auto output_path =
      fmt::format("/api/v1/management-review-outputs/{}", json_of(decided)["id"].get<int>());
  const auto raised = send("POST", output_path + "/actions",
                           {{"title", "Recruit a metrologist"},
                            {"description", "Decided at the annual management review"},
                            {"action_type", "improvement"},
                            {"owner_id", chair.id}},
                           chair);
  ASSERT_EQ(raised.status, 201) << raised.body;
  const auto action = json_of(raised);
  EXPECT_EQ(action["source_kind"], "management_review");
  EXPECT_EQ(action["management_review_id"], review["id"]);
  const auto register_list = json_of(get("/api/v1/actions?source_kind=management_review", chair));
  ASSERT_EQ(register_list["total"], 1) << register_list.dump();
  EXPECT_EQ(register_list["items"][0]["id"], action["id"]);
  review = json_of(get(path, chair));
  ASSERT_EQ(review["actions"].size(), 1U) << review.dump();
  EXPECT_EQ(review["actions"][0]["reference_number"], action["reference_number"]);
  EXPECT_EQ(review["actions"][0]["status"], "open");
  EXPECT_EQ(review["outputs"][0]["action_ids"], json::array({action["id"]}));

  // The minutes, then the approval: the chair's refused and not offered, another's taken.
  const auto minuted = send(
      "PATCH", path,
      {{"version", review["version"]}, {"minutes", "Objectives met; one resource need"}}, chair);
  ASSERT_EQ(minuted.status, 200) << minuted.body;
  EXPECT_EQ(json_of(minuted)["allowed_transitions"], json::array());
  EXPECT_EQ(move(path, {{"to", "closed"}}, chair).status, 403);
  EXPECT_EQ(json_of(get(path, approver))["allowed_transitions"], json::array({"closed"}));
  const auto closed = move(path, {{"to", "closed"}}, approver);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(json_of(closed)["approved_by_id"], approver.id);
  // Closed: no more actions, from the output or the register.
  EXPECT_EQ(send("POST", output_path + "/actions", {{"title", "Late"}, {"description", "Too late"}},
                 chair)
                .status,
            409);
  EXPECT_EQ(
      send("POST", "/api/v1/actions",
           {{"title", "Late"}, {"description", "Too late"}, {"management_review_id", review["id"]}},
           chair)
          .status,
      409);

  // The next review starts from what this one left open.
  const auto next = send("POST", "/api/v1/management-reviews",
                         {{"title", "Mid-year management review"},
                          {"planned_date", "2026-09-10"},
                          {"chair_id", chair.id}},
                         chair);
  ASSERT_EQ(next.status, 201) << next.body;
  const auto previous = json_of(next)["previous_actions"];
  ASSERT_EQ(previous.size(), 1U) << next.body;
  EXPECT_EQ(previous[0]["reference_number"], action["reference_number"]);
  EXPECT_EQ(previous[0]["management_review_id"], review["id"]);

  // The list: typed filters, unknown parameters refused; the history; permissions.
  EXPECT_EQ(json_of(get(fmt::format("/api/v1/management-reviews?status=closed&standard_ids={}"
                                    "&planned_from=2026-01-01&planned_to=2026-06-30",
                                    standard_id),
                        approver))["total"],
            1);
  EXPECT_EQ(json_of(get("/api/v1/management-reviews?status=planned,held", approver))["total"], 1);
  EXPECT_EQ(
      json_of(get("/api/v1/management-reviews?q=mid-year&sort=-planned_date", approver))["total"],
      1);
  EXPECT_EQ(get("/api/v1/management-reviews?colour=red", approver).status, 422);
  EXPECT_EQ(get("/api/v1/management-reviews?status=done", approver).status, 422);
  EXPECT_EQ(get(path, outsider).status, 403);
  EXPECT_EQ(send("POST", path + "/transitions", {{"to", "held"}, {"note", "x"}}, approver).status,
            403);
  EXPECT_GE(json_of(get(path + "/history", approver))["total"], 4);

  // Every body the module answered matched its declared schema.
  const auto metrics = http_request(port, "GET", "/metrics").body;
  EXPECT_GT(routes_total(metrics, "qgp_contract_bodies_checked_total", "/api/v1/management-review"),
            10)
      << metrics;
  EXPECT_EQ(routes_total(metrics, "qgp_contract_violations_total", "/api/v1/management-review"), 0)
      << metrics;
}

}  // namespace
}  // namespace qgp::testing
