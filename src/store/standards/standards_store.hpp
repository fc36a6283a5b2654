#pragma once

// SQL of the standards library beyond what the kit generates from the declarations (model/
// standards): lookups by natural key, the clause tree and its re-levelling, the clauses mapped to a
// clause, and the Statement of Applicability. Rows are read by the declarations (by column name).
// Every function runs in the caller's connection or unit of work.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "kit/list.hpp"
#include "model/standards/clause.hpp"
#include "model/standards/control.hpp"
#include "model/standards/soa.hpp"
#include "model/standards/standard.hpp"

namespace qgp::store::standards {

using model::standards::Clause;
using model::standards::ClauseMapping;
using model::standards::Control;
using model::standards::MappedClause;
using model::standards::SoaEntry;
using model::standards::SoaLine;
using model::standards::Standard;

// Archived ones too: the seed matches by natural key and never revives an archived record.
std::optional<Standard> standard_by_code(db::Connection& connection, std::string_view code);
// Every clause of a standard in tree order (sort_order, natural number, id).
std::vector<Clause> clauses_of(db::Connection& connection, std::int64_t standard_id,
                               bool include_archived);
// Every control of a standard in natural number order.
std::vector<Control> controls_of(db::Connection& connection, std::int64_t standard_id,
                                 bool include_archived);
std::vector<ClauseMapping> all_mappings(db::Connection& connection);

// A page of the clauses mapped to `clause_id` (either side of each pair; archived ones left out).
qgp::kit::Page<MappedClause> mapped_clauses(db::Connection& connection, std::int64_t clause_id,
                                            const qgp::kit::ListQuery& query);
bool delete_mapping(db::Connection& connection, std::int64_t id);

// Recomputes `level` below `id` after a move (level = parent level + 1); each re-levelled clause
// gets a new version. Returns the clauses whose level changed, by id.
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

std::optional<SoaEntry> soa_entry_of(db::Connection& connection, std::int64_t control_id);
// Every line of a standard's SoA in natural control order (the CSV export).
std::vector<SoaLine> soa_lines(db::Connection& connection, std::int64_t standard_id);

// Serializes seeders: a transaction-scoped advisory lock, released at commit or rollback, so two
// concurrent `qgp seed` runs cannot race on the same natural keys.
void lock_catalog(db::Connection& connection);

}  // namespace qgp::store::standards
