// The audit journey through the real `qgp serve`: build a template through the templates API,
// publish it, schedule a run, start it, answer every question, complete it, and see the score, the
// auto-created finding and the audit trail - plus the error contract of the run routes.
#include <algorithm>
#include <stdexcept>
#include <string>
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

class AuditsJourneyApiTest : public ::testing::Test {
 protected:
  AuditsJourneyApiTest() : server_(api_server_env(db_)) {
    token_ = create_api_user(
                 db_, server_.port(),
                 {"audits:read", "audits:write", "audits:conduct", "findings:read", "audit:read"})
                 .access_token;
  }

  json call(std::string_view method, const std::string& target, const json& body,
            int expected_status) {
    const auto response =
        http_request(server_.port(), method, target, body.is_null() ? std::string() : body.dump(),
                     {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}});
    EXPECT_EQ(response.status, expected_status) << method << " " << target << ": " << response.body;
    last_ = response;
    return response.body.empty() ? json() : json::parse(response.body);
  }
  json get(const std::string& target, int status = 200) {
    return call("GET", target, nullptr, status);
  }
  json post(const std::string& target, const json& body, int status = 200) {
    return call("POST", target, body, status);
  }
  json put(const std::string& target, const json& body, int status = 200) {
    return call("PUT", target, body, status);
  }
  json patch(const std::string& target, const json& body, int status = 200) {
    return call("PATCH", target, body, status);
  }

  TestDatabase db_;
  ServerProcess server_;
  std::string token_;
  HttpResponse last_;
};

struct BuiltTemplate {
  std::int64_t id = 0;
  std::int64_t q_exits = 0;
  std::int64_t q_house = 0;
  std::int64_t q_score = 0;
  std::int64_t opt_poor = 0;
  std::int64_t opt_good = 0;
};

// Section and question writes answer with the whole template detail: find the part by its text.
const json& part(const json& detail, const std::string& list, const std::string& field,
                 const std::string& text) {
  for (const auto& item : detail.at(list)) {
    if (item.at(field) == text) {
      return item;
    }
  }
  throw std::runtime_error("no " + list + " with " + field + " = " + text + " in " + detail.dump());
}

std::int64_t option_id(const json& question, const std::string& value) {
  for (const auto& option : question.at("options")) {
    if (option.at("value") == value) {
      return option.at("id").get<std::int64_t>();
    }
  }
  throw std::runtime_error("no option " + value + " in " + question.dump());
}

TEST_F(AuditsJourneyApiTest, BuildPublishScheduleAnswerCompleteAndSeeScoreFindingsAndTrail) {
  // 1. The template, through the templates API.
  const auto templ = post("/api/v1/audits/templates",
                          {{"name", "Warehouse safety inspection"},
                           {"scoring_method", "percentage"},
                           {"passing_score", 70},
                           {"auto_create_findings", true}},
                          201);
  const auto template_id = templ.at("id").get<std::int64_t>();
  const auto base = fmt::format("/api/v1/audits/templates/{}", template_id);
  const auto with_section =
      post(base + "/sections", {{"title", "Housekeeping"}, {"weight", 1}}, 201);
  const auto section_id =
      part(with_section, "sections", "title", "Housekeeping").at("id").get<std::int64_t>();
  post(base + "/questions",
       {{"section_id", section_id},
        {"question_text", "Are fire exits clear?"},
        {"question_type", "yes_no"},
        {"is_critical", true}},
       201);
  post(base + "/questions",
       {{"section_id", section_id},
        {"question_text", "Housekeeping condition"},
        {"question_type", "choice"},
        {"options", json::array({{{"label", "Good"}, {"value", "good"}, {"score", 2}},
                                 {{"label", "Poor"},
                                  {"value", "poor"},
                                  {"score", 0},
                                  {"triggers_finding", true},
                                  {"finding_grade", "minor_nonconformity"}}})}},
       201);
  post(base + "/questions",
       {{"section_id", section_id},
        {"question_text", "Condition of ladders"},
        {"question_type", "score"},
        {"max_score", 5},
        {"allow_na", true}},
       201);
  const auto published = post(base + "/publish", json::object(), 200);
  EXPECT_EQ(published.at("published_version_number"), 1);
  const auto& house = part(published, "questions", "question_text", "Housekeeping condition");
  BuiltTemplate t{.id = template_id,
                  .q_exits = part(published, "questions", "question_text", "Are fire exits clear?")
                                 .at("id")
                                 .get<std::int64_t>(),
                  .q_house = house.at("id").get<std::int64_t>(),
                  .q_score = part(published, "questions", "question_text", "Condition of ladders")
                                 .at("id")
                                 .get<std::int64_t>(),
                  .opt_poor = option_id(house, "poor"),
                  .opt_good = option_id(house, "good")};

  // 2. Schedule: 201, Location, an AUD reference, pinned to version 1.
  const auto created = post("/api/v1/audits/runs",
                            {{"template_id", t.id},
                             {"title", "Warehouse 3 - November"},
                             {"scheduled_date", "2099-11-20"},
                             {"due_date", "2099-11-30"},
                             {"location", "Warehouse 3"}},
                            201);
  const auto run_id = created.at("id").get<std::int64_t>();
  const auto run = fmt::format("/api/v1/audits/runs/{}", run_id);
  EXPECT_EQ(last_.header("Location").value_or(""), run);
  EXPECT_EQ(created.at("status"), "scheduled");
  EXPECT_EQ(created.at("template_version_number"), 1);
  EXPECT_EQ(created.at("template_version"), 1);
  EXPECT_TRUE(created.at("reference_number").get<std::string>().starts_with("AUD-"));
  EXPECT_EQ(created.at("allowed_transitions"), json::array({"in_progress", "cancelled"}));
  EXPECT_EQ(created.at("require_approval"), false);
  EXPECT_EQ(created.at("question_count"), 3);
  EXPECT_EQ(created.at("completion_percentage"), 0);
  EXPECT_EQ(created.at("findings_summary"),
            (json{{"total", 0},
                  {"open", 0},
                  {"by_grade",
                   {{"major_nonconformity", 0},
                    {"minor_nonconformity", 0},
                    {"observation", 0},
                    {"opportunity_for_improvement", 0}}},
                  {"by_status",
                   {{"open", 0}, {"in_progress", 0}, {"pending_verification", 0}, {"closed", 0}}},
                  {"items", json::array()}}));

  // Answering before the start is refused; status cannot be PATCHed.
  put(fmt::format("{}/responses/{}", run, t.q_exits), {{"value", true}}, 409);
  const auto refused = patch(run, {{"version", 1}, {"status", "completed"}}, 422);
  EXPECT_TRUE(refused.at("details").at("fields").contains("status"));

  // 3. Start and answer. The verb routes are gone: moves are transitions.
  post(run + "/start", nullptr, 404);
  const auto started = post(run + "/transitions", {{"to", "in_progress"}});
  EXPECT_EQ(started.at("status"), "in_progress");
  EXPECT_NE(started.at("started_at"), nullptr);
  EXPECT_EQ(started.at("allowed_transitions"), json::array({"completed", "cancelled"}));
  const auto wrong = put(fmt::format("{}/responses/{}", run, t.q_exits), {{"value", 7}}, 422);
  EXPECT_EQ(wrong.at("error_code"), "VALIDATION_ERROR");
  EXPECT_TRUE(wrong.at("details").at("fields").contains("value"));
  // The first answer creates the response: 201 with its Location; answering again replaces it.
  const auto exits = fmt::format("{}/responses/{}", run, t.q_exits);
  const auto answered = put(exits, {{"value", false}}, 201);
  EXPECT_EQ(last_.header("Location").value_or(""), exits);
  EXPECT_EQ(answered.at("value"), false);
  EXPECT_EQ(answered.at("version"), 1);
  EXPECT_EQ(answered.at("run_id"), run_id);
  EXPECT_EQ(answered.at("question_id"), t.q_exits);
  EXPECT_EQ(answered.at("option_ids"), json::array());
  EXPECT_NE(answered.at("created_by_id"), nullptr);
  EXPECT_EQ(answered.at("updated_by_id"), answered.at("answered_by_id"));
  // An empty option list is no options: a value question takes it.
  const auto reanswered = put(exits, {{"value", true}, {"option_ids", json::array()}}, 200);
  EXPECT_EQ(reanswered.at("value"), true);
  EXPECT_EQ(reanswered.at("id"), answered.at("id"));
  EXPECT_EQ(reanswered.at("version"), 2);
  EXPECT_FALSE(last_.header("Location").has_value());
  put(fmt::format("{}/responses/{}", run, t.q_house), {{"option_ids", {t.opt_poor}}}, 201);
  put(fmt::format("{}/responses/{}", run, t.q_score), {{"value", 4}, {"notes", "One cracked rung"}},
      201);

  // 4. Complete: 1 + 0 + 4 of 1 + 2 + 5 = 62.5 % < 70 -> not passed; one finding.
  const auto done = post(run + "/transitions", {{"to", "completed"}});
  EXPECT_EQ(done.at("status"), "completed");
  EXPECT_EQ(done.at("score"), 5.0);
  EXPECT_EQ(done.at("max_score"), 8.0);
  EXPECT_EQ(done.at("score_percentage"), 62.5);
  EXPECT_EQ(done.at("passed"), false);
  EXPECT_EQ(done.at("completion_percentage"), 100.0);
  EXPECT_EQ(done.at("findings_summary").at("total"), 1);
  EXPECT_EQ(done.at("findings_summary").at("open"), 1);
  EXPECT_EQ(done.at("findings_summary").at("by_grade").at("minor_nonconformity"), 1);
  EXPECT_EQ(done.at("findings_summary").at("by_grade").at("major_nonconformity"), 0);
  EXPECT_EQ(done.at("findings_summary").at("by_status").at("open"), 1);
  const auto& summarised = done.at("findings_summary").at("items").at(0);
  EXPECT_EQ(summarised.at("grade"), "minor_nonconformity");
  EXPECT_EQ(summarised.at("question_id"), t.q_house);
  EXPECT_EQ(summarised.at("is_auto_created"), true);
  EXPECT_EQ(summarised.size(), 8U);  // the summary's view, not the whole finding
  EXPECT_EQ(done.at("allowed_transitions"), json::array());
  for (const auto& response : done.at("responses")) {
    if (response.at("question_id") == t.q_score) {
      EXPECT_EQ(response.at("score"), 4.0);
      EXPECT_EQ(response.at("max_score"), 5.0);
    }
  }
  const auto again = post(run + "/transitions", {{"to", "completed"}}, 409);
  EXPECT_EQ(again.at("error_code"), "INVALID_TRANSITION");
  put(fmt::format("{}/responses/{}", run, t.q_exits), {{"value", false}}, 409);

  // 5. The auto-created finding, through the findings API.
  const auto findings = get(fmt::format("/api/v1/audits/findings?run_id={}", run_id));
  ASSERT_EQ(findings.at("total"), 1);
  const auto& finding = findings.at("items").at(0);
  EXPECT_EQ(finding.at("grade"), "minor_nonconformity");
  EXPECT_EQ(finding.at("title"), "Housekeeping condition");
  EXPECT_EQ(finding.at("is_auto_created"), true);

  // 6. The audit trail: create, start, complete.
  const auto trail =
      get(fmt::format("/api/v1/audit-log?entity_type=audit_run&entity_id={}", run_id));
  ASSERT_EQ(trail.at("total"), 3) << trail.dump();
  std::vector<std::string> actions;
  for (const auto& entry : trail.at("items")) {
    actions.push_back(entry.at("action").get<std::string>());
  }
  std::sort(actions.begin(), actions.end());
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "transition", "transition"}));
  const auto history = get(run + "/history");
  EXPECT_EQ(history.at("total"), 3) << history.dump();

  // 7. The list finds it by filters.
  const auto list =
      get(fmt::format("/api/v1/audits/runs?status=completed&template_id={}&q=warehouse", t.id));
  EXPECT_EQ(list.at("total"), 1);
  EXPECT_EQ(list.at("page"), 1);
  EXPECT_EQ(list.at("page_size"), 20);
  EXPECT_EQ(list.at("pages"), 1);
  const auto& item = list.at("items").at(0);
  EXPECT_EQ(item.at("id"), run_id);
  EXPECT_EQ(item.at("allowed_transitions"), json::array());
  EXPECT_FALSE(item.contains("responses"));  // a list item, not the detail
  EXPECT_EQ(get("/api/v1/audits/runs?status=scheduled,completed").at("total"), 1);
  EXPECT_EQ(get("/api/v1/audits/runs?status=scheduled,in_progress").at("total"), 0);
  EXPECT_EQ(get("/api/v1/audits/runs?status=draft", 422).at("error_code"), "VALIDATION_ERROR");
  EXPECT_TRUE(get("/api/v1/audits/runs?status=completed,draft", 422)
                  .at("details")
                  .at("fields")
                  .contains("status"));
  const auto unknown = get("/api/v1/audits/runs?bogus=1&page=0", 422);
  EXPECT_TRUE(unknown.at("details").at("fields").contains("bogus"));
  EXPECT_TRUE(unknown.at("details").at("fields").contains("page"));
}

// A published template that requires approval, inserted in SQL (independent of the templates
// routes): one yes_no question, one N/A-able score question.
struct ApprovalTemplate {
  std::int64_t id = 0;
  std::int64_t q_yes = 0;
  std::int64_t q_score = 0;
};

ApprovalTemplate seed_approval_template(const TestDatabase& db) {
  db::Connection sql(db.url());
  ApprovalTemplate t;
  t.id = sql.exec(
                "INSERT INTO audit_templates (reference_number, name, scoring_method, "
                "passing_score, require_approval) VALUES ('TPL-2026-0900', 'Approval "
                "template', 'points', 3, true) RETURNING id")
             .int64(0, 0);
  t.q_yes = sql.exec(fmt::format("INSERT INTO audit_questions (template_id, question_text, "
                                 "question_type, sort_order) VALUES ({}, 'Permit displayed?', "
                                 "'yes_no', 1) RETURNING id",
                                 t.id))
                .int64(0, 0);
  t.q_score = sql.exec(fmt::format("INSERT INTO audit_questions (template_id, question_text, "
                                   "question_type, max_score, allow_na, sort_order) VALUES ({}, "
                                   "'Tidiness', 'score', 4, true, 2) RETURNING id",
                                   t.id))
                  .int64(0, 0);
  sql.exec(fmt::format(R"sql(
INSERT INTO audit_template_versions (template_id, version_number, content)
SELECT {0}, 1, jsonb_build_object(
  'template', jsonb_build_object('id', {0}, 'reference_number', 'TPL-2026-0900',
    'name', 'Approval template', 'audit_type', 'inspection', 'scoring_method', 'points',
    'passing_score', 3, 'require_gps', false, 'require_signature', false,
    'require_approval', true, 'auto_create_findings', true),
  'sections', '[]'::jsonb,
  'questions', (SELECT jsonb_agg(jsonb_build_object('id', id, 'section_id', NULL,
    'question_text', question_text, 'question_type', question_type, 'is_required', true,
    'allow_na', allow_na, 'is_critical', false, 'weight', 1, 'max_score', max_score,
    'sort_order', sort_order, 'clause_ids', '[]'::jsonb, 'control_ids', '[]'::jsonb,
    'options', '[]'::jsonb) ORDER BY sort_order, id) FROM audit_questions
    WHERE template_id = {0}));
UPDATE audit_templates SET status = 'published', published_version_number = 1 WHERE id = {0};
)sql",
                       t.id));
  return t;
}

TEST_F(AuditsJourneyApiTest, ReviewNeedsASecondPersonAndPatchNeedsTheCurrentVersion) {
  const auto t = seed_approval_template(db_);
  const auto created =
      post("/api/v1/audits/runs", {{"template_id", t.id}, {"title", "Permit check"}}, 201);
  const auto run = fmt::format("/api/v1/audits/runs/{}", created.at("id").get<std::int64_t>());

  // PATCH: schedule fields with the current version; a stale version is a 409.
  const auto edited = patch(run, {{"version", 1}, {"location", "Gate 2"}, {"due_date", nullptr}});
  EXPECT_EQ(edited.at("location"), "Gate 2");
  EXPECT_EQ(edited.at("version"), 2);
  EXPECT_EQ(patch(run, {{"version", 1}, {"title", "Stale"}}, 409).at("error_code"), "CONFLICT");

  post(run + "/transitions", {{"to", "in_progress"}});
  put(fmt::format("{}/responses/{}", run, t.q_yes), {{"value", "yes"}}, 201);
  const auto na = put(fmt::format("{}/responses/{}", run, t.q_score), {{"is_na", true}}, 201);
  EXPECT_EQ(na.at("is_na"), true);
  EXPECT_EQ(na.at("value"), nullptr);
  // The template requires approval: completing leads to pending_review, not completed.
  EXPECT_EQ(post(run + "/transitions", {{"to", "completed"}}, 409).at("error_code"),
            "INVALID_TRANSITION");
  const auto reviewed = post(run + "/transitions", {{"to", "pending_review"}});
  EXPECT_EQ(reviewed.at("status"), "pending_review");
  EXPECT_EQ(reviewed.at("require_approval"), true);
  // The moves offered are the caller's: the person who completed it may only send it back.
  EXPECT_EQ(reviewed.at("allowed_transitions"), json::array({"in_progress"}));
  EXPECT_EQ(reviewed.at("score"), 1.0);  // the N/A answer counts for nothing
  EXPECT_EQ(reviewed.at("max_score"), 1.0);
  EXPECT_EQ(reviewed.at("passed"), false);  // points: 1 < 3

  // The person who completed it cannot approve it.
  EXPECT_EQ(post(run + "/transitions", {{"to", "completed"}}, 403).at("error_code"), "FORBIDDEN");
  const auto reviewer = create_api_user(db_, server_.port(), {"audits:read", "audits:conduct"});
  const auto as_reviewer = [&](const std::string& method, const std::string& target,
                               const json& body) {
    return http_request(server_.port(), method, target,
                        body.is_null() ? std::string() : body.dump(),
                        {{"Authorization", "Bearer " + reviewer.access_token},
                         {"Content-Type", "application/json"}});
  };
  const auto seen_by_reviewer = as_reviewer("GET", run, nullptr);
  EXPECT_EQ(json::parse(seen_by_reviewer.body).at("allowed_transitions"),
            json::array({"completed", "in_progress"}));
  // Sending back needs a note.
  const auto no_note = as_reviewer("POST", run + "/transitions", {{"to", "in_progress"}});
  EXPECT_EQ(no_note.status, 422);
  EXPECT_TRUE(json::parse(no_note.body).at("details").at("fields").contains("note"));
  const auto rejected = as_reviewer("POST", run + "/transitions",
                                    {{"to", "in_progress"}, {"note", "Score the tidiness"}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(json::parse(rejected.body).at("status"), "in_progress");
  EXPECT_EQ(json::parse(rejected.body).at("score"), nullptr);
  put(fmt::format("{}/responses/{}", run, t.q_score), {{"value", 3}});
  post(run + "/transitions", {{"to", "pending_review"}});
  const auto approved =
      as_reviewer("POST", run + "/transitions", {{"to", "completed"}, {"note", "Fine"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  const auto final_state = json::parse(approved.body);
  EXPECT_EQ(final_state.at("status"), "completed");
  EXPECT_EQ(final_state.at("score"), 4.0);
  EXPECT_EQ(final_state.at("passed"), true);
  EXPECT_EQ(
      post(run + "/transitions", {{"to", "cancelled"}, {"note", "late"}}, 409).at("error_code"),
      "INVALID_TRANSITION");

  // The run's history: create, update, start, complete, reject, complete, approve - oldest first.
  const auto history = get(run + "/history");
  ASSERT_EQ(history.at("total"), 7) << history.dump();
  std::vector<std::string> actions;
  for (const auto& entry : history.at("items")) {
    actions.push_back(entry.at("action").get<std::string>());
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "update", "transition", "transition",
                                               "transition", "transition", "transition"}));
  EXPECT_EQ(history.at("items").at(4).at("changes").at("status"),
            (json{{"before", "pending_review"}, {"after", "in_progress"}}));
}

TEST_F(AuditsJourneyApiTest, RunRoutesRefuseBadInputWithClearErrors) {
  EXPECT_EQ(get("/api/v1/audits/runs/999999", 404).at("message"), "run 999999 not found");
  get("/api/v1/audits/runs/abc", 422);
  const auto missing = post("/api/v1/audits/runs", json::object(), 422);
  EXPECT_TRUE(missing.at("details").at("fields").contains("template_id"));
  EXPECT_TRUE(missing.at("details").at("fields").contains("title"));
  const auto unknown = post("/api/v1/audits/runs",
                            {{"template_id", 999999}, {"title", "x"}, {"colour", "red"}}, 422);
  EXPECT_TRUE(unknown.at("details").at("fields").contains("colour"));
  const auto bad_date = post("/api/v1/audits/runs",
                             {{"template_id", 1}, {"title", "x"}, {"due_date", "2026-02-30"}}, 422);
  EXPECT_TRUE(bad_date.at("details").at("fields").contains("due_date"));
  const auto no_template =
      post("/api/v1/audits/runs", {{"template_id", 999999}, {"title", "x"}}, 422);
  EXPECT_TRUE(no_template.at("details").at("fields").contains("template_id"));
  const auto malformed =
      http_request(server_.port(), "POST", "/api/v1/audits/runs", "{not json",
                   {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}});
  EXPECT_EQ(malformed.status, 400);
  const auto anonymous = http_request(server_.port(), "GET", "/api/v1/audits/runs");
  EXPECT_EQ(anonymous.status, 401);

  // Moves: a known state, a reason for cancelling, only the fields the move takes.
  const auto t = seed_approval_template(db_);
  const auto created =
      post("/api/v1/audits/runs", {{"template_id", t.id}, {"title", "Bad moves"}}, 201);
  const auto run = fmt::format("/api/v1/audits/runs/{}", created.at("id").get<std::int64_t>());
  EXPECT_TRUE(
      post(run + "/transitions", {{"to", "done"}}, 422).at("details").at("fields").contains("to"));
  EXPECT_EQ(
      post(run + "/transitions", {{"to", "cancelled"}}, 422).at("details").at("fields").at("note"),
      "cancelling a run needs a note saying why");
  const auto carried =
      post(run + "/transitions",
           {{"to", "cancelled"}, {"note", "Closed"}, {"latitude", 51.5}, {"longitude", -0.1}}, 422);
  EXPECT_EQ(carried.at("details").at("fields").at("latitude"),
            "is not taken by a move to cancelled");
  EXPECT_TRUE(post(run + "/transitions", {{"to", "in_progress"}, {"title", "x"}}, 422)
                  .at("details")
                  .at("fields")
                  .contains("title"));
  // Answers: nested problems by path, the value's JSON types, blank notes.
  post(run + "/transitions", {{"to", "in_progress"}, {"latitude", 51.5}, {"longitude", -0.1}});
  const auto bad_answer =
      put(fmt::format("{}/responses/{}", run, t.q_yes),
          {{"value", json::array()}, {"option_ids", {1, "x"}}, {"notes", " "}}, 422);
  const auto& fields = bad_answer.at("details").at("fields");
  EXPECT_EQ(fields.at("value"), "must be a boolean, a number or a string, not an array");
  EXPECT_EQ(fields.at("option_ids[1]"), "must be an integer, not a string");
  EXPECT_EQ(fields.at("notes"), "must not be blank");
  put(fmt::format("{}/responses/{}", run, 999999), {{"value", true}}, 404);
  put(fmt::format("/api/v1/audits/runs/{}/responses/{}", 999999, t.q_yes), {{"value", true}}, 404);
  const auto cancelled = post(run + "/transitions", {{"to", "cancelled"}, {"note", "Closed"}});
  EXPECT_EQ(cancelled.at("cancellation_reason"), "Closed");
  EXPECT_EQ(cancelled.at("latitude"), 51.5);
  EXPECT_NE(cancelled.at("cancelled_by_id"), nullptr);

  // The list: overdue=true keeps the overdue runs only; overdue=false filters nothing (as on
  // every list); q is at most 200 characters, counted in code points.
  const auto late =
      post("/api/v1/audits/runs",
           {{"template_id", t.id}, {"title", "Late run"}, {"due_date", "2000-01-01"}}, 201);
  EXPECT_EQ(late.at("is_overdue"), true);
  const auto overdue = get("/api/v1/audits/runs?overdue=true");
  ASSERT_EQ(overdue.at("total"), 1);
  EXPECT_EQ(overdue.at("items").at(0).at("id"), late.at("id"));
  EXPECT_EQ(get("/api/v1/audits/runs?overdue=false").at("total"), 2);
  EXPECT_EQ(get("/api/v1/audits/runs?due_before=2001-01-01").at("total"), 1);
  std::string long_q;
  for (int i = 0; i < 200; ++i) {
    long_q += "%C3%BC";  // ü, two bytes each
  }
  EXPECT_EQ(get("/api/v1/audits/runs?q=" + long_q).at("total"), 0);
  EXPECT_EQ(get("/api/v1/audits/runs?q=" + long_q + "x", 422).at("details").at("fields").at("q"),
            "must be at most 200 characters");
}

TEST_F(AuditsJourneyApiTest, ReadOnlyUsersCannotConductRuns) {
  const auto reader = create_api_user(db_, server_.port(), {"audits:read"});
  const auto response = http_request(
      server_.port(), "POST", "/api/v1/audits/runs", R"({"template_id": 1, "title": "x"})",
      {{"Authorization", "Bearer " + reader.access_token}, {"Content-Type", "application/json"}});
  EXPECT_EQ(response.status, 403) << response.body;
  const auto list = http_request(server_.port(), "GET", "/api/v1/audits/runs", {},
                                 {{"Authorization", "Bearer " + reader.access_token}});
  EXPECT_EQ(list.status, 200) << list.body;
}

}  // namespace
}  // namespace qgp::testing
