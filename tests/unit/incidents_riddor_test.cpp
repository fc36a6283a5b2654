// The RIDDOR engine as a table of cases at its edges (weekends, month and year ends, the leap day
// 2028-02-29, the thresholds of seven and three days, precedence), the day-of-event rule (an
// incident recorded days later gets the same deadline), the facts an incident gives the engine,
// and every edge and refusal of the incident workflow.
#include <array>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "domain/incidents/incidents.hpp"
#include "domain/incidents/riddor.hpp"
#include "kit/enums.hpp"
#include "model/incidents/incident.hpp"
#include "support/workflow_edges.hpp"

namespace qgp::domain::incidents {
namespace {

using model::incidents::IncidentStatus;
using model::incidents::PersonRole;
using model::incidents::PersonType;
using riddor::Facts;
using riddor::PersonFacts;
using C = model::incidents::RiddorCategory;

PersonFacts worker(int days_off = 0) {
  return {.worker = true,
          .died = false,
          .specified_injury = false,
          .taken_to_hospital = false,
          .days_off_work = days_off};
}
PersonFacts with_specified_injury() {
  auto p = worker();
  p.specified_injury = true;
  return p;
}
PersonFacts dead() {
  auto p = worker();
  p.died = true;
  return p;
}
PersonFacts visitor(bool hospital, int days_off = 0) {
  return {.worker = false,
          .died = false,
          .specified_injury = false,
          .taken_to_hospital = hospital,
          .days_off_work = days_off};
}

Facts on(std::string_view day, std::vector<PersonFacts> people) {
  return Facts{.event_day = riddor::parse_day(day),
               .diagnosed_on = std::nullopt,
               .work_related = true,
               .dangerous_occurrence = false,
               .ill_health = false,
               .gas_incident = false,
               .people = std::move(people)};
}
Facts with(Facts facts, void (*change)(Facts&)) {
  change(facts);
  return facts;
}

struct Case {
  std::string_view name;
  Facts facts;
  std::optional<C> category;   // nullopt: no category applies
  std::string_view report_by;  // "": not reported
  bool notify_without_delay;
};

// Days are counted from the day of the event (day 0), calendar days: weekends and rest days count
// and a deadline falling on one is not moved.
const std::array kCases = {
    Case{"death on a Friday: 10 days, due on the Monday", on("2026-12-04", {dead()}), C::kDeath,
         "2026-12-14", true},
    Case{"specified injury on a month's last day", on("2026-01-31", {with_specified_injury()}),
         C::kSpecifiedInjury, "2026-02-10", true},
    Case{"specified injury on the leap day", on("2028-02-29", {with_specified_injury()}),
         C::kSpecifiedInjury, "2028-03-10", true},
    Case{"over seven days across the leap day: 15 days", on("2028-02-24", {worker(8)}),
         C::kOverSevenDayIncapacitation, "2028-03-10", false},
    Case{"over seven days from the leap day", on("2028-02-29", {worker(8)}),
         C::kOverSevenDayIncapacitation, "2028-03-15", false},
    Case{"over seven days in a year without a leap day", on("2027-02-24", {worker(30)}),
         C::kOverSevenDayIncapacitation, "2027-03-11", false},
    Case{"over seven days from a Saturday: due on a Sunday, not moved",
         on("2026-12-05", {worker(9)}), C::kOverSevenDayIncapacitation, "2026-12-20", false},
    Case{"exactly seven days off is over three, recorded only", on("2026-12-05", {worker(7)}),
         C::kOverThreeDayIncapacitation, "", false},
    Case{"four days off: over three, recorded only", on("2026-12-05", {worker(4)}),
         C::kOverThreeDayIncapacitation, "", false},
    Case{"three days off: nothing", on("2026-12-05", {worker(3)}), std::nullopt, "", false},
    Case{"a visitor taken to hospital on New Year's Eve", on("2026-12-31", {visitor(true)}),
         C::kNonWorkerHospital, "2027-01-10", true},
    Case{"a visitor off for ten days but not taken to hospital",
         on("2026-12-31", {visitor(false, 10)}), std::nullopt, "", false},
    Case{"a worker taken to hospital without a specified injury", on("2026-06-01", {[] {
                                                                       auto p = worker();
                                                                       p.taken_to_hospital = true;
                                                                       return p;
                                                                     }()}),
         std::nullopt, "", false},
    Case{"a dangerous occurrence at February's end (no leap day)",
         with(on("2027-02-28", {}), [](Facts& f) { f.dangerous_occurrence = true; }),
         C::kDangerousOccurrence, "2027-03-10", true},
    Case{"a disease: without delay from the diagnosis, not from the exposure",
         with(on("2026-01-05", {}),
              [](Facts& f) {
                f.ill_health = true;
                f.diagnosed_on = riddor::parse_day("2026-03-02");
              }),
         C::kOccupationalDisease, "2026-03-02", false},
    Case{"ill health not yet diagnosed: nothing to report yet",
         with(on("2026-01-05", {}), [](Facts& f) { f.ill_health = true; }), std::nullopt, "",
         false},
    Case{"a gas incident on Christmas Day: 14 days",
         with(on("2026-12-25", {}), [](Facts& f) { f.gas_incident = true; }), C::kGasIncident,
         "2027-01-08", false},
    Case{"a death that was not work-related",
         with(on("2026-12-04", {dead()}), [](Facts& f) { f.work_related = false; }), std::nullopt,
         "", false},
    Case{"death outranks a specified injury", on("2026-03-01", {with_specified_injury(), dead()}),
         C::kDeath, "2026-03-11", true},
    Case{"a specified injury outranks the days off", on("2026-03-01", {[] {
                                                          auto p = with_specified_injury();
                                                          p.days_off_work = 20;
                                                          return p;
                                                        }()}),
         C::kSpecifiedInjury, "2026-03-11", true},
    Case{"a dangerous occurrence outranks an over-seven-day injury",
         with(on("2026-03-01", {worker(10)}), [](Facts& f) { f.dangerous_occurrence = true; }),
         C::kDangerousOccurrence, "2026-03-11", true},
};

TEST(RiddorEngine, TheTableOfCases) {
  for (const auto& c : kCases) {
    SCOPED_TRACE(std::string(c.name));
    const auto proposal = riddor::classify(c.facts);
    if (!c.category) {
      EXPECT_EQ(proposal.rule, nullptr);
      EXPECT_FALSE(proposal.due.has_value());
      continue;
    }
    ASSERT_NE(proposal.rule, nullptr);
    EXPECT_EQ(proposal.rule->category, *c.category) << kit::wire_name(proposal.rule->category);
    ASSERT_TRUE(proposal.due.has_value());
    EXPECT_EQ(proposal.due->notify_without_delay, c.notify_without_delay);
    if (c.report_by.empty()) {
      EXPECT_FALSE(proposal.rule->reportable);
      EXPECT_FALSE(proposal.due->report_by.has_value());
    } else {
      EXPECT_TRUE(proposal.rule->reportable);
      ASSERT_TRUE(proposal.due->report_by.has_value());
      EXPECT_EQ(riddor::format_day(*proposal.due->report_by), c.report_by);
    }
    EXPECT_NE(proposal.rationale.find(proposal.rule->regulation), std::string::npos);
  }
}

// Each category's deadline as the regulation gives it, from one event day.
TEST(RiddorEngine, EveryCategoryHasOneRuleWithItsRegulation) {
  struct Expected {
    C category;
    std::optional<int> days;
    bool notify;
  };
  constexpr std::array<Expected, 8> kExpected = {{{C::kDeath, 10, true},
                                                  {C::kSpecifiedInjury, 10, true},
                                                  {C::kOverSevenDayIncapacitation, 15, false},
                                                  {C::kNonWorkerHospital, 10, true},
                                                  {C::kOccupationalDisease, 0, false},
                                                  {C::kDangerousOccurrence, 10, true},
                                                  {C::kGasIncident, 14, false},
                                                  {C::kOverThreeDayIncapacitation, {}, false}}};
  static_assert(kExpected.size() == kit::kWireNames<C>.size());
  for (const auto& e : kExpected) {
    SCOPED_TRACE(std::string(kit::wire_name(e.category)));
    const auto& rule = riddor::rule_of(e.category);
    EXPECT_EQ(rule.report_within_days, e.days);
    EXPECT_EQ(rule.notify_without_delay, e.notify);
    EXPECT_FALSE(rule.regulation.empty());
    const auto day = riddor::parse_day("2026-05-20");
    const auto due = riddor::deadline(e.category, day, day);
    ASSERT_TRUE(due.has_value());
    if (e.days) {
      EXPECT_EQ(std::chrono::sys_days{*due->report_by} - std::chrono::sys_days{day},
                std::chrono::days{*e.days});
    }
  }
  // A disease counts from its diagnosis, and without one it has no deadline yet.
  EXPECT_FALSE(
      riddor::deadline(C::kOccupationalDisease, riddor::parse_day("2026-05-20"), std::nullopt)
          .has_value());
}

TEST(RiddorEngine, DaysParseAndPrintStrictly) {
  EXPECT_EQ(riddor::format_day(riddor::parse_day("2028-02-29")), "2028-02-29");
  EXPECT_THROW(riddor::parse_day("2027-02-29"), std::invalid_argument);
  EXPECT_THROW(riddor::parse_day("2027-2-28"), std::invalid_argument);
  EXPECT_THROW(riddor::parse_day("2027-02-2x"), std::invalid_argument);
}

Incident injured(std::string_view day, int days_off) {
  Incident incident;
  incident.occurred_on = kit::Date{std::string(day)};
  incident.incident_type = model::incidents::IncidentType::kInjury;
  IncidentPerson person;
  person.role = PersonRole::kInvolved;
  person.person_type = PersonType::kWorker;
  person.days_off_work = days_off;
  incident.people.push_back(person);
  return incident;
}

// The deadline is the event's: the same incident recorded at once or ten days later (and decided
// on at any time) is due on the same day.
TEST(RiddorEngine, ARecordMadeDaysLaterHasTheSameDeadline) {
  auto at_once = injured("2026-11-02", 9);
  at_once.reported_at = kit::Timestamp{"2026-11-02T10:00:00.000000Z"};
  auto later = at_once;
  later.reported_at = kit::Timestamp{"2026-11-12T16:30:00.000000Z"};
  const auto a = assess(at_once);
  const auto b = assess(later);
  ASSERT_TRUE(a.report_due_date.has_value());
  EXPECT_EQ(a.report_due_date->iso, "2026-11-17");
  EXPECT_EQ(b.report_due_date, a.report_due_date);
  EXPECT_EQ(a.counted_from, (kit::Date{"2026-11-02"}));
  EXPECT_EQ(a.category, C::kOverSevenDayIncapacitation);
  EXPECT_EQ(a.regulation, "reg. 4(2)");
}

TEST(RiddorEngine, WitnessesAreNoFactsAndTheIncidentGivesTheRest) {
  auto incident = injured("2026-11-02", 2);
  IncidentPerson witness;
  witness.role = PersonRole::kWitness;
  witness.died = true;  // refused on input; the engine would not count it either
  incident.people.push_back(witness);
  incident.work_related = false;
  incident.gas_incident = true;
  incident.diagnosed_on = kit::Date{"2026-12-01"};
  const auto facts = facts_of(incident);
  ASSERT_EQ(facts.people.size(), 1U);
  EXPECT_FALSE(facts.people[0].died);
  EXPECT_EQ(facts.people[0].days_off_work, 2);
  EXPECT_FALSE(facts.work_related);
  EXPECT_TRUE(facts.gas_incident);
  EXPECT_FALSE(facts.ill_health);
  EXPECT_EQ(riddor::format_day(*facts.diagnosed_on), "2026-12-01");
  EXPECT_EQ(riddor::format_day(facts.event_day), "2026-11-02");
}

// --- the workflow ------------------------------------------------------------------------------

core::Actor person(std::int64_t id, std::set<std::string, std::less<>> permissions = {}) {
  core::Actor actor;
  actor.user_id = id;
  actor.permissions = std::move(permissions);
  return actor;
}

Incident in(IncidentStatus status) {
  Incident incident;
  incident.status = status;
  return incident;
}

const core::Actor kWriter = person(1, {"incidents:read", "incidents:write"});
const core::Actor kReporter = person(2, {"incidents:report", "incidents:read"});

TEST(IncidentWorkflow, EveryEdgeAndEveryMissingOne) {
  using S = IncidentStatus;
  const auto& flow = kit::kWorkflow<Incident>;
  // The reporter (incidents:report only) moves nothing.
  testing::expect_exactly_these_edges<Incident>({{S::kReported, S::kTriaged},
                                                 {S::kTriaged, S::kUnderInvestigation},
                                                 {S::kTriaged, S::kClosed},
                                                 {S::kUnderInvestigation, S::kActions},
                                                 {S::kUnderInvestigation, S::kReview},
                                                 {S::kActions, S::kReview},
                                                 {S::kReview, S::kActions},
                                                 {S::kReview, S::kClosed},
                                                 {S::kClosed, S::kUnderInvestigation}},
                                                kWriter, kReporter);
  EXPECT_TRUE(flow.allowed(in(S::kReported), kReporter).empty());
  // Only closing takes the override reason.
  for (const auto& e : flow.edges) {
    EXPECT_EQ(e.carries("closure_override_reason"), e.to == S::kClosed)
        << kit::wire_name(e.from) << " -> " << kit::wire_name(e.to);
  }
}

TEST(IncidentWorkflow, NotesStampsClosingAndReopening) {
  using S = IncidentStatus;
  const auto& flow = kit::kWorkflow<Incident>;
  // Closing without an investigation, sending back from review and reopening need a note;
  // closing after review does not.
  EXPECT_THROW(flow.check(in(S::kTriaged), S::kClosed, std::nullopt, kWriter, "incident"),
               core::ValidationError);
  EXPECT_THROW(flow.check(in(S::kReview), S::kActions, std::string(" "), kWriter, "incident"),
               core::ValidationError);
  EXPECT_THROW(
      flow.check(in(S::kClosed), S::kUnderInvestigation, std::nullopt, kWriter, "incident"),
      core::ValidationError);
  EXPECT_NO_THROW(flow.check(in(S::kReview), S::kClosed, std::nullopt, kWriter, "incident"));

  const auto investigating = flow.moved(
      in(S::kTriaged),
      flow.check(in(S::kTriaged), S::kUnderInvestigation, std::nullopt, kWriter, "incident"),
      kWriter, std::nullopt);
  EXPECT_TRUE(investigating.investigation_started_at.has_value());
  EXPECT_FALSE(investigating.investigation_completed_at.has_value());
  const auto reviewed = flow.moved(
      investigating, flow.check(investigating, S::kReview, std::nullopt, kWriter, "incident"),
      kWriter, std::nullopt);
  EXPECT_TRUE(reviewed.investigation_completed_at.has_value());
  auto closing = reviewed;
  closing.closure_override_reason = "the supplier's action is tracked in their system";
  const auto closed =
      flow.moved(closing, flow.check(closing, S::kClosed, std::string("done"), kWriter, "incident"),
                 kWriter, std::string("done"));
  EXPECT_EQ(closed.closed_by_id, 1);
  EXPECT_TRUE(closed.closed_at.has_value());
  EXPECT_EQ(closed.closure_notes, "done");
  const auto reopened = flow.moved(
      closed,
      flow.check(closed, S::kUnderInvestigation, std::string("new evidence"), kWriter, "incident"),
      kWriter, std::string("new evidence"));
  EXPECT_EQ(reopened.status, S::kUnderInvestigation);
  EXPECT_FALSE(reopened.closed_at.has_value());
  EXPECT_FALSE(reopened.closed_by_id.has_value());
  EXPECT_FALSE(reopened.closure_notes.has_value());
  EXPECT_FALSE(reopened.closure_override_reason.has_value());
  EXPECT_FALSE(reopened.investigation_completed_at.has_value());
}

}  // namespace
}  // namespace qgp::domain::incidents
