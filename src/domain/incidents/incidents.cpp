#include "domain/incidents/incidents.hpp"

#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/errors.hpp"
#include "domain/common/records.hpp"
#include "kit/enums.hpp"
#include "store/common/reference_numbers.hpp"
#include "store/incidents/incident_store.hpp"
#include "store/investigations/investigation_store.hpp"
#include "store/kit/write.hpp"

namespace qgp::domain::incidents {

namespace {

using model::incidents::IncidentStatus;
using model::incidents::IncidentType;
using model::incidents::PersonRole;
using model::incidents::PersonType;

void refuse_closed(const Incident& incident, std::string_view what) {
  if (incident.status == IncidentStatus::kClosed) {
    throw core::Conflict(fmt::format("a closed incident cannot be {}; reopen it first", what));
  }
}

// A witness saw it: the injury facts belong to the people involved.
void check_person(const IncidentPerson& person, core::FieldErrors& errors,
                  const std::string& prefix) {
  if (person.role != PersonRole::kWitness) {
    return;
  }
  const bool injured = person.injury_type || person.body_part || person.specified_injury
                       || person.died || person.taken_to_hospital || person.days_off_work;
  if (injured) {
    errors.emplace(prefix + "role",
                   "a witness carries no injury facts: record the person as involved");
  }
}

void check_people(const std::vector<IncidentPerson>& people) {
  core::FieldErrors errors;
  for (std::size_t i = 0; i < people.size(); ++i) {
    check_person(people[i], errors, fmt::format("people[{}].", i));
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
}

// The event is not in the future; awareness is not before it nor in the future.
void check_times(db::Connection& connection, const Incident& incident) {
  core::FieldErrors errors;
  if (store::incidents::is_future(connection, incident.occurred_at)) {
    errors.emplace("occurred_at", "is in the future");
  }
  if (incident.aware_at) {
    if (store::incidents::is_before(connection, *incident.aware_at, incident.occurred_at)) {
      errors.emplace("aware_at", "is before occurred_at");
    } else if (store::incidents::is_future(connection, *incident.aware_at)) {
      errors.emplace("aware_at", "is in the future");
    }
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
}

std::optional<std::chrono::year_month_day> day_of(const std::optional<kit::Date>& date) {
  if (!date) {
    return std::nullopt;
  }
  return riddor::parse_day(date->iso);
}

std::string proposal_words(const riddor::Proposal& proposal) {
  return proposal.rule == nullptr ? std::string("none")
                                  : std::string(kit::wire_name(proposal.rule->category));
}

// Closing: every investigation of it signed off (ADR-0017), and every linked action done, or the
// override (its reason and permission) for the actions.
void check_closing(db::Connection& connection, const core::Actor& actor, const Incident& after) {
  const auto unsigned_off = store::investigations::unsigned_investigations(connection, after.id);
  if (!unsigned_off.empty()) {
    throw core::Conflict(
        fmt::format("{} investigation(s) of the incident not signed off ({}): sign them off first",
                    unsigned_off.size(), fmt::join(unsigned_off, ", ")));
  }
  const auto open = store::incidents::open_action_references(connection, after.id);
  if (open.empty()) {
    if (after.closure_override_reason) {
      throw core::ValidationError("closure_override_reason",
                                  "no linked action is open: there is nothing to override");
    }
    return;
  }
  if (!after.closure_override_reason) {
    throw core::Conflict(fmt::format(
        "{} linked action(s) still open or in progress ({}): complete them, or close with "
        "closure_override_reason and the {} permission",
        open.size(), fmt::join(open, ", "), kCloseOverride));
  }
  if (!actor.may(kCloseOverride)) {
    throw core::Forbidden(
        fmt::format("closing with open actions needs the {} permission", kCloseOverride));
  }
}

}  // namespace

riddor::Facts facts_of(const Incident& incident) {
  riddor::Facts facts{
      .event_day = riddor::parse_day(incident.occurred_on.iso),
      .diagnosed_on = day_of(incident.diagnosed_on),
      .work_related = incident.work_related,
      .dangerous_occurrence = incident.incident_type == IncidentType::kDangerousOccurrence,
      .ill_health = incident.incident_type == IncidentType::kIllHealth,
      .gas_incident = incident.gas_incident,
      .people = {}};
  for (const auto& person : incident.people) {
    if (person.role == PersonRole::kInvolved) {
      facts.people.push_back({.worker = person.person_type == PersonType::kWorker,
                              .died = person.died,
                              .specified_injury = person.specified_injury.has_value(),
                              .taken_to_hospital = person.taken_to_hospital,
                              .days_off_work = person.days_off_work});
    }
  }
  return facts;
}

Incident report_incident(db::Transaction& tx, const core::Actor& actor, Incident incident) {
  auto& connection = tx.connection();
  check_times(connection, incident);
  check_people(incident.people);
  incident.status = IncidentStatus::kReported;
  incident.reporter_id = actor.user_id;
  incident.reported_at = kit::Timestamp::now();
  incident.closure_override_reason = std::nullopt;
  incident.reference_number = store::common::next_reference_number(connection, "INC");
  const auto stored = common::create(tx, actor, incident);
  for (auto person : incident.people) {
    person.incident_id = stored.id;
    common::create(tx, actor, person);
  }
  return common::get<Incident>(connection, stored.id);
}

Incident update_incident(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                         const kit::Patch<Incident>& patch) {
  const auto before = common::lock<Incident>(tx, id);
  common::check_version(before, patch.version);
  refuse_closed(before, "edited");
  if (patch.has(kit::field_index<Incident>("closure_override_reason"))) {
    throw core::ValidationError("closure_override_reason", "is given when closing, not edited");
  }
  if (patch.has(kit::field_index<Incident>("people"))) {
    throw core::ValidationError("people",
                                "people are added through /incidents/{id}/people and edited "
                                "through /incident-people/{id}");
  }
  auto after = kit::applied(before, patch);
  if (after.aware_at != before.aware_at) {
    check_times(tx.connection(), after);
  }
  return common::write(tx, actor, before, after, "update");
}

IncidentPerson add_person(db::Transaction& tx, const core::Actor& actor, std::int64_t incident_id,
                          IncidentPerson person) {
  const auto incident = common::lock<Incident>(tx, incident_id);
  refuse_closed(incident, "changed");
  check_people({person});
  person.incident_id = incident_id;
  auto stored = common::create(tx, actor, person);
  store::kit::touch<Incident>(tx.connection(), incident_id, actor);
  return stored;
}

IncidentPerson update_person(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                             const kit::Patch<IncidentPerson>& patch) {
  return common::update<IncidentPerson>(
      tx, actor, id, patch, [&](const IncidentPerson& before, const IncidentPerson& after) {
        refuse_closed(common::lock<Incident>(tx, before.incident_id), "changed");
        check_people({after});
      });
}

RiddorAssessment assess(const Incident& incident) {
  const auto proposal = riddor::classify(facts_of(incident));
  RiddorAssessment out;
  out.rationale = proposal.rationale;
  if (proposal.rule != nullptr) {
    out.category = proposal.rule->category;
    out.reportable = proposal.rule->reportable;
    out.notify_without_delay = proposal.rule->notify_without_delay;
    out.regulation = std::string(proposal.rule->regulation);
  }
  if (proposal.due) {
    out.counted_from = kit::Date{riddor::format_day(proposal.due->counted_from)};
    if (proposal.due->report_by) {
      out.report_due_date = kit::Date{riddor::format_day(*proposal.due->report_by)};
    }
  }
  return out;
}

Incident decide_riddor(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                       const RiddorDecision& decision) {
  const auto before = common::lock<Incident>(tx, id);
  refuse_closed(before, "decided on");
  if (before.riddor_reported_at) {
    throw core::Conflict(
        "the incident was reported to the enforcing authority: the decision "
        "stands");
  }
  if (!actor.user_id) {
    throw core::Forbidden("a RIDDOR decision is made by a signed-in responsible person");
  }
  auto after = before;
  after.riddor_category = decision.category;
  after.riddor_reportable = false;
  after.riddor_due_date = std::nullopt;
  if (decision.category) {
    const auto& rule = riddor::rule_of(*decision.category);
    const auto due = riddor::deadline(*decision.category, riddor::parse_day(before.occurred_on.iso),
                                      day_of(before.diagnosed_on));
    if (!due) {
      throw core::ValidationError("category",
                                  "an occupational disease is reported from its diagnosis: set "
                                  "diagnosed_on first");
    }
    after.riddor_reportable = rule.reportable;
    if (due->report_by) {
      after.riddor_due_date = kit::Date{riddor::format_day(*due->report_by)};
    }
  }
  after.riddor_rationale = decision.rationale;
  after.riddor_confirmed_by_id = actor.user_id;
  after.riddor_decided_at = kit::Timestamp::now();
  const auto proposal = riddor::classify(facts_of(before));
  return common::write(tx, actor, before, after, "update",
                       fmt::format("RIDDOR decision: {} (the engine proposed {})",
                                   decision.category ? kit::wire_name(*decision.category) : "none",
                                   proposal_words(proposal)));
}

Incident record_riddor_report(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                              const RiddorReport& report) {
  const auto before = common::lock<Incident>(tx, id);
  if (before.riddor_reportable != true) {
    throw core::Conflict(
        "only an incident decided reportable is reported to the enforcing "
        "authority: record the RIDDOR decision first");
  }
  if (before.riddor_reported_at) {
    throw core::Conflict("the incident was already reported");
  }
  auto after = before;
  after.hse_reference = report.hse_reference;
  after.riddor_reported_at = report.reported_at.value_or(kit::Timestamp::now());
  if (report.reported_at) {
    auto& connection = tx.connection();
    if (store::incidents::is_future(connection, *report.reported_at)) {
      throw core::ValidationError("reported_at", "is in the future");
    }
    if (store::incidents::is_before(connection, *report.reported_at, before.occurred_at)) {
      throw core::ValidationError("reported_at", "is before the incident occurred");
    }
  }
  return common::write(tx, actor, before, after, "update", std::string("reported under RIDDOR"));
}

Incident move(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
              model::incidents::IncidentStatus to, const std::optional<std::string>& note,
              const kit::Patch<Incident>& extra) {
  return common::transition<Incident>(
      tx, actor, id, to, note, extra, [&](const Incident& before, Incident& after) {
        if (to == IncidentStatus::kTriaged && !before.riddor_reportable.has_value()) {
          throw core::ValidationError("riddor_reportable",
                                      "triage records the RIDDOR decision first: POST "
                                      "/incidents/{id}/riddor-decision");
        }
        if (to == IncidentStatus::kClosed) {
          check_closing(tx.connection(), actor, after);
        }
      });
}

}  // namespace qgp::domain::incidents
