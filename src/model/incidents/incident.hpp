#pragma once

// Incidents, declared once (ADR-0010, ADR-0014): what happened, when (the event and when someone
// became aware), where, who was involved or saw it (child rows), what was done at once; the RIDDOR
// decision the responsible person records; the workflow reported -> triaged ->
// under_investigation -> actions -> review -> closed.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "kit/workflow.hpp"

namespace qgp::model::incidents {

// In the order of the columns' CHECK lists (the declared schema reads them from here).
QGP_KIT_ENUM(IncidentType, kInjury, kIllHealth, kNearMiss, kHazard, kDangerousOccurrence,
             kPropertyDamage, kEnvironmental, kSecurity, kQuality, kOther)
QGP_KIT_ENUM(IncidentSeverity, kCritical, kHigh, kMedium, kLow, kNegligible)
QGP_KIT_ENUM(IncidentStatus, kReported, kTriaged, kUnderInvestigation, kActions, kReview, kClosed)
// The RIDDOR 2013 categories (the rule of each is domain/incidents/riddor.hpp's one table).
QGP_KIT_ENUM(RiddorCategory, kDeath, kSpecifiedInjury, kOverSevenDayIncapacitation,
             kNonWorkerHospital, kOccupationalDisease, kDangerousOccurrence, kGasIncident,
             kOverThreeDayIncapacitation)

QGP_KIT_ENUM(PersonRole, kInvolved, kWitness)
// RIDDOR's "worker" (an employee or a self-employed person at work) or anyone else (a visitor, a
// member of the public, a pupil).
QGP_KIT_ENUM(PersonType, kWorker, kNonWorker)
QGP_KIT_ENUM(InjuryType, kCutLaceration, kBruise, kSprainStrain, kFracture, kBurn, kAmputation,
             kCrush, kPuncture, kEyeInjury, kHeadInjury, kElectricShock, kPoisoning, kOther)
QGP_KIT_ENUM(BodyPart, kHead, kEye, kFace, kNeck, kBack, kChest, kAbdomen, kArm, kHand, kFinger,
             kLeg, kFoot, kToe, kMultiple, kOther)
// The specified injuries of RIDDOR 2013 reg. 4(1)(a)-(h).
QGP_KIT_ENUM(SpecifiedInjury, kFracture, kAmputation, kSightLoss, kCrushInjury, kSeriousBurn,
             kScalping, kLossOfConsciousness, kEnclosedSpace)

// Someone involved in the incident, or a witness (a child row of the incident).
struct IncidentPerson : kit::Record {
  std::int64_t incident_id = 0;
  PersonRole role = PersonRole::kInvolved;
  PersonType person_type = PersonType::kWorker;
  std::string name;
  std::optional<std::int64_t> user_id;
  std::optional<InjuryType> injury_type;
  std::optional<BodyPart> body_part;
  std::optional<SpecifiedInjury> specified_injury;
  bool died = false;
  bool taken_to_hospital = false;
  std::optional<std::int32_t> days_off_work;
  std::optional<std::string> statement;
};

constexpr auto describe(kit::Tag<IncidentPerson> /*unused*/) {
  using kit::field;
  using P = IncidentPerson;
  return kit::record_resource<P>(
      {.name = "IncidentPerson",
       .noun = "incident person",
       .entity = "incident_person",
       .table = "incident_people",
       .alias = "p",
       .order = "p.id",
       .path = "/api/v1/incident-people"},
      field("incident_id", &P::incident_id)
          .server()
          .not_audited()
          .references("incidents", kit::OnDelete::kCascade),
      field("role", &P::role).defaulted().db_default(),
      field("person_type", &P::person_type)
          .defaulted()
          .db_default()
          .describe("worker: an employee or a self-employed person at work (RIDDOR); "
                    "non_worker: anyone else"),
      field("name", &P::name).text(1, 200).trimmed(),
      field("user_id", &P::user_id).user().describe("The person's account, when they have one"),
      field("injury_type", &P::injury_type), field("body_part", &P::body_part),
      field("specified_injury", &P::specified_injury)
          .describe("A specified injury of RIDDOR 2013 reg. 4(1), when the injury is one"),
      field("died", &P::died).defaulted(),
      field("taken_to_hospital", &P::taken_to_hospital)
          .defaulted()
          .describe("Taken from the site directly to hospital for treatment"),
      field("days_off_work", &P::days_off_work)
          .range(0, 3660)
          .describe("Consecutive days away from work or unable to do their normal work, not "
                    "counting the day of the incident; weekends and rest days count"),
      field("statement", &P::statement).text(1, 10000).trimmed());
}

struct Incident : kit::Record {
  std::string reference_number;
  std::string title;
  std::string description;
  IncidentType incident_type = IncidentType::kOther;
  IncidentSeverity severity = IncidentSeverity::kMedium;
  IncidentStatus status = IncidentStatus::kReported;
  std::vector<IncidentStatus> allowed_transitions;
  kit::Timestamp occurred_at;
  kit::Date occurred_on;
  std::optional<kit::Timestamp> aware_at;
  kit::Timestamp reported_at;
  std::optional<std::string> location;
  std::optional<std::string> department;
  std::optional<std::int64_t> reporter_id;
  std::optional<std::int64_t> assigned_to_id;
  std::vector<IncidentPerson> people;
  std::optional<std::string> immediate_actions;
  bool first_aid_given = false;
  bool emergency_services_called = false;
  bool work_related = true;
  bool gas_incident = false;
  std::optional<kit::Date> diagnosed_on;
  std::optional<kit::Timestamp> investigation_started_at;
  std::optional<kit::Timestamp> investigation_completed_at;
  std::optional<bool> riddor_reportable;
  std::optional<RiddorCategory> riddor_category;
  std::optional<std::string> riddor_rationale;
  std::optional<kit::Date> riddor_due_date;
  std::optional<std::int64_t> riddor_confirmed_by_id;
  std::optional<kit::Timestamp> riddor_decided_at;
  std::optional<kit::Timestamp> riddor_reported_at;
  std::optional<std::string> hse_reference;
  bool riddor_overdue = false;
  std::optional<kit::Timestamp> closed_at;
  std::optional<std::int64_t> closed_by_id;
  std::optional<std::string> closure_notes;
  std::optional<std::string> closure_override_reason;
};

// The event's calendar day where RIDDOR applies (Great Britain): the deadlines count from it.
inline constexpr std::string_view kOccurredOnSql =
    "(i.occurred_at AT TIME ZONE 'Europe/London')::date";
// Reportable and not yet reported; overdue: and its report date has passed (the project's clock:
// the database's today in UTC, as every overdue rule here). The conditions are the list filters,
// spelled as the partial index ix_incidents_riddor_due's predicate so that lists use it; the
// rendered flag is the overdue condition, false rather than null.
inline constexpr std::string_view kRiddorDueSql =
    "i.riddor_reportable AND i.riddor_reported_at IS NULL";
inline constexpr std::string_view kRiddorOverdueSql =
    "i.riddor_reportable AND i.riddor_reported_at IS NULL AND i.riddor_due_date < (now() AT TIME "
    "ZONE 'UTC')::date";
inline constexpr std::string_view kRiddorOverdueFlagSql =
    "coalesce(i.riddor_reportable AND i.riddor_reported_at IS NULL AND i.riddor_due_date < (now() "
    "AT TIME ZONE 'UTC')::date, false)";

constexpr auto describe(kit::Tag<Incident> /*unused*/) {
  using kit::field;
  using I = Incident;
  return kit::record_resource<I>(
             {.name = "Incident",
              .noun = "incident",
              .entity = "incident",
              .table = "incidents",
              .alias = "i",
              .where = "i.archived_at IS NULL",
              .order = "i.occurred_at DESC",
              .path = "/api/v1/incidents"},
             field("reference_number", &I::reference_number).server().sort().search(),
             field("title", &I::title).text(1, 300).trimmed().sort().search(),
             field("description", &I::description).text(1, 20000).trimmed().search(),
             field("incident_type", &I::incident_type).defaulted().filter_any().sort(),
             field("severity", &I::severity).defaulted().filter_any().sort(),
             field("status", &I::status)
                 .server()
                 .as(kit::Role::kStatus)
                 .filter_any()
                 .sort()
                 .db_default(),
             field("allowed_transitions", &I::allowed_transitions)
                 .computed()
                 .as(kit::Role::kTransitions)
                 .describe("The statuses you may move this incident to now"),
             field("occurred_at", &I::occurred_at)
                 .create_only()
                 .sort()
                 .describe("When it happened (RFC 3339); not in the future"),
             field("occurred_on", &I::occurred_on)
                 .expression(kOccurredOnSql)
                 .describe("The day of the event in Great Britain: RIDDOR deadlines count from it"),
             field("aware_at", &I::aware_at)
                 .describe("When the organisation became aware of it, when later than the event"),
             field("reported_at", &I::reported_at)
                 .server()
                 .sort()
                 .describe("When the report was recorded"),
             field("location", &I::location).text(1, 300).trimmed().search(),
             field("department", &I::department).text(1, 100).trimmed().filter(),
             field("reporter_id", &I::reporter_id).server().user().filter(),
             field("assigned_to_id", &I::assigned_to_id).user().filter().describe("Investigator"),
             field("people", &I::people)
                 .children("incident_id")
                 .describe("People involved and witnesses; sent with the report, added later "
                           "through /incidents/{id}/people"),
             field("immediate_actions", &I::immediate_actions).text(1, 10000).trimmed(),
             field("first_aid_given", &I::first_aid_given).defaulted(),
             field("emergency_services_called", &I::emergency_services_called).defaulted(),
             field("work_related", &I::work_related)
                 .defaulted()
                 .describe("Arose out of or in connection with work (RIDDOR applies only then)"),
             field("gas_incident", &I::gas_incident)
                 .defaulted()
                 .describe("Flammable gas supplied or conveyed caused a death, loss of "
                           "consciousness or hospital treatment (RIDDOR reg. 11(1))"),
             field("diagnosed_on", &I::diagnosed_on)
                 .describe("Ill health: the day a doctor diagnosed it in writing"),
             field("investigation_started_at", &I::investigation_started_at).server(),
             field("investigation_completed_at", &I::investigation_completed_at).server(),
             field("riddor_reportable", &I::riddor_reportable)
                 .server()
                 .filter()
                 .describe("Null until the responsible person decided; then whether HSE must "
                           "receive a report"),
             field("riddor_category", &I::riddor_category).server().filter_any(),
             field("riddor_rationale", &I::riddor_rationale).server(),
             field("riddor_due_date", &I::riddor_due_date)
                 .server()
                 .sort()
                 .describe("The last day for the report, counted from the day of the event (of "
                           "the diagnosis for a disease), never from when it was recorded"),
             field("riddor_confirmed_by_id", &I::riddor_confirmed_by_id)
                 .server()
                 .user()
                 .describe("The responsible person who recorded the decision"),
             field("riddor_decided_at", &I::riddor_decided_at).server(),
             field("riddor_reported_at", &I::riddor_reported_at).server(),
             field("hse_reference", &I::hse_reference)
                 .server()
                 .search()
                 .describe("The enforcing authority's reference of the report"),
             field("riddor_overdue", &I::riddor_overdue)
                 .expression(kRiddorOverdueFlagSql)
                 .describe("Reportable, not reported, and past its due date"),
             field("closed_at", &I::closed_at).server(),
             field("closed_by_id", &I::closed_by_id).server(),
             field("closure_notes", &I::closure_notes).server(),
             field("closure_override_reason", &I::closure_override_reason)
                 .text(1, 4000)
                 .trimmed()
                 .describe("Closing while linked actions are open: why (needs "
                           "incidents:close_override); taken by the move to closed only"))
      .with_filters(kit::Filter{.name = "occurred_from",
                                .kind = kit::FilterKind::kTimestamp,
                                .sql = "i.occurred_at >= {}",
                                .doc = "Only incidents that occurred at or after this instant"},
                    kit::Filter{.name = "occurred_to",
                                .kind = kit::FilterKind::kTimestamp,
                                .sql = "i.occurred_at < {}",
                                .doc = "Only incidents that occurred before this instant"},
                    kit::Filter{.name = "riddor_due",
                                .kind = kit::FilterKind::kFlag,
                                .sql = kRiddorDueSql,
                                .doc = "true: only reportable incidents not yet reported"},
                    kit::Filter{.name = "riddor_overdue",
                                .kind = kit::FilterKind::kFlag,
                                .sql = kRiddorOverdueSql,
                                .doc = "true: only reportable incidents past their report date"});
}

namespace incident_flow {
constexpr bool always(const Incident& /*unused*/) {
  return true;
}
inline void investigation_started(Incident& incident, const core::Actor& /*actor*/,
                                  const std::optional<std::string>& /*note*/) {
  incident.investigation_started_at = kit::Timestamp::now();
  incident.investigation_completed_at = std::nullopt;
}
inline void investigation_completed(Incident& incident, const core::Actor& /*actor*/,
                                    const std::optional<std::string>& /*note*/) {
  incident.investigation_completed_at = kit::Timestamp::now();
}
inline void closing(Incident& incident, const core::Actor& /*actor*/,
                    const std::optional<std::string>& note) {
  incident.closure_notes = note;
}
inline void reopening(Incident& incident, const core::Actor& /*actor*/,
                      const std::optional<std::string>& /*note*/) {
  incident.closure_notes = std::nullopt;
  incident.closure_override_reason = std::nullopt;
  incident.investigation_started_at = kit::Timestamp::now();
  incident.investigation_completed_at = std::nullopt;
}
}  // namespace incident_flow

// Closing (from triaged or review) is also checked against the linked actions by the domain.
constexpr auto workflow(kit::Tag<Incident> /*unused*/) {
  using S = IncidentStatus;
  using E = kit::Edge<Incident, S>;
  constexpr std::string_view kWrite = "incidents:write";
  constexpr std::string_view kOverride = "closure_override_reason";
  return kit::Workflow<Incident, S, 9>{
      .status = &Incident::status,
      .edges = {E{.from = S::kReported, .to = S::kTriaged, .permission = kWrite},
                E{.from = S::kTriaged,
                  .to = S::kUnderInvestigation,
                  .permission = kWrite,
                  .effect = incident_flow::investigation_started},
                E{.from = S::kTriaged,
                  .to = S::kClosed,
                  .permission = kWrite,
                  .needs_note = incident_flow::always,
                  .note_rule = "closing without an investigation needs a note saying why",
                  .effect = incident_flow::closing,
                  .with_fields = kOverride},
                E{.from = S::kUnderInvestigation, .to = S::kActions, .permission = kWrite},
                E{.from = S::kUnderInvestigation,
                  .to = S::kReview,
                  .permission = kWrite,
                  .effect = incident_flow::investigation_completed},
                E{.from = S::kActions,
                  .to = S::kReview,
                  .permission = kWrite,
                  .effect = incident_flow::investigation_completed},
                E{.from = S::kReview,
                  .to = S::kActions,
                  .permission = kWrite,
                  .needs_note = incident_flow::always,
                  .note_rule = "sending an incident back to actions needs a note saying why"},
                E{.from = S::kReview,
                  .to = S::kClosed,
                  .permission = kWrite,
                  .effect = incident_flow::closing,
                  .with_fields = kOverride},
                E{.from = S::kClosed,
                  .to = S::kUnderInvestigation,
                  .permission = kWrite,
                  .needs_note = incident_flow::always,
                  .note_rule = "reopening an incident needs a note saying why",
                  .effect = incident_flow::reopening}},
      .closed = S::kClosed,
      .closed_at = &Incident::closed_at,
      .closed_by_id = &Incident::closed_by_id};
}

static_assert(kit::kWorkflow<Incident>.edges.size() == 9);

// POST /incidents/{id}/riddor-decision: the responsible person's decision.
struct RiddorDecision {
  std::optional<RiddorCategory> category;
  std::string rationale;
};

constexpr auto describe(kit::Tag<RiddorDecision> /*unused*/) {
  using kit::field;
  using D = RiddorDecision;
  return kit::resource<D>(
      {.name = "RiddorDecision"},
      field("category", &D::category)
          .required()
          .describe("The category that applies, or null: none applies (not reportable). "
                    "over_three_day_incapacitation is recorded, not reported"),
      field("rationale", &D::rationale)
          .text(1, 4000)
          .trimmed()
          .describe("Why: the facts relied on, and why the engine's proposal was followed or not"));
}

// POST /incidents/{id}/riddor-report: the report was made to the enforcing authority.
struct RiddorReport {
  std::string hse_reference;
  std::optional<kit::Timestamp> reported_at;
};

constexpr auto describe(kit::Tag<RiddorReport> /*unused*/) {
  using kit::field;
  using R = RiddorReport;
  return kit::resource<R>(
      {.name = "RiddorReport"}, field("hse_reference", &R::hse_reference).text(1, 100).trimmed(),
      field("reported_at", &R::reported_at)
          .describe("When the report was sent (RFC 3339); absent: now. Not in the future"));
}

// GET /incidents/{id}/riddor-assessment: what the engine proposes from the recorded facts.
struct RiddorAssessment {
  std::optional<RiddorCategory> category;
  bool reportable = false;
  bool notify_without_delay = false;
  std::string regulation;
  std::optional<kit::Date> counted_from;
  std::optional<kit::Date> report_due_date;
  std::string rationale;
};

constexpr auto describe(kit::Tag<RiddorAssessment> /*unused*/) {
  using kit::field;
  using A = RiddorAssessment;
  return kit::resource<A>(
      {.name = "RiddorAssessment"},
      field("category", &A::category).server().describe("null: no RIDDOR category applies"),
      field("reportable", &A::reportable).server(),
      field("notify_without_delay", &A::notify_without_delay)
          .server()
          .describe("Notify the enforcing authority by the quickest practicable means now"),
      field("regulation", &A::regulation).server(),
      field("counted_from", &A::counted_from)
          .server()
          .describe("The day the deadline counts from (the event's, or the diagnosis')"),
      field("report_due_date", &A::report_due_date).server(),
      field("rationale", &A::rationale).server());
}

// GET /incidents/statistics: counts for the dashboard, RIDDOR's first.
struct IncidentStatistics {
  std::int64_t total = 0;
  std::int64_t open = 0;
  std::int64_t riddor_due = 0;
  std::int64_t riddor_overdue = 0;
  std::map<IncidentStatus, std::int64_t> by_status;
  std::map<IncidentType, std::int64_t> by_type;
  std::map<IncidentSeverity, std::int64_t> by_severity;
};

constexpr auto describe(kit::Tag<IncidentStatistics> /*unused*/) {
  using kit::field;
  using S = IncidentStatistics;
  return kit::resource<S>(
      {.name = "IncidentStatistics"},
      field("total", &S::total).server().describe("Every incident not archived"),
      field("open", &S::open).server().describe("Incidents not closed"),
      field("riddor_due", &S::riddor_due)
          .server()
          .describe("Reportable incidents not yet reported"),
      field("riddor_overdue", &S::riddor_overdue)
          .server()
          .describe("Of those, past their report date"),
      field("by_status", &S::by_status).server(),
      field("by_type", &S::by_type).server().describe("Open incidents by type"),
      field("by_severity", &S::by_severity).server().describe("Open incidents by severity"));
}

}  // namespace qgp::model::incidents
