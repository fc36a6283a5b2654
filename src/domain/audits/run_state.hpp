#pragma once

// The audit run state machine. Status changes only through these verbs (never PATCH), and every
// verb is a row of one table, so the allowed moves can be read, tested and documented in one place:
//
//   scheduled      --start-->   in_progress
//   scheduled      --cancel-->  cancelled
//   in_progress    --complete-> completed        (pending_review when the template requires
//   approval) in_progress    --cancel-->  cancelled pending_review --approve--> completed
//   pending_review --reject-->  in_progress
//
// completed and cancelled are final.

#include <optional>
#include <string_view>
#include <vector>

namespace qgp::domain::audits {

enum class RunStatus { kScheduled, kInProgress, kPendingReview, kCompleted, kCancelled };
enum class RunVerb { kStart, kComplete, kCancel, kApprove, kReject };

std::string_view to_string(RunStatus status) noexcept;
std::optional<RunStatus> parse_run_status(std::string_view text) noexcept;
std::string_view to_string(RunVerb verb) noexcept;

// Every status a run may move to from `from` (empty for final states), in table order.
std::vector<RunStatus> allowed_targets(RunStatus from);

// Throws core::InvalidTransition (409) naming from, to and the allowed targets unless the table
// has the edge from -> to.
void check_transition(RunStatus from, RunStatus to);

// The status `verb` moves a run in status `from` to, checked against the table (throws
// core::InvalidTransition otherwise). `require_approval` picks complete's target.
RunStatus apply_verb(RunVerb verb, RunStatus from, bool require_approval);

// Answers may be given or changed only while the run is in progress.
[[nodiscard]] bool accepts_answers(RunStatus status) noexcept;
// Schedule fields (title, dates, assignee, location, notes) may be edited until the run is done.
[[nodiscard]] bool schedule_editable(RunStatus status) noexcept;

}  // namespace qgp::domain::audits
