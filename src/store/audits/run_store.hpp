#pragma once

// SQL of audit runs beyond what the kit generates from their declarations (model/audits/run.hpp):
// the published version a run is pinned to, assignees, a run's answers (one upsert keeps one
// response per question, its value in the column of its type), the scores completion sets, and
// the findings a run's detail summarises. The run itself is read, inserted, updated and listed by
// store/kit. Every function runs in the caller's unit of work.

#include <cstdint>
#include <optional>
#include <vector>

#include "kit/values.hpp"
#include "model/audits/run.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::store::audits {

struct PublishedVersion {
  std::int64_t template_id = 0;
  std::int64_t version_id = 0;
  int version_number = 0;
};

// The template's current published version, when the template exists, is not archived and has
// been published at least once.
std::optional<PublishedVersion> find_published_version(db::Connection& connection,
                                                       std::int64_t template_id);

// True when the user exists and is active (assignees must be able to log in).
bool active_user_exists(db::Connection& connection, std::int64_t user_id);

// --- responses -----------------------------------------------------------------------------------

// The run's responses in the order they were first given.
std::vector<model::audits::RunResponse> list_responses(db::Connection& connection,
                                                       std::int64_t run_id);
std::optional<model::audits::RunResponse> find_response(db::Connection& connection,
                                                        std::int64_t run_id,
                                                        std::int64_t question_id);

// Inserts or replaces the one response of (run, question) with `answer` (validated: a boolean goes
// to response_bool, a number to response_number, a string to response_date when `value_is_date`,
// else to response_text), its chosen options, is_na and notes; a replaced answer loses its stale
// score. Returns the response's id.
std::int64_t upsert_response(db::Connection& connection, std::int64_t run_id,
                             std::int64_t question_id, const model::audits::RunAnswer& answer,
                             bool value_is_date, std::optional<std::int64_t> user_id);

struct ResponseScore {
  std::int64_t response_id = 0;
  std::optional<qgp::kit::Decimal> score;
  std::optional<qgp::kit::Decimal> max_score;
};
// Stores the per-response figures computed at completion (one statement for all of them).
void set_response_scores(db::Connection& connection, const std::vector<ResponseScore>& scores);

// --- findings of a run (read side; the findings module writes them) ------------------------------

// The run's findings that are not archived, oldest first.
std::vector<model::audits::RunFinding> list_run_findings(db::Connection& connection,
                                                         std::int64_t run_id);

}  // namespace qgp::store::audits
