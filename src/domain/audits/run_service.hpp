#pragma once

// Use cases of audit runs over the generic ones (domain/common): schedule, read the detail, edit
// the schedule, move along the workflow (start, complete with scoring and findings, approve, send
// back, cancel) and answer. The run, its detail, an answer and the workflow are declared once in
// model/audits/run.hpp. Mutations run in the caller's unit of work (api/kit's, or a test's), take
// the run's row lock first (so answers, completion and moves of one run are serialized) and write
// one audit row per changed record.

#include <cstdint>
#include <optional>
#include <string>

#include "core/actor.hpp"
#include "db/transaction.hpp"
#include "domain/audits/run_answers.hpp"
#include "domain/audits/run_state.hpp"
#include "domain/audits/snapshot.hpp"
#include "kit/patch.hpp"
#include "model/audits/run.hpp"
#include "store/audits/run_snapshot_store.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::domain::audits {

using model::audits::Run;
using model::audits::RunDetail;
using model::audits::RunResponse;

// The domain view of a stored snapshot (unknown enum text -> core::Error kInternal: the templates
// module wrote something this module does not understand).
Snapshot to_snapshot(const store::audits::SnapshotRows& rows);
Snapshot load_run_snapshot(db::Connection& connection, std::int64_t version_id);

// The stored response as an answer (for scoring and completion checks); `question` tells a date
// from a text (nullptr: a text).
Answer to_answer(const RunResponse& response, const SnapshotQuestion* question);

// Creates a scheduled run from `run`'s client fields, pinned to the template's published version,
// with a fresh AUD reference number; returns it as stored. The template must exist, not be
// archived and have a published version (422 on template_id); due_date >= scheduled_date, both
// coordinates or neither, an assignee that exists and is active (422 listing each problem).
//
// The pin is deliberate: a scheduled audit is planned against one specific published version (its
// questions, scoring and approval rules), so the run keeps that version for its whole life -
// start, answers, scoring and findings all read the pinned snapshot, even when a newer version is
// published before the run starts. The run's `template_version` says which one it is; a run of
// the newer version is a new schedule.
Run schedule_run(db::Transaction& tx, const core::Actor& actor, Run run);

// The run with its responses, counts, completion percentage and findings summary.
RunDetail get_run(db::Connection& connection, std::int64_t run_id);

// PATCH of the schedule: stale version -> 409; a finished run -> 409; the schedule rules above.
Run update_run(db::Transaction& tx, const core::Actor& actor, std::int64_t run_id,
               const kit::Patch<Run>& patch);

// A move along the run's workflow (409 naming the allowed moves, 403 for the person who completed a
// run approving it, 422 for a missing reason). Starting checks GPS when the pinned version requires
// it and the run has no coordinates (they may come with the move: `extra`). Completing checks the
// required answers (and signatures when required), scores the run and each response (one audit
// row per response whose score changed), and raises one finding per answer whose chosen option
// triggers one when the version auto-creates findings - all in the caller's unit of work.
Run move_run(db::Transaction& tx, const core::Actor& actor, std::int64_t run_id, RunStatus to,
             const std::optional<std::string>& note, const kit::Patch<Run>& extra = {});

struct AnswerResult {
  RunResponse response;
  bool created = false;  // the first answer to the question (else a re-answer)
};

// Inserts or replaces the answer to one question of the run (only while in_progress: 409; the
// question must belong to the run's pinned version: 404; the answer must fit the question: 422).
AnswerResult answer_question(db::Transaction& tx, const core::Actor& actor, std::int64_t run_id,
                             std::int64_t question_id, const model::audits::RunAnswer& answer);

}  // namespace qgp::domain::audits
