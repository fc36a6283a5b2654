#include "store/standards/rows.hpp"

#include "store/common/sql_format.hpp"

namespace qgp::store::standards::rows {

using common::rfc3339;

namespace {

int to_int(std::int64_t value) {
  return static_cast<int>(value);
}

}  // namespace

const std::string& standard_columns() {
  static const std::string kColumns =
      "s.id, s.code, s.name, s.full_name, s.edition, s.description, s.effective_date::text, "
      "s.is_active, "
      + rfc3339("s.archived_at") + ", s.archived_by_id, " + rfc3339("s.created_at") + ", "
      + rfc3339("s.updated_at")
      + ", s.created_by_id, s.updated_by_id, s.version, "
        "(SELECT count(*) FROM clauses c WHERE c.standard_id = s.id AND c.archived_at IS NULL), "
        "(SELECT count(*) FROM controls k WHERE k.standard_id = s.id AND k.archived_at IS NULL)";
  return kColumns;
}

StandardRow standard(const db::Result& result, int row) {
  StandardRow s;
  s.id = result.int64(row, 0);
  s.code = result.string(row, 1);
  s.name = result.string(row, 2);
  s.full_name = result.string(row, 3);
  s.edition = result.string(row, 4);
  s.description = result.optional_string(row, 5);
  s.effective_date = result.optional_string(row, 6);
  s.is_active = result.boolean(row, 7);
  s.archived_at = result.optional_string(row, 8);
  s.archived_by_id = result.optional_int64(row, 9);
  s.created_at = result.string(row, 10);
  s.updated_at = result.string(row, 11);
  s.created_by_id = result.optional_int64(row, 12);
  s.updated_by_id = result.optional_int64(row, 13);
  s.version = result.int64(row, 14);
  s.clause_count = result.int64(row, 15);
  s.control_count = result.int64(row, 16);
  return s;
}

const std::string& clause_columns() {
  static const std::string kColumns =
      "c.id, c.standard_id, c.parent_clause_id, c.clause_number, c.title, c.description, c.level, "
      "c.sort_order, c.is_active, "
      + rfc3339("c.archived_at") + ", c.archived_by_id, " + rfc3339("c.created_at") + ", "
      + rfc3339("c.updated_at") + ", c.created_by_id, c.updated_by_id, c.version";
  return kColumns;
}

ClauseRow clause(const db::Result& result, int row, int offset) {
  ClauseRow c;
  c.id = result.int64(row, offset + 0);
  c.standard_id = result.int64(row, offset + 1);
  c.parent_clause_id = result.optional_int64(row, offset + 2);
  c.clause_number = result.string(row, offset + 3);
  c.title = result.string(row, offset + 4);
  c.description = result.optional_string(row, offset + 5);
  c.level = to_int(result.int64(row, offset + 6));
  c.sort_order = to_int(result.int64(row, offset + 7));
  c.is_active = result.boolean(row, offset + 8);
  c.archived_at = result.optional_string(row, offset + 9);
  c.archived_by_id = result.optional_int64(row, offset + 10);
  c.created_at = result.string(row, offset + 11);
  c.updated_at = result.string(row, offset + 12);
  c.created_by_id = result.optional_int64(row, offset + 13);
  c.updated_by_id = result.optional_int64(row, offset + 14);
  c.version = result.int64(row, offset + 15);
  return c;
}

const std::string& control_columns() {
  static const std::string kColumns =
      "k.id, k.standard_id, k.clause_id, "
      "(SELECT pc.clause_number FROM clauses pc WHERE pc.id = k.clause_id), k.control_number, "
      "k.title, k.description, k.guidance, k.theme, k.is_active, "
      + rfc3339("k.archived_at") + ", k.archived_by_id, " + rfc3339("k.created_at") + ", "
      + rfc3339("k.updated_at") + ", k.created_by_id, k.updated_by_id, k.version";
  return kColumns;
}

ControlRow control(const db::Result& result, int row, int offset) {
  ControlRow k;
  k.id = result.int64(row, offset + 0);
  k.standard_id = result.int64(row, offset + 1);
  k.clause_id = result.optional_int64(row, offset + 2);
  k.clause_number = result.optional_string(row, offset + 3);
  k.control_number = result.string(row, offset + 4);
  k.title = result.string(row, offset + 5);
  k.description = result.optional_string(row, offset + 6);
  k.guidance = result.optional_string(row, offset + 7);
  k.theme = result.optional_string(row, offset + 8);
  k.is_active = result.boolean(row, offset + 9);
  k.archived_at = result.optional_string(row, offset + 10);
  k.archived_by_id = result.optional_int64(row, offset + 11);
  k.created_at = result.string(row, offset + 12);
  k.updated_at = result.string(row, offset + 13);
  k.created_by_id = result.optional_int64(row, offset + 14);
  k.updated_by_id = result.optional_int64(row, offset + 15);
  k.version = result.int64(row, offset + 16);
  return k;
}

const std::string& mapping_columns() {
  static const std::string kColumns =
      "m.id, m.clause_a_id, m.clause_b_id, m.mapping_type, m.notes, " + rfc3339("m.created_at")
      + ", " + rfc3339("m.updated_at") + ", m.created_by_id, m.updated_by_id, m.version";
  return kColumns;
}

MappingRow mapping(const db::Result& result, int row) {
  MappingRow m;
  m.id = result.int64(row, 0);
  m.clause_a_id = result.int64(row, 1);
  m.clause_b_id = result.int64(row, 2);
  m.mapping_type = result.string(row, 3);
  m.notes = result.optional_string(row, 4);
  m.created_at = result.string(row, 5);
  m.updated_at = result.string(row, 6);
  m.created_by_id = result.optional_int64(row, 7);
  m.updated_by_id = result.optional_int64(row, 8);
  m.version = result.int64(row, 9);
  return m;
}

const std::string& soa_columns() {
  static const std::string kColumns =
      "e.id, e.control_id, e.is_applicable, e.justification, e.implementation_status, e.owner_id, "
      + rfc3339("e.reviewed_at") + ", e.reviewed_by_id, e.notes, " + rfc3339("e.created_at") + ", "
      + rfc3339("e.updated_at") + ", e.created_by_id, e.updated_by_id, e.version";
  return kColumns;
}

SoaEntryRow soa_entry(const db::Result& result, int row, int offset) {
  SoaEntryRow e;
  e.id = result.int64(row, offset + 0);
  e.control_id = result.int64(row, offset + 1);
  e.is_applicable = result.boolean(row, offset + 2);
  e.justification = result.optional_string(row, offset + 3);
  e.implementation_status = result.string(row, offset + 4);
  e.owner_id = result.optional_int64(row, offset + 5);
  e.reviewed_at = result.optional_string(row, offset + 6);
  e.reviewed_by_id = result.optional_int64(row, offset + 7);
  e.notes = result.optional_string(row, offset + 8);
  e.created_at = result.string(row, offset + 9);
  e.updated_at = result.string(row, offset + 10);
  e.created_by_id = result.optional_int64(row, offset + 11);
  e.updated_by_id = result.optional_int64(row, offset + 12);
  e.version = result.int64(row, offset + 13);
  return e;
}

std::string natural_key(const std::string& column) {
  // Digits are left-padded so 10 sorts after 9; other segments sort after every number ("A.5"
  // after "10").
  return "(SELECT array_agg(CASE WHEN part ~ '^[0-9]+$' THEN lpad(part, 12, '0') ELSE '~' || part "
         "END ORDER BY ord) FROM unnest(string_to_array("
         + column + ", '.')) WITH ORDINALITY AS parts(part, ord))";
}

}  // namespace qgp::store::standards::rows
