#pragma once

// The audit run's rules beside its workflow. The moves themselves (scheduled -> in_progress ->
// completed, or pending_review when the pinned version requires approval, approved by someone else
// or sent back; cancelled from scheduled or in_progress with a reason) are the declared workflow
// in model/audits/run.hpp, taken through POST /api/v1/audits/runs/{id}/transitions.

#include "model/audits/run.hpp"

namespace qgp::domain::audits {

using model::audits::RunStatus;

// Answers may be given or changed only while the run is in progress.
[[nodiscard]] constexpr bool accepts_answers(RunStatus status) noexcept {
  return status == RunStatus::kInProgress;
}

// Schedule fields (title, dates, assignee, location, notes) may be edited until the run is done.
[[nodiscard]] constexpr bool schedule_editable(RunStatus status) noexcept {
  return status == RunStatus::kScheduled || status == RunStatus::kInProgress;
}

}  // namespace qgp::domain::audits
