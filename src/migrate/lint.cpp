#include "migrate/lint.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "migrate/graph.hpp"
#include "migrate/pg_parser.hpp"
#include "migrate/splitter.hpp"

namespace qgp::migrate {

namespace {

using Json = nlohmann::json;

constexpr std::string_view kWaiverPrefix = "qgp-lint:";
constexpr std::int64_t kMaxTimeoutMs = 60000;  // a lock_timeout above a minute defeats its purpose
constexpr std::size_t kMaxIdentifierBytes = 63;  // NAMEDATALEN - 1

// ---- parse-tree access ---------------------------------------------------------------------

// The node type of a tree node: {"CreateStmt": {...}} -> "CreateStmt".
std::string_view kind_of(const Json& node) {
  return node.is_object() && !node.empty() ? std::string_view(node.begin().key())
                                           : std::string_view();
}

const Json& body_of(const Json& node) {
  return node.begin().value();
}

const Json* field(const Json& node, std::string_view key) {
  if (!node.is_object()) {
    return nullptr;
  }
  const auto it = node.find(key);
  return it == node.end() ? nullptr : &*it;
}

std::string text_field(const Json& node, std::string_view key) {
  const auto* value = field(node, key);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

bool bool_field(const Json& node, std::string_view key) {
  const auto* value = field(node, key);
  return value != nullptr && value->is_boolean() && value->get<bool>();
}

// Elements of a list field (missing: empty).
const Json& list_field(const Json& node, std::string_view key) {
  static const Json kEmpty = Json::array();
  const auto* value = field(node, key);
  return value != nullptr && value->is_array() ? *value : kEmpty;
}

// {"String": {"sval": "x"}} -> "x".
std::string string_node(const Json& node) {
  if (kind_of(node) != "String") {
    return {};
  }
  return text_field(body_of(node), "sval");
}

// The last name of a qualified name list ([schema, name] or [name]).
std::string last_name(const Json& names) {
  return names.is_array() && !names.empty() ? string_node(names.back()) : std::string();
}

// A DropStmt object: {"List": {"items": [...]}} or a bare String.
std::string object_name(const Json& object) {
  if (kind_of(object) == "List") {
    return last_name(list_field(body_of(object), "items"));
  }
  return string_node(object);
}

std::string relation_name(const Json& node, std::string_view key = "relation") {
  const auto* relation = field(node, key);
  return relation == nullptr ? std::string() : text_field(*relation, "relname");
}

// An integer A_Const's value (libpg_query leaves 0 out: {"ival": {}}).
std::optional<std::int64_t> integer_const(const Json& node) {
  if (kind_of(node) != "A_Const") {
    return std::nullopt;
  }
  const auto* ival = field(body_of(node), "ival");
  if (ival == nullptr) {
    return std::nullopt;
  }
  const auto* value = field(*ival, "ival");
  return value == nullptr ? 0 : value->get<std::int64_t>();
}

std::optional<std::string> string_const(const Json& node) {
  if (kind_of(node) != "A_Const") {
    return std::nullopt;
  }
  const auto* sval = field(body_of(node), "sval");
  if (sval == nullptr) {
    return std::nullopt;
  }
  return text_field(*sval, "sval");
}

// Visits every node of a tree, depth first.
template <typename Visit>
void walk(const Json& node, const Visit& visit) {
  if (node.is_object()) {
    visit(node);
    for (const auto& [key, value] : node.items()) {
      walk(value, visit);
    }
  } else if (node.is_array()) {
    for (const auto& value : node) {
      walk(value, visit);
    }
  }
}

// ---- types ---------------------------------------------------------------------------------

struct TypeRef {
  std::string name;  // pg_catalog's name: int4, varchar, bpchar, timestamptz, ...
  std::vector<std::int64_t> mods;
  bool array = false;

  bool operator==(const TypeRef&) const = default;
};

TypeRef type_of(const Json& type_name) {
  TypeRef type;
  type.name = last_name(list_field(type_name, "names"));
  for (const auto& mod : list_field(type_name, "typmods")) {
    if (const auto value = integer_const(mod)) {
      type.mods.push_back(*value);
    }
  }
  type.array = field(type_name, "arrayBounds") != nullptr;
  return type;
}

std::string type_text(const TypeRef& type) {
  std::string out = type.name;
  if (!type.mods.empty()) {
    out += "(";
    for (std::size_t i = 0; i < type.mods.size(); ++i) {
      out += (i > 0 ? "," : "") + std::to_string(type.mods[i]);
    }
    out += ")";
  }
  return out + (type.array ? "[]" : "");
}

bool is_int4(std::string_view name) {
  return name == "int4" || name == "integer" || name == "int" || name == "serial"
         || name == "serial4";
}

bool is_int2(std::string_view name) {
  return name == "int2" || name == "smallint" || name == "smallserial" || name == "serial2";
}

bool is_serial(std::string_view name) {
  return name == "serial" || name == "serial2" || name == "serial4" || name == "serial8"
         || name == "smallserial" || name == "bigserial";
}

// A type change PostgreSQL 15 makes in the catalog only: no rewrite, no scan, no index rebuild.
bool binary_coercible(const TypeRef& from, const TypeRef& to) {
  if (from.array != to.array) {
    return false;
  }
  if (from == to) {
    return true;
  }
  const auto length_only = [&](std::string_view type) {
    if (from.name != type || to.name != type) {
      return false;
    }
    return to.mods.empty() || (!from.mods.empty() && to.mods.front() >= from.mods.front());
  };
  if (length_only("varchar") || length_only("varbit")) {
    return true;
  }
  if (from.name == "varchar" && to.name == "text") {
    return true;
  }
  if (from.name == "text" && to.name == "varchar" && to.mods.empty()) {
    return true;
  }
  if (from.name == "numeric" && to.name == "numeric") {
    if (to.mods.empty()) {
      return true;
    }
    const auto scale = [](const TypeRef& t) { return t.mods.size() > 1 ? t.mods[1] : 0; };
    return !from.mods.empty() && to.mods.front() >= from.mods.front() && scale(to) == scale(from);
  }
  return from.name == "cidr" && to.name == "inet";
}

// ---- what the revisions establish ------------------------------------------------------------

using TableColumn = std::pair<std::string, std::string>;

// Carried from one upgrade to the next (graph order).
struct Knowledge {
  std::map<std::string, std::map<std::string, TypeRef>> columns;  // table -> column -> type
  std::map<std::string, TableColumn> not_null_checks;  // CHECK (col IS NOT NULL) name -> column
  std::set<TableColumn> proven_not_null;               // by a validated such check
  std::map<std::string, std::string> index_table;      // index -> table
};

// One section of one revision.
struct Scope {
  bool upgrade = true;
  bool transactional = true;
  bool has_ddl = false;                  // the section runs DDL somewhere
  std::set<std::string> created_tables;  // new, empty tables (renames of them too)
  std::set<std::string> dropped_tables;  // tables the section drops (any time)
  std::set<std::string> created_indexes;
  std::set<std::string> created_types;           // enums and domains
  std::set<TableColumn> added_columns;           // columns added by this section
  std::map<std::string, int> added_enum_values;  // value -> statement index, this transaction
  // Constraints added NOT VALID to an existing table in this transaction: name -> the rule that
  // a VALIDATE of it in the same transaction breaks (the ADD's lock is held during the scan).
  std::map<std::string, std::string> not_valid_added;
  std::optional<std::size_t> open_begin;  // non-transactional: an explicit BEGIN not closed
  bool in_explicit_transaction = false;

  [[nodiscard]] bool existing(const std::string& table) const {
    return !created_tables.contains(table);
  }
  [[nodiscard]] bool in_transaction() const { return transactional || in_explicit_transaction; }
};

struct Hit {
  std::size_t statement;  // index of the statement it is reported on
  std::string rule;
  std::string message;
};

// Statements that are not DDL (the backfill rule asks whether a transaction holds DDL locks).
bool is_ddl(std::string_view kind) {
  static const std::set<std::string_view> kNotDdl = {
      "SelectStmt",     "InsertStmt",       "UpdateStmt",
      "DeleteStmt",     "VariableSetStmt",  "TransactionStmt",
      "DoStmt",         "CallStmt",         "CopyStmt",
      "ExplainStmt",    "LockStmt",         "NotifyStmt",
      "CommentStmt",    "VariableShowStmt", "VacuumStmt",
      "GrantStmt",      "GrantRoleStmt",    "AlterDefaultPrivilegesStmt",
      "CheckPointStmt", "MergeStmt"};
  return !kNotDdl.contains(kind);
}

class SectionLinter {
 public:
  SectionLinter(Knowledge& knowledge, Scope& scope, std::vector<Hit>& hits)
      : knowledge_(knowledge), scope_(scope), hits_(hits) {}

  void statement(std::size_t index, const Json& node) {
    index_ = index;
    const auto kind = kind_of(node);
    const auto& n = body_of(node);
    use_of_new_enum_values(node);
    if (kind == "CreateStmt") {
      create_table(n);
    } else if (kind == "CreateTableAsStmt") {
      const auto* into = field(n, "into");
      if (into != nullptr) {
        scope_.created_tables.insert(relation_name(*into, "rel"));
      }
    } else if (kind == "AlterTableStmt") {
      alter_table(n);
    } else if (kind == "RenameStmt") {
      rename(n);
    } else if (kind == "DropStmt") {
      drop(n);
    } else if (kind == "IndexStmt") {
      create_index(n);
    } else if (kind == "ReindexStmt") {
      reindex(n);
    } else if (kind == "VacuumStmt") {
      vacuum(n);
    } else if (kind == "TruncateStmt") {
      if (text_field(n, "behavior") == "DROP_CASCADE") {
        hit("ban-truncate-cascade",
            "TRUNCATE ... CASCADE also empties every table that references these, recursively");
      }
    } else if (kind == "DropdbStmt") {
      hit("ban-drop-database",
          fmt::format("DROP DATABASE {}: a migration must never drop a database",
                      text_field(n, "dbname")));
    } else if (kind == "CreateDomainStmt") {
      create_domain(n);
    } else if (kind == "AlterDomainStmt") {
      alter_domain(n);
    } else if (kind == "CreateEnumStmt") {
      scope_.created_types.insert(last_name(list_field(n, "typeName")));
    } else if (kind == "AlterEnumStmt") {
      alter_enum(n);
    } else if (kind == "TransactionStmt") {
      transaction(n);
    } else if (kind == "UpdateStmt" || kind == "DeleteStmt") {
      backfill(kind, n);
      if (kind == "UpdateStmt") {
        duplicate_assignments(list_field(n, "targetList"), "UPDATE ... SET");
      }
    } else if (kind == "InsertStmt") {
      duplicate_assignments(list_field(n, "cols"), "INSERT column list");
      if (const auto* conflict = field(n, "onConflictClause")) {
        duplicate_assignments(list_field(*conflict, "targetList"), "ON CONFLICT DO UPDATE SET");
      }
    } else if (kind == "VariableSetStmt") {
      timeout_setting(n);
    } else if (kind == "AlterDatabaseSetStmt" || kind == "AlterRoleSetStmt") {
      if (const auto* set = field(n, "setstmt")) {
        timeout_setting(*set);
      }
    }
    set_config_calls(node);
  }

  void finish() {
    if (scope_.open_begin) {
      hits_.push_back(
          {*scope_.open_begin, "ban-uncommitted-transaction",
           "BEGIN without a COMMIT or ROLLBACK before the end of the revision: the transaction "
           "stays open after it"});
    }
  }

 private:
  void hit(std::string rule, std::string message) {
    hits_.push_back({index_, std::move(rule), std::move(message)});
  }

  // ---- columns and types ----

  void type_rules(const TypeRef& type, const std::string& column, bool key) {
    const auto& name = type.name;
    if (name == "varchar" && !type.mods.empty()) {
      hit("prefer-text-field",
          fmt::format("column {} is varchar({}): widening it later takes an ACCESS EXCLUSIVE "
                      "lock; use text with a CHECK on its length",
                      column, type.mods.front()));
    } else if (name == "bpchar") {
      hit("ban-char-field",
          fmt::format("column {} is {}: char(n) pads with spaces and is no faster than text; use "
                      "text (with a CHECK on its length)",
                      column, type_text(type)));
    } else if (name == "timestamp") {
      hit("prefer-timestamptz",
          fmt::format("column {} is timestamp without time zone: it loses the offset; use "
                      "timestamptz",
                      column));
    } else if (name == "json") {
      hit("prefer-jsonb", fmt::format("column {} is json: it keeps text and indexes poorly; use "
                                      "jsonb",
                                      column));
    }
    if (is_serial(name)) {
      hit("prefer-identity",
          fmt::format("column {} is {}: serial types create loosely owned sequences; use "
                      "GENERATED ... AS IDENTITY",
                      column, name));
    }
    if (key && !type.array && is_int4(name)) {
      hit("prefer-bigint-over-int",
          fmt::format("key column {} is a 32-bit {}: 2^31 ids run out, and widening a key later "
                      "rewrites the table and every referencing one; use bigint",
                      column, name));
    } else if (key && !type.array && is_int2(name)) {
      hit("prefer-bigint-over-smallint",
          fmt::format("key column {} is a 16-bit {}: 32767 ids run out fast; use bigint", column,
                      name));
    }
  }

  // A key that grows with the table: the single column of a primary key, an identity, a serial.
  // (A column of a composite key, such as a year beside a prefix, holds values, not ids.)
  static bool is_key_column(const Json& column_def, const std::set<std::string>& table_keys) {
    if ((table_keys.size() == 1 && table_keys.contains(text_field(column_def, "colname")))
        || is_serial(type_of(*field(column_def, "typeName")).name)) {
      return true;
    }
    return std::ranges::any_of(list_field(column_def, "constraints"), [](const Json& constraint) {
      const auto contype = text_field(body_of(constraint), "contype");
      return contype == "CONSTR_PRIMARY" || contype == "CONSTR_IDENTITY";
    });
  }

  void create_table(const Json& n) {
    const auto table = relation_name(n);
    scope_.created_tables.insert(table);
    scope_.dropped_tables.erase(table);
    std::set<std::string> keys;
    for (const auto& element : list_field(n, "tableElts")) {
      if (kind_of(element) == "Constraint"
          && text_field(body_of(element), "contype") == "CONSTR_PRIMARY") {
        for (const auto& key : list_field(body_of(element), "keys")) {
          keys.insert(string_node(key));
        }
      }
    }
    auto& columns = knowledge_.columns[table];
    columns.clear();
    for (const auto& element : list_field(n, "tableElts")) {
      if (kind_of(element) != "ColumnDef") {
        continue;
      }
      const auto& column = body_of(element);
      const auto* type_name = field(column, "typeName");
      if (type_name == nullptr) {
        continue;  // a partition's column options
      }
      const auto name = text_field(column, "colname");
      const auto type = type_of(*type_name);
      columns[name] = type;
      type_rules(type, name, is_key_column(column, keys));
    }
  }

  void add_column(const std::string& table, const Json& column, bool existing) {
    const auto name = text_field(column, "colname");
    const auto* type_name = field(column, "typeName");
    if (type_name == nullptr) {
      return;
    }
    const auto type = type_of(*type_name);
    knowledge_.columns[table][name] = type;
    scope_.added_columns.insert({table, name});
    type_rules(type, name, is_key_column(column, {}));
    if (!existing) {
      return;
    }
    bool not_null = false;
    bool has_default = false;
    for (const auto& item : list_field(column, "constraints")) {
      const auto& constraint = body_of(item);
      const auto contype = text_field(constraint, "contype");
      if (contype == "CONSTR_NOTNULL") {
        not_null = true;
      } else if (contype == "CONSTR_DEFAULT") {
        has_default = true;
        if (const auto function = volatile_call(field(constraint, "raw_expr"))) {
          hit("adding-field-with-default",
              fmt::format("column {} gets the volatile default {}(): every row is rewritten "
                          "under ACCESS EXCLUSIVE",
                          name, *function));
        }
      } else if (contype == "CONSTR_GENERATED") {
        has_default = true;
        hit("adding-stored-generated-column",
            fmt::format("column {} is GENERATED ... STORED: adding it computes it for every row, "
                        "rewriting the table under ACCESS EXCLUSIVE",
                        name));
      } else if (contype == "CONSTR_IDENTITY") {
        has_default = true;
        hit("adding-field-with-default",
            fmt::format("identity column {} numbers every existing row: the table is rewritten "
                        "under ACCESS EXCLUSIVE",
                        name));
      } else if (contype == "CONSTR_PRIMARY") {
        hit("adding-primary-key-constraint",
            fmt::format("PRIMARY KEY column {} builds its index under ACCESS EXCLUSIVE", name));
      } else if (contype == "CONSTR_UNIQUE") {
        hit("disallowed-unique-constraint",
            fmt::format("UNIQUE column {} builds its index under ACCESS EXCLUSIVE", name));
      } else if (contype == "CONSTR_FOREIGN") {
        hit("adding-foreign-key-constraint",
            fmt::format("column {} REFERENCES {}: validating it scans the table under SHARE ROW "
                        "EXCLUSIVE on both tables",
                        name, relation_name(constraint, "pktable")));
      }
    }
    if (is_serial(type.name)) {
      has_default = true;
      hit("adding-field-with-default",
          fmt::format("{} column {} takes nextval() as its default: every row is rewritten under "
                      "ACCESS EXCLUSIVE",
                      type.name, name));
    }
    if (not_null && !has_default) {
      hit("adding-required-field",
          fmt::format("NOT NULL column {} without a default: it fails on a table with rows and "
                      "breaks writers that do not set it",
                      name));
    }
  }

  // The name of a call that makes a column default volatile, if any.
  static std::optional<std::string> volatile_call(const Json* expression) {
    static const std::set<std::string, std::less<>> kVolatile = {
        "random",           "gen_random_uuid",     "uuid_generate_v1", "uuid_generate_v1mc",
        "uuid_generate_v4", "clock_timestamp",     "timeofday",        "nextval",
        "txid_current",     "statement_timestamp", "random_normal",    "setseed"};
    std::optional<std::string> found;
    if (expression == nullptr) {
      return found;
    }
    walk(*expression, [&](const Json& node) {
      if (!found && kind_of(node) == "FuncCall") {
        const auto name = last_name(list_field(body_of(node), "funcname"));
        if (kVolatile.contains(name)) {
          found = name;
        }
      }
    });
    return found;
  }

  // ---- ALTER TABLE ----

  void alter_table(const Json& n) {
    const auto object = text_field(n, "objtype");
    if (object != "OBJECT_TABLE" && !object.empty()) {
      return;  // ALTER INDEX / SEQUENCE / VIEW ...
    }
    const auto table = relation_name(n);
    const bool existing = scope_.existing(table);
    for (const auto& item : list_field(n, "cmds")) {
      const auto& cmd = body_of(item);
      const auto subtype = text_field(cmd, "subtype");
      const auto column = text_field(cmd, "name");
      const auto* def = field(cmd, "def");
      if (subtype == "AT_AddColumn" && def != nullptr) {
        add_column(table, body_of(*def), existing);
      } else if (subtype == "AT_AlterColumnType" && def != nullptr) {
        alter_column_type(table, column, body_of(*def), existing);
      } else if (subtype == "AT_SetNotNull") {
        if (existing && !knowledge_.proven_not_null.contains({table, column})) {
          hit("adding-not-nullable-field",
              fmt::format("SET NOT NULL on {}.{} scans the table under ACCESS EXCLUSIVE: add "
                          "CHECK ({} IS NOT NULL) NOT VALID and VALIDATE it first",
                          table, column, column));
        }
      } else if (subtype == "AT_DropNotNull") {
        if (scope_.upgrade && existing && !scope_.added_columns.contains({table, column})) {
          hit("ban-drop-not-null",
              fmt::format("DROP NOT NULL on {}.{}: readers relying on it start seeing NULLs", table,
                          column));
        }
      } else if (subtype == "AT_AddConstraint" && def != nullptr) {
        add_constraint(table, body_of(*def), existing);
      } else if (subtype == "AT_ValidateConstraint") {
        validate_constraint(table, column);
        const auto found = knowledge_.not_null_checks.find(column);
        if (found != knowledge_.not_null_checks.end()) {
          knowledge_.proven_not_null.insert(found->second);
        }
      } else if (subtype == "AT_DropColumn") {
        if (scope_.upgrade && existing && !scope_.added_columns.contains({table, column})) {
          hit("ban-drop-column",
              fmt::format("dropping {}.{} loses its data and breaks readers that still use it",
                          table, column));
        }
        knowledge_.columns[table].erase(column);
      } else if (subtype == "AT_DetachPartition" && def != nullptr) {
        const bool concurrent = bool_field(body_of(*def), "concurrent");
        if (!concurrent) {
          hit("require-concurrent-partition-detach",
              fmt::format("DETACH PARTITION {} takes ACCESS EXCLUSIVE on {} and the partition: "
                          "use DETACH PARTITION ... CONCURRENTLY",
                          relation_name(body_of(*def), "name"), table));
        } else if (scope_.in_transaction()) {
          concurrently_in_transaction("DETACH PARTITION ... CONCURRENTLY");
        }
      }
    }
  }

  void alter_column_type(const std::string& table, const std::string& column, const Json& def,
                         bool existing) {
    const auto* type_name = field(def, "typeName");
    if (type_name == nullptr) {
      return;
    }
    const auto to = type_of(*type_name);
    type_rules(to, column, false);
    auto& columns = knowledge_.columns[table];
    const auto known = columns.find(column);
    const bool using_clause = field(def, "raw_default") != nullptr;
    if (existing && !scope_.added_columns.contains({table, column})) {
      if (known == columns.end()) {
        hit("changing-column-type",
            fmt::format("{}.{} TYPE {}: the column's current type is unknown to the linter; a "
                        "change that is not binary-coercible rewrites the table under ACCESS "
                        "EXCLUSIVE and breaks readers",
                        table, column, type_text(to)));
      } else if (using_clause || !binary_coercible(known->second, to)) {
        hit("changing-column-type",
            fmt::format("{}.{} {} -> {} rewrites the table and its indexes under ACCESS "
                        "EXCLUSIVE and breaks readers",
                        table, column, type_text(known->second), type_text(to)));
      }
    }
    columns[column] = to;
  }

  void add_constraint(const std::string& table, const Json& constraint, bool existing) {
    const auto contype = text_field(constraint, "contype");
    const auto name = text_field(constraint, "conname");
    const bool not_valid = bool_field(constraint, "skip_validation");
    const bool using_index = !text_field(constraint, "indexname").empty();
    if (existing && not_valid && !name.empty() && scope_.in_transaction()) {
      scope_.not_valid_added[name] = contype == "CONSTR_FOREIGN" ? "adding-foreign-key-constraint"
                                                                 : "constraint-missing-not-valid";
    }
    if (contype == "CONSTR_CHECK") {
      if (existing && !not_valid) {
        hit("constraint-missing-not-valid",
            fmt::format("CHECK constraint {} scans {} under ACCESS EXCLUSIVE: add it NOT VALID, "
                        "then VALIDATE CONSTRAINT in a later revision",
                        name.empty() ? "(unnamed)" : name, table));
      }
      // CHECK (col IS NOT NULL): SET NOT NULL can skip its scan once this is validated.
      const auto* expression = field(constraint, "raw_expr");
      if (expression != nullptr && kind_of(*expression) == "NullTest") {
        const auto& test = body_of(*expression);
        const auto* arg = field(test, "arg");
        if (text_field(test, "nulltesttype") == "IS_NOT_NULL" && arg != nullptr
            && kind_of(*arg) == "ColumnRef") {
          const TableColumn target{table, last_name(list_field(body_of(*arg), "fields"))};
          if (!name.empty()) {
            knowledge_.not_null_checks[name] = target;
          }
          if (!not_valid || !existing) {
            knowledge_.proven_not_null.insert(target);
          }
        }
      }
    } else if (contype == "CONSTR_FOREIGN") {
      if (existing && !not_valid) {
        hit("adding-foreign-key-constraint",
            fmt::format("FOREIGN KEY {} validates {} under SHARE ROW EXCLUSIVE on both tables: add "
                        "it NOT VALID, then VALIDATE CONSTRAINT",
                        name.empty() ? "(unnamed)" : name, table));
      }
    } else if ((contype == "CONSTR_UNIQUE" || contype == "CONSTR_EXCLUSION") && existing
               && !using_index) {
      hit("disallowed-unique-constraint",
          fmt::format("{} constraint on {} builds its index under ACCESS EXCLUSIVE: CREATE "
                      "UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX",
                      contype == "CONSTR_UNIQUE" ? "UNIQUE" : "EXCLUDE", table));
    } else if (contype == "CONSTR_PRIMARY" && existing && !using_index) {
      hit("adding-primary-key-constraint",
          fmt::format("PRIMARY KEY on {} builds its index (and checks NOT NULL) under ACCESS "
                      "EXCLUSIVE: CREATE UNIQUE INDEX CONCURRENTLY, then ADD PRIMARY KEY USING "
                      "INDEX",
                      table));
    }
  }

  // VALIDATE CONSTRAINT of a constraint added NOT VALID in the same transaction: the ADD took
  // ACCESS EXCLUSIVE (a CHECK) or SHARE ROW EXCLUSIVE (a foreign key) and holds it until commit,
  // so the scan NOT VALID was meant to move out of the lock runs under it after all.
  void validate_constraint(const std::string& table, const std::string& name) {
    const auto added = scope_.not_valid_added.find(name);
    if (added == scope_.not_valid_added.end() || !scope_.in_transaction()) {
      return;
    }
    hit(added->second,
        fmt::format("VALIDATE CONSTRAINT {} in the transaction that added it NOT VALID scans {} "
                    "while the ADD's lock is still held: validate it in a later revision (or "
                    "after a COMMIT in a non-transactional one)",
                    name, table));
  }

  // ---- other statements ----

  void rename(const Json& n) {
    const auto type = text_field(n, "renameType");
    const auto table = relation_name(n);
    const bool existing = scope_.existing(table);
    if (type == "OBJECT_TABLE") {
      const auto to = text_field(n, "newname");
      if (existing && scope_.upgrade) {
        hit("renaming-table",
            fmt::format("renaming {} to {} breaks the running application", table, to));
      }
      if (!existing) {
        scope_.created_tables.insert(to);
      }
      if (const auto known = knowledge_.columns.find(table); known != knowledge_.columns.end()) {
        auto columns = std::move(known->second);
        knowledge_.columns.erase(known);
        knowledge_.columns[to] = std::move(columns);
      }
    } else if (type == "OBJECT_COLUMN") {
      const auto from = text_field(n, "subname");
      const auto to = text_field(n, "newname");
      if (existing && scope_.upgrade && !scope_.added_columns.contains({table, from})) {
        hit("renaming-column",
            fmt::format("renaming {}.{} to {} breaks the running application", table, from, to));
      }
      auto& columns = knowledge_.columns[table];
      if (const auto known = columns.find(from); known != columns.end()) {
        columns[to] = known->second;
        columns.erase(from);
      }
    }
  }

  void drop(const Json& n) {
    const auto type = text_field(n, "removeType");
    const bool concurrent = bool_field(n, "concurrent");
    for (const auto& object : list_field(n, "objects")) {
      const auto name = object_name(object);
      if (type == "OBJECT_TABLE") {
        if (scope_.upgrade && scope_.existing(name)) {
          hit("ban-drop-table",
              fmt::format("dropping table {} loses its data and breaks its readers", name));
        }
        knowledge_.columns.erase(name);
      } else if (type == "OBJECT_INDEX") {
        const auto owner = knowledge_.index_table.find(name);
        const bool table_goes =
            owner != knowledge_.index_table.end()
            && (scope_.dropped_tables.contains(owner->second) || !scope_.existing(owner->second));
        if (concurrent && scope_.in_transaction()) {
          concurrently_in_transaction("DROP INDEX CONCURRENTLY");
        } else if (!concurrent && !scope_.created_indexes.contains(name) && !table_goes) {
          hit("require-concurrent-index-deletion",
              fmt::format("DROP INDEX {} takes ACCESS EXCLUSIVE on its table: use DROP INDEX "
                          "CONCURRENTLY (in a `transactional: false` revision)",
                          name));
        }
      }
    }
  }

  void create_index(const Json& n) {
    const auto table = relation_name(n);
    const auto name = text_field(n, "idxname");
    if (!name.empty()) {
      scope_.created_indexes.insert(name);
      knowledge_.index_table[name] = table;
    }
    const bool concurrent = bool_field(n, "concurrent");
    if (concurrent && scope_.in_transaction()) {
      concurrently_in_transaction("CREATE INDEX CONCURRENTLY");
    } else if (!concurrent && scope_.existing(table)) {
      hit("require-concurrent-index-creation",
          fmt::format("CREATE INDEX on {} blocks writes while it builds: use CONCURRENTLY (in a "
                      "`transactional: false` revision)",
                      table));
    }
  }

  void reindex(const Json& n) {
    bool concurrent = false;
    for (const auto& param : list_field(n, "params")) {
      if (text_field(body_of(param), "defname") == "concurrently") {
        concurrent = true;
      }
    }
    const auto target = relation_name(n);
    const bool new_object = scope_.created_indexes.contains(target) || !scope_.existing(target);
    if (concurrent && scope_.in_transaction()) {
      concurrently_in_transaction("REINDEX ... CONCURRENTLY");
    } else if (!concurrent && !new_object) {
      hit("require-concurrent-reindex",
          "REINDEX blocks writes to the table (and reads through the index) while it rebuilds: "
          "use REINDEX ... CONCURRENTLY (in a `transactional: false` revision)");
    }
  }

  void concurrently_in_transaction(std::string_view what) {
    hit("ban-concurrent-index-creation-in-transaction",
        fmt::format("{} cannot run inside a transaction block: mark the revision `transactional: "
                    "false`{}",
                    what, scope_.transactional ? "" : " and keep it out of BEGIN ... COMMIT"));
  }

  void vacuum(const Json& n) {
    if (!bool_field(n, "is_vacuumcmd")) {
      return;  // ANALYZE
    }
    for (const auto& option : list_field(n, "options")) {
      if (text_field(body_of(option), "defname") == "full") {
        hit("ban-vacuum-full",
            "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE and needs its size again on "
            "disk");
      }
    }
  }

  void create_domain(const Json& n) {
    const auto name = last_name(list_field(n, "domainname"));
    scope_.created_types.insert(name);
    for (const auto& item : list_field(n, "constraints")) {
      const auto contype = text_field(body_of(item), "contype");
      if (contype == "CONSTR_CHECK" || contype == "CONSTR_NOTNULL") {
        hit("ban-create-domain-with-constraint",
            fmt::format("domain {} carries a {} constraint: changing it later validates every "
                        "column of the domain in every table under lock; put the constraint on "
                        "the columns",
                        name, contype == "CONSTR_CHECK" ? "CHECK" : "NOT NULL"));
        return;
      }
    }
  }

  void alter_domain(const Json& n) {
    if (text_field(n, "subtype") != "C") {
      return;
    }
    const auto name = last_name(list_field(n, "typeName"));
    const auto* def = field(n, "def");
    const bool not_valid = def != nullptr && bool_field(body_of(*def), "skip_validation");
    if (!not_valid && !scope_.created_types.contains(name)) {
      hit("ban-alter-domain-with-add-constraint",
          fmt::format("ALTER DOMAIN {} ADD CONSTRAINT validates every column of the domain in "
                      "every table, under lock: add it NOT VALID and VALIDATE it later",
                      name));
    }
  }

  void alter_enum(const Json& n) {
    const auto type = last_name(list_field(n, "typeName"));
    const auto value = text_field(n, "newVal");
    if (value.empty() || !text_field(n, "oldVal").empty()) {
      return;  // RENAME VALUE
    }
    if (text_field(n, "newValNeighbor").empty() && !scope_.created_types.contains(type)) {
      hit("require-enum-value-ordering",
          fmt::format("ADD VALUE '{}' without BEFORE or AFTER appends it last: comparisons and "
                      "ORDER BY on {} change meaning",
                      value, type));
    }
    if (scope_.in_transaction()) {
      scope_.added_enum_values[value] = static_cast<int>(index_);
    }
  }

  // A later statement of the same transaction that uses a value ALTER TYPE ... ADD VALUE added:
  // PostgreSQL refuses it ("unsafe use of new value") until the ADD VALUE has committed.
  void use_of_new_enum_values(const Json& node) {
    if (scope_.added_enum_values.empty()) {
      return;
    }
    walk(node, [&](const Json& item) {
      if (kind_of(item) != "A_Const") {
        return;
      }
      const auto literal = string_const(item);
      if (!literal) {
        return;
      }
      const auto added = scope_.added_enum_values.find(*literal);
      if (added != scope_.added_enum_values.end()
          && static_cast<std::size_t>(added->second) != index_) {
        hits_.push_back({static_cast<std::size_t>(added->second),
                         "ban-alter-enum-add-value-in-transaction",
                         fmt::format("the enum value '{}' added here is used later in the same "
                                     "transaction, which PostgreSQL refuses until it commits",
                                     *literal)});
        scope_.added_enum_values.erase(added);
      }
    });
  }

  void transaction(const Json& n) {
    const auto kind = text_field(n, "kind");
    const bool opens = kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START";
    const bool closes = kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK"
                        || kind == "TRANS_STMT_PREPARE";
    if (scope_.transactional) {
      if (opens || closes || kind == "TRANS_STMT_COMMIT_PREPARED"
          || kind == "TRANS_STMT_ROLLBACK_PREPARED") {
        hit("transaction-nesting",
            "the engine runs a transactional revision in one transaction of its own; BEGIN, "
            "COMMIT or ROLLBACK inside it would end or nest it");
      }
      return;
    }
    if (opens) {
      scope_.open_begin = index_;
      scope_.in_explicit_transaction = true;
    } else if (closes) {
      scope_.open_begin.reset();
      scope_.in_explicit_transaction = false;
      scope_.added_enum_values.clear();
      scope_.not_valid_added.clear();
    }
  }

  void backfill(std::string_view kind, const Json& n) {
    const auto table = relation_name(n);
    if (field(n, "whereClause") != nullptr || !scope_.transactional || !scope_.has_ddl
        || !scope_.existing(table)) {
      return;
    }
    hit("backfill-in-ddl-transaction",
        fmt::format("{} of every row of {} in the same transaction as DDL: every row stays "
                    "locked, and so does the DDL's lock on the table, until the whole revision "
                    "commits",
                    kind == "UpdateStmt" ? "UPDATE" : "DELETE", table));
  }

  void duplicate_assignments(const Json& targets, std::string_view where) {
    std::set<std::string> seen;
    for (const auto& target : targets) {
      const auto name = text_field(body_of(target), "name");
      if (name.empty()) {
        continue;
      }
      if (!seen.insert(name).second) {
        hit("ban-duplicate-column-assignments",
            fmt::format("{} names column {} twice: PostgreSQL refuses it (multiple assignments "
                        "to the same column)",
                        where, name));
        return;
      }
    }
  }

  void timeout(const std::string& setting, std::optional<std::int64_t> ms) {
    if (!ms) {
      return;
    }
    const bool lock = setting == "lock_timeout";
    if (*ms == 0 || (lock && *ms > kMaxTimeoutMs)) {
      hit(lock ? "lock-timeout-disabled" : "statement-timeout-disabled",
          fmt::format("{} = {} ms {} the engine's guard against lock queues", setting, *ms,
                      *ms == 0 ? "disables" : "defeats"));
    }
  }

  // "10min", "2s", "500" (milliseconds) -> milliseconds.
  static std::optional<std::int64_t> duration_ms(std::string_view text) {
    std::size_t i = 0;
    std::int64_t value = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      value = std::min<std::int64_t>((value * 10) + (text[i] - '0'), 1000000000000LL);
      ++i;
    }
    if (i == 0) {
      return std::nullopt;
    }
    auto unit = std::string(text.substr(i));
    unit.erase(std::remove(unit.begin(), unit.end(), ' '), unit.end());
    static const std::map<std::string, std::int64_t, std::less<>> kFactors = {
        {"", 1}, {"ms", 1}, {"s", 1000}, {"min", 60000}, {"h", 3600000}, {"d", 86400000}};
    const auto factor = kFactors.find(unit);
    return factor == kFactors.end() ? std::nullopt
                                    : std::optional<std::int64_t>(value * factor->second);
  }

  void timeout_setting(const Json& n) {
    const auto name = text_field(n, "name");
    if (name != "lock_timeout" && name != "statement_timeout") {
      return;
    }
    const auto& args = list_field(n, "args");
    if (args.empty()) {
      return;  // SET ... TO DEFAULT / RESET
    }
    if (const auto number = integer_const(args.front())) {
      timeout(name, number);
    } else if (const auto text = string_const(args.front())) {
      timeout(name, duration_ms(*text));
    }
  }

  // SELECT set_config('lock_timeout', '0', ...) anywhere in the statement.
  void set_config_calls(const Json& node) {
    walk(node, [&](const Json& item) {
      if (kind_of(item) != "FuncCall"
          || last_name(list_field(body_of(item), "funcname")) != "set_config") {
        return;
      }
      const auto& args = list_field(body_of(item), "args");
      if (args.size() < 2) {
        return;
      }
      const auto setting = string_const(args[0]);
      const auto value = string_const(args[1]);
      if (setting && value) {
        timeout(*setting, duration_ms(*value));
      }
    });
  }

  Knowledge& knowledge_;
  Scope& scope_;
  std::vector<Hit>& hits_;
  std::size_t index_ = 0;
};

// Identifiers longer than PostgreSQL keeps (it truncates them with only a NOTICE): read from the
// statement's text, since the parse tree already holds the truncated name.
std::optional<std::string> long_identifier(std::string_view sql) {
  std::size_t i = 0;
  const auto n = sql.size();
  while (i < n) {
    const char c = sql[i];
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      i = sql.find('\n', i);
      i = i == std::string_view::npos ? n : i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      i = sql.find("*/", i);
      i = i == std::string_view::npos ? n : i + 2;
    } else if (c == '\'') {
      // E'...' strings take backslash escapes; standard strings only double their quotes.
      const bool escapes =
          i > 0 && (sql[i - 1] == 'e' || sql[i - 1] == 'E')
          && (i < 2
              || (std::isalnum(static_cast<unsigned char>(sql[i - 2])) == 0 && sql[i - 2] != '_'));
      for (++i; i < n; ++i) {
        if (escapes && sql[i] == '\\') {
          ++i;
        } else if (sql[i] == '\'') {
          if (i + 1 >= n || sql[i + 1] != '\'') {
            break;
          }
          ++i;
        }
      }
      ++i;
    } else if (c == '$' && i + 1 < n
               && (sql[i + 1] == '$' || std::isalpha(static_cast<unsigned char>(sql[i + 1])) != 0
                   || sql[i + 1] == '_')) {
      const auto end = sql.find('$', i + 1);
      if (end == std::string_view::npos) {
        return std::nullopt;
      }
      const auto tag = sql.substr(i, end - i + 1);
      const auto close = sql.find(tag, end + 1);
      i = close == std::string_view::npos ? n : close + tag.size();
    } else if (c == '"') {
      std::string name;
      for (++i; i < n; ++i) {
        if (sql[i] == '"') {
          if (i + 1 < n && sql[i + 1] == '"') {
            name += '"';
            ++i;
            continue;
          }
          break;
        }
        name += sql[i];
      }
      ++i;
      if (name.size() > kMaxIdentifierBytes) {
        return name;
      }
    } else if (std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'
               || static_cast<unsigned char>(c) >= 0x80) {
      const auto start = i;
      while (i < n
             && (std::isalnum(static_cast<unsigned char>(sql[i])) != 0 || sql[i] == '_'
                 || sql[i] == '$' || static_cast<unsigned char>(sql[i]) >= 0x80)) {
        ++i;
      }
      if (i - start > kMaxIdentifierBytes) {
        return std::string(sql.substr(start, i - start));
      }
    } else {
      ++i;
    }
  }
  return std::nullopt;
}

// ---- waivers -------------------------------------------------------------------------------

struct Waiver {
  int line = 0;
  std::string rule;
  std::string reason;
};

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

// file line -> text, for both sections.
std::map<int, std::string> file_lines(const Revision& revision) {
  std::map<int, std::string> lines;
  const auto add = [&lines](std::string_view text, int first) {
    std::istringstream stream{std::string(text)};
    std::string line;
    for (int n = first; std::getline(stream, line); ++n) {
      lines[n] = line;
    }
  };
  add(revision.upgrade_sql, revision.upgrade_line);
  add(revision.downgrade_sql, revision.downgrade_line);
  return lines;
}

// The waivers on the comment lines directly above `line`; malformed ones become findings.
std::vector<Waiver> waivers_above(const Revision& revision, const std::map<int, std::string>& lines,
                                  int line, LintReport& report) {
  std::vector<Waiver> waivers;
  for (int at = line - 1;; --at) {
    const auto found = lines.find(at);
    if (found == lines.end()) {
      break;
    }
    const auto text = trim(found->second);
    if (!text.starts_with("--")) {
      break;
    }
    const auto body = trim(std::string_view(text).substr(2));
    if (!body.starts_with(kWaiverPrefix)) {
      continue;
    }
    const auto rest = trim(std::string_view(body).substr(kWaiverPrefix.size()));
    Waiver waiver{.line = at, .rule = {}, .reason = {}};
    std::string problem;
    if (!rest.starts_with("allow ")) {
      problem = "a waiver reads `-- qgp-lint: allow <rule-id> reason: <text>`";
    } else {
      const auto after = trim(std::string_view(rest).substr(6));
      const auto space = after.find(' ');
      waiver.rule = after.substr(0, space);
      const auto reason_at = after.find("reason:");
      if (reason_at != std::string::npos) {
        waiver.reason = trim(std::string_view(after).substr(reason_at + 7));
      }
      if (find_lint_rule(waiver.rule) == nullptr) {
        problem = fmt::format("the waiver names an unknown rule '{}'", waiver.rule);
      } else if (waiver.reason.empty()) {
        problem = fmt::format("the waiver of {} gives no reason (`reason: <text>`)", waiver.rule);
      }
    }
    if (!problem.empty()) {
      report.findings.push_back({.file = revision.file_name,
                                 .line = at,
                                 .rule = "invalid-waiver",
                                 .message = problem,
                                 .waived = false,
                                 .reason = {}});
      continue;
    }
    waivers.push_back(std::move(waiver));
  }
  return waivers;
}

void add_finding(LintReport& report, const Revision& revision, int line, std::string rule,
                 std::string message, const std::vector<Waiver>& waivers) {
  LintFinding finding{.file = revision.file_name,
                      .line = line,
                      .rule = std::move(rule),
                      .message = std::move(message),
                      .waived = false,
                      .reason = {}};
  const auto waiver =
      std::ranges::find_if(waivers, [&](const Waiver& w) { return w.rule == finding.rule; });
  if (waiver != waivers.end()) {
    finding.waived = true;
    finding.reason = waiver->reason;
  }
  report.findings.push_back(std::move(finding));
}

// ---- one section, one revision -------------------------------------------------------------

struct ParsedStatement {
  Statement statement;
  std::optional<Json> node;  // {"CreateStmt": {...}}; empty when it did not parse
  std::string syntax_error;
};

std::vector<ParsedStatement> parse_section(const Revision& revision, bool upgrade,
                                           LintReport& report) {
  const auto& sql = upgrade ? revision.upgrade_sql : revision.downgrade_sql;
  const auto first_line = upgrade ? revision.upgrade_line : revision.downgrade_line;
  std::vector<ParsedStatement> out;
  std::vector<Statement> statements;
  try {
    statements = split_sql(sql, revision.file_name, first_line);
  } catch (const RevisionFileError& error) {
    // "FILE:LINE: problem": the engine refuses the file; lint reports it as a syntax error.
    const std::string message = error.what();
    const auto prefix = revision.file_name + ":";
    int line = first_line;
    std::string text = message;
    if (message.starts_with(prefix)) {
      const auto colon = message.find(':', prefix.size());
      const auto digits = std::string_view(message).substr(prefix.size(), colon - prefix.size());
      std::from_chars(digits.data(), digits.data() + digits.size(), line);
      text = trim(message.substr(colon + 1));
    }
    report.findings.push_back({.file = revision.file_name,
                               .line = line,
                               .rule = "syntax-error",
                               .message = text,
                               .waived = false,
                               .reason = {}});
    return out;
  }
  for (auto& statement : statements) {
    ParsedStatement parsed{.statement = std::move(statement), .node = {}, .syntax_error = {}};
    auto result = pg::parse(parsed.statement.text);
    if (result.error) {
      parsed.syntax_error =
          fmt::format("{} (PostgreSQL {} grammar)", result.error->message, pg::kParserMajorVersion);
    } else if (result.tree) {
      const auto& stmts = list_field(*result.tree, "stmts");
      if (!stmts.empty()) {
        if (const auto* node = field(stmts.front(), "stmt")) {
          parsed.node = *node;
        }
      }
    }
    out.push_back(std::move(parsed));
  }
  return out;
}

// A statement that destroys data of an existing object (for irreversible-destructive-upgrade).
bool destroys_data(const Json& node, const Scope& scope) {
  const auto kind = kind_of(node);
  const auto& n = body_of(node);
  if (kind == "TruncateStmt" || kind == "DeleteStmt" || kind == "DropdbStmt") {
    return kind != "DeleteStmt" || scope.existing(relation_name(n));
  }
  if (kind == "DropStmt") {
    const auto type = text_field(n, "removeType");
    if (type == "OBJECT_TABLE" || type == "OBJECT_SCHEMA" || type == "OBJECT_SEQUENCE") {
      return std::ranges::any_of(list_field(n, "objects"), [&](const Json& object) {
        return scope.existing(object_name(object));
      });
    }
    return false;
  }
  if (kind == "AlterTableStmt" && scope.existing(relation_name(n))) {
    return std::ranges::any_of(list_field(n, "cmds"), [](const Json& cmd) {
      return text_field(body_of(cmd), "subtype") == "AT_DropColumn";
    });
  }
  return false;
}

// A downgrade that can only fail: every statement raises (DO blocks that RAISE EXCEPTION).
bool only_raises(const std::vector<ParsedStatement>& downgrade) {
  if (downgrade.empty()) {
    return false;
  }
  return std::ranges::all_of(downgrade, [](const ParsedStatement& parsed) {
    if (!parsed.node || kind_of(*parsed.node) != "DoStmt") {
      return false;
    }
    std::string body;
    for (const auto& arg : list_field(body_of(*parsed.node), "args")) {
      if (text_field(body_of(arg), "defname") == "as") {
        const auto* value = field(body_of(arg), "arg");
        body = value == nullptr ? std::string() : string_node(*value);
      }
    }
    std::ranges::transform(body, body.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return body.find("raise exception") != std::string::npos;
  });
}

class RevisionLinter {
 public:
  RevisionLinter(const Revision& revision, Knowledge& knowledge, LintReport& report)
      : revision_(revision), knowledge_(knowledge), report_(report), lines_(file_lines(revision)) {}

  void run() {
    const auto upgrade = parse_section(revision_, true, report_);
    const auto downgrade = parse_section(revision_, false, report_);
    const auto upgrade_scope = lint_section(upgrade, true, knowledge_);
    // The downgrade runs on what the upgrade made, and what it undoes is not carried on.
    auto after = knowledge_;
    lint_section(downgrade, false, after);
    if (!upgrade.empty() && downgrade.empty()) {
      irreversible();
    }
    if (only_raises(downgrade)) {
      for (const auto& parsed : upgrade) {
        if (parsed.node && destroys_data(*parsed.node, upgrade_scope)) {
          const auto waivers = waivers_above(revision_, lines_, parsed.statement.line, report_);
          add_finding(report_, revision_, parsed.statement.line, "irreversible-destructive-upgrade",
                      fmt::format("`{}` destroys data and the downgrade only raises: nothing can "
                                  "roll this revision back",
                                  first_line(parsed.statement.text)),
                      waivers);
          break;
        }
      }
    }
  }

 private:
  static std::string first_line(std::string_view text) {
    auto line = std::string(text.substr(0, text.find('\n')));
    return line.size() > 80 ? line.substr(0, 77) + "..." : line;
  }

  Scope lint_section(const std::vector<ParsedStatement>& parsed, bool upgrade,
                     Knowledge& knowledge) {
    Scope scope;
    scope.upgrade = upgrade;
    scope.transactional = revision_.transactional;
    for (const auto& item : parsed) {
      if (!item.node) {
        continue;
      }
      const auto kind = kind_of(*item.node);
      scope.has_ddl = scope.has_ddl || is_ddl(kind);
      if (kind == "DropStmt" && text_field(body_of(*item.node), "removeType") == "OBJECT_TABLE") {
        for (const auto& object : list_field(body_of(*item.node), "objects")) {
          scope.dropped_tables.insert(object_name(object));
        }
      }
    }
    std::vector<Hit> hits;
    SectionLinter linter(knowledge, scope, hits);
    for (std::size_t i = 0; i < parsed.size(); ++i) {
      if (!parsed[i].syntax_error.empty()) {
        hits.push_back({i, "syntax-error", parsed[i].syntax_error});
        continue;
      }
      if (const auto name = long_identifier(parsed[i].statement.text)) {
        hits.push_back({i, "identifier-too-long",
                        fmt::format("identifier {}... is {} bytes: PostgreSQL keeps only the "
                                    "first 63 and says so in a NOTICE nobody reads",
                                    name->substr(0, 40), name->size())});
      }
      if (parsed[i].node) {
        linter.statement(i, *parsed[i].node);
      }
    }
    linter.finish();
    std::ranges::stable_sort(hits, {}, &Hit::statement);
    // Every statement's waivers are read, so a malformed one is reported wherever it is.
    std::vector<std::vector<Waiver>> waivers;
    waivers.reserve(parsed.size());
    for (const auto& item : parsed) {
      waivers.push_back(waivers_above(revision_, lines_, item.statement.line, report_));
    }
    for (auto& hit : hits) {
      // Every hit indexes a statement of `parsed` (the loop above made it); cppcheck 2.10
      // reads the caller's empty-section test as a possible empty `parsed` here.
      // cppcheck-suppress containerOutOfBounds
      add_finding(report_, revision_, parsed.at(hit.statement).statement.line, std::move(hit.rule),
                  std::move(hit.message), waivers.at(hit.statement));
    }
    return scope;
  }

  void irreversible() {
    LintFinding finding{
        .file = revision_.file_name,
        .line = revision_.downgrade_line > 0 ? revision_.downgrade_line : revision_.header_line,
        .rule = "irreversible-downgrade",
        .message = "the upgrade changes the database but the downgrade section is empty",
        .waived = false,
        .reason = {}};
    // A waiver for it sits on the line above `-- +downgrade`.
    const auto found = lines_.find(finding.line - 2);
    if (found != lines_.end()) {
      const auto text = trim(found->second);
      const auto at = text.find("allow irreversible-downgrade");
      const auto reason = text.find("reason:");
      if (at != std::string::npos && reason != std::string::npos
          && !trim(std::string_view(text).substr(reason + 7)).empty()) {
        finding.waived = true;
        finding.reason = trim(std::string_view(text).substr(reason + 7));
      }
    }
    report_.findings.push_back(std::move(finding));
  }

  const Revision& revision_;
  Knowledge& knowledge_;
  LintReport& report_;
  std::map<int, std::string> lines_;
};

// ---- the waivers file of landed revisions ---------------------------------------------------

struct FileWaiver {
  std::string revision;
  int line = 0;  // the finding's line in the revision
  std::string rule;
  std::string reason;
};

// Reads one entry (`<revision-id>:<line> <rule-id> reason: <text>`) into `waiver`; returns what is
// wrong with it ("" when nothing is).
std::string parse_file_waiver(std::string_view entry, FileWaiver& waiver) {
  constexpr std::string_view kFormat =
      "a waiver reads `<revision-id>:<line> <rule-id> reason: <text>`";
  const auto target_end = entry.find_first_of(" \t");
  const auto target = entry.substr(0, target_end);
  const auto colon = target.find(':');
  if (target_end == std::string_view::npos || colon == std::string_view::npos || colon == 0) {
    return std::string(kFormat);
  }
  waiver.revision = std::string(target.substr(0, colon));
  const auto digits = target.substr(colon + 1);
  const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), waiver.line);
  if (parsed.ec != std::errc() || parsed.ptr != digits.data() + digits.size() || waiver.line <= 0) {
    return std::string(kFormat);
  }
  const auto rest = trim(entry.substr(target_end));
  const auto rule_end = rest.find_first_of(" \t");
  waiver.rule = rest.substr(0, rule_end);
  if (find_lint_rule(waiver.rule) == nullptr) {
    return fmt::format("the waiver names an unknown rule '{}'", waiver.rule);
  }
  const auto after_rule =
      rule_end == std::string::npos ? std::string() : trim(std::string_view(rest).substr(rule_end));
  constexpr std::string_view kReason = "reason:";
  if (after_rule.starts_with(kReason)) {
    waiver.reason = trim(std::string_view(after_rule).substr(kReason.size()));
  }
  if (waiver.reason.empty()) {
    return fmt::format("the waiver of {} gives no reason (`reason: <text>`)", waiver.rule);
  }
  return {};
}

// Marks the unwaived findings of `waiver` in `file` waived; false when there was none.
bool waive(const FileWaiver& waiver, const std::string& file, LintReport& report) {
  bool used = false;
  for (auto& finding : report.findings) {
    if (!finding.waived && finding.file == file && finding.line == waiver.line
        && finding.rule == waiver.rule) {
      finding.waived = true;
      finding.reason = waiver.reason;
      used = true;
    }
  }
  return used;
}

}  // namespace

void apply_lint_waivers(std::string_view text, const std::vector<Revision>& revisions,
                        LintReport& report, std::string_view file_name) {
  std::vector<LintFinding> problems;
  std::istringstream stream{std::string(text)};
  std::string raw;
  for (int line = 1; std::getline(stream, raw); ++line) {
    const auto entry = trim(raw);
    if (entry.empty() || entry.starts_with('#')) {
      continue;
    }
    FileWaiver waiver;
    auto problem = parse_file_waiver(entry, waiver);
    if (problem.empty()) {
      const auto revision = std::ranges::find(revisions, waiver.revision, &Revision::id);
      if (revision == revisions.end()) {
        problem =
            fmt::format("the waiver names no revision: there is no revision '{}'", waiver.revision);
      } else if (!waive(waiver, revision->file_name, report)) {
        problem = fmt::format(
            "the waiver of {} at {}:{} waives nothing (no such finding, or already waived): "
            "delete it",
            waiver.rule, waiver.revision, waiver.line);
      }
    }
    if (!problem.empty()) {
      problems.push_back({.file = std::string(file_name),
                          .line = line,
                          .rule = "invalid-waiver",
                          .message = std::move(problem),
                          .waived = false,
                          .reason = {}});
    }
  }
  std::ranges::move(problems, std::back_inserter(report.findings));
}

std::string read_lint_waivers(const std::filesystem::path& dir) {
  const auto path = dir / kLintWaiversFile;
  std::error_code error;
  return std::filesystem::exists(path, error) ? read_text_file(path) : std::string();
}

std::size_t LintReport::errors() const {
  return static_cast<std::size_t>(
      std::ranges::count_if(findings, [](const LintFinding& f) { return !f.waived; }));
}

std::size_t LintReport::waived() const {
  return findings.size() - errors();
}

LintReport lint_revision(const Revision& revision) {
  return lint_revisions({revision});
}

LintReport lint_revisions(const std::vector<Revision>& revisions) {
  std::vector<const Revision*> order;
  try {
    const RevisionGraph graph(revisions);
    for (const auto& revision : graph.revisions()) {
      const auto found =
          std::ranges::find_if(revisions, [&](const Revision& r) { return r.id == revision.id; });
      order.push_back(&*found);
    }
  } catch (const core::Error&) {  // not one graph (loose files): their own order
    order.clear();
    for (const auto& revision : revisions) {
      order.push_back(&revision);
    }
  }
  LintReport report;
  Knowledge knowledge;
  for (const auto* revision : order) {
    RevisionLinter(*revision, knowledge, report).run();
  }
  return report;
}

std::string format_finding(const LintFinding& finding) {
  auto text =
      fmt::format("{}:{}: {}: {}", finding.file, finding.line, finding.rule, finding.message);
  if (finding.waived) {
    text += fmt::format(" [waived: {}]", finding.reason);
  }
  return text;
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw RevisionFileError(fmt::format("{}: cannot read the file", path.string()));
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace qgp::migrate
