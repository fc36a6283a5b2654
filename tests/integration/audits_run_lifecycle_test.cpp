// Audit runs against a real PostgreSQL (domain + store): scheduling from a published version,
// answering, completion with scoring and auto-created findings, approval, cancellation, schedule
// edits with optimistic concurrency, listing, and the audit trail each mutation writes.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "domain/audits/run_service.hpp"
#include "support/test_database.hpp"

namespace qgp::domain::audits {
namespace {

using testing::TestDatabase;

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

  std::int64_t schedule(const Seeded& s, const std::string& title = "Warehouse inspection") {
    ScheduleRunInput input;
    input.template_id = s.template_id;
    input.fields.title = title;
    input.fields.assigned_to_id = auditor_;
    input.fields.scheduled_date = "2099-11-01";
    input.fields.due_date = "2099-11-30";
    input.fields.location = "Warehouse 3";
    return schedule_run(connection_, auditor(), input);
  }

  ResponseRecord answer(std::int64_t run, std::int64_t question, RawValue value) {
    AnswerInput input;
    input.value = std::move(value);
    return answer_question(connection_, auditor(), run, question, input).response;
  }
  ResponseRecord choose(std::int64_t run, std::int64_t question, std::vector<std::int64_t> ids) {
    AnswerInput input;
    input.option_ids = std::move(ids);
    return answer_question(connection_, auditor(), run, question, input).response;
  }
  ResponseRecord not_applicable(std::int64_t run, std::int64_t question) {
    AnswerInput input;
    input.is_na = true;
    return answer_question(connection_, auditor(), run, question, input).response;
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

TEST_F(AuditRunsTest, ScheduleNeedsAPublishedUnarchivedTemplateAndPinsItsVersion) {
  const auto draft = scalar(
      "INSERT INTO audit_templates (reference_number, name) VALUES ('TPL-2026-0999', 'Draft') "
      "RETURNING id");
  ScheduleRunInput input;
  input.template_id = draft;
  input.fields.title = "Run of a draft";
  EXPECT_TRUE(validation_fields([&] {
                (void)schedule_run(connection_, auditor(), input);
              }).contains("template_id"));

  const auto s = seed_template();
  const auto id = schedule(s);
  const auto detail = get_run(connection_, id);
  EXPECT_EQ(detail.run.status, "scheduled");
  EXPECT_EQ(detail.run.template_version_id, s.version_id);
  EXPECT_EQ(detail.run.template_version_number, 1);
  EXPECT_EQ(detail.run.question_count, 5);
  EXPECT_TRUE(detail.run.reference_number.starts_with("AUD-"));
  EXPECT_EQ(detail.run.scheduled_date, "2099-11-01");
  EXPECT_EQ(detail.allowed_targets,
            (std::vector<RunStatus>{RunStatus::kInProgress, RunStatus::kCancelled}));
  const auto rows = trail("audit_run", id);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].first, "create");

  connection_.exec(
      fmt::format("UPDATE audit_templates SET archived_at = now() WHERE id = {}", s.template_id));
  input.template_id = s.template_id;
  EXPECT_TRUE(validation_fields([&] {
                (void)schedule_run(connection_, auditor(), input);
              }).contains("template_id"));
}

TEST_F(AuditRunsTest, ScheduleValidatesDatesCoordinatesAndAssignee) {
  const auto s = seed_template();
  ScheduleRunInput input;
  input.template_id = s.template_id;
  input.fields.title = "Bad schedule";
  input.fields.scheduled_date = "2026-11-10";
  input.fields.due_date = "2026-11-01";
  input.fields.latitude = 51.5;
  input.fields.assigned_to_id = 999999;
  const auto fields = validation_fields([&] { (void)schedule_run(connection_, auditor(), input); });
  EXPECT_TRUE(fields.contains("due_date"));
  EXPECT_TRUE(fields.contains("longitude"));
  EXPECT_TRUE(fields.contains("assigned_to_id"));
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_runs"), 0);
}

TEST_F(AuditRunsTest, FullLifecycleScoresStoresPerResponseScoresAndRaisesFindings) {
  const auto s = seed_template();
  const auto id = schedule(s);
  start_run(connection_, auditor(), id, {});
  EXPECT_EQ(get_run(connection_, id).allowed_targets,
            (std::vector<RunStatus>{RunStatus::kCompleted, RunStatus::kCancelled}));
  answer(id, s.q_exits, true);
  choose(id, s.q_house, {s.opt_poor});
  answer(id, s.q_score, 4.0);
  answer(id, s.q_comment, std::string("Two pallets in the aisle"));
  answer(id, s.q_reading, 72.5);
  complete_run(connection_, auditor(), id);

  const auto detail = get_run(connection_, id);
  EXPECT_EQ(detail.run.status, "completed");
  EXPECT_EQ(detail.run.completed_by_id, auditor_);
  EXPECT_TRUE(detail.run.completed_at.has_value());
  // earned: exits 1/1, housekeeping 0/2, ladders 4/5 -> 5/8 = 62.5 %, threshold 50 -> passed.
  EXPECT_DOUBLE_EQ(*detail.run.score, 5.0);
  EXPECT_DOUBLE_EQ(*detail.run.max_score, 8.0);
  EXPECT_DOUBLE_EQ(*detail.run.score_percentage, 62.5);
  EXPECT_EQ(detail.run.passed, true);
  ASSERT_EQ(detail.responses.size(), 5U);
  for (const auto& response : detail.responses) {
    if (response.question_id == s.q_score) {
      EXPECT_DOUBLE_EQ(*response.score, 4.0);
      EXPECT_DOUBLE_EQ(*response.max_score, 5.0);
    }
    if (response.question_id == s.q_comment || response.question_id == s.q_reading) {
      EXPECT_FALSE(response.score.has_value());
    }
  }
  ASSERT_EQ(detail.findings.size(), 1U);
  const auto& finding = detail.findings[0];
  EXPECT_TRUE(finding.is_auto_created);
  EXPECT_EQ(finding.grade, "minor_nonconformity");
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
  for (const auto& response : detail.responses) {
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
  start_run(connection_, auditor(), id, {});
  answer(id, s.q_exits, false);
  choose(id, s.q_house, {s.opt_good});
  answer(id, s.q_score, 5.0);
  complete_run(connection_, auditor(), id);
  EXPECT_TRUE(get_run(connection_, id).findings.empty());

  TemplateOptions no_findings;
  no_findings.auto_create_findings = false;
  const auto quiet = seed_template(no_findings);
  const auto run2 = schedule(quiet);
  start_run(connection_, auditor(), run2, {});
  answer(run2, quiet.q_exits, true);
  choose(run2, quiet.q_house, {quiet.opt_poor});
  answer(run2, quiet.q_score, 5.0);
  complete_run(connection_, auditor(), run2);
  EXPECT_TRUE(get_run(connection_, run2).findings.empty());
}

TEST_F(AuditRunsTest, AutoFindingCarriesTheQuestionClauses) {
  const auto s = seed_template();
  // Link the choice question to the clause too, then re-publish so the snapshot carries it.
  connection_.exec(
      fmt::format("INSERT INTO question_clauses VALUES ({}, {})", s.q_house, s.clause_id));
  publish(s.template_id);
  const auto id = schedule(s);
  start_run(connection_, auditor(), id, {});
  answer(id, s.q_exits, true);
  choose(id, s.q_house, {s.opt_poor});
  answer(id, s.q_score, 1.0);
  complete_run(connection_, auditor(), id);
  EXPECT_EQ(scalar(fmt::format("SELECT count(*) FROM finding_clauses fc JOIN audit_findings f ON "
                               "f.id = fc.finding_id WHERE f.run_id = {} AND fc.clause_id = {}",
                               id, s.clause_id)),
            1);
}

TEST_F(AuditRunsTest, CompletionListsEveryUnansweredRequiredQuestion) {
  const auto s = seed_template();
  const auto id = schedule(s);
  start_run(connection_, auditor(), id, {});
  answer(id, s.q_exits, true);
  const auto fields = validation_fields([&] { complete_run(connection_, auditor(), id); });
  EXPECT_EQ(fields.size(), 2U);
  EXPECT_TRUE(fields.contains(fmt::format("responses.{}", s.q_house)));
  EXPECT_TRUE(fields.contains(fmt::format("responses.{}", s.q_score)));
  EXPECT_EQ(get_run(connection_, id).run.status, "in_progress");  // rolled back as a whole
}

TEST_F(AuditRunsTest, AnswersOnlyWhileInProgressAndOnlyToSnapshotQuestions) {
  const auto s = seed_template();
  const auto id = schedule(s);
  EXPECT_THROW(answer(id, s.q_exits, true), core::Conflict);  // still scheduled
  start_run(connection_, auditor(), id, {});
  AnswerInput yes;
  yes.value = true;
  const auto created = answer_question(connection_, auditor(), id, s.q_exits, yes);
  EXPECT_TRUE(created.created);
  const auto& first = created.response;
  AnswerInput no;
  no.value = false;
  const auto replaced = answer_question(connection_, auditor(), id, s.q_exits, no);
  EXPECT_FALSE(replaced.created);
  const auto& second = replaced.response;  // re-answer: same row, new version
  EXPECT_EQ(first.id, second.id);
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(second.response_bool, false);
  EXPECT_EQ(scalar(fmt::format("SELECT count(*) FROM audit_responses WHERE run_id = {}", id)), 1);
  const auto trail_rows = trail("audit_response", first.id);
  ASSERT_EQ(trail_rows.size(), 2U);
  EXPECT_EQ(trail_rows[0].first, "create");
  EXPECT_EQ(trail_rows[1].first, "update");

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

  not_applicable(id, s.q_score);
  complete_run(connection_, auditor(), id);
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
  EXPECT_EQ(get_run(connection_, old_run).run.template_version_id, s.version_id);
  EXPECT_EQ(get_run(connection_, new_run).run.template_version_id, v2);
  EXPECT_EQ(get_run(connection_, new_run).run.template_version_number, 2);
  // Version 2 was published after the old run was scheduled but before it starts: the run starts,
  // is answered and completes on version 1, the version it was planned against.
  start_run(connection_, auditor(), old_run, {});
  const auto started = get_run(connection_, old_run).run;
  EXPECT_EQ(started.status, "in_progress");
  EXPECT_EQ(started.template_version_id, s.version_id);
  EXPECT_EQ(started.template_version_number, 1);
  EXPECT_EQ(started.question_count, 5);  // version 2 has six
  EXPECT_THROW(answer(old_run, added, true), core::NotFound);
  answer(old_run, s.q_exits, true);
  choose(old_run, s.q_house, {s.opt_good});
  answer(old_run, s.q_score, 5.0);
  complete_run(connection_, auditor(), old_run);  // the new required question is not asked
  const auto completed = get_run(connection_, old_run).run;
  EXPECT_EQ(completed.status, "completed");
  EXPECT_EQ(completed.template_version_number, 1);
  start_run(connection_, auditor(), new_run, {});
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
  start_run(connection_, auditor(), id, {});
  not_applicable(id, s.q_score);
  complete_run(connection_, auditor(), id);
  const auto run = get_run(connection_, id).run;
  EXPECT_EQ(run.status, "completed");
  EXPECT_FALSE(run.score.has_value());
  EXPECT_FALSE(run.max_score.has_value());
  EXPECT_FALSE(run.score_percentage.has_value());
  EXPECT_FALSE(run.passed.has_value());
}

TEST_F(AuditRunsTest, ApprovalNeedsASecondPersonAndRejectionReopensWithoutDuplicateFindings) {
  TemplateOptions options;
  options.require_approval = true;
  const auto s = seed_template(options);
  const auto id = schedule(s);
  start_run(connection_, auditor(), id, {});
  EXPECT_EQ(get_run(connection_, id).allowed_targets,
            (std::vector<RunStatus>{RunStatus::kPendingReview, RunStatus::kCancelled}));
  answer(id, s.q_exits, true);
  choose(id, s.q_house, {s.opt_poor});
  answer(id, s.q_score, 3.0);
  complete_run(connection_, auditor(), id);
  auto detail = get_run(connection_, id);
  EXPECT_EQ(detail.run.status, "pending_review");
  EXPECT_EQ(detail.findings.size(), 1U);
  EXPECT_THROW(answer(id, s.q_exits, false), core::Conflict);  // frozen while in review
  EXPECT_THROW(approve_run(connection_, auditor(), id, std::nullopt), core::Forbidden);

  EXPECT_TRUE(validation_fields([&] {
                reject_run(connection_, actor(reviewer_), id, "  ");
              }).contains("reason"));
  reject_run(connection_, actor(reviewer_), id, "Photo evidence missing");
  detail = get_run(connection_, id);
  EXPECT_EQ(detail.run.status, "in_progress");
  EXPECT_FALSE(detail.run.score.has_value());
  EXPECT_FALSE(detail.run.completed_at.has_value());

  answer(id, s.q_score, 5.0);
  complete_run(connection_, auditor(), id);
  approve_run(connection_, actor(reviewer_), id, std::string("Looks right"));
  detail = get_run(connection_, id);
  EXPECT_EQ(detail.run.status, "completed");
  EXPECT_DOUBLE_EQ(*detail.run.score, 6.0);
  EXPECT_EQ(detail.findings.size(), 1U);  // the re-completion did not duplicate it
  const auto rows = trail("audit_run", id);
  ASSERT_EQ(rows.size(), 6U);  // create, start, complete, reject, complete, approve
  EXPECT_NE(rows[3].second.find("Photo evidence missing"), std::string::npos);
  EXPECT_NE(rows[5].second.find(R"("after": "completed", "before": "pending_review")"),
            std::string::npos);
}

TEST_F(AuditRunsTest, CancelNeedsAReasonAndIsFinal) {
  const auto s = seed_template();
  const auto id = schedule(s);
  EXPECT_TRUE(
      validation_fields([&] { cancel_run(connection_, auditor(), id, ""); }).contains("reason"));
  cancel_run(connection_, auditor(), id, "Site closed for refurbishment");
  const auto run = get_run(connection_, id).run;
  EXPECT_EQ(run.status, "cancelled");
  EXPECT_EQ(run.cancellation_reason, "Site closed for refurbishment");
  EXPECT_EQ(run.cancelled_by_id, auditor_);
  EXPECT_THROW(start_run(connection_, auditor(), id, {}), core::InvalidTransition);
  EXPECT_THROW(cancel_run(connection_, auditor(), id, "again"), core::InvalidTransition);
  EXPECT_THROW(complete_run(connection_, auditor(), id), core::InvalidTransition);
}

TEST_F(AuditRunsTest, GpsIsRequiredAtStartWhenTheTemplateSaysSo) {
  TemplateOptions options;
  options.require_gps = true;
  const auto s = seed_template(options);
  const auto id = schedule(s);
  const auto fields = validation_fields([&] { start_run(connection_, auditor(), id, {}); });
  EXPECT_TRUE(fields.contains("latitude"));
  start_run(connection_, auditor(), id, StartInput{.latitude = 51.5072, .longitude = -0.1276});
  const auto run = get_run(connection_, id).run;
  EXPECT_EQ(run.status, "in_progress");
  EXPECT_DOUBLE_EQ(*run.latitude, 51.5072);
  EXPECT_DOUBLE_EQ(*run.longitude, -0.1276);
}

TEST_F(AuditRunsTest, PatchUsesOptimisticConcurrencyAndOnlyScheduleFields) {
  const auto s = seed_template();
  const auto id = schedule(s);
  RunPatch patch;
  patch.version = 1;
  patch.title = "Warehouse 3 inspection";
  patch.location = std::optional<std::string>{};  // clear
  update_run(connection_, auditor(), id, patch);
  auto run = get_run(connection_, id).run;
  EXPECT_EQ(run.title, "Warehouse 3 inspection");
  EXPECT_FALSE(run.location.has_value());
  EXPECT_EQ(run.version, 2);
  EXPECT_THROW(update_run(connection_, auditor(), id, patch), core::Conflict);  // stale

  // A no-op patch writes nothing.
  patch.version = 2;
  update_run(connection_, auditor(), id, patch);
  EXPECT_EQ(get_run(connection_, id).run.version, 2);
  const auto rows = trail("audit_run", id);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].first, "update");
  EXPECT_NE(rows[1].second.find("Warehouse 3 inspection"), std::string::npos);

  patch.due_date = std::optional<std::string>("2099-10-01");  // before scheduled_date
  EXPECT_TRUE(validation_fields([&] {
                update_run(connection_, auditor(), id, patch);
              }).contains("due_date"));

  cancel_run(connection_, auditor(), id, "No longer needed");
  run = get_run(connection_, id).run;
  RunPatch late;
  late.version = run.version;
  late.title = "Too late";
  EXPECT_THROW(update_run(connection_, auditor(), id, late), core::Conflict);
}

TEST_F(AuditRunsTest, ListFiltersSortsAndPages) {
  const auto s = seed_template();
  const auto a = schedule(s, "Alpha audit");
  const auto b = schedule(s, "Bravo audit");
  const auto c = schedule(s, "Charlie check");
  start_run(connection_, auditor(), b, {});
  connection_.exec(fmt::format(
      "UPDATE audit_runs SET scheduled_date = NULL, due_date = DATE '2020-01-01' WHERE id = {}",
      c));

  const auto ids = [](const RunPage& page) {
    std::vector<std::int64_t> out;
    for (const auto& run : page.items) {
      out.push_back(run.id);
    }
    return out;
  };
  const store::common::Page all{.page = 1, .page_size = 20};
  EXPECT_EQ(ids(domain::audits::list_runs(connection_, {}, {}, all)),
            (std::vector<std::int64_t>{c, b, a}));
  RunFilter filter;
  filter.statuses = {"in_progress"};
  EXPECT_EQ(ids(domain::audits::list_runs(connection_, filter, {}, all)),
            std::vector<std::int64_t>{b});
  filter = {};
  filter.overdue = true;
  const auto overdue = domain::audits::list_runs(connection_, filter, {}, all);
  EXPECT_EQ(ids(overdue), std::vector<std::int64_t>{c});
  EXPECT_TRUE(overdue.items[0].is_overdue);
  filter = {};
  filter.q = "audit";
  EXPECT_EQ(ids(domain::audits::list_runs(connection_, filter,
                                          {{.field = "title", .descending = false}}, all)),
            (std::vector<std::int64_t>{a, b}));
  filter.q = "100%";  // wildcards are matched literally
  EXPECT_TRUE(domain::audits::list_runs(connection_, filter, {}, all).items.empty());
  filter = {};
  filter.due_before = "2026-01-01";
  EXPECT_EQ(ids(domain::audits::list_runs(connection_, filter, {}, all)),
            std::vector<std::int64_t>{c});
  filter = {};
  filter.template_id = s.template_id + 1000;
  EXPECT_EQ(domain::audits::list_runs(connection_, filter, {}, all).total, 0);

  const auto page2 = domain::audits::list_runs(
      connection_, {}, {{.field = "title", .descending = false}}, {.page = 2, .page_size = 2});
  EXPECT_EQ(page2.total, 3);
  EXPECT_EQ(ids(page2), std::vector<std::int64_t>{c});
  const auto beyond = domain::audits::list_runs(connection_, {}, {}, {.page = 5, .page_size = 2});
  EXPECT_TRUE(beyond.items.empty());
  EXPECT_EQ(beyond.total, 3);
}

}  // namespace
}  // namespace qgp::domain::audits
