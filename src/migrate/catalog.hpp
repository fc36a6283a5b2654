#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/model.hpp"

// A schema as the diff sees it: the model (schema/model.hpp) plus what only a live catalog knows.
// Introspection fills every part; a catalog built from a declared model alone has no definitions,
// and the diff then compares the model's fields.
namespace qgp::migrate {

// A sequence not owned by an identity column (identity sequences belong to their column).
struct Sequence {
  std::string name;
  std::string data_type;  // "bigint", "integer", "smallint"
  std::int64_t start = 1;
  std::int64_t increment = 1;
  std::int64_t min_value = 1;
  std::int64_t max_value = 0;
  bool cycle = false;
  std::string owned_by;  // "table.column" for serial-style ownership, "" otherwise
};

// Any other object of schema `public` the model cannot express (views, types, extensions, functions
// with arguments, procedures, ...). Reported by check so that nothing hides; its definition is the
// server's own text where one exists, so that a downgrade can recreate it.
struct OtherObject {
  std::string kind;        // "view", "materialized view", "type", "extension", "function", ...
  std::string name;        // identity, e.g. "f(integer)" for a function with arguments
  std::string definition;  // CREATE statement (may be empty when PostgreSQL cannot print one)
};

// Server-rendered definitions, keyed by object name (for indexes, functions) or "table.name" (for
// constraints and triggers). PostgreSQL prints them in its canonical form, so comparing them is
// exact; they are also the text autogenerate uses to (re)create an object.
struct Definitions {
  std::map<std::string, std::string> constraints;  // "table.constraint" -> pg_get_constraintdef
  std::map<std::string, std::string> indexes;      // index -> pg_get_indexdef
  std::map<std::string, std::string> triggers;     // "table.trigger" -> pg_get_triggerdef
  std::map<std::string, std::string> functions;    // function -> pg_get_functiondef
};

struct Catalog {
  schema::Schema schema;
  std::vector<Sequence> sequences;
  std::vector<OtherObject> others;
  Definitions definitions;
  bool introspected = false;  // true when read from a live database (definitions are complete)
  // The declared model this catalog is the canonical form of (set by autogenerate): objects created
  // from it are rendered in their authored form, which PostgreSQL canonicalises to the same
  // catalog.
  std::optional<schema::Schema> declared;
};

// A catalog holding only a declared model.
Catalog catalog_from_schema(const schema::Schema& schema);

// Sorts every list by name so that two catalogs of the same schema compare equal member by member.
void sort_catalog(Catalog& catalog);

// The bookkeeping tables of the migration engine: the only objects introspection leaves out.
bool is_engine_table(std::string_view table);

[[nodiscard]] std::string_view fk_action_sql(schema::FkAction action);

}  // namespace qgp::migrate
