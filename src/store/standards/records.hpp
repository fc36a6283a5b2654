#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/common/list_sql.hpp"

namespace qgp::store::standards {

// Rows of the standards tables as the store reads them. Timestamps are RFC 3339 UTC text, dates
// YYYY-MM-DD text (rendered by SQL), so no layer above has to reformat them.

struct StandardRow {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string full_name;
  std::string edition;
  std::optional<std::string> description;
  std::optional<std::string> effective_date;
  bool is_active = true;
  std::optional<std::string> archived_at;
  std::optional<std::int64_t> archived_by_id;
  std::string created_at;
  std::string updated_at;
  std::optional<std::int64_t> created_by_id;
  std::optional<std::int64_t> updated_by_id;
  std::int64_t version = 1;
  std::int64_t clause_count = 0;   // non-archived clauses
  std::int64_t control_count = 0;  // non-archived controls
};

struct StandardFields {
  std::string code;
  std::string name;
  std::string full_name;
  std::string edition;
  std::optional<std::string> description;
  std::optional<std::string> effective_date;
  bool is_active = true;
};

struct StandardFilter {
  std::optional<bool> is_active;
  bool include_archived = false;
  std::optional<std::string> code;
  std::optional<std::string> q;  // code, name, full_name
};

struct ClauseRow {
  std::int64_t id = 0;
  std::int64_t standard_id = 0;
  std::optional<std::int64_t> parent_clause_id;
  std::string clause_number;
  std::string title;
  std::optional<std::string> description;
  int level = 1;
  int sort_order = 0;
  bool is_active = true;
  std::optional<std::string> archived_at;
  std::optional<std::int64_t> archived_by_id;
  std::string created_at;
  std::string updated_at;
  std::optional<std::int64_t> created_by_id;
  std::optional<std::int64_t> updated_by_id;
  std::int64_t version = 1;
};

struct ClauseFields {
  std::optional<std::int64_t> parent_clause_id;
  std::string clause_number;
  std::string title;
  std::optional<std::string> description;
  int level = 1;
  int sort_order = 0;
  bool is_active = true;
};

struct ClauseFilter {
  bool top_level_only = false;
  std::optional<std::int64_t> parent_clause_id;
  std::optional<int> level;
  std::optional<bool> is_active;
  bool include_archived = false;
  std::optional<std::string> q;  // clause_number, title
};

struct ControlRow {
  std::int64_t id = 0;
  std::int64_t standard_id = 0;
  std::optional<std::int64_t> clause_id;
  std::optional<std::string> clause_number;  // of clause_id, for display
  std::string control_number;
  std::string title;
  std::optional<std::string> description;
  std::optional<std::string> guidance;
  std::optional<std::string> theme;
  bool is_active = true;
  std::optional<std::string> archived_at;
  std::optional<std::int64_t> archived_by_id;
  std::string created_at;
  std::string updated_at;
  std::optional<std::int64_t> created_by_id;
  std::optional<std::int64_t> updated_by_id;
  std::int64_t version = 1;
};

struct ControlFields {
  std::optional<std::int64_t> clause_id;
  std::string control_number;
  std::string title;
  std::optional<std::string> description;
  std::optional<std::string> guidance;
  std::optional<std::string> theme;
  bool is_active = true;
};

struct ControlFilter {
  std::optional<std::string> theme;
  std::optional<std::int64_t> clause_id;
  std::optional<bool> is_active;
  bool include_archived = false;
  std::optional<std::string> q;  // control_number, title
};

struct MappingRow {
  std::int64_t id = 0;
  std::int64_t clause_a_id = 0;
  std::int64_t clause_b_id = 0;
  std::string mapping_type;
  std::optional<std::string> notes;
  std::string created_at;
  std::string updated_at;
  std::optional<std::int64_t> created_by_id;
  std::optional<std::int64_t> updated_by_id;
  std::int64_t version = 1;
};

// A mapping seen from one of its clauses: the clause on the other side.
struct MappedClauseRow {
  std::int64_t mapping_id = 0;
  std::string mapping_type;
  std::optional<std::string> notes;
  ClauseRow clause;
  std::string standard_code;
};

struct SoaEntryRow {
  std::int64_t id = 0;
  std::int64_t control_id = 0;
  bool is_applicable = true;
  std::optional<std::string> justification;
  std::string implementation_status;
  std::optional<std::int64_t> owner_id;
  std::optional<std::string> reviewed_at;
  std::optional<std::int64_t> reviewed_by_id;
  std::optional<std::string> notes;
  std::string created_at;
  std::string updated_at;
  std::optional<std::int64_t> created_by_id;
  std::optional<std::int64_t> updated_by_id;
  std::int64_t version = 1;
};

struct SoaFields {
  bool is_applicable = true;
  std::optional<std::string> justification;
  std::string implementation_status;
  std::optional<std::int64_t> owner_id;
  std::optional<std::string> notes;
};

// One Statement of Applicability line: a control and its entry, if one was recorded yet.
struct SoaLine {
  ControlRow control;
  std::optional<SoaEntryRow> entry;
};

struct SoaFilter {
  std::optional<std::string> theme;
  std::optional<bool> is_applicable;  // a control without an entry counts as applicable
  std::optional<std::string> implementation_status;  // no entry counts as not_implemented
  std::optional<std::string> q;
};

struct ListWindow {
  std::vector<common::SortKey> sort;
  common::Page page;
};

template <typename Row>
struct ListResult {
  std::vector<Row> items;
  std::int64_t total = 0;
};

}  // namespace qgp::store::standards
