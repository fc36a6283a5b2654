#pragma once

// Investigations (root cause analysis) over the generic use cases (domain/common): the case they
// belong to, the 5-whys and fishbone factors as child rows, the actions raised from them (actions
// of the same case), and the workflow's rules beyond the edge table (a root cause statement to go
// to review). Declarations: model/investigations/investigation.hpp; ADR-0017.

#include <cstdint>
#include <optional>
#include <string>

#include "core/actor.hpp"
#include "db/transaction.hpp"
#include "kit/patch.hpp"
#include "model/investigations/investigation.hpp"

namespace qgp::domain::investigations {

using model::investigations::Investigation;
using model::investigations::InvestigationFactor;
using model::investigations::InvestigationStatus;
using model::investigations::InvestigationWhy;

// Why `investigation` may not go to review (no root cause statement), or nothing. Pure.
std::optional<std::string> review_problem(const Investigation& investigation);

// Why `investigation` names no case, or nothing: exactly one case id is set (an incident now).
std::optional<std::string> case_problem(const Investigation& investigation);

// A new investigation, open, with the next INV reference: of an incident that is not closed
// (409), led by an investigator (422 when null), its whys numbered 1.. in the order sent, its
// factors, and the actions it lists, which are actions of the same incident (422 action_ids).
Investigation open_investigation(db::Transaction& tx, const core::Actor& actor,
                                 Investigation investigation);

// PATCH. A signed-off investigation is not edited (409: reopen it); whys and factors by their own
// routes (422); the investigator stays set, the root cause stays stated once in review, and the
// listed actions stay the case's (422).
Investigation update_investigation(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                                   const kit::Patch<Investigation>& patch);

// Adds the next why (numbered after the last) or a contributing factor to an investigation that
// is not signed off (409).
InvestigationWhy add_why(db::Transaction& tx, const core::Actor& actor,
                         std::int64_t investigation_id, InvestigationWhy why);
InvestigationFactor add_factor(db::Transaction& tx, const core::Actor& actor,
                               std::int64_t investigation_id, InvestigationFactor factor);
InvestigationWhy update_why(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                            const kit::Patch<InvestigationWhy>& patch);
InvestigationFactor update_factor(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                                  const kit::Patch<InvestigationFactor>& patch);

// A move along the workflow (409/403/422 from the edge table: sign-off needs
// investigations:signoff and someone other than the investigator); to review also needs the root
// cause statement (422 root_cause).
Investigation move(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                   InvestigationStatus to, const std::optional<std::string>& note);

}  // namespace qgp::domain::investigations
