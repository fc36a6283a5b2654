#include "domain/investigations/investigations.hpp"

#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/errors.hpp"
#include "domain/common/records.hpp"
#include "model/incidents/incident.hpp"
#include "store/actions/actions_store.hpp"
#include "store/common/reference_numbers.hpp"
#include "store/investigations/investigation_store.hpp"
#include "store/kit/write.hpp"

namespace qgp::domain::investigations {

namespace {

using model::incidents::Incident;
using model::incidents::IncidentStatus;

void refuse_signed_off(const Investigation& investigation, std::string_view what) {
  if (investigation.status == InvestigationStatus::kSignedOff) {
    throw core::Conflict(
        fmt::format("a signed-off investigation cannot be {}; reopen it first", what));
  }
}

// The listed actions are actions raised from the investigated incident.
void check_actions(db::Connection& connection, const Investigation& investigation) {
  if (investigation.action_ids.empty() || !investigation.incident_id) {
    return;
  }
  const auto foreign = store::actions::foreign_actions(
      connection, "incident_id", *investigation.incident_id, investigation.action_ids);
  if (!foreign.empty()) {
    throw core::ValidationError(
        "action_ids", fmt::format("{} are not actions of the investigated incident (raise them "
                                  "with POST /actions and its incident_id)",
                                  fmt::join(foreign, ", ")));
  }
}

void check_investigator(const Investigation& investigation) {
  if (!investigation.investigator_id) {
    throw core::ValidationError("investigator_id", "an investigation has an investigator");
  }
}

// A why or a factor added to an investigation that is not signed off (its row lock held, so
// `prepare` may number the child), audited, the parent's version moved.
template <class C, class Prepare>
C add_child(db::Transaction& tx, const core::Actor& actor, std::int64_t investigation_id, C child,
            Prepare&& prepare) {
  const auto investigation = common::lock<Investigation>(tx, investigation_id);
  refuse_signed_off(investigation, "changed");
  child.investigation_id = investigation_id;
  std::forward<Prepare>(prepare)(child);
  auto stored = common::create(tx, actor, child);
  store::kit::touch<Investigation>(tx.connection(), investigation_id, actor);
  return stored;
}

// A why or a factor edited while its investigation is not signed off.
template <class C>
C update_child(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
               const kit::Patch<C>& patch) {
  return common::update<C>(tx, actor, id, patch, [&](const C& before, const C& /*after*/) {
    refuse_signed_off(common::lock<Investigation>(tx, before.investigation_id), "changed");
  });
}

}  // namespace

std::optional<std::string> review_problem(const Investigation& investigation) {
  if (investigation.root_cause) {
    return std::nullopt;
  }
  return std::string("an investigation goes to review with its root cause statement");
}

std::optional<std::string> case_problem(const Investigation& investigation) {
  if (investigation.incident_id) {
    return std::nullopt;
  }
  return std::string("an investigation belongs to exactly one case: set incident_id");
}

Investigation open_investigation(db::Transaction& tx, const core::Actor& actor,
                                 Investigation investigation) {
  if (const auto problem = case_problem(investigation)) {
    throw core::ValidationError("incident_id", *problem);
  }
  check_investigator(investigation);
  auto& connection = tx.connection();
  const auto incident = store::kit::find<Incident>(connection, *investigation.incident_id);
  if (!incident) {
    throw core::ValidationError("incident_id", "refers to a record that does not exist");
  }
  if (incident->status == IncidentStatus::kClosed) {
    throw core::Conflict("a closed incident is not investigated; reopen it first");
  }
  check_actions(connection, investigation);
  investigation.status = InvestigationStatus::kOpen;
  investigation.reference_number = store::common::next_reference_number(connection, "INV");
  const auto stored = common::create(tx, actor, investigation);
  std::int32_t position = 0;
  for (auto why : investigation.whys) {
    why.investigation_id = stored.id;
    why.position = ++position;
    common::create(tx, actor, why);
  }
  for (auto factor : investigation.factors) {
    factor.investigation_id = stored.id;
    common::create(tx, actor, factor);
  }
  return common::get<Investigation>(connection, stored.id);
}

Investigation update_investigation(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                                   const kit::Patch<Investigation>& patch) {
  return common::update<Investigation>(
      tx, actor, id, patch, [&](const Investigation& before, const Investigation& after) {
        refuse_signed_off(before, "edited");
        for (const auto* children : {"whys", "factors"}) {
          if (patch.has(kit::field_index<Investigation>(children))) {
            throw core::ValidationError(
                children, fmt::format("are added through /investigations/{{id}}/{}", children));
          }
        }
        check_investigator(after);
        if (before.status == InvestigationStatus::kInReview) {
          if (const auto problem = review_problem(after)) {
            throw core::ValidationError("root_cause", *problem);
          }
        }
        if (after.action_ids != before.action_ids) {
          check_actions(tx.connection(), after);
        }
      });
}

InvestigationWhy add_why(db::Transaction& tx, const core::Actor& actor,
                         std::int64_t investigation_id, InvestigationWhy why) {
  return add_child(tx, actor, investigation_id, std::move(why), [&](InvestigationWhy& child) {
    child.position = store::investigations::next_why_position(tx.connection(), investigation_id);
  });
}

InvestigationFactor add_factor(db::Transaction& tx, const core::Actor& actor,
                               std::int64_t investigation_id, InvestigationFactor factor) {
  return add_child(tx, actor, investigation_id, std::move(factor),
                   [](InvestigationFactor& /*child*/) {});
}

InvestigationWhy update_why(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                            const kit::Patch<InvestigationWhy>& patch) {
  return update_child(tx, actor, id, patch);
}

InvestigationFactor update_factor(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                                  const kit::Patch<InvestigationFactor>& patch) {
  return update_child(tx, actor, id, patch);
}

Investigation move(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                   InvestigationStatus to, const std::optional<std::string>& note) {
  return common::transition<Investigation>(
      tx, actor, id, to, note, kit::Patch<Investigation>{},
      [&](const Investigation& before, Investigation& /*after*/) {
        if (to == InvestigationStatus::kInReview) {
          if (const auto problem = review_problem(before)) {
            throw core::ValidationError("root_cause", *problem);
          }
        }
      });
}

}  // namespace qgp::domain::investigations
