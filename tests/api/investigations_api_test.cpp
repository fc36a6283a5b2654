// An investigation through the real binary, the journey: an incident -> an investigation
// with five whys and two fishbone factors -> two actions raised from it -> completed by A,
// verified by B -> the incident's closing refused while the investigation is not signed off (409)
// -> the investigator's own sign-off refused (403, not offered), another person's accepted -> the
// incident closes; the list's filters, unknown parameters refused, the children's
// own routes, history; zero response-contract violations.
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/api_session.hpp"
#include "support/json_api.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

using nlohmann::json;

TEST(InvestigationsApi, FiveWhysTwoActionsVerifiedSignedOffByAnotherAndTheIncidentCloses) {
  TestDatabase database;
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  const auto manager =
      create_api_user(database, port,
                      {"incidents:read", "incidents:report", "incidents:write", "actions:read",
                       "actions:write", "investigations:read", "investigations:write"});
  // The investigator also holds investigations:signoff: the rule, not the permission, stops them.
  const auto investigator = create_api_user(
      database, port, {"investigations:read", "investigations:write", "investigations:signoff"});
  const auto signer =
      create_api_user(database, port, {"investigations:read", "investigations:signoff"});
  const auto a = create_api_user(database, port, {"actions:read", "actions:write"});
  const auto b = create_api_user(database, port, {"actions:read", "actions:verify"});
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

  // The incident, decided not reportable, triaged and under investigation.
  const auto reported = send("POST", "/api/v1/incidents",
                             {{"title", "Hand caught in the press guard"},
                              {"description", "The guard closed on a hand while clearing a jam."},
                              {"incident_type", "injury"},
                              {"occurred_at", "2026-11-20T14:30:00Z"}},
                             manager);
  ASSERT_EQ(reported.status, 201) << reported.body;
  const auto incident_id = json_of(reported)["id"].get<std::int64_t>();
  const auto incident_path = fmt::format("/api/v1/incidents/{}", incident_id);
  ASSERT_EQ(send("POST", incident_path + "/riddor-decision",
                 {{"category", nullptr}, {"rationale", "First aid only, back at work"}}, manager)
                .status,
            200);
  for (const std::string to : {"triaged", "under_investigation"}) {
    ASSERT_EQ(move(incident_path, {{"to", to}}, manager).status, 200) << to;
  }

  // The investigation: every problem at once, then five whys and two fishbone factors.
  const auto invalid = send("POST", "/api/v1/investigations",
                            {{"title", " "},
                             {"incident_id", incident_id},
                             {"factors", {{{"category", "mood"}, {"factor", "x"}}}}},
                            manager);
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  const auto fields = json_of(invalid)["details"]["fields"];
  EXPECT_TRUE(fields.contains("title")) << invalid.body;
  EXPECT_TRUE(fields.contains("investigator_id")) << invalid.body;
  EXPECT_TRUE(fields.contains("factors[0].category")) << invalid.body;
  json whys = json::array();
  for (const auto* why :
       {"Why was the hand caught?", "Why was the guard open?", "Why could it open while running?",
        "Why was there no interlock?", "Why did the risk assessment miss it?"}) {
    whys.push_back({{"why", why}, {"answer", "Because of the step below"}});
  }
  const auto opened =
      send("POST", "/api/v1/investigations",
           {{"title", "Press guard injury"},
            {"incident_id", incident_id},
            {"investigator_id", investigator.id},
            {"whys", whys},
            {"factors",
             {{{"category", "people"}, {"factor", "Not trained on clearing jams"}},
              {{"category", "machine"}, {"factor", "Guard without an interlock"}}}}},
           manager);
  ASSERT_EQ(opened.status, 201) << opened.body;
  auto investigation = json_of(opened);
  const auto path = fmt::format("/api/v1/investigations/{}", investigation["id"].get<int>());
  EXPECT_EQ(opened.header("Location"), path);
  EXPECT_TRUE(investigation["reference_number"].get<std::string>().starts_with("INV-"));
  EXPECT_EQ(investigation["status"], "open");
  ASSERT_EQ(investigation["whys"].size(), 5U);
  EXPECT_EQ(investigation["whys"][4]["position"], 5);
  EXPECT_EQ(investigation["whys"][4]["why"], "Why did the risk assessment miss it?");
  ASSERT_EQ(investigation["factors"].size(), 2U);
  EXPECT_EQ(investigation["factors"][1]["category"], "machine");
  // A third factor through its own route; whys and factors are not replaced through the parent.
  const auto factor =
      send("POST", path + "/factors",
           {{"category", "method"}, {"factor", "No jam-clearing procedure"}}, investigator);
  ASSERT_EQ(factor.status, 201) << factor.body;
  const auto factor_json = json_of(factor);
  const auto edited =
      send("PATCH", fmt::format("/api/v1/investigation-factors/{}", factor_json["id"].get<int>()),
           {{"version", factor_json["version"]}, {"factor", "No written jam-clearing procedure"}},
           investigator);
  EXPECT_EQ(edited.status, 200) << edited.body;
  investigation = json_of(get(path, manager));
  EXPECT_EQ(
      send("PATCH", path, {{"version", investigation["version"]}, {"whys", json::array()}}, manager)
          .status,
      422);
  const auto nobody =
      send("PATCH", path, {{"version", investigation["version"]}, {"investigator_id", nullptr}},
           manager);
  ASSERT_EQ(nobody.status, 422) << nobody.body;
  EXPECT_TRUE(json_of(nobody)["details"]["fields"].contains("investigator_id")) << nobody.body;

  // Two actions raised from it: actions of the incident, listed by the investigation.
  std::vector<std::int64_t> action_ids;
  for (const auto* title : {"Fit an interlock to the press guard", "Train jam clearing"}) {
    const auto created = send("POST", "/api/v1/actions",
                              {{"title", title},
                               {"description", "Raised from the press guard investigation"},
                               {"incident_id", incident_id},
                               {"owner_id", a.id}},
                              manager);
    ASSERT_EQ(created.status, 201) << created.body;
    action_ids.push_back(json_of(created)["id"].get<std::int64_t>());
  }
  const auto linked =
      send("PATCH", path,
           {{"version", investigation["version"]},
            {"action_ids", action_ids},
            {"root_cause", "The press guard had no interlock and jam clearing had no procedure"}},
           investigator);
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(json_of(linked)["action_ids"], json(action_ids));
  ASSERT_EQ(
      move("/api/v1/incidents/" + std::to_string(incident_id), {{"to", "actions"}}, manager).status,
      200);

  // A completes both, B verifies both.
  for (const auto id : action_ids) {
    const auto action = fmt::format("/api/v1/actions/{}", id);
    ASSERT_EQ(move(action, {{"to", "in_progress"}}, a).status, 200);
    ASSERT_EQ(move(action, {{"to", "completed"}, {"note", "Done"}}, a).status, 200);
    const auto verified = move(action, {{"to", "verified"}}, b);
    ASSERT_EQ(verified.status, 200) << verified.body;
    EXPECT_EQ(json_of(verified)["verified_by_id"], b.id);
  }

  // The incident does not close while its investigation is not signed off.
  ASSERT_EQ(move(incident_path, {{"to", "review"}}, manager).status, 200);
  const auto too_early = move(incident_path, {{"to", "closed"}}, manager);
  ASSERT_EQ(too_early.status, 409) << too_early.body;
  EXPECT_NE(too_early.body.find(investigation["reference_number"].get<std::string>()),
            std::string::npos)
      << too_early.body;

  // To review, then the sign-off: the investigator's refused and not offered, another's taken.
  const auto in_review = move(path, {{"to", "in_review"}}, investigator);
  ASSERT_EQ(in_review.status, 200) << in_review.body;
  EXPECT_EQ(json_of(in_review)["allowed_transitions"], json::array({"open"}));
  const auto own = move(path, {{"to", "signed_off"}}, investigator);
  EXPECT_EQ(own.status, 403) << own.body;
  EXPECT_EQ(json_of(get(path, signer))["allowed_transitions"], json::array({"signed_off"}));
  const auto signed_off =
      move(path, {{"to", "signed_off"}, {"note", "Root cause and actions agreed"}}, signer);
  ASSERT_EQ(signed_off.status, 200) << signed_off.body;
  EXPECT_EQ(json_of(signed_off)["signed_off_by_id"], signer.id);
  EXPECT_EQ(json_of(signed_off)["sign_off_notes"], "Root cause and actions agreed");
  EXPECT_EQ(
      send("POST", path + "/whys", {{"why", "Why?"}, {"answer", "Late"}}, investigator).status,
      409);

  // The incident closes: every action verified, its investigation signed off.
  const auto closed = move(incident_path, {{"to", "closed"}}, manager);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(json_of(closed)["status"], "closed");

  // The list: typed filters, unknown parameters refused; the history of the moves.
  EXPECT_EQ(json_of(get(fmt::format("/api/v1/investigations?status=signed_off&incident_id={}"
                                    "&investigator_id={}",
                                    incident_id, investigator.id),
                        signer))["total"],
            1);
  EXPECT_EQ(json_of(get("/api/v1/investigations?status=open,in_review", signer))["total"], 0);
  EXPECT_EQ(get("/api/v1/investigations?colour=red", signer).status, 422);
  EXPECT_EQ(get("/api/v1/investigations?status=closed", signer).status, 422);
  EXPECT_EQ(get(path, a).status, 403);
  EXPECT_GE(json_of(get(path + "/history", signer))["total"], 4);

  // Every body the module answered matched its declared schema.
  const auto metrics = http_request(port, "GET", "/metrics").body;
  EXPECT_GT(routes_total(metrics, "qgp_contract_bodies_checked_total", "/api/v1/investigation"), 10)
      << metrics;
  EXPECT_EQ(routes_total(metrics, "qgp_contract_violations_total", "/api/v1/investigation"), 0)
      << metrics;
}

}  // namespace
}  // namespace qgp::testing
