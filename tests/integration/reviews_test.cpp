// Management reviews against a real database: planned with attendees, inputs and the standards
// covered (children stored, audited), held only with the day, an attendee and every input, the
// minutes approved by someone other than the chair (the domain's 403 and the table's CHECK),
// nothing changed once closed or cancelled, the actions raised from an output (source
// management_review, refused from a closed or cancelled review, one source held by the widened
// CHECK), the 9.3.2(a) input computed from earlier reviews' open actions, the list's filters, 32
// concurrent plans with 32 references, and the migration over a register that has actions.
#include "domain/reviews/reviews.hpp"

#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "domain/actions/actions.hpp"
#include "domain/audits/findings.hpp"
#include "domain/common/records.hpp"
#include "kit/enums.hpp"
#include "kit/list.hpp"
#include "kit/patch.hpp"
#include "migrate/graph.hpp"
#include "migrate/revision.hpp"
#include "migrate/runner.hpp"
#include "migrate_test_support.hpp"
#include "store/kit/list.hpp"
#include "support/concurrent_writers.hpp"
#include "support/fixture_users.hpp"
#include "support/fixtures.hpp"
#include "support/test_database.hpp"
#include "support/unit_of_work.hpp"

namespace qgp::testing {
namespace {

namespace rv = domain::reviews;
using model::actions::ActionSource;
using model::actions::ActionStatus;
using model::reviews::ReviewInputKind;
using model::reviews::ReviewOutputKind;
using model::reviews::ReviewStatus;

// The reference numbers of the actions a review's JSON list (actions, previous_actions) holds.
template <class J>
std::vector<std::string> listed_actions(const J& rows) {
  static const std::regex kReference(R"re("reference_number": "(ACT-[0-9-]+)")re");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(rows.text.begin(), rows.text.end(), kReference);
       it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

class ReviewsTest : public ::testing::Test {
 protected:
  core::Actor actor(std::int64_t id) const {
    return core::Actor{.user_id = id,
                       .request_id = "test",
                       .client_address = {},
                       .permissions = {"reviews:read", "reviews:write", "reviews:approve",
                                       "actions:read", "actions:write", "actions:verify"}};
  }
  std::int64_t count(const std::string& sql) { return connection_.exec(sql).int64(0, 0); }

  // Planned on `planned`, chaired by the chair, with one attendee and every input but one kind
  // (external_providers) recorded.
  rv::Review sample(const std::string& planned) const {
    rv::Review review;
    review.title = "Management review " + planned;
    review.planned_date = kit::Date{planned};
    review.chair_id = chair_;
    review.standard_ids = {standard_};
    rv::ReviewAttendee attendee;
    attendee.user_id = chair_;
    attendee.role = "Managing director";
    review.attendees.push_back(attendee);
    for (const auto kind : model::reviews::required_input_kinds()) {
      if (kind != ReviewInputKind::kExternalProviders) {
        rv::ReviewInput input;
        input.kind = kind;
        input.summary = fmt::format("{} presented", kit::wire_name(kind));
        review.inputs.push_back(input);
      }
    }
    return review;
  }
  rv::Review plan(const rv::Review& review) {
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return rv::plan_review(tx, actor(chair_), review);
    });
  }
  rv::Review move(std::int64_t user, std::int64_t id, ReviewStatus to,
                  std::optional<std::string> note = std::nullopt,
                  kit::Patch<rv::Review> extra = {}) {
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return rv::move(tx, actor(user), id, to, note, extra);
    });
  }
  kit::Patch<rv::Review> held_on(const std::string& day) const {
    kit::Patch<rv::Review> patch;
    patch.values.held_on = kit::Date{day};
    patch.mark(kit::field_index<rv::Review>("held_on"));
    return patch;
  }
  rv::ReviewInput add_input(std::int64_t review_id, ReviewInputKind kind, bool not_applicable) {
    rv::ReviewInput input;
    input.kind = kind;
    input.summary = "No external providers in scope this year";
    input.not_applicable = not_applicable;
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return rv::add_input(tx, actor(chair_), review_id, input);
    });
  }
  // Planned, completed with its last input, held on `held`.
  rv::Review held(const std::string& planned, const std::string& held) {
    const auto review = plan(sample(planned));
    add_input(review.id, ReviewInputKind::kExternalProviders, true);
    return move(chair_, review.id, ReviewStatus::kHeld, std::nullopt, held_on(held));
  }
  rv::ReviewOutput output(std::int64_t review_id) {
    rv::ReviewOutput out;
    out.kind = ReviewOutputKind::kResourceNeed;
    out.decision = "Hire a second metrologist";
    out.owner_id = chair_;
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return rv::add_output(tx, actor(chair_), review_id, out);
    });
  }
  static domain::actions::Action action(const std::string& title) {
    domain::actions::Action a;
    a.title = title;
    a.description = "Decided at the management review";
    a.action_type = model::actions::ActionType::kImprovement;
    return a;
  }
  domain::actions::Action raise(std::int64_t output_id, const std::string& title) {
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return rv::raise_action(tx, actor(chair_), output_id, action(title));
    });
  }
  std::int64_t listed(std::vector<kit::Condition> conditions) {
    kit::ListQuery query;
    query.conditions = std::move(conditions);
    return store::kit::list<rv::Review>(connection_, query).total;
  }

  TestDatabase database_;
  db::Connection connection_{database_.url()};
  std::int64_t chair_ = insert_user(connection_, "chair@example.com");
  std::int64_t approver_ = insert_user(connection_, "approver@example.com");
  std::int64_t standard_ = connection_
                               .exec(
                                   "INSERT INTO standards (code, name, full_name, edition) "
                                   "VALUES ('ISO9001', 'ISO 9001', 'Quality management "
                                   "systems', '2015') RETURNING id")
                               .int64(0, 0);
};

TEST_F(ReviewsTest, PlannedWithItsChildrenNumberedAndAudited) {
  const auto review = plan(sample("2026-03-10"));
  EXPECT_TRUE(review.reference_number.starts_with("MRV-")) << review.reference_number;
  EXPECT_EQ(review.status, ReviewStatus::kPlanned);
  EXPECT_EQ(review.standard_ids, std::vector<std::int64_t>{standard_});
  ASSERT_EQ(review.attendees.size(), 1U);
  EXPECT_EQ(review.attendees[0].user_id, chair_);
  EXPECT_EQ(review.inputs.size(), 10U);
  EXPECT_TRUE(review.outputs.empty());
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_type LIKE 'management_review%' "
                  "AND action = 'create'"),
            12);
  // A chair is required; an external attendee names their role; a kind is recorded once.
  auto unchaired = sample("2026-03-10");
  unchaired.chair_id = std::nullopt;
  EXPECT_THROW(plan(unchaired), core::ValidationError);
  auto external = sample("2026-03-10");
  external.attendees[0].user_id = std::nullopt;
  external.attendees[0].name = "Dana Lee";
  external.attendees[0].role = std::nullopt;
  try {
    plan(external);
    ADD_FAILURE() << "an external attendee without a role was accepted";
  } catch (const core::ValidationError& error) {
    EXPECT_EQ(error.fields().count("attendees[0].role"), 1U);
  }
  auto already_held = sample("2026-03-10");
  already_held.held_on = kit::Date{"2026-03-10"};
  EXPECT_THROW(plan(already_held), core::ValidationError);
  auto twice = sample("2026-03-10");
  twice.inputs.push_back(twice.inputs[0]);
  EXPECT_THROW(plan(twice), core::ValidationError);
  EXPECT_THROW(add_input(review.id, ReviewInputKind::kObjectives, false), core::Conflict);
  // The database holds one person per attendee row whoever writes.
  EXPECT_THROW(connection_.exec(fmt::format("UPDATE management_review_attendees SET name = 'X', "
                                            "role = 'Y' WHERE review_id = {}",
                                            review.id)),
               db::DbError);
}

TEST_F(ReviewsTest, HeldOnlyWithTheDayAnAttendeeAndEveryInput) {
  const auto review = plan(sample("2026-03-10"));
  // external_providers is missing (and the day): every problem named at once.
  try {
    move(chair_, review.id, ReviewStatus::kHeld);
    ADD_FAILURE() << "held without its inputs";
  } catch (const core::ValidationError& error) {
    EXPECT_EQ(error.fields().count("held_on"), 1U);
    ASSERT_EQ(error.fields().count("inputs"), 1U);
    EXPECT_NE(error.fields().at("inputs").find("external_providers"), std::string::npos);
  }
  add_input(review.id, ReviewInputKind::kExternalProviders, true);
  const auto moved =
      move(chair_, review.id, ReviewStatus::kHeld, std::nullopt, held_on("2026-03-11"));
  EXPECT_EQ(moved.status, ReviewStatus::kHeld);
  EXPECT_EQ(moved.held_on, kit::Date{"2026-03-11"});
  // The database holds the day whoever writes.
  EXPECT_THROW(connection_.exec(fmt::format(
                   "UPDATE management_reviews SET held_on = NULL WHERE id = {}", review.id)),
               db::DbError);
}

TEST_F(ReviewsTest, MinutesApprovedByAnotherAndNothingChangesOnceClosedOrCancelled) {
  const auto review = held("2026-03-10", "2026-03-11");
  // No minutes: 422; then the chair may not approve them (and the database agrees).
  EXPECT_THROW(move(approver_, review.id, ReviewStatus::kClosed), core::ValidationError);
  kit::Patch<rv::Review> minutes;
  minutes.version = review.version;
  minutes.values.minutes = "Objectives met; one resource decision";
  minutes.mark(kit::field_index<rv::Review>("minutes"));
  in_transaction(connection_, [&](db::Transaction& tx) {
    return rv::update_review(tx, actor(chair_), review.id, minutes);
  });
  EXPECT_THROW(move(chair_, review.id, ReviewStatus::kClosed), core::Forbidden);
  EXPECT_THROW(connection_.exec(fmt::format(
                   "UPDATE management_reviews SET status = 'closed', approved_at = now(), "
                   "approved_by_id = chair_id WHERE id = {}",
                   review.id)),
               db::DbError);
  const auto closed = move(approver_, review.id, ReviewStatus::kClosed);
  EXPECT_EQ(closed.approved_by_id, approver_);
  EXPECT_THROW(output(review.id), core::Conflict);
  EXPECT_THROW(add_input(review.id, ReviewInputKind::kPreviousActions, false), core::Conflict);
  // Reopened with a note, it takes outputs again.
  const auto reopened =
      move(chair_, review.id, ReviewStatus::kHeld, std::string("The resource decision is missing"));
  EXPECT_FALSE(reopened.approved_at.has_value());
  EXPECT_NO_THROW(output(review.id));
  // A cancelled review keeps its reason and changes no more.
  const auto other = plan(sample("2026-09-10"));
  const auto cancelled =
      move(chair_, other.id, ReviewStatus::kCancelled, std::string("Merged into the next one"));
  EXPECT_EQ(cancelled.cancellation_reason, "Merged into the next one");
  EXPECT_THROW(add_input(other.id, ReviewInputKind::kExternalProviders, true), core::Conflict);
  const auto third = plan(sample("2026-12-10"));
  EXPECT_THROW(move(chair_, third.id, ReviewStatus::kCancelled, std::string(2001, 'x')),
               core::ValidationError);
}

TEST_F(ReviewsTest, ActionsRaisedFromAnOutputHaveTheReviewAsTheirOneSource) {
  const auto review = held("2026-03-10", "2026-03-11");
  const auto out = output(review.id);
  const auto raised = raise(out.id, "Recruit a metrologist");
  EXPECT_EQ(raised.source_kind, ActionSource::kManagementReview);
  EXPECT_EQ(raised.management_review_id, review.id);
  EXPECT_TRUE(raised.reference_number.starts_with("ACT-"));
  const auto output_now = domain::common::get<rv::ReviewOutput>(connection_, out.id);
  EXPECT_EQ(output_now.action_ids, std::vector<std::int64_t>{raised.id});
  const auto read = domain::common::get<rv::Review>(connection_, review.id);
  EXPECT_EQ(listed_actions(read.actions), std::vector<std::string>{raised.reference_number});
  EXPECT_NE(read.actions.text.find(R"("status": "open")"), std::string::npos) << read.actions.text;
  // Another source sent with it is refused; the register lists it by its source.
  auto two = action("Two sources");
  two.risk_id = 1;
  EXPECT_THROW(in_transaction(connection_,
                              [&](db::Transaction& tx) {
                                return rv::raise_action(tx, actor(chair_), out.id, two);
                              }),
               core::ValidationError);
  kit::ListQuery query;
  query.conditions = {{.name = "source_kind", .value = std::string("management_review")}};
  EXPECT_EQ(domain::actions::list_actions(connection_, actor(chair_), query).total, 1);
  // The database holds one source whoever writes: the review and a finding at once is refused.
  const auto run_id = insert_audit_run(connection_);
  domain::audits::Finding finding;
  finding.run_id = run_id;
  finding.title = "Calibration records missing";
  finding.description = "Two gauges had no certificate.";
  const auto f = in_transaction(connection_, [&](db::Transaction& tx) {
    return domain::audits::raise_finding(tx, actor(chair_), finding);
  });
  EXPECT_THROW(connection_.exec(fmt::format("UPDATE actions SET finding_id = {} WHERE id = {}",
                                            f.id, raised.id)),
               db::DbError);
  // Closed or cancelled: no action, from the output or from the register.
  kit::Patch<rv::Review> minutes;
  minutes.version = read.version;
  minutes.values.minutes = "Agreed";
  minutes.mark(kit::field_index<rv::Review>("minutes"));
  in_transaction(connection_, [&](db::Transaction& tx) {
    return rv::update_review(tx, actor(chair_), review.id, minutes);
  });
  move(approver_, review.id, ReviewStatus::kClosed);
  EXPECT_THROW(raise(out.id, "Too late"), core::Conflict);
  auto direct = action("Too late, by the register");
  direct.management_review_id = review.id;
  EXPECT_THROW(in_transaction(connection_,
                              [&](db::Transaction& tx) {
                                return domain::actions::create_action(tx, actor(chair_), direct);
                              }),
               core::Conflict);
  const auto other = plan(sample("2026-09-10"));
  move(chair_, other.id, ReviewStatus::kCancelled, std::string("Not needed"));
  direct.management_review_id = other.id;
  EXPECT_THROW(in_transaction(connection_,
                              [&](db::Transaction& tx) {
                                return domain::actions::create_action(tx, actor(chair_), direct);
                              }),
               core::Conflict);
}

TEST_F(ReviewsTest, TheNextReviewStartsFromWhatTheLastOneLeftOpen) {
  const auto first = held("2026-03-10", "2026-03-11");
  const auto out = output(first.id);
  const auto kept = raise(out.id, "Recruit a metrologist");
  const auto dropped = raise(out.id, "Buy a second gauge");
  const auto done = raise(out.id, "Publish the new objectives");
  in_transaction(connection_, [&](db::Transaction& tx) {
    domain::actions::transition_action(tx, actor(chair_), dropped.id, ActionStatus::kCancelled,
                                       std::string("Not needed after all"));
    domain::actions::transition_action(tx, actor(chair_), done.id, ActionStatus::kInProgress,
                                       std::nullopt);
    domain::actions::transition_action(tx, actor(chair_), done.id, ActionStatus::kCompleted,
                                       std::string("Published"));
    domain::actions::transition_action(tx, actor(approver_), done.id, ActionStatus::kVerified,
                                       std::nullopt);
  });
  const auto second = plan(sample("2026-09-10"));
  EXPECT_EQ(listed_actions(second.previous_actions),
            std::vector<std::string>{kept.reference_number});
  EXPECT_NE(
      second.previous_actions.text.find(fmt::format(R"("management_review_id": {})", first.id)),
      std::string::npos)
      << second.previous_actions.text;
  // The first review's own actions are not its previous ones; an earlier-planned review does not
  // see a later one's.
  const auto read_first = domain::common::get<rv::Review>(connection_, first.id);
  EXPECT_TRUE(listed_actions(read_first.previous_actions).empty());
  EXPECT_EQ(listed_actions(read_first.actions).size(), 3U);
  const auto earlier = plan(sample("2025-09-10"));
  EXPECT_TRUE(listed_actions(earlier.previous_actions).empty());
}

TEST_F(ReviewsTest, TheListFiltersByStatusDatesStandardAndText) {
  held("2026-03-10", "2026-03-11");
  plan(sample("2026-09-10"));
  auto uncovered = sample("2027-03-10");
  uncovered.standard_ids.clear();
  uncovered.title = "Environmental review";
  plan(uncovered);
  EXPECT_EQ(listed({}), 3);
  EXPECT_EQ(listed({{.name = "status", .value = std::string("planned")}}), 2);
  EXPECT_EQ(listed({{.name = "planned_from", .value = std::string("2026-06-01")},
                    {.name = "planned_to", .value = std::string("2026-12-31")}}),
            1);
  EXPECT_EQ(listed({{.name = "standard_ids", .value = standard_}}), 2);
  EXPECT_EQ(listed({{.name = "chair_id", .value = chair_}}), 3);
  kit::ListQuery query;
  query.q = "environmental";
  EXPECT_EQ(store::kit::list<rv::Review>(connection_, query).total, 1);
}

TEST_F(ReviewsTest, ThirtyTwoConcurrentPlansGetThirtyTwoReferences) {
  constexpr int kPlanners = 32;
  const auto review = sample("2026-03-10");
  EXPECT_EQ(
      concurrent_writers(kPlanners, database_.url(),
                         [&](db::Transaction& tx) { rv::plan_review(tx, actor(chair_), review); }),
      0);
  const auto numbers =
      distinct_values(connection_, "SELECT reference_number FROM management_reviews");
  EXPECT_EQ(numbers.rows, kPlanners);
  EXPECT_EQ(numbers.values.size(), static_cast<std::size_t>(kPlanners));
}

// The revision that adds management reviews (7e580cd7ac84) over a register that has actions:
// they keep their one source, and a second source is refused by the widened CHECK.
TEST(ReviewsMigration, ExistingActionsKeepTheirOneSource) {
  TestDatabase database(TestDatabase::Source::kEmpty);
  const migrate::RevisionGraph graph(migrate::load_embedded_revisions());
  migrate::Migrator migrator(database.url(), graph, migrate::test::quiet());
  migrator.upgrade("52a72575da01");
  db::Connection connection(database.url());
  const auto run_id = insert_audit_run(connection);
  connection.exec(fmt::format(
      "INSERT INTO audit_findings (run_id, reference_number, title, description, grade) VALUES "
      "({0}, 'FND-2026-0001', 'Gauges', 'No certificates', 'observation');"
      "INSERT INTO actions (reference_number, title, description, finding_id) SELECT "
      "'ACT-2026-0001', 'Recalibrate', 'Send to the lab', id FROM audit_findings",
      run_id));
  migrator.upgrade("7e580cd7ac84");
  EXPECT_EQ(connection
                .exec("SELECT count(*) FROM actions WHERE management_review_id IS NULL AND "
                      "finding_id IS NOT NULL")
                .int64(0, 0),
            1);
  connection.exec(
      "INSERT INTO users (email, password_hash, first_name, last_name) VALUES "
      "('chair@example.test', '$argon2id$not-a-real-hash', 'C', 'Chair');"
      "INSERT INTO management_reviews (reference_number, title, planned_date, chair_id) SELECT "
      "'MRV-2026-0001', 'Annual review', '2026-03-10', id FROM users WHERE email = "
      "'chair@example.test'");
  EXPECT_THROW(connection.exec("UPDATE actions SET management_review_id = (SELECT id FROM "
                               "management_reviews)"),
               db::DbError);
  connection.exec(
      "INSERT INTO actions (reference_number, title, description, management_review_id) SELECT "
      "'ACT-2026-0002', 'Hire', 'A metrologist', id FROM management_reviews");
  EXPECT_EQ(connection.exec("SELECT count(*) FROM actions").int64(0, 0), 2);
}

}  // namespace
}  // namespace qgp::testing
