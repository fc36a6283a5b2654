// Investigations against a real database: the 5-whys and fishbone factors as child rows (numbered
// in order, audited, refused once signed off), the sign-off by someone other than the investigator
// (the domain's 403 and the table's CHECK), the root cause needed for review, the actions raised
// from it limited to the investigated incident's, the list's filters, and the incident's closing
// refused until its investigations are signed off.
#include "domain/investigations/investigations.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "domain/actions/actions.hpp"
#include "domain/common/records.hpp"
#include "domain/incidents/incidents.hpp"
#include "kit/list.hpp"
#include "kit/patch.hpp"
#include "store/kit/list.hpp"
#include "support/fixture_users.hpp"
#include "support/test_database.hpp"
#include "support/unit_of_work.hpp"

namespace qgp::testing {
namespace {

namespace inv = domain::investigations;
using model::investigations::FishboneCategory;
using model::investigations::InvestigationStatus;

class InvestigationsTest : public ::testing::Test {
 protected:
  core::Actor actor(std::int64_t id) const {
    return core::Actor{
        .user_id = id,
        .request_id = "test",
        .client_address = {},
        .permissions = {"incidents:read", "incidents:write", "actions:write", "investigations:read",
                        "investigations:write", "investigations:signoff"}};
  }
  std::int64_t count(const std::string& sql) { return connection_.exec(sql).int64(0, 0); }

  std::int64_t report_incident(const std::string& title) {
    domain::incidents::Incident incident;
    incident.title = title;
    incident.description = "The guard closed on a hand while clearing a jam.";
    incident.occurred_at = kit::Timestamp{"2026-11-20T14:30:00Z"};
    return in_transaction(connection_,
                          [&](db::Transaction& tx) {
                            return domain::incidents::report_incident(tx, actor(lead_), incident);
                          })
        .id;
  }
  std::int64_t raise_action(std::int64_t incident_id, const std::string& title) {
    domain::actions::Action action;
    action.title = title;
    action.description = "From the investigation";
    action.incident_id = incident_id;
    return in_transaction(connection_,
                          [&](db::Transaction& tx) {
                            return domain::actions::create_action(tx, actor(lead_), action);
                          })
        .id;
  }
  inv::Investigation sample(std::int64_t incident_id) const {
    inv::Investigation investigation;
    investigation.title = "Press guard injury";
    investigation.incident_id = incident_id;
    investigation.investigator_id = investigator_;
    for (const auto* why :
         {"Why was the hand caught?", "Why was the guard open?", "Why was there no interlock?"}) {
      inv::InvestigationWhy step;
      step.why = why;
      step.answer = "Because";
      investigation.whys.push_back(step);
    }
    inv::InvestigationFactor people;
    people.category = FishboneCategory::kPeople;
    people.factor = "Operator not trained on jam clearing";
    inv::InvestigationFactor machine;
    machine.category = FishboneCategory::kMachine;
    machine.factor = "Guard without interlock";
    investigation.factors = {people, machine};
    return investigation;
  }
  inv::Investigation open(const inv::Investigation& investigation) {
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return inv::open_investigation(tx, actor(lead_), investigation);
    });
  }
  inv::Investigation move(std::int64_t id, InvestigationStatus to, std::int64_t by,
                          std::optional<std::string> note = std::nullopt) {
    return in_transaction(
        connection_, [&](db::Transaction& tx) { return inv::move(tx, actor(by), id, to, note); });
  }
  inv::Investigation patch_root_cause(const inv::Investigation& current,
                                      std::optional<std::string> root_cause) {
    kit::Patch<inv::Investigation> patch;
    patch.version = current.version;
    patch.values.root_cause = std::move(root_cause);
    patch.mark(kit::field_index<inv::Investigation>("root_cause"));
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return inv::update_investigation(tx, actor(lead_), current.id, patch);
    });
  }
  inv::Investigation patch_actions(const inv::Investigation& current,
                                   std::vector<std::int64_t> action_ids) {
    kit::Patch<inv::Investigation> patch;
    patch.version = current.version;
    patch.values.action_ids = std::move(action_ids);
    patch.mark(kit::field_index<inv::Investigation>("action_ids"));
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return inv::update_investigation(tx, actor(lead_), current.id, patch);
    });
  }

  TestDatabase database_;
  db::Connection connection_{database_.url()};
  std::int64_t lead_ = insert_user(connection_, "lead@example.com");
  std::int64_t investigator_ = insert_user(connection_, "investigator@example.com");
  std::int64_t signer_ = insert_user(connection_, "signer@example.com");
};

TEST_F(InvestigationsTest, WhysAndFactorsAreOrderedAuditedChildRows) {
  const auto incident = report_incident("Hand caught in the press guard");
  const auto stored = open(sample(incident));
  EXPECT_TRUE(stored.reference_number.starts_with("INV-")) << stored.reference_number;
  EXPECT_EQ(stored.status, InvestigationStatus::kOpen);
  ASSERT_EQ(stored.whys.size(), 3U);
  for (std::size_t i = 0; i < stored.whys.size(); ++i) {
    EXPECT_EQ(stored.whys[i].position, static_cast<std::int32_t>(i + 1));
  }
  EXPECT_EQ(stored.whys[2].why, "Why was there no interlock?");
  ASSERT_EQ(stored.factors.size(), 2U);
  EXPECT_EQ(stored.factors[0].category, FishboneCategory::kPeople);
  EXPECT_EQ(stored.factors[1].category, FishboneCategory::kMachine);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_type = 'investigation_why'"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_type = 'investigation_factor'"), 2);

  // A later why takes the next position; the parent's version moves.
  inv::InvestigationWhy fourth;
  fourth.why = "Why was the risk assessment silent?";
  fourth.answer = "It predates the press";
  const auto added = in_transaction(connection_, [&](db::Transaction& tx) {
    return inv::add_why(tx, actor(lead_), stored.id, fourth);
  });
  EXPECT_EQ(added.position, 4);
  const auto reread = domain::common::get<inv::Investigation>(connection_, stored.id);
  EXPECT_EQ(reread.whys.size(), 4U);
  EXPECT_GT(reread.version, stored.version);
  // Positions are unique per investigation in the table too.
  EXPECT_THROW(connection_.exec("UPDATE investigation_whys SET position = 1 WHERE id = "
                                + std::to_string(added.id)),
               db::DbError);
}

TEST_F(InvestigationsTest, AnInvestigationNeedsAnOpenCaseAndAnInvestigator) {
  const auto incident = report_incident("Hand caught in the press guard");
  auto no_case = sample(incident);
  no_case.incident_id = std::nullopt;
  EXPECT_THROW(open(no_case), core::ValidationError);
  auto missing = sample(incident);
  missing.incident_id = incident + 1000;
  EXPECT_THROW(open(missing), core::ValidationError);
  auto nobody = sample(incident);
  nobody.investigator_id = std::nullopt;
  EXPECT_THROW(open(nobody), core::ValidationError);
  connection_.exec("UPDATE incidents SET status = 'closed', closed_at = now() WHERE id = "
                   + std::to_string(incident));
  EXPECT_THROW(open(sample(incident)), core::Conflict);
  EXPECT_EQ(count("SELECT count(*) FROM investigations"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM investigation_whys"), 0);
}

TEST_F(InvestigationsTest, SignedOffBySomeoneOtherThanTheInvestigatorOnly) {
  const auto incident = report_incident("Hand caught in the press guard");
  auto investigation = open(sample(incident));
  // Review needs the root cause statement.
  EXPECT_THROW(move(investigation.id, InvestigationStatus::kInReview, investigator_),
               core::ValidationError);
  investigation = patch_root_cause(investigation, "The guard has no interlock");
  investigation = move(investigation.id, InvestigationStatus::kInReview, investigator_);
  EXPECT_TRUE(investigation.submitted_at.has_value());
  // In review the statement is not withdrawn.
  EXPECT_THROW(patch_root_cause(investigation, std::nullopt), core::ValidationError);
  // The investigator may not sign off, whatever their permissions.
  EXPECT_THROW(move(investigation.id, InvestigationStatus::kSignedOff, investigator_),
               core::Forbidden);
  // Nor can the table hold such a sign-off.
  EXPECT_THROW(
      connection_.exec("UPDATE investigations SET status = 'signed_off', signed_off_at = now(), "
                       "signed_off_by_id = investigator_id WHERE id = "
                       + std::to_string(investigation.id)),
      db::DbError);
  const auto signed_off =
      move(investigation.id, InvestigationStatus::kSignedOff, signer_, "Agreed");
  EXPECT_EQ(signed_off.status, InvestigationStatus::kSignedOff);
  EXPECT_EQ(signed_off.signed_off_by_id, signer_);
  EXPECT_TRUE(signed_off.signed_off_at.has_value());
  EXPECT_EQ(signed_off.sign_off_notes, "Agreed");
  // Signed off: no edits, no new whys, until reopened with a note.
  EXPECT_THROW(patch_root_cause(signed_off, "Something else"), core::Conflict);
  inv::InvestigationFactor late;
  late.category = FishboneCategory::kMethod;
  late.factor = "No jam-clearing procedure";
  EXPECT_THROW(in_transaction(connection_,
                              [&](db::Transaction& tx) {
                                return inv::add_factor(tx, actor(lead_), signed_off.id, late);
                              }),
               core::Conflict);
  EXPECT_THROW(move(signed_off.id, InvestigationStatus::kOpen, lead_), core::ValidationError);
  const auto reopened = move(signed_off.id, InvestigationStatus::kOpen, lead_, "New evidence");
  EXPECT_FALSE(reopened.signed_off_at.has_value());
  EXPECT_FALSE(reopened.signed_off_by_id.has_value());
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_type = 'investigation' AND action "
                  "= 'transition'"),
            3);
}

TEST_F(InvestigationsTest, ItListsActionsOfTheInvestigatedIncidentOnly) {
  const auto incident = report_incident("Hand caught in the press guard");
  const auto other = report_incident("Slip in the canteen");
  const auto own_a = raise_action(incident, "Fit an interlock");
  const auto own_b = raise_action(incident, "Train jam clearing");
  const auto foreign = raise_action(other, "Mop rota");
  auto investigation = open(sample(incident));
  EXPECT_THROW(patch_actions(investigation, {own_a, foreign}), core::ValidationError);
  investigation = patch_actions(investigation, {own_b, own_a});
  EXPECT_EQ(investigation.action_ids, (std::vector<std::int64_t>{own_a, own_b}));
  EXPECT_EQ(count("SELECT count(*) FROM investigation_actions"), 2);
  // Given at opening, checked the same way.
  auto with_foreign = sample(incident);
  with_foreign.action_ids = {foreign};
  EXPECT_THROW(open(with_foreign), core::ValidationError);

  // The list's filters: status, case, investigator, action.
  auto second = sample(other);
  second.investigator_id = signer_;
  open(second);
  const auto total = [&](std::string_view name, kit::FilterValue value) {
    kit::ListQuery query;
    query.conditions.push_back({.name = name, .value = std::move(value)});
    return store::kit::list<inv::Investigation>(connection_, query).total;
  };
  EXPECT_EQ(total("incident_id", incident), 1);
  EXPECT_EQ(total("investigator_id", signer_), 1);
  EXPECT_EQ(total("investigator_id", investigator_), 1);
  EXPECT_EQ(total("action_ids", own_a), 1);
  EXPECT_EQ(total("action_ids", foreign), 0);
  EXPECT_EQ(total("status", std::string("open")), 2);
  EXPECT_EQ(total("status", std::string("in_review,signed_off")), 0);
}

TEST_F(InvestigationsTest, AnIncidentClosesOnceItsInvestigationsAreSignedOff) {
  const auto incident = report_incident("Hand caught in the press guard");
  auto investigation = open(sample(incident));
  connection_.exec("UPDATE incidents SET status = 'review' WHERE id = " + std::to_string(incident));
  const auto close = [&] {
    return in_transaction(connection_, [&](db::Transaction& tx) {
      return domain::incidents::move(tx, actor(lead_), incident,
                                     model::incidents::IncidentStatus::kClosed, std::nullopt,
                                     kit::Patch<domain::incidents::Incident>{});
    });
  };
  try {
    close();
    ADD_FAILURE() << "closed with an investigation open";
  } catch (const core::Conflict& refused) {
    EXPECT_NE(std::string(refused.what()).find(investigation.reference_number), std::string::npos)
        << refused.what();
  }
  investigation = patch_root_cause(investigation, "The guard has no interlock");
  move(investigation.id, InvestigationStatus::kInReview, investigator_);
  EXPECT_THROW(close(), core::Conflict);
  move(investigation.id, InvestigationStatus::kSignedOff, signer_, "Agreed");
  EXPECT_EQ(close().status, model::incidents::IncidentStatus::kClosed);
}

}  // namespace
}  // namespace qgp::testing
