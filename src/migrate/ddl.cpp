#include "migrate/ddl.hpp"

#include <algorithm>
#include <array>
#include <ranges>

#include <fmt/format.h>

#include "migrate/catalog.hpp"

namespace qgp::migrate::ddl {

namespace {

// PostgreSQL's reserved key words (those that cannot be a bare column or table name).
constexpr std::array<std::string_view, 78> kReserved = {"all",
                                                        "analyse",
                                                        "analyze",
                                                        "and",
                                                        "any",
                                                        "array",
                                                        "as",
                                                        "asc",
                                                        "asymmetric",
                                                        "authorization",
                                                        "binary",
                                                        "both",
                                                        "case",
                                                        "cast",
                                                        "check",
                                                        "collate",
                                                        "collation",
                                                        "column",
                                                        "concurrently",
                                                        "constraint",
                                                        "create",
                                                        "cross",
                                                        "current_catalog",
                                                        "current_date",
                                                        "current_role",
                                                        "current_schema",
                                                        "current_time",
                                                        "current_timestamp",
                                                        "current_user",
                                                        "default",
                                                        "deferrable",
                                                        "desc",
                                                        "distinct",
                                                        "do",
                                                        "else",
                                                        "end",
                                                        "except",
                                                        "false",
                                                        "fetch",
                                                        "for",
                                                        "foreign",
                                                        "freeze",
                                                        "from",
                                                        "full",
                                                        "grant",
                                                        "group",
                                                        "having",
                                                        "ilike",
                                                        "in",
                                                        "initially",
                                                        "inner",
                                                        "intersect",
                                                        "into",
                                                        "is",
                                                        "isnull",
                                                        "join",
                                                        "lateral",
                                                        "leading",
                                                        "left",
                                                        "like",
                                                        "limit",
                                                        "localtime",
                                                        "localtimestamp",
                                                        "natural",
                                                        "not",
                                                        "notnull",
                                                        "null",
                                                        "offset",
                                                        "on",
                                                        "only",
                                                        "or",
                                                        "order",
                                                        "outer",
                                                        "overlaps",
                                                        "placing",
                                                        "primary",
                                                        "references",
                                                        "returning"};
constexpr std::array<std::string_view, 23> kReserved2 = {
    "right",       "select", "session_user", "similar", "some",  "symmetric",
    "system_user", "table",  "tablesample",  "then",    "to",    "trailing",
    "true",        "union",  "unique",       "user",    "using", "variadic",
    "verbose",     "when",   "where",        "window",  "with"};

bool is_plain(std::string_view name) {
  if (name.empty() || ((name[0] < 'a' || name[0] > 'z') && name[0] != '_')) {
    return false;
  }
  const bool chars_ok = std::ranges::all_of(name, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
  });
  if (!chars_ok) {
    return false;
  }
  const auto reserved = [name](const auto& list) {
    return std::ranges::find(list, name) != list.end();
  };
  return !reserved(kReserved) && !reserved(kReserved2);
}

std::string identity_sql(schema::Identity identity) {
  switch (identity) {
    case schema::Identity::kAlways:
      return " GENERATED ALWAYS AS IDENTITY";
    case schema::Identity::kByDefault:
      return " GENERATED BY DEFAULT AS IDENTITY";
    case schema::Identity::kNone:
      break;
  }
  return "";
}

// A dollar-quote tag that does not occur in the body.
std::string dollar_tag(std::string_view body) {
  std::string tag = "$fn$";
  for (int n = 1; body.find(tag) != std::string_view::npos; ++n) {
    tag = fmt::format("$fn{}$", n);
  }
  return tag;
}

// True when `text` is one parenthesised group "( ... )" from its first to its last character.
bool fully_parenthesised(std::string_view text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') {
    return false;
  }
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      in_string = c != '\'';
      continue;
    }
    if (c == '\'') {
      in_string = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
      if (depth == 0 && i + 1 != text.size()) {
        return false;
      }
    }
  }
  return depth == 0;
}

std::string parenthesised(std::string_view expression) {
  return fully_parenthesised(expression) ? std::string(expression)
                                         : fmt::format("({})", expression);
}

}  // namespace

std::string ident(std::string_view name) {
  if (is_plain(name)) {
    return std::string(name);
  }
  std::string quoted = "\"";
  for (const char c : name) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  quoted += '"';
  return quoted;
}

std::string qualified(std::string_view name) {
  return "public." + ident(name);
}

std::string ident_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) {
      out += ", ";
    }
    out += ident(name);
  }
  return out;
}

std::string literal(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    out += c;
    if (c == '\'') {
      out += '\'';
    }
  }
  out += '\'';
  // A backslash in a literal is plain text with standard_conforming_strings (the default).
  return out;
}

std::string column_definition(const schema::Column& column) {
  std::string sql = fmt::format("{} {}", ident(column.name), column.type);
  sql += identity_sql(column.identity);
  if (column.default_expr) {
    // Introspection reports a stored generated column as its full clause.
    if (column.default_expr->starts_with("GENERATED ALWAYS AS")) {
      sql += " " + *column.default_expr;
    } else {
      sql += " DEFAULT " + *column.default_expr;
    }
  }
  if (!column.nullable) {
    sql += " NOT NULL";
  }
  return sql;
}

std::string create_function(const schema::Function& function) {
  const auto tag = dollar_tag(function.body);
  return fmt::format("CREATE OR REPLACE FUNCTION {}() RETURNS {} LANGUAGE {} AS {}{}{}",
                     qualified(function.name), function.returns, function.language, tag,
                     function.body, tag);
}

std::string drop_function(std::string_view name) {
  return fmt::format("DROP FUNCTION {}()", qualified(name));
}

std::string create_table(const schema::Table& table) {
  std::vector<std::string> parts;
  parts.reserve(table.columns.size() + table.uniques.size() + table.checks.size() + 1);
  for (const auto& column : table.columns) {
    parts.push_back(column_definition(column));
  }
  if (table.primary_key) {
    parts.push_back(fmt::format("CONSTRAINT {} PRIMARY KEY ({})", ident(table.primary_key->name),
                                ident_list(table.primary_key->columns)));
  }
  for (const auto& unique : table.uniques) {
    parts.push_back(
        fmt::format("CONSTRAINT {} UNIQUE ({})", ident(unique.name), ident_list(unique.columns)));
  }
  for (const auto& check : table.checks) {
    parts.push_back(
        fmt::format("CONSTRAINT {} {}", ident(check.name), check_clause(check.expression)));
  }
  std::string body;
  for (const auto& part : parts) {
    body += (body.empty() ? "\n  " : ",\n  ") + part;
  }
  return fmt::format("CREATE TABLE {} ({}\n)", qualified(table.name), body);
}

std::string drop_table(std::string_view name) {
  return fmt::format("DROP TABLE {}", qualified(name));
}

std::string foreign_key_clause(const schema::ForeignKey& fk) {
  std::string sql = fmt::format("FOREIGN KEY ({}) REFERENCES {}({})", ident_list(fk.columns),
                                qualified(fk.ref_table), ident_list(fk.ref_columns));
  if (fk.on_update != schema::FkAction::kNoAction) {
    sql += fmt::format(" ON UPDATE {}", fk_action_sql(fk.on_update));
  }
  if (fk.on_delete != schema::FkAction::kNoAction) {
    sql += fmt::format(" ON DELETE {}", fk_action_sql(fk.on_delete));
  }
  return sql;
}

std::string add_foreign_key(std::string_view table, const schema::ForeignKey& fk, bool not_valid) {
  return fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}{}", qualified(table), ident(fk.name),
                     foreign_key_clause(fk), not_valid ? " NOT VALID" : "");
}

std::string check_clause(std::string_view expression) {
  return "CHECK " + parenthesised(expression);
}

std::string add_check(std::string_view table, const schema::CheckConstraint& check,
                      bool not_valid) {
  return fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}{}", qualified(table), ident(check.name),
                     check_clause(check.expression), not_valid ? " NOT VALID" : "");
}

std::string add_unique(std::string_view table, const schema::UniqueConstraint& unique) {
  return fmt::format("ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({})", qualified(table),
                     ident(unique.name), ident_list(unique.columns));
}

std::string add_primary_key(std::string_view table, const schema::PrimaryKey& key) {
  return fmt::format("ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY ({})", qualified(table),
                     ident(key.name), ident_list(key.columns));
}

std::string drop_constraint(std::string_view table, std::string_view name) {
  return fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", qualified(table), ident(name));
}

std::string validate_constraint(std::string_view table, std::string_view name) {
  return fmt::format("ALTER TABLE {} VALIDATE CONSTRAINT {}", qualified(table), ident(name));
}

std::string create_index(std::string_view table, const schema::Index& index, bool concurrently) {
  std::string keys;
  for (const auto& key : index.keys) {
    if (!keys.empty()) {
      keys += ", ";
    }
    // A plain column name is quoted when needed; an expression or "col DESC" is SQL already.
    keys += key.find_first_of(" ()\"") == std::string::npos ? ident(key) : key;
  }
  std::string sql = fmt::format("CREATE {}INDEX {}{} ON {} USING {} ({})",
                                index.unique ? "UNIQUE " : "", concurrently ? "CONCURRENTLY " : "",
                                ident(index.name), qualified(table), index.method, keys);
  if (index.where) {
    sql += " WHERE " + parenthesised(*index.where);
  }
  return sql;
}

std::string drop_index(std::string_view name, bool concurrently) {
  return fmt::format("DROP INDEX {}{}", concurrently ? "CONCURRENTLY " : "", qualified(name));
}

std::string create_trigger(std::string_view table, const schema::Trigger& trigger) {
  const bool has_arguments = trigger.function.find('(') != std::string::npos;
  const bool qualified_function = trigger.function.find('.') != std::string::npos;
  return fmt::format("CREATE TRIGGER {} {} {} ON {} FOR EACH {} EXECUTE FUNCTION {}{}",
                     ident(trigger.name), trigger.timing, trigger.events, qualified(table),
                     trigger.for_each,
                     qualified_function ? trigger.function : "public." + trigger.function,
                     has_arguments ? "" : "()");
}

std::string drop_trigger(std::string_view table, std::string_view name) {
  return fmt::format("DROP TRIGGER {} ON {}", ident(name), qualified(table));
}

std::string comment_on_table(std::string_view table, std::string_view comment) {
  return fmt::format("COMMENT ON TABLE {} IS {}", qualified(table),
                     comment.empty() ? std::string("NULL") : literal(comment));
}

std::string comment_on_column(std::string_view table, std::string_view column,
                              std::string_view comment) {
  return fmt::format("COMMENT ON COLUMN {}.{} IS {}", qualified(table), ident(column),
                     comment.empty() ? std::string("NULL") : literal(comment));
}

std::vector<std::string> create_schema(const schema::Schema& schema) {
  std::vector<std::string> out;
  out.reserve(schema.functions.size() + (schema.tables.size() * 8));
  for (const auto& function : schema.functions) {
    out.push_back(create_function(function));
  }
  for (const auto& table : schema.tables) {
    out.push_back(create_table(table));
  }
  for (const auto& table : schema.tables) {
    for (const auto& fk : table.foreign_keys) {
      out.push_back(add_foreign_key(table.name, fk, false));
    }
  }
  for (const auto& table : schema.tables) {
    for (const auto& index : table.indexes) {
      out.push_back(create_index(table.name, index, false));
    }
  }
  for (const auto& table : schema.tables) {
    for (const auto& trigger : table.triggers) {
      out.push_back(create_trigger(table.name, trigger));
    }
  }
  for (const auto& table : schema.tables) {
    if (!table.comment.empty()) {
      out.push_back(comment_on_table(table.name, table.comment));
    }
    for (const auto& column : table.columns) {
      if (!column.comment.empty()) {
        out.push_back(comment_on_column(table.name, column.name, column.comment));
      }
    }
  }
  return out;
}

std::vector<std::string> drop_schema(const schema::Schema& schema) {
  std::vector<std::string> out;
  for (const auto& table : std::views::reverse(schema.tables)) {
    for (const auto& fk : table.foreign_keys) {
      out.push_back(drop_constraint(table.name, fk.name));
    }
  }
  for (const auto& table : std::views::reverse(schema.tables)) {
    out.push_back(drop_table(table.name));
  }
  for (const auto& function : std::views::reverse(schema.functions)) {
    out.push_back(drop_function(function.name));
  }
  return out;
}

std::string join_statements(const std::vector<std::string>& statements) {
  std::string out;
  for (const auto& statement : statements) {
    out += statement;
    out += ";\n";
  }
  return out;
}

}  // namespace qgp::migrate::ddl
