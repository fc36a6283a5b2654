// The actions register against a real database: references (also under 32 concurrent creates),
// one source, the closed loop from a finding's verified actions to the finding itself (audited as
// the system's move naming the user), the effectiveness rule, the database's own guards, the
// register's filters, and a risk's treatment plan relied on by an assessment.
#include "domain/actions/actions.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "domain/audits/findings.hpp"
#include "domain/common/records.hpp"
#include "domain/risks/risks.hpp"
#include "kit/list.hpp"
#include "support/concurrent_writers.hpp"
#include "support/fixture_users.hpp"
#include "support/fixtures.hpp"
#include "support/test_database.hpp"
#include "support/unit_of_work.hpp"

namespace qgp::testing {
namespace {

namespace actions = domain::actions;
using model::actions::ActionSource;
using model::actions::ActionStatus;
using model::audits::FindingGrade;
using model::audits::FindingStatus;

class ActionsTest : public ::testing::Test {
 protected:
  core::Actor person(std::int64_t id) const {
    return core::Actor{.user_id = id,
                       .request_id = "req-" + std::to_string(id),
                       .client_address = {},
                       .permissions = {"actions:read", "actions:write", "actions:verify",
                                       "findings:write", "risks:write"}};
  }
  domain::audits::Finding finding(FindingGrade grade = FindingGrade::kMinorNonconformity) {
    domain::audits::Finding f;
    f.run_id = run_id_;
    f.title = "Calibration records missing";
    f.description = "Two gauges had no calibration certificate.";
    f.grade = grade;
    return in_transaction(
        connection_, [&](db::Transaction& tx) { return domain::audits::raise_finding(tx, a_, f); });
  }
  static actions::Action from_finding(std::int64_t finding_id) {
    actions::Action action;
    action.title = "Recalibrate the gauges";
    action.description = "Send both gauges to the accredited lab and file the certificates.";
    action.finding_id = finding_id;
    return action;
  }
  actions::Action create(const actions::Action& action) {
    return in_transaction(
        connection_, [&](db::Transaction& tx) { return actions::create_action(tx, a_, action); });
  }
  actions::Action move(const core::Actor& actor, std::int64_t id, ActionStatus to,
                       std::optional<std::string> note = std::string("note")) {
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return actions::transition_action(tx, actor, id, to, note);
    });
  }
  // Open -> in_progress -> completed by A.
  actions::Action completed(std::int64_t id) {
    move(a_, id, ActionStatus::kInProgress);
    return move(a_, id, ActionStatus::kCompleted, "recalibrated");
  }
  FindingStatus status_of(std::int64_t finding_id) {
    return domain::common::get<domain::audits::Finding>(connection_, finding_id).status;
  }
  std::int64_t count(const std::string& sql) { return connection_.exec(sql).int64(0, 0); }
  std::int64_t listed(std::vector<kit::Condition> conditions, const core::Actor& actor) {
    kit::ListQuery query;
    query.conditions = std::move(conditions);
    return actions::list_actions(connection_, actor, query).total;
  }

  TestDatabase database_;
  db::Connection connection_{database_.url()};
  std::int64_t run_id_ = insert_audit_run(connection_);
  core::Actor a_ = person(insert_user(connection_, "a@example.com"));
  core::Actor b_ = person(insert_user(connection_, "b@example.com"));
};

TEST_F(ActionsTest, CreationNumbersAuditsAndNeedsExactlyOneLiveSource) {
  const auto f = finding();
  const auto stored = create(from_finding(f.id));
  EXPECT_TRUE(stored.reference_number.starts_with("ACT-")) << stored.reference_number;
  EXPECT_EQ(stored.status, ActionStatus::kOpen);
  EXPECT_EQ(stored.source_kind, ActionSource::kFinding);
  EXPECT_FALSE(stored.effectiveness_required);  // a minor nonconformity
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_type = 'action' AND action = "
                  "'create'"),
            1);
  // The finding lists its actions.
  EXPECT_EQ(domain::common::get<domain::audits::Finding>(connection_, f.id).action_ids,
            std::vector<std::int64_t>{stored.id});
  auto none = from_finding(f.id);
  none.finding_id = std::nullopt;
  EXPECT_THROW(create(none), core::ValidationError);
  auto two = from_finding(f.id);
  two.policy_id = 1;
  EXPECT_THROW(create(two), core::ValidationError);
  // A missing source is the foreign key's refusal, named by its field.
  EXPECT_THROW(create(from_finding(999999)), core::ValidationError);
  // The database holds one source whoever writes.
  EXPECT_THROW(connection_.exec("UPDATE actions SET risk_id = NULL, finding_id = NULL"),
               db::DbError);
}

TEST_F(ActionsTest, ThirtyTwoConcurrentCreatesGetThirtyTwoReferences) {
  constexpr int kCreators = 32;
  const auto f = finding();
  EXPECT_EQ(concurrent_writers(
                kCreators, database_.url(),
                [&](db::Transaction& tx) { actions::create_action(tx, a_, from_finding(f.id)); }),
            0);
  const auto numbers = distinct_values(connection_, "SELECT reference_number FROM actions");
  EXPECT_EQ(numbers.rows, kCreators);
  EXPECT_EQ(numbers.values.size(), static_cast<std::size_t>(kCreators));
}

TEST_F(ActionsTest, TheFindingMovesByItselfWhenEveryActionThatCountsIsVerified) {
  const auto f = finding();
  const auto lonely = finding();  // no actions: never moves
  const auto first = create(from_finding(f.id));
  const auto second = create(from_finding(f.id));
  const auto dropped = create(from_finding(f.id));
  move(a_, dropped.id, ActionStatus::kCancelled, "duplicate of the first");
  completed(first.id);
  completed(second.id);

  // The person who completed it may not verify it (and the database agrees).
  EXPECT_THROW(move(a_, first.id, ActionStatus::kVerified), core::Forbidden);
  EXPECT_THROW(connection_.exec(fmt::format(
                   "UPDATE actions SET status = 'verified', verified_at = now(), verified_by_id = "
                   "{} WHERE id = {}",
                   *a_.user_id, first.id)),
               db::DbError);

  move(b_, first.id, ActionStatus::kVerified);
  EXPECT_EQ(status_of(f.id), FindingStatus::kOpen);  // the second is outstanding
  const auto last = move(b_, second.id, ActionStatus::kVerified, "certificates filed");
  EXPECT_EQ(last.verified_by_id, b_.user_id);
  EXPECT_EQ(status_of(f.id), FindingStatus::kPendingVerification);
  EXPECT_EQ(status_of(lonely.id), FindingStatus::kOpen);

  // One audit row: the system's move (no user), in B's request, naming B and the action.
  const auto row = connection_.exec(fmt::format(
      "SELECT actor_user_id IS NULL, request_id, changes->>'_note', "
      "changes->'status'->>'after' FROM audit_log WHERE entity_type = 'audit_finding' AND "
      "entity_id = {} AND action = 'transition'",
      f.id));
  ASSERT_EQ(row.rows(), 1);
  EXPECT_EQ(row.string(0, 0), "t");
  EXPECT_EQ(row.string(0, 1), b_.request_id);
  EXPECT_NE(row.string(0, 2).find(fmt::format("user {}", *b_.user_id)), std::string::npos)
      << row.string(0, 2);
  EXPECT_NE(row.string(0, 2).find(last.reference_number), std::string::npos) << row.string(0, 2);
  EXPECT_EQ(row.string(0, 3), "pending_verification");

  // Reopened and verified again, the action does not move a finding past pending_verification.
  const auto reopened = move(a_, second.id, ActionStatus::kInProgress, "recurred");
  EXPECT_FALSE(reopened.verified_at || reopened.completed_by_id);
  move(a_, second.id, ActionStatus::kCompleted, "recalibrated again");
  move(b_, second.id, ActionStatus::kVerified);
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM audit_log WHERE entity_type = "
                              "'audit_finding' AND entity_id = {} AND action = 'transition'",
                              f.id)),
            1);
}

TEST_F(ActionsTest, AFindingWhoseActionsAreAllCancelledDoesNotMove) {
  const auto f = finding();
  const auto only = create(from_finding(f.id));
  move(a_, only.id, ActionStatus::kCancelled, "raised in error");
  const auto other = create(from_finding(finding().id));
  completed(other.id);
  move(b_, other.id, ActionStatus::kVerified);
  EXPECT_EQ(status_of(f.id), FindingStatus::kOpen);
}

TEST_F(ActionsTest, AMajorNonconformityNeedsAnEffectiveReviewBeforeVerification) {
  const auto major = finding(FindingGrade::kMajorNonconformity);
  const auto action = create(from_finding(major.id));
  EXPECT_TRUE(action.effectiveness_required);
  const model::actions::EffectivenessReview effective{.is_effective = true,
                                                      .effectiveness_notes = "No recurrence"};
  const auto review = [&](const model::actions::EffectivenessReview& r) {
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return actions::review_effectiveness(tx, b_, action.id, r);
    });
  };
  EXPECT_THROW(review(effective), core::Conflict);  // not completed yet
  completed(action.id);
  EXPECT_THROW(move(b_, action.id, ActionStatus::kVerified), core::ValidationError);
  review({.is_effective = false, .effectiveness_notes = "Gauge drifted again"});
  EXPECT_THROW(move(b_, action.id, ActionStatus::kVerified), core::ValidationError);
  const auto reviewed = review(effective);
  EXPECT_EQ(reviewed.effectiveness_reviewed_by_id, b_.user_id);
  EXPECT_TRUE(reviewed.effectiveness_reviewed_at.has_value());
  EXPECT_EQ(move(b_, action.id, ActionStatus::kVerified).status, ActionStatus::kVerified);
  EXPECT_EQ(status_of(major.id), FindingStatus::kPendingVerification);
  // A preventive action of the same finding needs no review.
  const auto preventive = [&] {
    auto p = from_finding(finding(FindingGrade::kMajorNonconformity).id);
    p.action_type = model::actions::ActionType::kPreventive;
    return create(p);
  }();
  EXPECT_FALSE(preventive.effectiveness_required);
}

TEST_F(ActionsTest, SettledActionsAreNotEditedAndClosedSourcesRaiseNone) {
  const auto f = finding();
  const auto action = create(from_finding(f.id));
  move(a_, action.id, ActionStatus::kCancelled, "superseded");
  kit::Patch<actions::Action> patch;
  patch.version = domain::common::get<actions::Action>(connection_, action.id).version;
  patch.values.title = "Renamed";
  patch.mark(kit::field_index<actions::Action>("title"));
  EXPECT_THROW(in_transaction(connection_,
                              [&](db::Transaction& tx) {
                                return actions::update_action(tx, a_, action.id, patch);
                              }),
               core::Conflict);
  // A cancellation reason longer than its column is a 422, not a database error.
  const auto other = create(from_finding(f.id));
  EXPECT_THROW(move(a_, other.id, ActionStatus::kCancelled, std::string(2001, 'x')),
               core::ValidationError);
  // A closed finding raises no action until it is reopened.
  connection_.exec(fmt::format(
      "UPDATE audit_findings SET status = 'closed', closed_at = now() WHERE id = {}", f.id));
  EXPECT_THROW(create(from_finding(f.id)), core::Conflict);
}

TEST_F(ActionsTest, TheRegisterFiltersMineOverdueSourceAndDueDates) {
  const auto f = finding();
  auto late = from_finding(f.id);
  late.owner_id = a_.user_id;
  late.due_date = kit::Date{"2020-01-31"};
  const auto overdue = create(late);
  auto later = from_finding(f.id);
  later.owner_id = b_.user_id;
  later.due_date = kit::Date{"2099-01-31"};
  create(later);
  const auto done = create(late);
  completed(done.id);  // past due but completed: not overdue

  EXPECT_EQ(listed({{.name = "mine", .value = true}}, a_), 2);
  EXPECT_EQ(listed({{.name = "mine", .value = true}}, b_), 1);
  EXPECT_EQ(listed({{.name = "overdue", .value = true}}, a_), 1);
  EXPECT_EQ(listed({{.name = "due_before", .value = std::string("2021-01-01")}}, a_), 2);
  EXPECT_EQ(listed({{.name = "due_after", .value = std::string("2021-01-01")}}, a_), 1);
  EXPECT_EQ(listed({{.name = "source_kind", .value = std::string("finding")}}, a_), 3);
  EXPECT_EQ(listed({{.name = "source_kind", .value = std::string("risk")}}, a_), 0);
  EXPECT_EQ(listed({{.name = "finding_id", .value = f.id}}, a_), 3);
  EXPECT_TRUE(domain::common::get<actions::Action>(connection_, overdue.id).overdue);
  EXPECT_FALSE(domain::common::get<actions::Action>(connection_, done.id).overdue);
}

TEST_F(ActionsTest, ARisksTreatmentPlanIsItsActionsAndAnAssessmentReliesOnThem) {
  domain::risks::Risk risk;
  risk.title = "Supplier insolvency";
  risk.description = "A single-source supplier of castings may fail.";
  const auto stored = in_transaction(
      connection_, [&](db::Transaction& tx) { return domain::risks::create_risk(tx, a_, risk); });
  actions::Action qualify = from_finding(0);
  qualify.finding_id = std::nullopt;
  qualify.risk_id = stored.id;
  qualify.action_type = model::actions::ActionType::kPreventive;
  const auto plan = create(qualify);
  EXPECT_EQ(plan.source_kind, ActionSource::kRisk);
  EXPECT_EQ(domain::common::get<domain::risks::Risk>(connection_, stored.id).action_ids,
            std::vector<std::int64_t>{plan.id});
  const auto elsewhere = create(from_finding(finding().id));

  domain::risks::RiskAssessment assessment;
  assessment.inherent_likelihood = 4;
  assessment.inherent_impact = 4;
  assessment.residual_likelihood = 2;
  assessment.residual_impact = 4;
  assessment.assessment_notes = "Second source being qualified";
  assessment.action_ids = {plan.id, elsewhere.id};
  const auto assess = [&] {
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return domain::risks::assess_risk(tx, a_, stored.id, assessment);
    });
  };
  EXPECT_THROW(assess(), core::ValidationError);  // another source's action
  assessment.action_ids = {plan.id};
  const auto recorded = assess();
  EXPECT_EQ(recorded.action_ids, std::vector<std::int64_t>{plan.id});
  EXPECT_EQ(count("SELECT count(*) FROM risk_assessment_actions"), 1);
}

}  // namespace
}  // namespace qgp::testing
