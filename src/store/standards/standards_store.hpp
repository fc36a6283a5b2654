#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/standards/records.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::store::standards {

// SQL for standards, clauses, controls, clause mappings and SoA entries. Every function runs in
// the caller's transaction; `user_id` is the acting user recorded in created_by/updated_by. An
// update returns nullopt when no row matched (missing, archived or a stale `expected_version`):
// the caller decides which it was.

// --- standards --------------------------------------------------------------------------------
std::optional<StandardRow> find_standard(db::Connection& connection, std::int64_t id);
std::optional<StandardRow> find_standard_by_code(db::Connection& connection, std::string_view code);
ListResult<StandardRow> list_standards(db::Connection& connection, const StandardFilter& filter,
                                       const ListWindow& window);
std::int64_t insert_standard(db::Connection& connection, const StandardFields& fields,
                             std::optional<std::int64_t> user_id);
bool update_standard(db::Connection& connection, std::int64_t id, std::int64_t expected_version,
                     const StandardFields& fields, std::optional<std::int64_t> user_id);
bool archive_standard(db::Connection& connection, std::int64_t id,
                      std::optional<std::int64_t> user_id);

// --- clauses ----------------------------------------------------------------------------------
std::optional<ClauseRow> find_clause(db::Connection& connection, std::int64_t id);
std::optional<ClauseRow> find_clause_by_number(db::Connection& connection, std::int64_t standard_id,
                                               std::string_view clause_number);
ListResult<ClauseRow> list_clauses(db::Connection& connection, std::int64_t standard_id,
                                   const ClauseFilter& filter, const ListWindow& window);
// Every clause of a standard in tree order (sort_order, natural number, id).
std::vector<ClauseRow> all_clauses(db::Connection& connection, std::int64_t standard_id,
                                   bool include_archived);
std::int64_t insert_clause(db::Connection& connection, std::int64_t standard_id,
                           const ClauseFields& fields, std::optional<std::int64_t> user_id);
bool update_clause(db::Connection& connection, std::int64_t id, std::int64_t expected_version,
                   const ClauseFields& fields, std::optional<std::int64_t> user_id);
// Recomputes `level` below `id` after a move (level = parent level + 1); each re-levelled clause
// gets a new version. Returns the clauses whose level changed (by id), for the audit trail.
struct Relevelled {
  std::int64_t id = 0;
  int before = 0;
  int after = 0;
};
std::vector<Relevelled> relevel_descendants(db::Connection& connection, std::int64_t id,
                                            std::optional<std::int64_t> user_id);
// True when `candidate` is `ancestor` itself or lies in its subtree.
bool in_subtree(db::Connection& connection, std::int64_t ancestor, std::int64_t candidate);
// Depth of the subtree under `id` (0: no children).
int subtree_height(db::Connection& connection, std::int64_t id);
// Non-archived child clauses and controls hanging directly under `id`.
std::int64_t count_live_children(db::Connection& connection, std::int64_t id);
bool archive_clause(db::Connection& connection, std::int64_t id,
                    std::optional<std::int64_t> user_id);

// --- controls ---------------------------------------------------------------------------------
std::optional<ControlRow> find_control(db::Connection& connection, std::int64_t id);
ListResult<ControlRow> list_controls(db::Connection& connection, std::int64_t standard_id,
                                     const ControlFilter& filter, const ListWindow& window);
std::vector<ControlRow> all_controls(db::Connection& connection, std::int64_t standard_id,
                                     bool include_archived);
std::int64_t insert_control(db::Connection& connection, std::int64_t standard_id,
                            const ControlFields& fields, std::optional<std::int64_t> user_id);
bool update_control(db::Connection& connection, std::int64_t id, std::int64_t expected_version,
                    const ControlFields& fields, std::optional<std::int64_t> user_id);
bool archive_control(db::Connection& connection, std::int64_t id,
                     std::optional<std::int64_t> user_id);

// --- clause mappings --------------------------------------------------------------------------
std::optional<MappingRow> find_mapping(db::Connection& connection, std::int64_t id);
// `a` and `b` in any order.
std::optional<MappingRow> find_mapping_by_pair(db::Connection& connection, std::int64_t a,
                                               std::int64_t b);
// Every mapping touching one of the standards' clauses (for the seed's bulk comparison).
std::vector<MappingRow> all_mappings(db::Connection& connection);
// The clauses mapped to `clause_id` (either side of the ordered pair), non-archived only.
ListResult<MappedClauseRow> list_mapped_clauses(db::Connection& connection, std::int64_t clause_id,
                                                const ListWindow& window);
// Orders the pair itself (clause_a_id < clause_b_id).
std::int64_t insert_mapping(db::Connection& connection, std::int64_t a, std::int64_t b,
                            std::string_view mapping_type, const std::optional<std::string>& notes,
                            std::optional<std::int64_t> user_id);
void update_mapping_type(db::Connection& connection, std::int64_t id, std::string_view mapping_type,
                         std::optional<std::int64_t> user_id);
bool delete_mapping(db::Connection& connection, std::int64_t id);

// --- Statement of Applicability ---------------------------------------------------------------
std::optional<SoaEntryRow> find_soa_entry(db::Connection& connection, std::int64_t control_id);
// The same, locked (FOR UPDATE) until the end of the caller's transaction.
std::optional<SoaEntryRow> lock_soa_entry(db::Connection& connection, std::int64_t control_id);
// Every non-archived control of the standard with its entry (if any), natural control order.
ListResult<SoaLine> list_soa(db::Connection& connection, std::int64_t standard_id,
                             const SoaFilter& filter, const ListWindow& window);
std::vector<SoaLine> all_soa(db::Connection& connection, std::int64_t standard_id);
// The control's first entry (INSERT ... ON CONFLICT (control_id) DO NOTHING): its id, or nullopt
// when the control already has one, committed by a concurrent transaction after the caller
// looked (PostgreSQL waits for that transaction to end before it decides).
std::optional<std::int64_t> insert_soa_entry(db::Connection& connection, std::int64_t control_id,
                                             const SoaFields& fields,
                                             std::optional<std::int64_t> user_id);
bool update_soa_entry(db::Connection& connection, std::int64_t id, std::int64_t expected_version,
                      const SoaFields& fields, std::optional<std::int64_t> user_id);

bool user_exists(db::Connection& connection, std::int64_t user_id);

// Serializes seeders: a transaction-scoped advisory lock, released at commit or rollback, so two
// concurrent `qgp seed` runs cannot race on the same natural keys.
void lock_catalog(db::Connection& connection);

}  // namespace qgp::store::standards
