#include "store/audits/finding_store.hpp"

#include <fmt/format.h>

#include "db/connection.hpp"
#include "store/common/id_lists.hpp"
#include "store/common/page_query.hpp"
#include "store/common/sql_format.hpp"
#include "store/common/where.hpp"

namespace qgp::store::audits {

namespace {

const std::string& finding_columns() {
  static const std::string kColumns = fmt::format(
      "f.id, f.reference_number, f.run_id, r.reference_number, f.question_id, f.response_id, "
      "f.title, f.description, f.grade, f.status, f.is_auto_created, f.assigned_to_id, "
      "f.due_date::text, {}, f.verified_by_id, f.verification_notes, {}, f.closed_by_id, "
      "f.closure_notes, {}, {}, f.version, "
      "(SELECT string_agg(clause_id::text, ',' ORDER BY clause_id) FROM finding_clauses "
      " WHERE finding_id = f.id), "
      "(SELECT string_agg(control_id::text, ',' ORDER BY control_id) FROM finding_controls "
      " WHERE finding_id = f.id), "
      "(SELECT string_agg(risk_id::text, ',' ORDER BY risk_id) FROM finding_risks "
      " WHERE finding_id = f.id)",
      common::rfc3339("f.verified_at"), common::rfc3339("f.closed_at"),
      common::rfc3339("f.created_at"), common::rfc3339("f.updated_at"));
  return kColumns;
}

FindingRow row_of(const db::Result& rows, int row) {
  return FindingRow{.id = rows.int64(row, 0),
                    .reference_number = rows.string(row, 1),
                    .run_id = rows.int64(row, 2),
                    .run_reference_number = rows.string(row, 3),
                    .question_id = rows.optional_int64(row, 4),
                    .response_id = rows.optional_int64(row, 5),
                    .title = rows.string(row, 6),
                    .description = rows.string(row, 7),
                    .grade = rows.string(row, 8),
                    .status = rows.string(row, 9),
                    .is_auto_created = rows.boolean(row, 10),
                    .assigned_to_id = rows.optional_int64(row, 11),
                    .due_date = rows.optional_string(row, 12),
                    .verified_at = rows.optional_string(row, 13),
                    .verified_by_id = rows.optional_int64(row, 14),
                    .verification_notes = rows.optional_string(row, 15),
                    .closed_at = rows.optional_string(row, 16),
                    .closed_by_id = rows.optional_int64(row, 17),
                    .closure_notes = rows.optional_string(row, 18),
                    .created_at = rows.string(row, 19),
                    .updated_at = rows.string(row, 20),
                    .version = rows.int64(row, 21),
                    .clause_ids = common::parse_id_list(rows.optional_string(row, 22)),
                    .control_ids = common::parse_id_list(rows.optional_string(row, 23)),
                    .risk_ids = common::parse_id_list(rows.optional_string(row, 24))};
}

}  // namespace

std::int64_t insert_finding(db::Connection& connection, const FindingInsert& finding) {
  db::Params params;
  params.add(finding.reference_number)
      .add(finding.run_id)
      .add(finding.question_id)
      .add(finding.response_id)
      .add(finding.title)
      .add(finding.description)
      .add(finding.grade)
      .add(finding.is_auto_created)
      .add(finding.assigned_to_id)
      .add(finding.due_date)
      .add(finding.actor_id);
  return connection
      .exec_prepared(
          "INSERT INTO audit_findings (reference_number, run_id, question_id, response_id, title, "
          "description, grade, is_auto_created, assigned_to_id, due_date, created_by_id, "
          "updated_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11, $11) "
          "RETURNING id",
          params)
      .int64(0, 0);
}

void replace_finding_links(db::Connection& connection, std::int64_t finding_id,
                           const std::vector<std::int64_t>& clause_ids,
                           const std::vector<std::int64_t>& control_ids,
                           const std::vector<std::int64_t>& risk_ids) {
  for (const auto& [table, column, ids] :
       {std::tuple{"finding_clauses", "clause_id", &clause_ids},
        std::tuple{"finding_controls", "control_id", &control_ids},
        std::tuple{"finding_risks", "risk_id", &risk_ids}}) {
    const auto literal = common::id_array_literal(*ids);
    connection.exec(fmt::format("DELETE FROM {0} WHERE finding_id = $1 AND NOT ({1} = "
                                "ANY($2::text[]::bigint[]))",
                                table, column),
                    db::Params(finding_id, literal));
    connection.exec(fmt::format("INSERT INTO {0} (finding_id, {1}) SELECT $1, "
                                "unnest($2::text[]::bigint[]) ON CONFLICT DO NOTHING",
                                table, column),
                    db::Params(finding_id, literal));
  }
}

std::optional<FindingRow> find_finding(db::Connection& connection, std::int64_t id, bool lock) {
  const auto rows = connection.exec(
      fmt::format("SELECT {} FROM audit_findings f JOIN audit_runs r ON r.id = f.run_id "
                  "WHERE f.id = $1{}",
                  finding_columns(), lock ? " FOR UPDATE OF f" : ""),
      db::Params(id));
  if (rows.empty()) {
    return std::nullopt;
  }
  return row_of(rows, 0);
}

bool run_exists(db::Connection& connection, std::int64_t run_id) {
  return !connection.exec_prepared("SELECT 1 FROM audit_runs WHERE id = $1", db::Params(run_id))
              .empty();
}

void update_finding_fields(db::Connection& connection, std::int64_t id, const FindingFields& fields,
                           std::optional<std::int64_t> actor_id) {
  db::Params params(id);
  params.add(fields.title)
      .add(fields.description)
      .add(fields.grade)
      .add(fields.assigned_to_id)
      .add(fields.due_date)
      .add(actor_id);
  connection.exec_prepared(
      "UPDATE audit_findings SET title = $2, description = $3, grade = $4, assigned_to_id = $5, "
      "due_date = $6::date, updated_by_id = $7, version = version + 1 WHERE id = $1",
      params);
}

void set_finding_status(db::Connection& connection, std::int64_t id, const std::string& status,
                        const std::optional<std::string>& note,
                        std::optional<std::int64_t> actor_id) {
  db::Params params(id, status);
  params.add(note).add(actor_id);
  connection.exec_prepared(R"sql(
UPDATE audit_findings SET
  status = $2,
  closed_at = CASE WHEN $2 = 'closed' THEN now() END,
  closed_by_id = CASE WHEN $2 = 'closed' THEN $4::bigint END,
  verified_at = CASE WHEN $2 = 'closed' THEN now() WHEN $2 = 'open' THEN NULL ELSE verified_at END,
  verified_by_id = CASE WHEN $2 = 'closed' THEN $4::bigint WHEN $2 = 'open' THEN NULL
                        ELSE verified_by_id END,
  closure_notes = CASE WHEN $2 = 'closed' THEN $3 WHEN $2 = 'open' THEN NULL ELSE closure_notes END,
  verification_notes = CASE WHEN $2 = 'closed' THEN $3 ELSE verification_notes END,
  updated_by_id = $4, version = version + 1
WHERE id = $1)sql",
                           params);
}

FindingPage list_findings(db::Connection& connection, const FindingFilter& filter,
                          const std::vector<common::SortKey>& sort, const common::Page& page) {
  static const std::map<std::string, std::string, std::less<>> kSortable = {
      {"created_at", "f.created_at"},
      {"due_date", "f.due_date"},
      {"grade",
       "array_position(ARRAY['major_nonconformity', 'minor_nonconformity', "
       "'observation', 'opportunity_for_improvement'], f.grade)"},
      {"status",
       "array_position(ARRAY['open', 'in_progress', 'pending_verification', "
       "'closed'], f.status)"},
      {"reference_number", "f.reference_number"}};
  db::Params params;
  common::Where filters(params);
  filters.add("f.archived_at IS NULL")
      .add_if(filter.status, "f.status = {}")
      .add_if(filter.grade, "f.grade = {}")
      .add_if(filter.run_id, "f.run_id = {}")
      .add_if(filter.assigned_to_id, "f.assigned_to_id = {}");
  if (filter.overdue) {
    filters.add("f.due_date < (now() AT TIME ZONE 'UTC')::date AND f.status <> 'closed'");
  }
  if (filter.q) {
    filters.add(
        "f.title ILIKE '%' || {} || '%' OR f.description ILIKE '%' || {} || '%' OR "
        "f.reference_number ILIKE '%' || {} || '%'",
        common::like_escape(*filter.q));
  }
  const auto where = filters.sql();
  const auto found = common::fetch_page(
      connection,
      {.count_from = " FROM audit_findings f" + where,
       .columns = finding_columns(),
       .page_from = " FROM audit_findings f JOIN audit_runs r ON r.id = f.run_id" + where,
       .order = common::order_by(sort, kSortable, "f.created_at DESC", "f.id DESC")},
      params, page);
  FindingPage result;
  result.total = found.total;
  result.items.reserve(static_cast<std::size_t>(found.rows.rows()));
  for (int row = 0; row < found.rows.rows(); ++row) {
    result.items.push_back(row_of(found.rows, row));
  }
  return result;
}

}  // namespace qgp::store::audits
