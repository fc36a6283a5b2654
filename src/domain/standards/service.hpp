#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "domain/standards/rules.hpp"
#include "store/standards/records.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::domain::standards {

// Use cases of the standards library. Mutations run in their own transaction and write exactly one
// audit_log row per changed record in it; reads throw core::NotFound for a missing record.
// Archived records stay readable (they are evidence) but cannot be changed (core::Conflict).

namespace rows = store::standards;

// A PATCH: absent fields keep their value; for nullable fields the outer optional says "present"
// and the inner one carries the value or null.
template <typename T>
using Patch = std::optional<T>;
template <typename T>
using NullablePatch = std::optional<std::optional<T>>;

// --- standards --------------------------------------------------------------------------------
struct StandardPatch {
  std::int64_t version = 0;
  Patch<std::string> name;
  Patch<std::string> full_name;
  Patch<std::string> edition;
  NullablePatch<std::string> description;
  NullablePatch<std::string> effective_date;
  Patch<bool> is_active;
};

rows::ListResult<rows::StandardRow> list_standards(db::Connection& connection,
                                                   const rows::StandardFilter& filter,
                                                   const rows::ListWindow& window);
rows::StandardRow get_standard(db::Connection& connection, std::int64_t id);
rows::StandardRow create_standard(db::Connection& connection, const core::Actor& actor,
                                  rows::StandardFields fields);
rows::StandardRow update_standard(db::Connection& connection, const core::Actor& actor,
                                  std::int64_t id, const StandardPatch& patch);
void archive_standard(db::Connection& connection, const core::Actor& actor, std::int64_t id);

struct StandardTree {
  rows::StandardRow standard;
  std::vector<ClauseNode> clauses;
};
// The standard with its clause tree; `with_controls` attaches each clause's controls.
StandardTree get_tree(db::Connection& connection, std::int64_t standard_id, bool with_controls,
                      bool include_archived);

// --- clauses ----------------------------------------------------------------------------------
struct ClauseCreate {
  std::optional<std::int64_t> parent_clause_id;
  std::string clause_number;
  std::string title;
  std::optional<std::string> description;
  std::optional<int> sort_order;  // default: after the existing siblings
  bool is_active = true;
};
struct ClausePatch {
  std::int64_t version = 0;
  NullablePatch<std::int64_t> parent_clause_id;
  Patch<std::string> clause_number;
  Patch<std::string> title;
  NullablePatch<std::string> description;
  Patch<int> sort_order;
  Patch<bool> is_active;
};

rows::ListResult<rows::ClauseRow> list_clauses(db::Connection& connection, std::int64_t standard_id,
                                               const rows::ClauseFilter& filter,
                                               const rows::ListWindow& window);
rows::ClauseRow get_clause(db::Connection& connection, std::int64_t id);
rows::ClauseRow create_clause(db::Connection& connection, const core::Actor& actor,
                              std::int64_t standard_id, const ClauseCreate& input);
rows::ClauseRow update_clause(db::Connection& connection, const core::Actor& actor, std::int64_t id,
                              const ClausePatch& patch);
// Refused (Conflict) while live sub-clauses or controls hang under the clause.
void archive_clause(db::Connection& connection, const core::Actor& actor, std::int64_t id);

// --- clause mappings --------------------------------------------------------------------------
rows::ListResult<rows::MappedClauseRow> list_mapped_clauses(db::Connection& connection,
                                                            std::int64_t clause_id,
                                                            const rows::ListWindow& window);
rows::MappingRow get_mapping(db::Connection& connection, std::int64_t id);
// `a` and `b` in any order; they must be live clauses of different standards.
rows::MappingRow create_mapping(db::Connection& connection, const core::Actor& actor,
                                std::int64_t a, std::int64_t b, const std::string& mapping_type,
                                const std::optional<std::string>& notes);
void delete_mapping(db::Connection& connection, const core::Actor& actor, std::int64_t id);

// --- controls ---------------------------------------------------------------------------------
struct ControlPatch {
  std::int64_t version = 0;
  NullablePatch<std::int64_t> clause_id;
  Patch<std::string> control_number;
  Patch<std::string> title;
  NullablePatch<std::string> description;
  NullablePatch<std::string> guidance;
  NullablePatch<std::string> theme;
  Patch<bool> is_active;
};

rows::ListResult<rows::ControlRow> list_controls(db::Connection& connection,
                                                 std::int64_t standard_id,
                                                 const rows::ControlFilter& filter,
                                                 const rows::ListWindow& window);
rows::ControlRow get_control(db::Connection& connection, std::int64_t id);
rows::ControlRow create_control(db::Connection& connection, const core::Actor& actor,
                                std::int64_t standard_id, rows::ControlFields fields);
rows::ControlRow update_control(db::Connection& connection, const core::Actor& actor,
                                std::int64_t id, const ControlPatch& patch);
void archive_control(db::Connection& connection, const core::Actor& actor, std::int64_t id);

// --- Statement of Applicability ---------------------------------------------------------------
struct SoaPut {
  bool is_applicable = true;
  std::optional<std::string> justification;
  std::optional<std::string> implementation_status;  // default: default_implementation_status
  std::optional<std::int64_t> owner_id;
  std::optional<std::string> notes;
  std::optional<std::int64_t> version;  // when given, must equal the entry's (0: no entry yet)
};
struct SoaPutResult {
  rows::SoaEntryRow entry;
  bool created = false;
};

rows::ListResult<rows::SoaLine> list_soa(db::Connection& connection, std::int64_t standard_id,
                                         const rows::SoaFilter& filter,
                                         const rows::ListWindow& window);
// Every line of the standard's SoA (for the CSV export).
std::vector<rows::SoaLine> soa_lines(db::Connection& connection, std::int64_t standard_id);
SoaPutResult put_soa(db::Connection& connection, const core::Actor& actor, std::int64_t control_id,
                     const SoaPut& input);

}  // namespace qgp::domain::standards
