// Audit runs against a real PostgreSQL (domain + store, each use case in its own unit of work as
// api/kit runs it): scheduling from a published version, answering, the workflow's moves with
// completion scoring and auto-created findings, approval by a second person, cancellation, schedule
// edits with optimistic concurrency, the kit's list of runs, and the audit trail each mutation
// writes.
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/audits/run_service.hpp"
#include "kit/list.hpp"
#include "store/kit/list.hpp"
#include "support/test_database.hpp"
#include "support/unit_of_work.hpp"

namespace qgp::domain::audits {
namespace {

using model::audits::FindingGrade;
// In a fixture `Run` names testing::Test::Run.
using AuditRun = model::audits::Run;
using testing::TestDatabase;

// A decimal of the API as a number, for comparisons (nullopt stays nullopt).
std::optional<double> num(const std::optional<kit::Decimal>& value) {
  return value ? std::optional<double>(std::stod(value->text)) : std::nullopt;
}

struct TemplateOptions {
  std::string scoring_method = "percentage";
  std::optional<double> passing_score = 50.0;
  bool require_approval = false;
  bool require_gps = false;
  bool auto_create_findings = true;
};

// Ids of the standard template the tests run: two sections, five questions covering yes_no,
// choice (one option triggers a finding), score with N/A, optional text and an unscored number.
struct Seeded {
  std::int64_t template_id = 0;
  std::int64_t version_id = 0;
  std::int64_t q_exits = 0;    // yes_no, critical, linked to a clause
  std::int64_t q_house = 0;    // choice: good 2 / fair 1 / poor 0 (triggers minor NC)
  std::int64_t q_score = 0;    // score, max 5, allow_na
  std::int64_t q_comment = 0;  // text, optional, 3..50 characters
  std::int64_t q_reading = 0;  // number 0..100, 1 decimal, optional, unscored
  std::int64_t opt_good = 0;
  std::int64_t opt_fair = 0;
  std::int64_t opt_poor = 0;
  std::int64_t clause_id = 0;
};

class AuditRunsTest : public ::testing::Test {
 protected:
  AuditRunsTest() : connection_(db_.url()) {
    auditor_ = insert_user("auditor@example.com");
    reviewer_ = insert_user("reviewer@example.com");
  }

  std::int64_t insert_user(const std::string& email) {
    return connection_
        .exec("INSERT INTO users (email, password_hash, first_name, last_name) VALUES ("
              + connection_.escape_literal(email)
              + ", '$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA', 'Test', 'User') RETURNING id")
        .int64(0, 0);
  }

  std::int64_t scalar(const std::string& sql) { return connection_.exec(sql).int64(0, 0); }

  // Publishes the template's live content as its next version (what the templates module's
  // publish does) and returns the version id.
  std::int64_t publish(std::int64_t template_id) {
    const auto sql = fmt::format(R"sql(
WITH next AS (SELECT coalesce(max(version_number), 0) + 1 AS n FROM audit_template_versions
              WHERE template_id = {0}),
content AS (SELECT jsonb_build_object(
  'template', (SELECT jsonb_build_object('id', t.id, 'reference_number', t.reference_number,
      'name', t.name, 'description', t.description, 'category', t.category,
      'audit_type', t.audit_type, 'scoring_method', t.scoring_method,
      'passing_score', t.passing_score, 'require_gps', t.require_gps,
      'require_signature', t.require_signature, 'require_approval', t.require_approval,
      'auto_create_findings', t.auto_create_findings) FROM audit_templates t WHERE t.id = {0}),
  'sections', coalesce((SELECT jsonb_agg(jsonb_build_object('id', s.id, 'title', s.title,
      'description', s.description, 'sort_order', s.sort_order, 'weight', s.weight)
      ORDER BY s.sort_order, s.id) FROM audit_sections s
      WHERE s.template_id = {0} AND s.archived_at IS NULL), '[]'),
  'questions', coalesce((SELECT jsonb_agg(jsonb_build_object('id', q.id,
      'section_id', q.section_id, 'question_text', q.question_text,
      'description', q.description, 'help_text', q.help_text,
      'question_type', q.question_type, 'is_required', q.is_required, 'allow_na', q.allow_na,
      'is_critical', q.is_critical, 'weight', q.weight, 'max_score', q.max_score,
      'min_value', q.min_value, 'max_value', q.max_value, 'decimal_places', q.decimal_places,
      'min_length', q.min_length, 'max_length', q.max_length, 'sort_order', q.sort_order,
      'clause_ids', coalesce((SELECT jsonb_agg(c.clause_id ORDER BY c.clause_id)
                              FROM question_clauses c WHERE c.question_id = q.id), '[]'),
      'control_ids', '[]'::jsonb,
      'options', coalesce((SELECT jsonb_agg(jsonb_build_object('id', o.id, 'label', o.label,
          'value', o.value, 'score', o.score, 'triggers_finding', o.triggers_finding,
          'finding_grade', o.finding_grade, 'sort_order', o.sort_order)
          ORDER BY o.sort_order, o.id) FROM audit_question_options o
          WHERE o.question_id = q.id AND o.archived_at IS NULL), '[]'))
      ORDER BY q.sort_order, q.id) FROM audit_questions q
      WHERE q.template_id = {0} AND q.archived_at IS NULL), '[]')) AS c),
version AS (INSERT INTO audit_template_versions (template_id, version_number, content)
            SELECT {0}, next.n, content.c FROM next, content RETURNING id, version_number)
UPDATE audit_templates SET status = 'published',
  published_version_number = (SELECT version_number FROM version)
WHERE id = {0} RETURNING (SELECT id FROM version))sql",
                                 template_id);
    return scalar(sql);
  }

  Seeded seed_template(const TemplateOptions& options = {}) {
    Seeded s;
    static int counter = 0;
    ++counter;
    s.template_id = scalar(fmt::format(
        "INSERT INTO audit_templates (reference_number, name, scoring_method, passing_score, "
        "require_approval, require_gps, auto_create_findings) VALUES ('TPL-2026-{:04}', "
        "'Site inspection', '{}', {}, {}, {}, {}) RETURNING id",
        counter, options.scoring_method,
        options.passing_score ? fmt::format("{}", *options.passing_score) : "NULL",
        options.require_approval, options.require_gps, options.auto_create_findings));
    const auto section_a = scalar(fmt::format(
        "INSERT INTO audit_sections (template_id, title, sort_order, weight) VALUES ({}, "
        "'Housekeeping', 1, 2) RETURNING id",
        s.template_id));
    const auto section_b = scalar(fmt::format(
        "INSERT INTO audit_sections (template_id, title, sort_order, weight) VALUES ({}, "
        "'Equipment', 2, 1) RETURNING id",
        s.template_id));
    const auto question = [&](std::int64_t section, const std::string& columns,
                              const std::string& values) {
      return scalar(
          fmt::format("INSERT INTO audit_questions (template_id, section_id, {}) "
                      "VALUES ({}, {}, {}) RETURNING id",
                      columns, s.template_id, section, values));
    };
    s.q_exits = question(section_a, "question_text, question_type, is_critical, sort_order",
                         "'Are fire exits clear?', 'yes_no', true, 1");
    s.q_house = question(section_a, "question_text, question_type, sort_order",
                         "'Housekeeping condition', 'choice', 2");
    s.q_score = question(section_b, "question_text, question_type, max_score, allow_na, sort_order",
                         "'Condition of ladders', 'score', 5, true, 3");
    s.q_comment = question(section_b,
                           "question_text, question_type, is_required, min_length, max_length, "
                           "sort_order",
                           "'Comments', 'text', false, 3, 50, 4");
    s.q_reading = question(section_b,
                           "question_text, question_type, is_required, min_value, max_value, "
                           "decimal_places, sort_order",
                           "'Noise reading (dB)', 'number', false, 0, 100, 1, 5");
    const auto option = [&](const std::string& label, double score, bool triggers, int order) {
      return scalar(fmt::format(
          "INSERT INTO audit_question_options (question_id, label, value, score, "
          "triggers_finding, finding_grade, sort_order) VALUES ({}, '{}', '{}', {}, {}, {}, {}) "
          "RETURNING id",
          s.q_house, label, label, score, triggers, triggers ? "'minor_nonconformity'" : "NULL",
          order));
    };
    s.opt_good = option("Good", 2, false, 1);
    s.opt_fair = option("Fair", 1, false, 2);
    s.opt_poor = option("Poor", 0, true, 3);
    const auto standard = scalar(
        fmt::format("INSERT INTO standards (code, name, full_name, edition) VALUES ('ISO45001-{}', "
                    "'ISO 45001', 'Occupational health and safety', '2018') RETURNING id",
                    counter));
    s.clause_id =
        scalar(fmt::format("INSERT INTO clauses (standard_id, clause_number, title) "
                           "VALUES ({}, '8.2', 'Emergency preparedness') RETURNING id",
                           standard));
    connection_.exec(
        fmt::format("INSERT INTO question_clauses (question_id, clause_id) VALUES "
                    "({}, {})",
                    s.q_exits, s.clause_id));
    s.version_id = publish(s.template_id);
    return s;
  }

  core::Actor actor(std::int64_t user) const {
    return core::Actor{.user_id = user, .request_id = "test-request", .client_address = ""};
  }
  core::Actor auditor() const { return actor(auditor_); }

  // Runs `fn(tx)` in one unit of work, committed when it returns (what api/kit does per request);
  // a throw rolls it back.
  template <class Fn>
  auto in_tx(Fn&& fn) {
    return testing::in_transaction(connection_, std::forward<Fn>(fn));
  }

  std::int64_t schedule(const Seeded& s, const std::string& title = "Warehouse inspection") {
    AuditRun run;
    run.template_id = s.template_id;
    run.title = title;
    run.assigned_to_id = auditor_;
    run.scheduled_date = kit::Date{"2099-11-01"};
    run.due_date = kit::Date{"2099-11-30"};
    run.location = "Warehouse 3";
    return in_tx([&](db::Transaction& tx) { return schedule_run(tx, auditor(), run).id; });
  }

  AuditRun move(std::int64_t run, RunStatus to,
                const std::optional<std::string>& note = std::nullopt,
                std::optional<core::Actor> who = std::nullopt,
                const kit::Patch<AuditRun>& extra = {}) {
    const auto by = who.value_or(auditor());
    return in_tx([&](db::Transaction& tx) { return move_run(tx, by, run, to, note, extra); });
  }
  void start(std::int64_t run) { move(run, RunStatus::kInProgress); }
  void complete(std::int64_t run) { move(run, RunStatus::kCompleted); }

  AnswerResult give(std::int64_t run, std::int64_t question, const AnswerInput& input) {
    return in_tx(
        [&](db::Transaction& tx) { return answer_question(tx, auditor(), run, question, input); });
  }
  RunResponse answer(std::int64_t run, std::int64_t question, RawValue value) {
    AnswerInput input;
    input.value = std::move(value);
    return give(run, question, input).response;
  }
  RunResponse choose(std::int64_t run, std::int64_t question, std::vector<std::int64_t> ids) {
    AnswerInput input;
    input.option_ids = std::move(ids);
    return give(run, question, input).response;
  }
  RunResponse not_applicable(std::int64_t run, std::int64_t question) {
    AnswerInput input;
    input.is_na = true;
    return give(run, question, input).response;
  }

  RunDetail detail(std::int64_t run) { return get_run(connection_, run); }
  void update_coordinates(std::int64_t run) {
    kit::Patch<AuditRun> patch;
    patch.version = detail(run).version;
    patch.values.latitude = kit::Decimal{"48.8566"};
    patch.values.longitude = kit::Decimal{"2.3522"};
    patch.mark(kit::field_index<AuditRun>("latitude"));
    patch.mark(kit::field_index<AuditRun>("longitude"));
    in_tx([&](db::Transaction& tx) { (void)update_run(tx, auditor(), run, patch); });
  }
  std::vector<RunStatus> moves_for(std::int64_t run, const core::Actor& who) {
    return kit::kWorkflow<AuditRun>.allowed(detail(run), who);
  }

  // (action, changes) of the audit rows of one record, oldest first.
  std::vector<std::pair<std::string, std::string>> trail(const std::string& type, std::int64_t id) {
    const auto result = connection_.exec(
        fmt::format("SELECT action, changes::text FROM audit_log WHERE entity_type = '{}' AND "
                    "entity_id = {} ORDER BY id",
                    type, id));
    std::vector<std::pair<std::string, std::string>> rows;
    for (int r = 0; r < result.rows(); ++r) {
      rows.emplace_back(result.string(r, 0), result.string(r, 1));
    }
    return rows;
  }

  TestDatabase db_;
  db::Connection connection_;
  std::int64_t auditor_ = 0;
  std::int64_t reviewer_ = 0;
};

template <typename Fn>
core::FieldErrors validation_fields(Fn&& fn) {
  try {
    fn();
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  ADD_FAILURE() << "expected a ValidationError";
  return {};
}

// A PATCH of the run as api/kit parses it: the fields set by `fill`, marked as sent.
template <class Fill>
kit::Patch<AuditRun> patch_of(std::int64_t version, std::initializer_list<std::string_view> sent,
                              Fill&& fill) {
  kit::Patch<AuditRun> patch;
  patch.version = version;
  fill(patch.values);
  for (const auto name : sent) {
    patch.mark(kit::field_index<AuditRun>(name));
  }
  return patch;
}

TEST_F(AuditRunsTest, ScheduleNeedsAPublishedUnarchivedTemplateAndPinsItsVersion) {
  const auto draft = scalar(
      "INSERT INTO audit_templates (reference_number, name) VALUES ('TPL-2026-0999', 'Draft') "
      "RETURNING id");
  AuditRun input;
  input.template_id = draft;
  input.title = "AuditRun of a draft";
  const auto schedule_input = [&] {
    in_tx([&](db::Transaction& tx) { (void)schedule_run(tx, auditor(), input); });
  };
  EXPECT_TRUE(validation_fields(schedule_input).contains("template_id"));

  const auto s = seed_template();
  const auto id = schedule(s);
  const auto run = detail(id);
  EXPECT_EQ(run.status, RunStatus::kScheduled);
  EXPECT_EQ(run.template_version_id, s.version_id);
  EXPECT_EQ(run.template_version, 1);
  EXPECT_EQ(run.template_version_number, 1);
  EXPECT_EQ(run.template_name, "Site inspection");
  EXPECT_FALSE(run.require_approval);
  EXPECT_EQ(run.question_count, 5);
  EXPECT_EQ(run.response_count, 0);
  EXPECT_EQ(run.completion_percentage, kit::Decimal{"0"});
  EXPECT_TRUE(run.reference_number.starts_with("AUD-"));
  EXPECT_EQ(run.scheduled_date, kit::Date{"2099-11-01"});
  EXPECT_FALSE(run.is_overdue);
  EXPECT_EQ(moves_for(id, auditor()),
            (std::vector<RunStatus>{RunStatus::kInProgress, RunStatus::kCancelled}));
  const auto rows = trail("audit_run", id);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].first, "create");
  EXPECT_NE(rows[0].second.find(R"("title": {"after": "Warehouse inspection", "before": null})"),
            std::string::npos)
      << rows[0].second;

  connection_.exec(
      fmt::format("UPDATE audit_templates SET archived_at = now() WHERE id = {}", s.template_id));
  input.template_id = s.template_id;
  EXPECT_TRUE(validation_fields(schedule_input).contains("template_id"));
}

TEST_F(AuditRunsTest, ScheduleValidatesDatesCoordinatesAndAssignee) {
  const auto s = seed_template();
  AuditRun input;
  input.template_id = s.template_id;
  input.title = "Bad schedule";
  input.scheduled_date = kit::Date{"2026-11-10"};
  input.due_date = kit::Date{"2026-11-01"};
  input.latitude = kit::Decimal{"51.5"};
  input.assigned_to_id = 999999;
  const auto fields = validation_fields(
      [&] { in_tx([&](db::Transaction& tx) { (void)schedule_run(tx, auditor(), input); }); });
  EXPECT_TRUE(fields.contains("due_date"));
  EXPECT_TRUE(fields.contains("longitude"));
  EXPECT_TRUE(fields.contains("assigned_to_id"));
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_runs"), 0);
}

TEST_F(AuditRunsTest, FullLifecycleScoresStoresPerResponseScoresAndRaisesFindings) {
  const auto s = seed_template();
  const auto id = schedule(s);
  start(id);
  EXPECT_TRUE(detail(id).started_at.has_value());
  EXPECT_EQ(moves_for(id, auditor()),
            (std::vector<RunStatus>{RunStatus::kCompleted, RunStatus::kCancelled}));
  answer(id, s.q_exits, true);
  choose(id, s.q_house, {s.opt_poor});
  answer(id, s.q_score, 4.0);
  answer(id, s.q_comment, std::string("Two pallets in the aisle"));
  answer(id, s.q_reading, 72.5);
  EXPECT_EQ(detail(id).completion_percentage, kit::Decimal{"100"});
  complete(id);

  const auto run = detail(id);
  EXPECT_EQ(run.status, RunStatus::kCompleted);
  EXPECT_EQ(run.completed_by_id, auditor_);
  EXPECT_TRUE(run.completed_at.has_value());
  // earned: exits 1/1, housekeeping 0/2, ladders 4/5 -> 5/8 = 62.5 %, threshold 50 -> passed.
  EXPECT_DOUBLE_EQ(*num(run.score), 5.0);
  EXPECT_DOUBLE_EQ(*num(run.max_score), 8.0);
  EXPECT_DOUBLE_EQ(*num(run.score_percentage), 62.5);
  EXPECT_EQ(run.passed, true);
  EXPECT_EQ(run.response_count, 5);
  ASSERT_EQ(run.responses.size(), 5U);
  for (const auto& response : run.responses) {
    if (response.question_id == s.q_score) {
      EXPECT_DOUBLE_EQ(*num(response.score), 4.0);
      EXPECT_DOUBLE_EQ(*num(response.max_score), 5.0);
      EXPECT_EQ(response.value, kit::Scalar(4.0));
    }
    if (response.question_id == s.q_comment || response.question_id == s.q_reading) {
      EXPECT_FALSE(response.score.has_value());
    }
    if (response.question_id == s.q_house) {
      EXPECT_EQ(response.option_ids, std::vector<std::int64_t>{s.opt_poor});
      EXPECT_EQ(response.value, kit::Scalar());
    }
  }
  const auto& summary = run.findings_summary;
  EXPECT_EQ(summary.total, 1);
  EXPECT_EQ(summary.open, 1);
  EXPECT_EQ(summary.by_grade.at(FindingGrade::kMinorNonconformity), 1);
  ASSERT_EQ(summary.items.size(), 1U);
  const auto& finding = summary.items[0];
  EXPECT_TRUE(finding.is_auto_created);
  EXPECT_EQ(finding.grade, FindingGrade::kMinorNonconformity);
  EXPECT_EQ(finding.title, "Housekeeping condition");
  EXPECT_EQ(finding.question_id, s.q_house);
  EXPECT_TRUE(finding.reference_number.starts_with("FND-"));

  const auto rows = trail("audit_run", id);
  ASSERT_EQ(rows.size(), 3U);  // create, start, complete
  EXPECT_EQ(rows[1].first, "transition");
  EXPECT_NE(rows[1].second.find(R"("status": {"after": "in_progress", "before": "scheduled"})"),
            std::string::npos)
      << rows[1].second;
  EXPECT_NE(rows[2].second.find(R"("after": "completed", "before": "in_progress")"),
            std::string::npos)
      << rows[2].second;
  EXPECT_NE(rows[2].second.find("62.5"), std::string::npos) << rows[2].second;
  // One audit row per answer, and one per response whose score completion set (the three scored
  // questions; the optional text and the unscored number keep no score).
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE entity_type = 'audit_response' AND "
                   "action = 'create'"),
            5);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE entity_type = 'audit_response' AND "
                   "action = 'update'"),
            3);
  for (const auto& response : run.responses) {
    if (response.question_id != s.q_score) {
      continue;
    }
    const auto scored = trail("audit_response", response.id);
    ASSERT_EQ(scored.size(), 2U);
    EXPECT_EQ(scored[1].first, "update");
    EXPECT_NE(scored[1].second.find(R"("score": {"after": 4, "before": null})"), std::string::npos)
        << scored[1].second;
    EXPECT_NE(scored[1].second.find(R"("max_score": {"after": 5, "before": null})"),
              std::string::npos)
        << scored[1].second;
  }
}

TEST_F(AuditRunsTest, FindingsAreLinkedToTheQuestionsClausesAndSkippedWhenDisabled) {
  auto s = seed_template();
  // Make the clause-linked yes_no question's "no" irrelevant: only options trigger findings.
  const auto id = schedule(s);
  start(id);
  answer(id, s.q_exits, false);
  choose(id, s.q_house, {s.opt_good});
  answer(id, s.q_score, 5.0);
  complete(id);
  EXPECT_EQ(detail(id).findings_summary.total, 0);

  TemplateOptions no_findings;
  no_findings.auto_create_findings = false;
  const auto quiet = seed_template(no_findings);
  const auto run2 = schedule(quiet);
  start(run2);
  answer(run2, quiet.q_exits, true);
  choose(run2, quiet.q_house, {quiet.opt_poor});
  answer(run2, quiet.q_score, 5.0);
  complete(run2);
  EXPECT_TRUE(detail(run2).findings_summary.items.empty());
}

TEST_F(AuditRunsTest, AutoFindingCarriesTheQuestionClauses) {
  const auto s = seed_template();
  // Link the choice question to the clause too, then re-publish so the snapshot carries it.
  connection_.exec(
      fmt::format("INSERT INTO question_clauses VALUES ({}, {})", s.q_house, s.clause_id));
  publish(s.template_id);
  const auto id = schedule(s);
  start(id);
  answer(id, s.q_exits, true);
  choose(id, s.q_house, {s.opt_poor});
  answer(id, s.q_score, 1.0);
  complete(id);
  EXPECT_EQ(scalar(fmt::format("SELECT count(*) FROM finding_clauses fc JOIN audit_findings f ON "
                               "f.id = fc.finding_id WHERE f.run_id = {} AND fc.clause_id = {}",
                               id, s.clause_id)),
            1);
}

TEST_F(AuditRunsTest, CompletionListsEveryUnansweredRequiredQuestion) {
  const auto s = seed_template();
  const auto id = schedule(s);
  start(id);
  answer(id, s.q_exits, true);
  const auto fields = validation_fields([&] { complete(id); });
  EXPECT_EQ(fields.size(), 2U);
  EXPECT_TRUE(fields.contains(fmt::format("responses.{}", s.q_house)));
  EXPECT_TRUE(fields.contains(fmt::format("responses.{}", s.q_score)));
  EXPECT_EQ(detail(id).status, RunStatus::kInProgress);  // rolled back as a whole
  EXPECT_EQ(trail("audit_run", id).size(), 2U);
}

TEST_F(AuditRunsTest, AnswersOnlyWhileInProgressAndOnlyToSnapshotQuestions) {
  const auto s = seed_template();
  const auto id = schedule(s);
  EXPECT_THROW(answer(id, s.q_exits, true), core::Conflict);  // still scheduled
  start(id);
  AnswerInput yes;
  yes.value = true;
  const auto created = give(id, s.q_exits, yes);
  EXPECT_TRUE(created.created);
  const auto& first = created.response;
  EXPECT_EQ(first.answered_by_id, auditor_);
  AnswerInput no;
  no.value = std::string("no");  // normalised to false
  const auto replaced = give(id, s.q_exits, no);
  EXPECT_FALSE(replaced.created);
  const auto& second = replaced.response;  // re-answer: same row, new version
  EXPECT_EQ(first.id, second.id);
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(second.value, kit::Scalar(false));
  EXPECT_EQ(scalar(fmt::format("SELECT count(*) FROM audit_responses WHERE run_id = {}", id)), 1);
  const auto trail_rows = trail("audit_response", first.id);
  ASSERT_EQ(trail_rows.size(), 2U);
  EXPECT_EQ(trail_rows[0].first, "create");
  EXPECT_EQ(trail_rows[1].first, "update");
  EXPECT_NE(trail_rows[1].second.find(R"("value": {"after": false, "before": true})"),
            std::string::npos)
      << trail_rows[1].second;

  // A choice answer switches options cleanly.
  const auto chose = choose(id, s.q_house, {s.opt_fair});
  EXPECT_EQ(chose.option_ids, std::vector<std::int64_t>{s.opt_fair});
  EXPECT_EQ(choose(id, s.q_house, {s.opt_good}).option_ids, std::vector<std::int64_t>{s.opt_good});
  // Options of another question, N/A where not allowed, a type mismatch.
  EXPECT_TRUE(validation_fields([&] {
                (void)choose(id, s.q_house, {s.opt_good + 1000});
              }).contains("option_ids"));
  EXPECT_TRUE(validation_fields([&] { (void)not_applicable(id, s.q_exits); }).contains("is_na"));
  EXPECT_TRUE(validation_fields([&] { (void)answer(id, s.q_reading, 101.0); }).contains("value"));
  EXPECT_TRUE(validation_fields([&] {
                (void)answer(id, s.q_comment, std::string("ok"));
              }).contains("value"));
  EXPECT_THROW(answer(id, 987654, true), core::NotFound);
  EXPECT_THROW(answer(987654, s.q_exits, true), core::NotFound);

  not_applicable(id, s.q_score);
  complete(id);
  EXPECT_THROW(answer(id, s.q_exits, true), core::Conflict);  // completed: answers are frozen
}

TEST_F(AuditRunsTest, ARunKeepsItsVersionWhenTheTemplateIsRepublished) {
  const auto s = seed_template();
  const auto old_run = schedule(s);
  const auto added = scalar(fmt::format(
      "INSERT INTO audit_questions (template_id, question_text, question_type) VALUES ({}, "
      "'New question', 'yes_no') RETURNING id",
      s.template_id));
  const auto v2 = publish(s.template_id);
  const auto new_run = schedule(s);
  EXPECT_EQ(detail(old_run).template_version_id, s.version_id);
  EXPECT_EQ(detail(new_run).template_version_id, v2);
  EXPECT_EQ(detail(new_run).template_version_number, 2);
  // Version 2 was published after the old run was scheduled but before it starts: the run starts,
  // is answered and completes on version 1, the version it was planned against.
  start(old_run);
  const auto started = detail(old_run);
  EXPECT_EQ(started.status, RunStatus::kInProgress);
  EXPECT_EQ(started.template_version_id, s.version_id);
  EXPECT_EQ(started.template_version_number, 1);
  EXPECT_EQ(started.question_count, 5);  // version 2 has six
  EXPECT_THROW(answer(old_run, added, true), core::NotFound);
  answer(old_run, s.q_exits, true);
  choose(old_run, s.q_house, {s.opt_good});
  answer(old_run, s.q_score, 5.0);
  complete(old_run);  // the new required question is not asked
  const auto completed = detail(old_run);
  EXPECT_EQ(completed.status, RunStatus::kCompleted);
  EXPECT_EQ(completed.template_version_number, 1);
  start(new_run);
  EXPECT_NO_THROW(answer(new_run, added, true));
}

TEST_F(AuditRunsTest, FullyNotApplicableRunHasNoScore) {
  TemplateOptions options;
  const auto s = seed_template(options);
  // Only the N/A-able question is required in this variant.
  connection_.exec(fmt::format(
      "UPDATE audit_questions SET is_required = false WHERE id IN ({}, {})", s.q_exits, s.q_house));
  publish(s.template_id);
  const auto id = schedule(s);
  start(id);
  not_applicable(id, s.q_score);
  complete(id);
  const auto run = detail(id);
  EXPECT_EQ(run.status, RunStatus::kCompleted);
  EXPECT_FALSE(run.score.has_value());
  EXPECT_FALSE(run.max_score.has_value());
  EXPECT_FALSE(run.score_percentage.has_value());
  EXPECT_FALSE(run.passed.has_value());
}

TEST_F(AuditRunsTest, ApprovalNeedsASecondPersonAndSendingBackReopensWithoutDuplicateFindings) {
  TemplateOptions options;
  options.require_approval = true;
  const auto s = seed_template(options);
  const auto id = schedule(s);
  EXPECT_TRUE(detail(id).require_approval);
  start(id);
  EXPECT_EQ(moves_for(id, auditor()),
            (std::vector<RunStatus>{RunStatus::kPendingReview, RunStatus::kCancelled}));
  answer(id, s.q_exits, true);
  choose(id, s.q_house, {s.opt_poor});
  answer(id, s.q_score, 3.0);
  EXPECT_THROW(complete(id), core::InvalidTransition);  // approval required: pending_review
  move(id, RunStatus::kPendingReview);
  auto run = detail(id);
  EXPECT_EQ(run.status, RunStatus::kPendingReview);
  EXPECT_EQ(run.completed_by_id, auditor_);
  EXPECT_EQ(run.findings_summary.total, 1);
  EXPECT_THROW(answer(id, s.q_exits, false), core::Conflict);  // frozen while in review
  EXPECT_THROW(move(id, RunStatus::kCompleted), core::Forbidden);
  EXPECT_EQ(moves_for(id, auditor()), std::vector<RunStatus>{RunStatus::kInProgress});
  EXPECT_EQ(moves_for(id, actor(reviewer_)),
            (std::vector<RunStatus>{RunStatus::kCompleted, RunStatus::kInProgress}));

  EXPECT_TRUE(validation_fields([&] {
                move(id, RunStatus::kInProgress, std::string("  "), actor(reviewer_));
              }).contains("note"));
  move(id, RunStatus::kInProgress, std::string("Photo evidence missing"), actor(reviewer_));
  run = detail(id);
  EXPECT_EQ(run.status, RunStatus::kInProgress);
  EXPECT_FALSE(run.score.has_value());
  EXPECT_FALSE(run.completed_at.has_value());
  EXPECT_FALSE(run.completed_by_id.has_value());

  answer(id, s.q_score, 5.0);
  move(id, RunStatus::kPendingReview);
  move(id, RunStatus::kCompleted, std::string("Looks right"), actor(reviewer_));
  run = detail(id);
  EXPECT_EQ(run.status, RunStatus::kCompleted);
  EXPECT_EQ(run.completed_by_id, auditor_);  // who completed it, not who approved it
  EXPECT_DOUBLE_EQ(*num(run.score), 6.0);
  EXPECT_EQ(run.findings_summary.total, 1);  // the re-completion did not duplicate it
  const auto rows = trail("audit_run", id);
  ASSERT_EQ(rows.size(), 6U);  // create, start, complete, send back, complete, approve
  EXPECT_NE(rows[3].second.find("Photo evidence missing"), std::string::npos);
  EXPECT_NE(rows[5].second.find(R"("after": "completed", "before": "pending_review")"),
            std::string::npos);
}

TEST_F(AuditRunsTest, CancelNeedsAReasonKeepsItAndIsFinal) {
  const auto s = seed_template();
  const auto id = schedule(s);
  EXPECT_TRUE(validation_fields([&] {
                move(id, RunStatus::kCancelled, std::string(""));
              }).contains("note"));
  // The reason is kept in cancellation_reason, whose declared limit the note must fit.
  EXPECT_EQ(validation_fields([&] {
              move(id, RunStatus::kCancelled, std::string(2001, 'r'));
            }).at("note"),
            "must be at most 2000 characters: it is kept as the cancellation_reason");
  // A cancel does not take the coordinates only a start carries.
  const auto with_coordinates = patch_of(0, {"latitude", "longitude"}, [](AuditRun& values) {
    values.latitude = kit::Decimal{"1"};
    values.longitude = kit::Decimal{"2"};
  });
  const auto not_taken = validation_fields([&] {
    move(id, RunStatus::kCancelled, std::string("Closed"), std::nullopt, with_coordinates);
  });
  EXPECT_EQ(not_taken.at("latitude"), "is not taken by a move to cancelled");
  EXPECT_TRUE(not_taken.contains("longitude"));
  EXPECT_FALSE(detail(id).latitude.has_value());

  move(id, RunStatus::kCancelled, std::string("Site closed for refurbishment"));
  const auto run = detail(id);
  EXPECT_EQ(run.status, RunStatus::kCancelled);
  EXPECT_EQ(run.cancellation_reason, "Site closed for refurbishment");
  EXPECT_EQ(run.cancelled_by_id, auditor_);
  EXPECT_TRUE(run.cancelled_at.has_value());
  EXPECT_THROW(start(id), core::InvalidTransition);
  EXPECT_THROW(move(id, RunStatus::kCancelled, std::string("again")), core::InvalidTransition);
  EXPECT_THROW(complete(id), core::InvalidTransition);
}

TEST_F(AuditRunsTest, GpsIsRequiredAtStartWhenTheTemplateSaysSo) {
  TemplateOptions options;
  options.require_gps = true;
  const auto s = seed_template(options);
  // Coordinates given with the schedule satisfy it; null ones sent with the start clear them.
  const auto planned = schedule(s);
  update_coordinates(planned);
  const auto cleared = patch_of(0, {"latitude", "longitude"}, [](AuditRun& values) {
    values.latitude = std::nullopt;
    values.longitude = std::nullopt;
  });
  EXPECT_TRUE(validation_fields([&] {
                move(planned, RunStatus::kInProgress, std::nullopt, std::nullopt, cleared);
              }).contains("latitude"));
  start(planned);
  EXPECT_DOUBLE_EQ(*num(detail(planned).latitude), 48.8566);

  const auto id = schedule(s);
  const auto fields = validation_fields([&] { start(id); });
  EXPECT_TRUE(fields.contains("latitude"));
  EXPECT_TRUE(fields.contains("longitude"));
  const auto half = patch_of(0, {"latitude"},
                             [](AuditRun& values) { values.latitude = kit::Decimal{"51.5072"}; });
  EXPECT_EQ(validation_fields([&] {
              move(id, RunStatus::kInProgress, std::nullopt, std::nullopt, half);
            }).at("longitude"),
            "latitude and longitude are given together");
  const auto here = patch_of(0, {"latitude", "longitude"}, [](AuditRun& values) {
    values.latitude = kit::Decimal{"51.5072"};
    values.longitude = kit::Decimal{"-0.1276"};
  });
  move(id, RunStatus::kInProgress, std::nullopt, std::nullopt, here);
  const auto run = detail(id);
  EXPECT_EQ(run.status, RunStatus::kInProgress);
  EXPECT_DOUBLE_EQ(*num(run.latitude), 51.5072);
  EXPECT_DOUBLE_EQ(*num(run.longitude), -0.1276);
  const auto rows = trail("audit_run", id);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_NE(rows[1].second.find(R"("latitude": {"after": 51.507200, "before": null})"),
            std::string::npos)
      << rows[1].second;
}

TEST_F(AuditRunsTest, PatchUsesOptimisticConcurrencyAndOnlyScheduleFields) {
  const auto s = seed_template();
  const auto id = schedule(s);
  const auto update = [&](const kit::Patch<AuditRun>& patch) {
    return in_tx([&](db::Transaction& tx) { return update_run(tx, auditor(), id, patch); });
  };
  auto patch = patch_of(1, {"title", "location"}, [](AuditRun& values) {
    values.title = "Warehouse 3 inspection";
    values.location = std::nullopt;  // clear
  });
  update(patch);
  auto run = detail(id);
  EXPECT_EQ(run.title, "Warehouse 3 inspection");
  EXPECT_FALSE(run.location.has_value());
  EXPECT_EQ(run.version, 2);
  EXPECT_EQ(run.updated_by_id, auditor_);
  EXPECT_THROW(update(patch), core::Conflict);  // stale

  // A no-op patch writes nothing.
  patch.version = 2;
  update(patch);
  EXPECT_EQ(detail(id).version, 2);
  const auto rows = trail("audit_run", id);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].first, "update");
  EXPECT_NE(rows[1].second.find("Warehouse 3 inspection"), std::string::npos);

  const auto early = patch_of(2, {"due_date"}, [](AuditRun& values) {
    values.due_date = kit::Date{"2099-10-01"};  // before scheduled_date
  });
  EXPECT_TRUE(validation_fields([&] { update(early); }).contains("due_date"));
  const auto nobody =
      patch_of(2, {"assigned_to_id"}, [](AuditRun& values) { values.assigned_to_id = 999999; });
  EXPECT_EQ(validation_fields([&] { update(nobody); }).at("assigned_to_id"),
            "no active user with this id");
  // An assignee who left since is checked when assigned, not on every later edit.
  connection_.exec(fmt::format(
      "UPDATE users SET is_active = false, disabled_at = now() WHERE id = {}", auditor_));
  update(patch_of(2, {"notes"}, [](AuditRun& values) { values.notes = "Bring a ladder"; }));
  EXPECT_EQ(detail(id).notes, "Bring a ladder");
  connection_.exec(
      fmt::format("UPDATE users SET is_active = true, disabled_at = NULL WHERE id = {}", auditor_));

  move(id, RunStatus::kCancelled, std::string("No longer needed"));
  run = detail(id);
  EXPECT_EQ(run.version, 4);
  const auto late =
      patch_of(run.version, {"title"}, [](AuditRun& values) { values.title = "Too late"; });
  EXPECT_THROW(update(late), core::Conflict);
}

TEST_F(AuditRunsTest, TheListFiltersSortsSearchesAndPages) {
  const auto s = seed_template();
  const auto a = schedule(s, "Alpha audit");
  const auto b = schedule(s, "Bravo audit");
  const auto c = schedule(s, "Charlie check");
  start(b);
  connection_.exec(fmt::format(
      "UPDATE audit_runs SET scheduled_date = NULL, due_date = DATE '2020-01-01' WHERE id = {}",
      c));

  using Ids = std::vector<std::int64_t>;
  const auto list = [&](std::vector<kit::Condition> conditions, std::vector<kit::SortKey> sort = {},
                        std::optional<std::string> q = {}, std::int64_t page = 1,
                        int page_size = 20) {
    kit::ListQuery query;
    query.conditions = std::move(conditions);
    query.sort = std::move(sort);
    query.q = std::move(q);
    query.page = page;
    query.page_size = page_size;
    return store::kit::list<AuditRun>(connection_, query);
  };
  const auto ids = [](const kit::Page<AuditRun>& found) {
    Ids out;
    for (const auto& run : found.items) {
      out.push_back(run.id);
    }
    return out;
  };
  EXPECT_EQ(ids(list({})), (Ids{c, b, a}));  // newest first
  EXPECT_EQ(ids(list({{"status", std::string("in_progress")}})), Ids{b});
  // Any of several statuses.
  EXPECT_EQ(ids(list({{"status", std::string("scheduled,in_progress")}})), (Ids{c, b, a}));
  EXPECT_EQ(ids(list({{"status", std::string("cancelled,in_progress")}})), Ids{b});
  const auto overdue = list({{"overdue", true}});
  EXPECT_EQ(ids(overdue), Ids{c});
  EXPECT_TRUE(overdue.items[0].is_overdue);
  EXPECT_EQ(ids(list({}, {{.field = "title", .descending = false}}, "audit")), (Ids{a, b}));
  EXPECT_EQ(ids(list({}, {}, "AUD-")).size(), 3U);         // the reference number is searched
  EXPECT_EQ(ids(list({}, {}, "warehouse 3")).size(), 3U);  // and the location
  EXPECT_TRUE(list({}, {}, "100%").items.empty());         // wildcards are matched literally
  EXPECT_EQ(ids(list({{"due_before", std::string("2026-01-01")}})), Ids{c});
  EXPECT_EQ(ids(list({{"due_after", std::string("2099-11-01")}})), (Ids{b, a}));
  EXPECT_EQ(ids(list({{"template_id", s.template_id}})).size(), 3U);
  EXPECT_EQ(list({{"template_id", s.template_id + 1000}}).total, 0);
  EXPECT_EQ(ids(list({{"assigned_to_id", auditor_}})).size(), 3U);
  EXPECT_EQ(list({{"assigned_to_id", reviewer_}}).total, 0);
  // Statuses sort in their declared order (scheduled before in_progress), ties by id.
  EXPECT_EQ(ids(list({}, {{.field = "status", .descending = false}})), (Ids{a, c, b}));

  const auto page2 = list({}, {{.field = "title", .descending = false}}, {}, 2, 2);
  EXPECT_EQ(page2.total, 3);
  EXPECT_EQ(ids(page2), Ids{c});
  const auto beyond = list({}, {}, {}, 5, 2);
  EXPECT_TRUE(beyond.items.empty());
  EXPECT_EQ(beyond.total, 3);
  // Archived runs are not listed.
  connection_.exec(fmt::format("UPDATE audit_runs SET archived_at = now() WHERE id = {}", a));
  EXPECT_EQ(ids(list({})), (Ids{c, b}));
  // Titles sort by code point, as on every list: capitals first.
  const auto lower = schedule(s, "able audit");
  EXPECT_EQ(ids(list({}, {{.field = "title", .descending = false}})), (Ids{b, c, lower}));
}

}  // namespace
}  // namespace qgp::domain::audits
