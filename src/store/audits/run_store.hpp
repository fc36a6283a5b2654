#pragma once

// SQL for audit runs and their responses. Every function runs inside the caller's open transaction
// (domain/audits/run_service.cpp owns the transaction and the audit rows). Rows are plain structs:
// statuses travel as their API text, timestamps as RFC 3339 strings, dates as YYYY-MM-DD.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/common/list_sql.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::store::audits {

struct RunRow {
  std::int64_t id = 0;
  std::string reference_number;
  std::int64_t template_id = 0;
  std::int64_t template_version_id = 0;
  int template_version_number = 0;
  std::string template_name;
  std::string title;
  std::optional<std::string> location;
  std::optional<std::string> location_details;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string status;
  std::optional<std::string> scheduled_date;
  std::optional<std::string> due_date;
  std::optional<std::int64_t> assigned_to_id;
  std::optional<std::string> started_at;
  std::optional<std::string> completed_at;
  std::optional<std::int64_t> completed_by_id;
  std::optional<std::string> cancelled_at;
  std::optional<std::int64_t> cancelled_by_id;
  std::optional<std::string> cancellation_reason;
  std::optional<double> score;
  std::optional<double> max_score;
  std::optional<double> score_percentage;
  std::optional<bool> passed;
  std::optional<std::string> notes;
  bool is_overdue = false;  // due before today (UTC) and not yet finished
  // Detail only (find_run): from the pinned version.
  std::int64_t question_count = 0;
  std::int64_t response_count = 0;
  bool require_approval = false;
  std::string created_at;
  std::string updated_at;
  std::optional<std::int64_t> created_by_id;
  std::optional<std::int64_t> updated_by_id;
  int version = 1;
};

// The editable schedule of a run (create and PATCH write all of them).
struct ScheduleFields {
  std::string title;
  std::optional<std::int64_t> assigned_to_id;
  std::optional<std::string> scheduled_date;
  std::optional<std::string> due_date;
  std::optional<std::string> location;
  std::optional<std::string> location_details;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::optional<std::string> notes;
};

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

struct InsertedRun {
  std::int64_t id = 0;
  std::string reference_number;
};
// Inserts a scheduled run with a fresh AUD reference number.
InsertedRun insert_run(db::Connection& connection, const PublishedVersion& version,
                       const ScheduleFields& fields, std::optional<std::int64_t> user_id);

// The run, optionally locked (FOR UPDATE) for a mutation; nullopt when absent.
std::optional<RunRow> find_run(db::Connection& connection, std::int64_t id, bool lock = false);

// Overwrites the schedule when the row still has `expected_version`; false otherwise.
bool update_schedule(db::Connection& connection, std::int64_t id, int expected_version,
                     const ScheduleFields& fields, std::optional<std::int64_t> user_id);

void mark_started(db::Connection& connection, std::int64_t id, std::optional<double> latitude,
                  std::optional<double> longitude, std::optional<std::int64_t> user_id);

struct Completion {
  std::string status;  // completed or pending_review
  std::optional<double> score;
  std::optional<double> max_score;
  std::optional<double> score_percentage;
  std::optional<bool> passed;
};
void mark_completed(db::Connection& connection, std::int64_t id, const Completion& completion,
                    std::optional<std::int64_t> user_id);
void mark_approved(db::Connection& connection, std::int64_t id,
                   std::optional<std::int64_t> user_id);
// Back to in_progress: the completion and its score are cleared (answers may change again).
void mark_rejected(db::Connection& connection, std::int64_t id,
                   std::optional<std::int64_t> user_id);
void mark_cancelled(db::Connection& connection, std::int64_t id, const std::string& reason,
                    std::optional<std::int64_t> user_id);

struct RunFilter {
  std::vector<std::string> statuses;
  std::optional<std::int64_t> template_id;
  std::optional<std::int64_t> assigned_to_id;
  std::optional<std::string> due_before;  // due_date < due_before
  std::optional<std::string> due_after;   // due_date > due_after
  std::optional<bool> overdue;
  std::optional<std::string> q;  // title, reference number or location contains
};
struct RunPage {
  std::vector<RunRow> items;
  std::int64_t total = 0;
};
// API sort fields: reference_number, title, status, scheduled_date, due_date, created_at,
// updated_at, score_percentage. Default: newest first.
RunPage list_runs(db::Connection& connection, const RunFilter& filter,
                  const std::vector<common::SortKey>& sort, const common::Page& page);

// --- responses -------------------------------------------------------------------------------

struct ResponseRow {
  std::int64_t id = 0;
  std::int64_t question_id = 0;
  std::optional<std::string> response_text;
  std::optional<double> response_number;
  std::optional<bool> response_bool;
  std::optional<std::string> response_date;
  std::vector<std::int64_t> option_ids;  // ascending
  bool is_na = false;
  std::optional<double> score;
  std::optional<double> max_score;
  std::optional<std::string> notes;
  std::string answered_at;
  std::optional<std::int64_t> answered_by_id;
  int version = 1;
  std::string created_at;
  std::string updated_at;
};

struct ResponseValues {
  std::optional<std::string> response_text;
  std::optional<double> response_number;
  std::optional<bool> response_bool;
  std::optional<std::string> response_date;
  std::vector<std::int64_t> option_ids;
  bool is_na = false;
  std::optional<std::string> notes;
};

std::vector<ResponseRow> list_responses(db::Connection& connection, std::int64_t run_id);
std::optional<ResponseRow> find_response(db::Connection& connection, std::int64_t run_id,
                                         std::int64_t question_id);

// Inserts or replaces the one response of (run, question); clears a stale score. Returns its id.
std::int64_t upsert_response(db::Connection& connection, std::int64_t run_id,
                             std::int64_t question_id, const ResponseValues& values,
                             std::optional<std::int64_t> user_id);

struct ResponseScore {
  std::int64_t response_id = 0;
  std::optional<double> score;
  std::optional<double> max_score;
};
// Stores the per-response figures computed at completion (one statement for all of them).
void set_response_scores(db::Connection& connection, const std::vector<ResponseScore>& scores);

// --- findings of a run (read side; the findings module writes them) --------------------------

struct RunFindingRow {
  std::int64_t id = 0;
  std::string reference_number;
  std::string title;
  std::string grade;
  std::string status;
  std::optional<std::int64_t> question_id;
  std::optional<std::int64_t> response_id;
  bool is_auto_created = false;
};
std::vector<RunFindingRow> list_run_findings(db::Connection& connection, std::int64_t run_id);

}  // namespace qgp::store::audits
