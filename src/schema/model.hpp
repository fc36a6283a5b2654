#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The schema model: what a PostgreSQL schema consists of, as plain data. The declared schema
// (schema/declared.hpp) is written in it, introspection (migrate/) reads a live database into it,
// and the diff compares two values of it.
namespace qgp::schema {

enum class FkAction : std::uint8_t { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };

enum class Identity : std::uint8_t { kNone, kAlways, kByDefault };

struct Column {
  std::string name;
  // The type as PostgreSQL's format_type() prints it: "bigint", "text", "boolean", "integer",
  // "numeric(12,2)", "timestamp with time zone", "date", "jsonb", "text[]", "bytea", "uuid",
  // "inet".
  std::string type;
  bool nullable = true;
  std::optional<std::string> default_expr;  // SQL expression, e.g. "now()", "'open'::text", "0"
  Identity identity = Identity::kNone;
  std::string comment;
  std::optional<std::string> renamed_from;  // a declared rename hint for autogenerate
};

struct PrimaryKey {
  std::string name;  // <table>_pkey
  std::vector<std::string> columns;
};

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
};

struct CheckConstraint {
  std::string name;
  std::string expression;  // without the CHECK keyword, e.g. "(likelihood BETWEEN 1 AND 5)"
};

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  FkAction on_delete = FkAction::kNoAction;
  FkAction on_update = FkAction::kNoAction;
};

struct Index {
  std::string name;
  std::vector<std::string>
      keys;  // column names or expressions, e.g. "lower(email)", "created_at DESC"
  bool unique = false;
  std::string method = "btree";
  std::optional<std::string> where;  // partial index predicate
};

struct Trigger {
  std::string name;
  std::string timing;            // "BEFORE" | "AFTER"
  std::string events;            // "UPDATE", "INSERT OR UPDATE", "UPDATE OR DELETE", ...
  std::string for_each = "ROW";  // "ROW" | "STATEMENT"
  std::string function;          // function name, called with no arguments
};

struct Table {
  std::string name;
  std::string comment;
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;
  std::vector<UniqueConstraint> uniques;
  std::vector<CheckConstraint> checks;
  std::vector<ForeignKey> foreign_keys;
  std::vector<Index> indexes;
  std::vector<Trigger> triggers;
  std::optional<std::string> renamed_from;
};

// A plpgsql (or sql) function the schema needs, e.g. the updated_at trigger function.
struct Function {
  std::string name;      // e.g. "qgp_set_updated_at"
  std::string returns;   // e.g. "trigger"
  std::string language;  // "plpgsql"
  std::string body;      // the function body between the dollar quotes
};

struct Schema {
  std::vector<Function> functions;
  std::vector<Table> tables;
};

}  // namespace qgp::schema
