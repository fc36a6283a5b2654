// The incident register against a real database: the report with its people (and 32 concurrent
// reports), the RIDDOR decision's due date counted from the day of the event in Great Britain,
// the overdue list and counts, the report to the authority, and closing refused while a linked
// action is open unless overridden with a reason and incidents:close_override.
#include "domain/incidents/incidents.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/common/records.hpp"
#include "kit/list.hpp"
#include "kit/patch.hpp"
#include "store/incidents/incident_store.hpp"
#include "store/kit/list.hpp"
#include "support/concurrent_writers.hpp"
#include "support/fixture_users.hpp"
#include "support/test_database.hpp"
#include "support/unit_of_work.hpp"

namespace qgp::testing {
namespace {

namespace incidents = domain::incidents;
using model::incidents::IncidentStatus;
using model::incidents::PersonRole;
using model::incidents::PersonType;
using model::incidents::RiddorCategory;

incidents::Incident sample(std::string occurred_at) {
  incidents::Incident incident;
  incidents::IncidentPerson hurt;
  hurt.name = "A. Fitter";
  hurt.injury_type = model::incidents::InjuryType::kSprainStrain;
  hurt.body_part = model::incidents::BodyPart::kBack;
  incidents::IncidentPerson witness;
  witness.role = PersonRole::kWitness;
  witness.person_type = PersonType::kNonWorker;
  witness.name = "A. Visitor";
  witness.statement = "Saw the pallet slip";
  incident.title = "Back strain lifting a pallet";
  incident.description = "Lifted a pallet without the truck.";
  incident.incident_type = model::incidents::IncidentType::kInjury;
  incident.occurred_at = kit::Timestamp{std::move(occurred_at)};
  incident.people = {hurt, witness};
  return incident;
}

class IncidentsTest : public ::testing::Test {
 protected:
  // An instant `days` days before the database's now (in PostgreSQL's text form).
  std::string days_ago(int days) {
    return connection_
        .exec("SELECT (now() - make_interval(days => " + std::to_string(days) + "))::text")
        .string(0, 0);
  }
  std::string sql_text(const std::string& sql) { return connection_.exec(sql).string(0, 0); }
  std::int64_t count(const std::string& sql) { return connection_.exec(sql).int64(0, 0); }

  incidents::Incident report(const incidents::Incident& incident) {
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return incidents::report_incident(tx, reporter_, incident);
    });
  }
  incidents::Incident decide(std::int64_t id, std::optional<RiddorCategory> category,
                             const core::Actor& actor) {
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return incidents::decide_riddor(
          tx, actor, id, {.category = category, .rationale = "Off work since the accident"});
    });
  }
  incidents::Incident move(std::int64_t id, IncidentStatus to,
                           std::optional<std::string> override_reason = std::nullopt,
                           const core::Actor* actor = nullptr) {
    kit::Patch<incidents::Incident> extra;
    if (override_reason) {
      extra.values.closure_override_reason = std::move(override_reason);
      extra.mark(kit::field_index<incidents::Incident>("closure_override_reason"));
    }
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return incidents::move(tx, actor == nullptr ? manager_ : *actor, id, to, std::nullopt, extra);
    });
  }
  kit::Page<incidents::Incident> list(std::string_view flag) {
    kit::ListQuery query;
    query.conditions.push_back({.name = flag, .value = true});
    return store::kit::list<incidents::Incident>(connection_, query);
  }

  TestDatabase database_;
  db::Connection connection_{database_.url()};
  std::int64_t employee_ = insert_user(connection_, "employee@example.com");
  std::int64_t manager_id_ = insert_user(connection_, "manager@example.com");
  core::Actor reporter_{.user_id = employee_,
                        .request_id = "test",
                        .client_address = {},
                        .permissions = {"incidents:report"}};
  core::Actor manager_{.user_id = manager_id_,
                       .request_id = "test",
                       .client_address = {},
                       .permissions = {"incidents:read", "incidents:write"}};
};

TEST_F(IncidentsTest, AReportNumbersKeepsItsPeopleAsRowsAndIsAudited) {
  const auto stored = report(sample(days_ago(1)));
  EXPECT_TRUE(stored.reference_number.starts_with("INC-")) << stored.reference_number;
  EXPECT_EQ(stored.status, IncidentStatus::kReported);
  EXPECT_EQ(stored.reporter_id, employee_);
  ASSERT_EQ(stored.people.size(), 2U);
  EXPECT_EQ(stored.people[0].name, "A. Fitter");
  EXPECT_EQ(stored.people[1].role, PersonRole::kWitness);
  EXPECT_EQ(stored.people[1].statement, "Saw the pallet slip");
  EXPECT_FALSE(stored.riddor_reportable.has_value());
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_type = 'incident' AND action = "
                  "'create'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_type = 'incident_person'"), 2);
  // The event is not in the future; awareness not before the event; a witness is no casualty.
  EXPECT_THROW(report(sample("2999-01-01T00:00:00Z")), core::ValidationError);
  auto aware_before = sample(days_ago(2));
  aware_before.aware_at = kit::Timestamp{days_ago(3)};
  EXPECT_THROW(report(aware_before), core::ValidationError);
  auto injured_witness = sample(days_ago(2));
  injured_witness.people[1].taken_to_hospital = true;
  EXPECT_THROW(report(injured_witness), core::ValidationError);
  EXPECT_EQ(count("SELECT count(*) FROM incidents"), 1);
}

TEST_F(IncidentsTest, ThirtyTwoConcurrentReportsGetThirtyTwoReferences) {
  constexpr int kReporters = 32;
  const auto incident = sample(days_ago(1));
  EXPECT_EQ(concurrent_writers(
                kReporters, database_.url(),
                [&](db::Transaction& tx) { incidents::report_incident(tx, reporter_, incident); }),
            0);
  const auto numbers = distinct_values(connection_, "SELECT reference_number FROM incidents");
  EXPECT_EQ(numbers.rows, kReporters);
  EXPECT_EQ(numbers.values.size(), static_cast<std::size_t>(kReporters));
  EXPECT_EQ(count("SELECT count(*) FROM incident_people"), 2 * kReporters);
}

// Recorded twelve days after the accident, an over-seven-day injury is due fifteen days after the
// accident (three days from now), not fifteen days after the record; twenty days late, it is
// overdue at once.
TEST_F(IncidentsTest, TheDueDateCountsFromTheDayOfTheEventAndOverdueIsListedAndCounted) {
  const auto late = report(sample(days_ago(12)));
  const auto later = report(sample(days_ago(20)));
  EXPECT_THROW(move(late.id, IncidentStatus::kTriaged), core::ValidationError);  // no decision
  const auto decided = decide(late.id, RiddorCategory::kOverSevenDayIncapacitation, manager_);
  ASSERT_TRUE(decided.riddor_due_date.has_value());
  EXPECT_EQ(decided.riddor_due_date->iso,
            sql_text("SELECT ((now() - interval '12 days') AT TIME ZONE 'Europe/London')::date "
                     "+ 15"));
  EXPECT_EQ(decided.riddor_reportable, true);
  EXPECT_EQ(decided.riddor_confirmed_by_id, manager_id_);
  EXPECT_TRUE(decided.riddor_decided_at.has_value());
  EXPECT_FALSE(decided.riddor_overdue);
  EXPECT_EQ(move(late.id, IncidentStatus::kTriaged).status, IncidentStatus::kTriaged);
  const auto overdue = decide(later.id, RiddorCategory::kOverSevenDayIncapacitation, manager_);
  EXPECT_TRUE(overdue.riddor_overdue);
  // The decision is audited with what the engine proposed (nothing: no days off recorded yet).
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_type = 'incident' AND "
                  "changes->>'_note' = 'RIDDOR decision: over_seven_day_incapacitation (the engine "
                  "proposed none)'"),
            2);

  const auto due = list("riddor_due");
  EXPECT_EQ(due.total, 2);
  const auto past = list("riddor_overdue");
  ASSERT_EQ(past.total, 1);
  EXPECT_EQ(past.items[0].id, later.id);
  auto stats = store::incidents::statistics(connection_);
  EXPECT_EQ(stats.riddor_due, 2);
  EXPECT_EQ(stats.riddor_overdue, 1);
  EXPECT_EQ(stats.open, 2);

  // Reported: neither due nor overdue any more, and the decision stands.
  const auto reported = in_transaction(connection_, [&](db::Transaction& tx) {
    return incidents::record_riddor_report(tx, manager_, later.id,
                                           {.hse_reference = "HSE-123456", .reported_at = {}});
  });
  EXPECT_EQ(reported.hse_reference, "HSE-123456");
  EXPECT_FALSE(reported.riddor_overdue);
  stats = store::incidents::statistics(connection_);
  EXPECT_EQ(stats.riddor_due, 1);
  EXPECT_EQ(stats.riddor_overdue, 0);
  EXPECT_THROW(decide(later.id, std::nullopt, manager_), core::Conflict);
  EXPECT_THROW(in_transaction(connection_,
                              [&](db::Transaction& tx) {
                                return incidents::record_riddor_report(
                                    tx, manager_, later.id,
                                    {.hse_reference = "again", .reported_at = {}});
                              }),
               core::Conflict);
  // Over three days is recorded, not reported: nothing due, and no report to record.
  const auto minor = report(sample(days_ago(5)));
  const auto recorded = decide(minor.id, RiddorCategory::kOverThreeDayIncapacitation, manager_);
  EXPECT_EQ(recorded.riddor_reportable, false);
  EXPECT_FALSE(recorded.riddor_due_date.has_value());
  EXPECT_THROW(in_transaction(connection_,
                              [&](db::Transaction& tx) {
                                return incidents::record_riddor_report(
                                    tx, manager_, minor.id,
                                    {.hse_reference = "HSE-1", .reported_at = {}});
                              }),
               core::Conflict);
}

// The event's day is the one in Great Britain: 23:30 UTC on 30 June is 00:30 BST on 1 July.
TEST_F(IncidentsTest, TheDayOfTheEventIsBritish) {
  const auto stored = report(sample("2026-06-30T23:30:00Z"));
  EXPECT_EQ(stored.occurred_on.iso, "2026-07-01");
  const auto decided = decide(stored.id, RiddorCategory::kSpecifiedInjury, manager_);
  EXPECT_EQ(decided.riddor_due_date->iso, "2026-07-11");
  // A disease is reported from its diagnosis: none recorded, no decision.
  EXPECT_THROW(decide(stored.id, RiddorCategory::kOccupationalDisease, manager_),
               core::ValidationError);
}

TEST_F(IncidentsTest, ClosingNeedsTheLinkedActionsDoneOrAnOverride) {
  const auto stored = report(sample(days_ago(3)));
  decide(stored.id, std::nullopt, manager_);
  for (const auto to : {IncidentStatus::kTriaged, IncidentStatus::kUnderInvestigation,
                        IncidentStatus::kActions, IncidentStatus::kReview}) {
    move(stored.id, to);
  }
  const auto id = std::to_string(stored.id);
  connection_.exec(
      "INSERT INTO actions (reference_number, title, description, incident_id, status, "
      "cancelled_at) VALUES "
      "('ACT-2026-0001', 'Pallet truck training', 'Train the night shift', "
      + id + ", 'open', NULL), ('ACT-2026-0002', 'Replace the truck', 'Order one', " + id
      + ", 'in_progress', NULL), ('ACT-2026-0003', 'Cancelled', 'Not needed', " + id
      + ", 'cancelled', now())");
  EXPECT_THROW(move(stored.id, IncidentStatus::kClosed), core::Conflict);
  EXPECT_THROW(move(stored.id, IncidentStatus::kClosed, "tracked by the supplier"),
               core::Forbidden);  // incidents:write alone does not override
  auto overrider = manager_;
  overrider.permissions.insert(std::string(incidents::kCloseOverride));
  const auto closed =
      move(stored.id, IncidentStatus::kClosed, "tracked by the supplier", &overrider);
  EXPECT_EQ(closed.status, IncidentStatus::kClosed);
  EXPECT_EQ(closed.closed_by_id, manager_id_);
  EXPECT_TRUE(closed.closed_at.has_value());
  EXPECT_EQ(closed.closure_override_reason, "tracked by the supplier");

  // Another incident whose actions are all done closes without an override, and refuses one.
  const auto second = report(sample(days_ago(3)));
  decide(second.id, std::nullopt, manager_);
  for (const auto to :
       {IncidentStatus::kTriaged, IncidentStatus::kUnderInvestigation, IncidentStatus::kReview}) {
    move(second.id, to);
  }
  connection_.exec(
      "INSERT INTO actions (reference_number, title, description, incident_id, status, "
      "completed_at) VALUES ('ACT-2026-0004', 'Guard fitted', 'Fitted', "
      + std::to_string(second.id) + ", 'pending_verification', now())");
  EXPECT_THROW(move(second.id, IncidentStatus::kClosed, "nothing to override", &overrider),
               core::ValidationError);
  EXPECT_EQ(move(second.id, IncidentStatus::kClosed).status, IncidentStatus::kClosed);
  // A closed incident is not edited.
  kit::Patch<incidents::Incident> patch;
  patch.version = domain::common::get<incidents::Incident>(connection_, second.id).version;
  patch.values.location = "Bay 4";
  patch.mark(kit::field_index<incidents::Incident>("location"));
  EXPECT_THROW(in_transaction(connection_,
                              [&](db::Transaction& tx) {
                                return incidents::update_incident(tx, manager_, second.id, patch);
                              }),
               core::Conflict);
}

}  // namespace
}  // namespace qgp::testing
