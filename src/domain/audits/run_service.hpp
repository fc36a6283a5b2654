#pragma once

// Use cases of audit runs: schedule, edit the schedule, start, answer, complete (score + findings),
// approve/reject, cancel, read and list. Each mutation runs in one transaction on the given
// connection, takes the run's row lock first (so answers, completion and transitions of one run are
// serialized), and writes exactly one audit_log row per changed record in that transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "domain/audits/run_answers.hpp"
#include "domain/audits/run_state.hpp"
#include "domain/audits/snapshot.hpp"
#include "store/audits/run_snapshot_store.hpp"
#include "store/audits/run_store.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::domain::audits {

using RunRecord = store::audits::RunRow;
using ResponseRecord = store::audits::ResponseRow;
using RunFindingRecord = store::audits::RunFindingRow;
using ScheduleFields = store::audits::ScheduleFields;
using RunFilter = store::audits::RunFilter;
using RunPage = store::audits::RunPage;

struct ScheduleRunInput {
  std::int64_t template_id = 0;
  ScheduleFields fields;
};

// PATCH: only present fields change; the inner optional is the new value (nullopt clears it).
struct RunPatch {
  int version = 0;
  std::optional<std::string> title;
  std::optional<std::optional<std::int64_t>> assigned_to_id;
  std::optional<std::optional<std::string>> scheduled_date;
  std::optional<std::optional<std::string>> due_date;
  std::optional<std::optional<std::string>> location;
  std::optional<std::optional<std::string>> location_details;
  std::optional<std::optional<double>> latitude;
  std::optional<std::optional<double>> longitude;
  std::optional<std::optional<std::string>> notes;
};

// Coordinates where the run is performed, given at start (required when the template says
// require_gps and the run has none yet).
struct StartInput {
  std::optional<double> latitude;
  std::optional<double> longitude;
};

struct RunDetail {
  RunRecord run;
  std::vector<ResponseRecord> responses;
  std::vector<RunFindingRecord> findings;
  std::vector<RunStatus> allowed_targets;
};

// Schedule fields checked together: due_date >= scheduled_date, both coordinates or neither, an
// assignee that exists and is active. Throws core::ValidationError.
void validate_schedule(db::Connection& connection, const ScheduleFields& fields);

// The domain view of a stored snapshot (unknown enum text -> core::Error kInternal: the templates
// module wrote something this module does not understand).
Snapshot to_snapshot(const store::audits::SnapshotRows& rows);
Snapshot load_run_snapshot(db::Connection& connection, std::int64_t version_id);

// The stored response as an answer (for scoring and completion checks).
Answer to_answer(const ResponseRecord& response);

// Creates a scheduled run pinned to the template's published version; returns its id.
// The template must exist, not be archived and have a published version (422 on template_id).
//
// The pin is deliberate: a scheduled audit is planned against one specific published version (its
// questions, scoring and approval rules), so the run keeps that version for its whole life -
// start, answers, scoring and findings all read the pinned snapshot, even when a newer version is
// published before the run starts. The run's `template_version` (RunRow::template_version_number)
// says which one it is; a run of the newer version is a new schedule.
std::int64_t schedule_run(db::Connection& connection, const core::Actor& actor,
                          const ScheduleRunInput& input);

RunDetail get_run(db::Connection& connection, std::int64_t run_id);
RunPage list_runs(db::Connection& connection, const RunFilter& filter,
                  const std::vector<store::common::SortKey>& sort, const store::common::Page& page);

// Stale version -> core::Conflict; a finished run -> core::Conflict.
void update_run(db::Connection& connection, const core::Actor& actor, std::int64_t run_id,
                const RunPatch& patch);

void start_run(db::Connection& connection, const core::Actor& actor, std::int64_t run_id,
               const StartInput& input);

struct AnswerResult {
  ResponseRecord response;
  bool created = false;  // the first answer to the question (else a re-answer)
};

// Inserts or replaces the answer to one question of the run (only while in_progress; the question
// must belong to the run's snapshot). Returns the stored response.
AnswerResult answer_question(db::Connection& connection, const core::Actor& actor,
                             std::int64_t run_id, std::int64_t question_id,
                             const AnswerInput& input);

// Checks required answers (and signatures when the template requires one), scores the run, stores
// per-response scores (one audit row per response whose score changed), moves it to completed
// (pending_review when the template requires approval) and, when the template auto-creates
// findings, raises one finding per answer whose chosen option triggers a finding - all in one
// transaction.
void complete_run(db::Connection& connection, const core::Actor& actor, std::int64_t run_id);

// pending_review -> completed. The approver must not be the person who completed the run.
void approve_run(db::Connection& connection, const core::Actor& actor, std::int64_t run_id,
                 const std::optional<std::string>& note);
// pending_review -> in_progress; the score is cleared until the run is completed again.
void reject_run(db::Connection& connection, const core::Actor& actor, std::int64_t run_id,
                const std::string& reason);
void cancel_run(db::Connection& connection, const core::Actor& actor, std::int64_t run_id,
                const std::string& reason);

}  // namespace qgp::domain::audits
