#include "domain/audits/run_state.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/errors.hpp"

namespace qgp::domain::audits {

namespace {

struct Edge {
  RunStatus from;
  RunVerb verb;
  RunStatus to;
};

// The whole state machine. complete's pending_review edge is taken instead of the completed edge
// when the template requires approval.
constexpr std::array<Edge, 7> kEdges{{
    {.from = RunStatus::kScheduled, .verb = RunVerb::kStart, .to = RunStatus::kInProgress},
    {.from = RunStatus::kScheduled, .verb = RunVerb::kCancel, .to = RunStatus::kCancelled},
    {.from = RunStatus::kInProgress, .verb = RunVerb::kComplete, .to = RunStatus::kCompleted},
    {.from = RunStatus::kInProgress, .verb = RunVerb::kComplete, .to = RunStatus::kPendingReview},
    {.from = RunStatus::kInProgress, .verb = RunVerb::kCancel, .to = RunStatus::kCancelled},
    {.from = RunStatus::kPendingReview, .verb = RunVerb::kApprove, .to = RunStatus::kCompleted},
    {.from = RunStatus::kPendingReview, .verb = RunVerb::kReject, .to = RunStatus::kInProgress},
}};

constexpr std::array<std::pair<RunStatus, std::string_view>, 5> kStatusNames{{
    {RunStatus::kScheduled, "scheduled"},
    {RunStatus::kInProgress, "in_progress"},
    {RunStatus::kPendingReview, "pending_review"},
    {RunStatus::kCompleted, "completed"},
    {RunStatus::kCancelled, "cancelled"},
}};

std::string allowed_list(RunStatus from) {
  std::string list;
  for (const auto target : allowed_targets(from)) {
    list += list.empty() ? "" : ", ";
    list += to_string(target);
  }
  return list.empty() ? "none (final state)" : list;
}

}  // namespace

std::string_view to_string(RunStatus status) noexcept {
  for (const auto& [value, name] : kStatusNames) {
    if (value == status) {
      return name;
    }
  }
  return {};
}

std::optional<RunStatus> parse_run_status(std::string_view text) noexcept {
  for (const auto& [value, name] : kStatusNames) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}

std::string_view to_string(RunVerb verb) noexcept {
  switch (verb) {
    case RunVerb::kStart:
      return "start";
    case RunVerb::kComplete:
      return "complete";
    case RunVerb::kCancel:
      return "cancel";
    case RunVerb::kApprove:
      return "approve";
    case RunVerb::kReject:
      return "reject";
  }
  return {};
}

std::vector<RunStatus> allowed_targets(RunStatus from) {
  std::vector<RunStatus> targets;
  for (const auto& edge : kEdges) {
    if (edge.from == from && std::find(targets.begin(), targets.end(), edge.to) == targets.end()) {
      targets.push_back(edge.to);
    }
  }
  return targets;
}

void check_transition(RunStatus from, RunStatus to) {
  const bool allowed = std::any_of(kEdges.begin(), kEdges.end(), [from, to](const Edge& edge) {
    return edge.from == from && edge.to == to;
  });
  if (!allowed) {
    throw core::InvalidTransition("an audit run cannot move from " + std::string(to_string(from))
                                  + " to " + std::string(to_string(to)) + "; allowed from "
                                  + std::string(to_string(from)) + ": " + allowed_list(from));
  }
}

RunStatus apply_verb(RunVerb verb, RunStatus from, bool require_approval) {
  for (const auto& edge : kEdges) {
    if (edge.from != from || edge.verb != verb) {
      continue;
    }
    if (verb == RunVerb::kComplete && (edge.to == RunStatus::kPendingReview) != require_approval) {
      continue;
    }
    return edge.to;
  }
  throw core::InvalidTransition("cannot " + std::string(to_string(verb)) + " an audit run that is "
                                + std::string(to_string(from)) + "; allowed from "
                                + std::string(to_string(from)) + ": " + allowed_list(from));
}

bool accepts_answers(RunStatus status) noexcept {
  return status == RunStatus::kInProgress;
}

bool schedule_editable(RunStatus status) noexcept {
  return status == RunStatus::kScheduled || status == RunStatus::kInProgress;
}

}  // namespace qgp::domain::audits
