#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/common/list_sql.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::store::audits {

struct FindingRow {
  std::int64_t id = 0;
  std::string reference_number;
  std::int64_t run_id = 0;
  std::string run_reference_number;
  std::optional<std::int64_t> question_id;
  std::optional<std::int64_t> response_id;
  std::string title;
  std::string description;
  std::string grade;
  std::string status;
  bool is_auto_created = false;
  std::optional<std::int64_t> assigned_to_id;
  std::optional<std::string> due_date;
  std::optional<std::string> verified_at;
  std::optional<std::int64_t> verified_by_id;
  std::optional<std::string> verification_notes;
  std::optional<std::string> closed_at;
  std::optional<std::int64_t> closed_by_id;
  std::optional<std::string> closure_notes;
  std::string created_at;
  std::string updated_at;
  std::int64_t version = 1;
  std::vector<std::int64_t> clause_ids;
  std::vector<std::int64_t> control_ids;
  std::vector<std::int64_t> risk_ids;
};

struct FindingInsert {
  std::string reference_number;
  std::int64_t run_id = 0;
  std::optional<std::int64_t> question_id;
  std::optional<std::int64_t> response_id;
  std::string title;
  std::string description;
  std::string grade;
  bool is_auto_created = false;
  std::optional<std::int64_t> assigned_to_id;
  std::optional<std::string> due_date;
  std::optional<std::int64_t> actor_id;
};

// Foreign keys surface as db::ForeignKeyViolation (the domain names the field).
std::int64_t insert_finding(db::Connection& connection, const FindingInsert& finding);
void replace_finding_links(db::Connection& connection, std::int64_t finding_id,
                           const std::vector<std::int64_t>& clause_ids,
                           const std::vector<std::int64_t>& control_ids,
                           const std::vector<std::int64_t>& risk_ids);
std::optional<FindingRow> find_finding(db::Connection& connection, std::int64_t id,
                                       bool lock = false);
bool run_exists(db::Connection& connection, std::int64_t run_id);

struct FindingFields {
  std::string title;
  std::string description;
  std::string grade;
  std::optional<std::int64_t> assigned_to_id;
  std::optional<std::string> due_date;
};
void update_finding_fields(db::Connection& connection, std::int64_t id, const FindingFields& fields,
                           std::optional<std::int64_t> actor_id);

// Applies a status change and the columns that go with it (closed_at/by and verification on
// closing, cleared on reopening; notes appended to the matching column).
void set_finding_status(db::Connection& connection, std::int64_t id, const std::string& status,
                        const std::optional<std::string>& note,
                        std::optional<std::int64_t> actor_id);

struct FindingFilter {
  std::optional<std::string> status;
  std::optional<std::string> grade;
  std::optional<std::int64_t> run_id;
  std::optional<std::int64_t> assigned_to_id;
  bool overdue = false;
  std::optional<std::string> q;
};
struct FindingPage {
  std::vector<FindingRow> items;
  std::int64_t total = 0;
};
// Sortable: created_at, due_date, grade, status, reference_number (default newest first).
FindingPage list_findings(db::Connection& connection, const FindingFilter& filter,
                          const std::vector<common::SortKey>& sort, const common::Page& page);

}  // namespace qgp::store::audits
