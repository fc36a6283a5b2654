#pragma once

// Internal to store/standards: the SELECT lists and their row mappers, shared by the store files so
// that every query of one table returns the same shape.

#include <string>

#include "db/connection.hpp"
#include "store/standards/records.hpp"

namespace qgp::store::standards::rows {

// Columns of `standards s` (with clause/control counts), in StandardRow order.
const std::string& standard_columns();
StandardRow standard(const db::Result& result, int row);

// Columns of `clauses c`, in ClauseRow order; `offset` skips leading columns of a wider SELECT.
const std::string& clause_columns();
inline constexpr int kClauseColumnCount = 16;
ClauseRow clause(const db::Result& result, int row, int offset = 0);

// Columns of `controls k` (with the clause number of k.clause_id), in ControlRow order.
const std::string& control_columns();
inline constexpr int kControlColumnCount = 17;
ControlRow control(const db::Result& result, int row, int offset = 0);

const std::string& mapping_columns();
MappingRow mapping(const db::Result& result, int row);

// Columns of `soa_entries e` (all NULL when the LEFT JOIN found no entry).
const std::string& soa_columns();
SoaEntryRow soa_entry(const db::Result& result, int row, int offset = 0);

// A natural sort key for dotted numbers ("A.5.10" after "A.5.9"): each segment left-padded.
std::string natural_key(const std::string& column);

}  // namespace qgp::store::standards::rows
