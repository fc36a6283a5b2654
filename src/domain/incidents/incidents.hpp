#pragma once

// The incident register's rules over the generic use cases (domain/common): the report, people
// involved and witnesses, the RIDDOR decision and report (the engine is riddor.hpp), and the
// workflow's closing rule (no linked action still open, unless overridden with a reason and
// incidents:close_override). Declarations: model/incidents/incident.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/actor.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/incidents/riddor.hpp"
#include "kit/list.hpp"
#include "kit/patch.hpp"
#include "model/incidents/incident.hpp"

namespace qgp::domain::incidents {

using model::incidents::Incident;
using model::incidents::IncidentPerson;
using model::incidents::RiddorAssessment;
using model::incidents::RiddorDecision;
using model::incidents::RiddorReport;

// The permission that lets a close go ahead while linked actions are still open.
inline constexpr std::string_view kCloseOverride = "incidents:close_override";

// The engine's facts of `incident` (its people involved; witnesses are not facts).
riddor::Facts facts_of(const Incident& incident);

// A new incident, reported by the actor: INC reference, reported now, its people with it. The
// event is not in the future, awareness not before it (422).
Incident report_incident(db::Transaction& tx, const core::Actor& actor, Incident incident);

// PATCH. A closed incident is not edited (409); the override reason is taken by closing only,
// people by their own routes (422).
Incident update_incident(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                         const kit::Patch<Incident>& patch);

// Adds a person involved or a witness to an incident that is not closed.
IncidentPerson add_person(db::Transaction& tx, const core::Actor& actor, std::int64_t incident_id,
                          IncidentPerson person);
IncidentPerson update_person(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                             const kit::Patch<IncidentPerson>& patch);

// What the engine proposes from the incident's recorded facts.
RiddorAssessment assess(const Incident& incident);

// The responsible person's decision (the actor): category (or none), its due date from the day of
// the event (of the diagnosis for a disease), the rationale, who and when; audited with the
// engine's proposal. Not once the report was made (409), nor on a closed incident (409).
Incident decide_riddor(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                       const RiddorDecision& decision);

// The report was made: the authority's reference and when (not in the future, not before the
// event). Only for a reportable incident not reported yet (409).
Incident record_riddor_report(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                              const RiddorReport& report);

// A move along the workflow: triage needs the RIDDOR decision recorded (422); closing needs every
// investigation of the incident signed off (409, no override) and every linked action done (409)
// or an override reason with incidents:close_override (403 without).
Incident move(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
              model::incidents::IncidentStatus to, const std::optional<std::string>& note,
              const kit::Patch<Incident>& extra);

}  // namespace qgp::domain::incidents
