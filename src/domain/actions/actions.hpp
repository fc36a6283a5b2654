#pragma once

// The actions (CAPA) register's rules over the generic use cases (domain/common). The action, its
// workflow and the effectiveness review are declared once in model/actions/action.hpp; ADR-0013
// explains the statuses, who may do what, the effectiveness rule and the closed loop.

#include <cstdint>
#include <optional>
#include <string>

#include "core/actor.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "kit/list.hpp"
#include "kit/patch.hpp"
#include "kit/workflow.hpp"
#include "model/actions/action.hpp"

namespace qgp::domain::actions {

using model::actions::Action;
using model::actions::ActionStatus;
using model::actions::EffectivenessReview;

// Why `action` may not be created with these source ids (not exactly one set), or nothing.
std::optional<std::string> source_problem(const Action& action);

// Why `action` may not be verified yet (a required effectiveness review is missing or found it
// ineffective), or nothing. Pure: the effectiveness rule, tested without a database.
std::optional<std::string> effectiveness_problem(const Action& action);

// Raises an action, open, with the next ACT reference number, from exactly one source (422
// `source`). A closed finding, risk or management review, or a cancelled review, raises no
// action (409): reopen it first.
Action create_action(db::Transaction& tx, const core::Actor& actor, Action action);

// PATCH: a verified or cancelled action is not edited (409).
Action update_action(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                     const kit::Patch<Action>& patch);

// A move along the workflow (409/403/422 from the edge table). Verifying also needs the
// effectiveness rule (422 is_effective); verifying the last outstanding action of a finding that
// is open or in progress moves that finding to pending_verification in the same unit of work,
// audited as the system's move with the triggering user named in its note.
Action transition_action(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                         ActionStatus to, const std::optional<std::string>& note);

// Records the effectiveness review of a completed action (409 in any other status), stamped with
// the reviewer and the time.
Action review_effectiveness(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                            const EffectivenessReview& review);

// The register's list; the `mine` flag becomes owner_id = the caller (a caller without a user id
// owns nothing: 422).
kit::Page<Action> list_actions(db::Connection& connection, const core::Actor& actor,
                               kit::ListQuery query);

}  // namespace qgp::domain::actions
