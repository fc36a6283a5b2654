#include "domain/actions/actions.hpp"

#include <algorithm>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "domain/common/records.hpp"
#include "kit/text.hpp"
#include "model/audits/finding.hpp"
#include "model/reviews/review.hpp"
#include "model/risks/risk.hpp"
#include "store/actions/actions_store.hpp"
#include "store/common/reference_numbers.hpp"
#include "store/kit/list.hpp"
#include "store/kit/rows.hpp"

namespace qgp::domain::actions {

namespace {

using model::audits::Finding;
using model::audits::FindingStatus;
using model::reviews::Review;
using model::reviews::ReviewStatus;
using model::risks::Risk;
using model::risks::RiskStatus;

// cancellation_reason's column limit (the note itself may be longer elsewhere).
constexpr std::size_t kMaxReasonCodePoints = 2000;

void refuse_settled(const Action& action) {
  if (action.status == ActionStatus::kVerified || action.status == ActionStatus::kCancelled) {
    throw core::Conflict(fmt::format("a {} action cannot be edited; reopen it first",
                                     kit::wire_name(action.status)));
  }
}

// A closed finding or risk raises no new action (a missing one is the foreign key's 422).
void refuse_closed_source(db::Connection& connection, const Action& action) {
  if (action.finding_id) {
    const auto finding = store::kit::find<Finding>(connection, *action.finding_id);
    if (finding && finding->status == FindingStatus::kClosed) {
      throw core::Conflict("a closed finding raises no actions; reopen it first");
    }
  }
  if (action.risk_id) {
    const auto risk = store::kit::find<Risk>(connection, *action.risk_id);
    if (risk && risk->status == RiskStatus::kClosed) {
      throw core::Conflict("a closed risk raises no actions; reopen it first");
    }
  }
  if (action.management_review_id) {
    const auto review = store::kit::find<Review>(connection, *action.management_review_id);
    if (review
        && (review->status == ReviewStatus::kClosed
            || review->status == ReviewStatus::kCancelled)) {
      throw core::Conflict(
          fmt::format("a {} management review raises no actions{}", kit::wire_name(review->status),
                      review->status == ReviewStatus::kClosed ? "; reopen it first" : ""));
    }
  }
}

// The loop: the finding of `verified` moves to pending_verification by itself when it is open or
// in progress and every one of its actions that is not cancelled is verified. The move is the
// system's (no user), in the triggering request, with the user and the action named in its note.
void close_the_loop(db::Transaction& tx, const core::Actor& actor, const Action& verified) {
  if (!verified.finding_id) {
    return;
  }
  // Locked first: concurrent verifications of the finding's last two actions queue here, and the
  // second counts the first's committed verification.
  const auto finding = common::lock<Finding>(tx, *verified.finding_id);
  if (finding.status != FindingStatus::kOpen && finding.status != FindingStatus::kInProgress) {
    return;
  }
  const auto counts = store::actions::finding_action_counts(tx.connection(), finding.id);
  if (counts.outstanding > 0 || counts.verified == 0) {
    return;
  }
  const core::Actor automatic{.user_id = std::nullopt,
                              .request_id = actor.request_id,
                              .client_address = actor.client_address};
  const auto by = actor.user_id ? fmt::format("user {}", *actor.user_id) : std::string("system");
  common::transition<Finding>(
      tx, automatic, finding.id, FindingStatus::kPendingVerification,
      fmt::format("automatic: every action of the finding is verified (the last, {}, by {})",
                  verified.reference_number, by));
}

}  // namespace

std::optional<std::string> source_problem(const Action& action) {
  const auto set = static_cast<int>(action.finding_id.has_value())
                   + static_cast<int>(action.risk_id.has_value())
                   + static_cast<int>(action.incident_id.has_value())
                   + static_cast<int>(action.complaint_id.has_value())
                   + static_cast<int>(action.collision_id.has_value())
                   + static_cast<int>(action.policy_id.has_value())
                   + static_cast<int>(action.management_review_id.has_value());
  if (set == 1) {
    return std::nullopt;
  }
  return std::string(
      "exactly one of finding_id, risk_id, incident_id, complaint_id, collision_id, policy_id and "
      "management_review_id names where the action comes from");
}

std::optional<std::string> effectiveness_problem(const Action& action) {
  if (!action.effectiveness_required) {
    return std::nullopt;
  }
  if (!action.is_effective) {
    return std::string(
        "a corrective action of a major nonconformity is verified after its effectiveness "
        "review: POST /api/v1/actions/{id}/effectiveness-review");
  }
  if (!*action.is_effective) {
    return std::string("the effectiveness review found the action ineffective: reopen it");
  }
  return std::nullopt;
}

Action create_action(db::Transaction& tx, const core::Actor& actor, Action action) {
  if (const auto problem = source_problem(action)) {
    throw core::ValidationError("source", *problem);
  }
  refuse_closed_source(tx.connection(), action);
  action.status = ActionStatus::kOpen;
  action.reference_number = store::common::next_reference_number(tx.connection(), "ACT");
  return common::create(tx, actor, action);
}

Action update_action(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                     const kit::Patch<Action>& patch) {
  return common::update<Action>(
      tx, actor, id, patch,
      [](const Action& before, const Action& /*after*/) { refuse_settled(before); });
}

Action transition_action(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                         ActionStatus to, const std::optional<std::string>& note) {
  auto moved = common::transition<Action>(
      tx, actor, id, to, note, kit::Patch<Action>{},
      [&](const Action& before, const Action& /*after*/) {
        if (to == ActionStatus::kVerified) {
          if (const auto problem = effectiveness_problem(before)) {
            throw core::ValidationError("is_effective", *problem);
          }
        }
        if (to == ActionStatus::kCancelled && note
            && kit::code_points(*note) > kMaxReasonCodePoints) {
          throw core::ValidationError(
              "note",
              fmt::format("a cancellation reason has at most {} characters", kMaxReasonCodePoints));
        }
      });
  if (to == ActionStatus::kVerified) {
    close_the_loop(tx, actor, moved);
  }
  return moved;
}

Action review_effectiveness(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                            const EffectivenessReview& review) {
  const auto before = common::lock<Action>(tx, id);
  if (before.status != ActionStatus::kCompleted) {
    throw core::Conflict(
        fmt::format("the effectiveness of an action is reviewed once it is completed (it is {})",
                    kit::wire_name(before.status)));
  }
  if (!actor.user_id) {
    throw core::Forbidden("an effectiveness review is made by a signed-in person");
  }
  auto after = before;
  after.is_effective = review.is_effective;
  after.effectiveness_notes = review.effectiveness_notes;
  after.effectiveness_reviewed_at = kit::Timestamp::now();
  after.effectiveness_reviewed_by_id = actor.user_id;
  return common::write(tx, actor, before, after, "update",
                       std::string(review.is_effective ? "effectiveness review: effective"
                                                       : "effectiveness review: ineffective"));
}

kit::Page<Action> list_actions(db::Connection& connection, const core::Actor& actor,
                               kit::ListQuery query) {
  auto& conditions = query.conditions;
  const auto mine = std::find_if(conditions.begin(), conditions.end(), [](const auto& c) {
    return c.name == model::actions::kMineFilter;
  });
  if (mine != conditions.end()) {
    const bool wanted = std::holds_alternative<bool>(mine->value) && std::get<bool>(mine->value);
    conditions.erase(mine);
    if (wanted) {
      if (!actor.user_id) {
        throw core::ValidationError("mine", "only a signed-in user owns actions");
      }
      conditions.push_back({.name = "owner_id", .value = *actor.user_id});
    }
  }
  return store::kit::list<Action>(connection, query);
}

}  // namespace qgp::domain::actions
