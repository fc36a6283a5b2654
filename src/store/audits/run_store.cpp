#include "store/audits/run_store.hpp"

#include <fmt/format.h>

#include "db/connection.hpp"
#include "store/common/reference_numbers.hpp"
#include "store/common/sql_format.hpp"
#include "store/common/where.hpp"

namespace qgp::store::audits {

namespace {

// Reads the columns of one row left to right, so the SELECT list and the mapping cannot drift
// apart silently (a type mismatch throws).
class Cursor {
 public:
  Cursor(const db::Result& result, int row) : result_(result), row_(row) {}

  std::int64_t int64() { return result_.int64(row_, next()); }
  int int32() { return static_cast<int>(result_.int64(row_, next())); }
  std::string string() { return result_.string(row_, next()); }
  bool boolean() { return result_.boolean(row_, next()); }
  std::optional<std::string> optional_string() { return result_.optional_string(row_, next()); }
  std::optional<std::int64_t> optional_int64() { return result_.optional_int64(row_, next()); }
  std::optional<double> optional_double() {
    const int column = next();
    if (result_.is_null(row_, column)) {
      return std::nullopt;
    }
    return result_.float64(row_, column);
  }
  std::optional<bool> optional_bool() {
    const int column = next();
    if (result_.is_null(row_, column)) {
      return std::nullopt;
    }
    return result_.boolean(row_, column);
  }
  std::vector<std::int64_t> id_list() {  // "1,2,3" (string_agg) -> ids
    std::vector<std::int64_t> ids;
    const auto text = result_.text(row_, next());
    std::size_t start = 0;
    while (start < text.size()) {
      auto end = text.find(',', start);
      if (end == std::string_view::npos) {
        end = text.size();
      }
      ids.push_back(std::stoll(std::string(text.substr(start, end - start))));
      start = end + 1;
    }
    return ids;
  }

 private:
  int next() { return column_++; }
  const db::Result& result_;
  int row_;
  int column_ = 0;
};

const std::string& run_columns() {
  using common::rfc3339;
  static const std::string columns = fmt::format(
      R"sql(r.id, r.reference_number, r.template_id, r.template_version_id, v.version_number,
  t.name, r.title, r.location, r.location_details, r.latitude::text, r.longitude::text, r.status,
  to_char(r.scheduled_date, 'YYYY-MM-DD'), to_char(r.due_date, 'YYYY-MM-DD'), r.assigned_to_id,
  {}, {}, r.completed_by_id, {}, r.cancelled_by_id, r.cancellation_reason,
  r.score::text, r.max_score::text, r.score_percentage::text, r.passed, r.notes,
  (r.status IN ('scheduled', 'in_progress')
     AND r.due_date < (now() AT TIME ZONE 'UTC')::date) AS is_overdue,
  {}, {}, r.created_by_id, r.updated_by_id, r.version)sql",
      rfc3339("r.started_at"), rfc3339("r.completed_at"), rfc3339("r.cancelled_at"),
      rfc3339("r.created_at"), rfc3339("r.updated_at"));
  return columns;
}

constexpr std::string_view kRunFrom = R"sql(
FROM audit_runs r
JOIN audit_templates t ON t.id = r.template_id
JOIN audit_template_versions v ON v.id = r.template_version_id)sql";

RunRow read_run(Cursor& c) {
  RunRow row;
  row.id = c.int64();
  row.reference_number = c.string();
  row.template_id = c.int64();
  row.template_version_id = c.int64();
  row.template_version_number = c.int32();
  row.template_name = c.string();
  row.title = c.string();
  row.location = c.optional_string();
  row.location_details = c.optional_string();
  row.latitude = c.optional_double();
  row.longitude = c.optional_double();
  row.status = c.string();
  row.scheduled_date = c.optional_string();
  row.due_date = c.optional_string();
  row.assigned_to_id = c.optional_int64();
  row.started_at = c.optional_string();
  row.completed_at = c.optional_string();
  row.completed_by_id = c.optional_int64();
  row.cancelled_at = c.optional_string();
  row.cancelled_by_id = c.optional_int64();
  row.cancellation_reason = c.optional_string();
  row.score = c.optional_double();
  row.max_score = c.optional_double();
  row.score_percentage = c.optional_double();
  row.passed = c.optional_bool();
  row.notes = c.optional_string();
  row.is_overdue = c.optional_bool().value_or(false);
  row.created_at = c.string();
  row.updated_at = c.string();
  row.created_by_id = c.optional_int64();
  row.updated_by_id = c.optional_int64();
  row.version = c.int32();
  return row;
}

db::Params& add_schedule(db::Params& params, const ScheduleFields& fields) {
  return params.add(fields.title)
      .add(fields.assigned_to_id)
      .add(fields.scheduled_date)
      .add(fields.due_date)
      .add(fields.location)
      .add(fields.location_details)
      .add(fields.latitude)
      .add(fields.longitude)
      .add(fields.notes);
}

const std::string& response_columns() {
  using common::rfc3339;
  static const std::string columns = fmt::format(
      R"sql(a.id, a.question_id, a.response_text, a.response_number::text, a.response_bool,
  to_char(a.response_date, 'YYYY-MM-DD'),
  coalesce((SELECT string_agg(o.option_id::text, ',' ORDER BY o.option_id)
              FROM audit_response_options o WHERE o.response_id = a.id), ''),
  a.is_na, a.score::text, a.max_score::text, a.notes, {}, a.answered_by_id, a.version, {}, {})sql",
      rfc3339("a.answered_at"), rfc3339("a.created_at"), rfc3339("a.updated_at"));
  return columns;
}

ResponseRow read_response(Cursor& c) {
  ResponseRow row;
  row.id = c.int64();
  row.question_id = c.int64();
  row.response_text = c.optional_string();
  row.response_number = c.optional_double();
  row.response_bool = c.optional_bool();
  row.response_date = c.optional_string();
  row.option_ids = c.id_list();
  row.is_na = c.boolean();
  row.score = c.optional_double();
  row.max_score = c.optional_double();
  row.notes = c.optional_string();
  row.answered_at = c.string();
  row.answered_by_id = c.optional_int64();
  row.version = c.int32();
  row.created_at = c.string();
  row.updated_at = c.string();
  return row;
}

std::string id_array(const std::vector<std::int64_t>& ids) {
  return fmt::format("{{{}}}", fmt::join(ids, ","));
}

std::string optional_array(const std::vector<std::optional<double>>& values) {
  std::string text = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    text += i == 0 ? "" : ",";
    text += values[i] ? fmt::format("{}", *values[i]) : "NULL";
  }
  return text + "}";
}

}  // namespace

std::optional<PublishedVersion> find_published_version(db::Connection& connection,
                                                       std::int64_t template_id) {
  static constexpr std::string_view kSql = R"sql(
SELECT t.id, v.id, v.version_number
FROM audit_templates t
JOIN audit_template_versions v
  ON v.template_id = t.id AND v.version_number = t.published_version_number
WHERE t.id = $1 AND t.archived_at IS NULL)sql";
  const auto result = connection.exec_prepared(kSql, db::Params(template_id));
  if (result.empty()) {
    return std::nullopt;
  }
  return PublishedVersion{.template_id = result.int64(0, 0),
                          .version_id = result.int64(0, 1),
                          .version_number = static_cast<int>(result.int64(0, 2))};
}

bool active_user_exists(db::Connection& connection, std::int64_t user_id) {
  static constexpr std::string_view kSql = "SELECT 1 FROM users WHERE id = $1 AND is_active";
  return !connection.exec_prepared(kSql, db::Params(user_id)).empty();
}

InsertedRun insert_run(db::Connection& connection, const PublishedVersion& version,
                       const ScheduleFields& fields, std::optional<std::int64_t> user_id) {
  static constexpr std::string_view kSql = R"sql(
INSERT INTO audit_runs (reference_number, template_id, template_version_id, title, assigned_to_id,
  scheduled_date, due_date, location, location_details, latitude, longitude, notes,
  created_by_id, updated_by_id)
VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8, $9, $10::numeric, $11::numeric, $12, $13, $13)
RETURNING id)sql";
  InsertedRun inserted;
  inserted.reference_number = common::next_reference_number(connection, "AUD");
  db::Params params;
  params.add(inserted.reference_number).add(version.template_id).add(version.version_id);
  add_schedule(params, fields).add(user_id);
  inserted.id = connection.exec_prepared(kSql, params).int64(0, 0);
  return inserted;
}

std::optional<RunRow> find_run(db::Connection& connection, std::int64_t id, bool lock) {
  static const std::string kSql = "SELECT " + run_columns()
                                  + ", jsonb_array_length(v.content->'questions'),"
                                    " (SELECT count(*) FROM audit_responses a WHERE a.run_id = r.id),"
                                    " coalesce((v.content->'template'->>'require_approval')::boolean,"
                                    " false)"
                                  + std::string(kRunFrom) + " WHERE r.id = $1";
  static const std::string kLockedSql = kSql + " FOR UPDATE OF r";
  const auto result = connection.exec_prepared(lock ? kLockedSql : kSql, db::Params(id));
  if (result.empty()) {
    return std::nullopt;
  }
  Cursor cursor(result, 0);
  auto row = read_run(cursor);
  row.question_count = cursor.int64();
  row.response_count = cursor.int64();
  row.require_approval = cursor.boolean();
  return row;
}

bool update_schedule(db::Connection& connection, std::int64_t id, int expected_version,
                     const ScheduleFields& fields, std::optional<std::int64_t> user_id) {
  static constexpr std::string_view kSql = R"sql(
UPDATE audit_runs SET title = $3, assigned_to_id = $4, scheduled_date = $5::date,
  due_date = $6::date, location = $7, location_details = $8, latitude = $9::numeric,
  longitude = $10::numeric, notes = $11, updated_by_id = $12, version = version + 1
WHERE id = $1 AND version = $2)sql";
  db::Params params(id, expected_version);
  add_schedule(params, fields).add(user_id);
  return connection.exec_prepared(kSql, params).affected_rows() == 1;
}

void mark_started(db::Connection& connection, std::int64_t id, std::optional<double> latitude,
                  std::optional<double> longitude, std::optional<std::int64_t> user_id) {
  static constexpr std::string_view kSql = R"sql(
UPDATE audit_runs SET status = 'in_progress', started_at = now(),
  latitude = coalesce($2::numeric, latitude), longitude = coalesce($3::numeric, longitude),
  updated_by_id = $4, version = version + 1
WHERE id = $1)sql";
  connection.exec_prepared(kSql, db::Params(id, latitude, longitude, user_id));
}

void mark_completed(db::Connection& connection, std::int64_t id, const Completion& completion,
                    std::optional<std::int64_t> user_id) {
  static constexpr std::string_view kSql = R"sql(
UPDATE audit_runs SET status = $2, completed_at = now(), completed_by_id = $7,
  score = $3::numeric, max_score = $4::numeric, score_percentage = $5::numeric, passed = $6,
  updated_by_id = $7, version = version + 1
WHERE id = $1)sql";
  connection.exec_prepared(kSql,
                           db::Params(id, completion.status, completion.score, completion.max_score,
                                      completion.score_percentage, completion.passed, user_id));
}

void mark_approved(db::Connection& connection, std::int64_t id,
                   std::optional<std::int64_t> user_id) {
  static constexpr std::string_view kSql = R"sql(
UPDATE audit_runs SET status = 'completed', updated_by_id = $2, version = version + 1
WHERE id = $1)sql";
  connection.exec_prepared(kSql, db::Params(id, user_id));
}

void mark_rejected(db::Connection& connection, std::int64_t id,
                   std::optional<std::int64_t> user_id) {
  static constexpr std::string_view kSql = R"sql(
UPDATE audit_runs SET status = 'in_progress', completed_at = NULL, completed_by_id = NULL,
  score = NULL, max_score = NULL, score_percentage = NULL, passed = NULL,
  updated_by_id = $2, version = version + 1
WHERE id = $1)sql";
  connection.exec_prepared(kSql, db::Params(id, user_id));
}

void mark_cancelled(db::Connection& connection, std::int64_t id, const std::string& reason,
                    std::optional<std::int64_t> user_id) {
  static constexpr std::string_view kSql = R"sql(
UPDATE audit_runs SET status = 'cancelled', cancelled_at = now(), cancelled_by_id = $3,
  cancellation_reason = $2, updated_by_id = $3, version = version + 1
WHERE id = $1)sql";
  connection.exec_prepared(kSql, db::Params(id, reason, user_id));
}

RunPage list_runs(db::Connection& connection, const RunFilter& filter,
                  const std::vector<common::SortKey>& sort, const common::Page& page) {
  static const std::map<std::string, std::string, std::less<>> kSortable = {
      {"reference_number", "r.reference_number"},
      {"title", "lower(r.title)"},
      {"status", "r.status"},
      {"scheduled_date", "r.scheduled_date"},
      {"due_date", "r.due_date"},
      {"created_at", "r.created_at"},
      {"updated_at", "r.updated_at"},
      {"score_percentage", "r.score_percentage"},
  };
  db::Params params;
  common::Where filters(params);
  filters.add("r.archived_at IS NULL");
  if (!filter.statuses.empty()) {
    // api/ allowed known status values only, so the array literal needs no escaping.
    filters.add("r.status = ANY({}::text[])",
                fmt::format("{{{}}}", fmt::join(filter.statuses, ",")));
  }
  filters.add_if(filter.template_id, "r.template_id = {}")
      .add_if(filter.assigned_to_id, "r.assigned_to_id = {}")
      .add_if(filter.due_before, "r.due_date < {}::date")
      .add_if(filter.due_after, "r.due_date > {}::date");
  if (filter.overdue) {
    filters.add(std::string(*filter.overdue ? "" : "NOT ")
                + "coalesce(r.status IN ('scheduled', 'in_progress') AND r.due_date < (now() AT "
                  "TIME ZONE 'UTC')::date, false)");
  }
  if (filter.q) {
    filters.add(
        "r.title ILIKE '%' || {} || '%' OR r.reference_number ILIKE '%' || {} || '%' OR "
        "r.location ILIKE '%' || {} || '%'",
        common::like_escape(*filter.q));
  }
  const auto where = filters.sql();
  // The total first, over audit_runs alone; then only the page's rows are joined and rendered
  // (a count(*) OVER () would render every matching row just to count it).
  const std::string count_sql = "SELECT count(*) FROM audit_runs r" + where;
  RunPage out;
  out.total = connection.exec_prepared(count_sql, params).int64(0, 0);
  if (out.total <= page.offset()) {
    return out;
  }
  // The page's ids first, then only those rows are joined and rendered: PostgreSQL computes the
  // select list before a sort, so rendering inside the sorted query would format every match.
  // LIMIT and OFFSET are literals, as in common::fetch_page (which says why).
  const auto order = common::order_by(sort, kSortable, "r.created_at DESC", "r.id");
  const std::string sql =
      "SELECT " + run_columns() + " FROM (SELECT r.id FROM audit_runs r" + where + order
      + fmt::format(" LIMIT {} OFFSET {}", page.page_size, page.offset())
      + ") AS page JOIN audit_runs r ON r.id = page.id"
        " JOIN audit_templates t ON t.id = r.template_id"
        " JOIN audit_template_versions v ON v.id = r.template_version_id"
      + order;
  const auto result = connection.exec_prepared(sql, params);
  out.items.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    Cursor cursor(result, row);
    out.items.push_back(read_run(cursor));
  }
  return out;
}

std::vector<ResponseRow> list_responses(db::Connection& connection, std::int64_t run_id) {
  static const std::string kSql =
      "SELECT " + response_columns() + " FROM audit_responses a WHERE a.run_id = $1 ORDER BY a.id";
  const auto result = connection.exec_prepared(kSql, db::Params(run_id));
  std::vector<ResponseRow> rows;
  rows.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    Cursor cursor(result, row);
    rows.push_back(read_response(cursor));
  }
  return rows;
}

std::optional<ResponseRow> find_response(db::Connection& connection, std::int64_t run_id,
                                         std::int64_t question_id) {
  static const std::string kSql = "SELECT " + response_columns()
                                  + " FROM audit_responses a WHERE a.run_id = $1"
                                    " AND a.question_id = $2";
  const auto result = connection.exec_prepared(kSql, db::Params(run_id, question_id));
  if (result.empty()) {
    return std::nullopt;
  }
  Cursor cursor(result, 0);
  return read_response(cursor);
}

std::int64_t upsert_response(db::Connection& connection, std::int64_t run_id,
                             std::int64_t question_id, const ResponseValues& values,
                             std::optional<std::int64_t> user_id) {
  static constexpr std::string_view kUpsert = R"sql(
INSERT INTO audit_responses (run_id, question_id, response_text, response_number, response_bool,
  response_date, is_na, notes, answered_by_id, created_by_id, updated_by_id)
VALUES ($1, $2, $3, $4::numeric, $5, $6::date, $7, $8, $9, $9, $9)
ON CONFLICT (run_id, question_id) DO UPDATE SET
  response_text = EXCLUDED.response_text, response_number = EXCLUDED.response_number,
  response_bool = EXCLUDED.response_bool, response_date = EXCLUDED.response_date,
  is_na = EXCLUDED.is_na, notes = EXCLUDED.notes, score = NULL, max_score = NULL,
  answered_at = now(), answered_by_id = EXCLUDED.answered_by_id,
  updated_by_id = EXCLUDED.updated_by_id, version = audit_responses.version + 1
RETURNING id)sql";
  static constexpr std::string_view kClearOptions =
      "DELETE FROM audit_response_options WHERE response_id = $1";
  static constexpr std::string_view kInsertOptions =
      "INSERT INTO audit_response_options (response_id, option_id) "
      "SELECT $1, unnest($2::bigint[])";
  const auto id = connection
                      .exec_prepared(kUpsert, db::Params(run_id, question_id, values.response_text,
                                                         values.response_number,
                                                         values.response_bool, values.response_date,
                                                         values.is_na, values.notes, user_id))
                      .int64(0, 0);
  connection.exec_prepared(kClearOptions, db::Params(id));
  if (!values.option_ids.empty()) {
    connection.exec_prepared(kInsertOptions, db::Params(id, id_array(values.option_ids)));
  }
  return id;
}

void set_response_scores(db::Connection& connection, const std::vector<ResponseScore>& scores) {
  if (scores.empty()) {
    return;
  }
  static constexpr std::string_view kSql = R"sql(
UPDATE audit_responses a SET score = s.score, max_score = s.max_score
FROM unnest($1::bigint[], $2::numeric[], $3::numeric[]) AS s(id, score, max_score)
WHERE a.id = s.id)sql";
  std::vector<std::int64_t> ids;
  std::vector<std::optional<double>> earned;
  std::vector<std::optional<double>> possible;
  for (const auto& score : scores) {
    ids.push_back(score.response_id);
    earned.push_back(score.score);
    possible.push_back(score.max_score);
  }
  connection.exec_prepared(
      kSql, db::Params(id_array(ids), optional_array(earned), optional_array(possible)));
}

std::vector<RunFindingRow> list_run_findings(db::Connection& connection, std::int64_t run_id) {
  static constexpr std::string_view kSql = R"sql(
SELECT id, reference_number, title, grade, status, question_id, response_id, is_auto_created
FROM audit_findings WHERE run_id = $1 AND archived_at IS NULL ORDER BY id)sql";
  const auto result = connection.exec_prepared(kSql, db::Params(run_id));
  std::vector<RunFindingRow> rows;
  for (int row = 0; row < result.rows(); ++row) {
    Cursor c(result, row);
    RunFindingRow finding;
    finding.id = c.int64();
    finding.reference_number = c.string();
    finding.title = c.string();
    finding.grade = c.string();
    finding.status = c.string();
    finding.question_id = c.optional_int64();
    finding.response_id = c.optional_int64();
    finding.is_auto_created = c.boolean();
    rows.push_back(std::move(finding));
  }
  return rows;
}

}  // namespace qgp::store::audits
