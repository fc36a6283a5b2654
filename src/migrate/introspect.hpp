#pragma once

#include "db/connection.hpp"
#include "migrate/catalog.hpp"

namespace qgp::migrate {

// Reads schema `public` of the connected database into a catalog: tables, columns (format_type,
// pg_get_expr defaults, identity, NOT NULL, collation), constraints (pg_get_constraintdef), indexes
// not backing a constraint (pg_get_indexdef), non-internal triggers, functions, comments,
// sequences not owned by an identity column, and every other object of the schema. Only the
// migration engine's bookkeeping tables are left out. A fixed handful of queries in one read-only
// snapshot, whatever the number of tables. Must not be called inside a transaction.
Catalog introspect(db::Connection& connection);

// Splits the key list and predicate out of a pg_get_indexdef text (exposed for tests).
schema::Index parse_index_definition(std::string_view definition);

// Splits timing, events, FOR EACH and function out of a pg_get_triggerdef text.
schema::Trigger parse_trigger_definition(std::string_view definition);

}  // namespace qgp::migrate
