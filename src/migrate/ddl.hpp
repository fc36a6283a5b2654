#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/model.hpp"

// Renders the schema model as PostgreSQL DDL. Every object lives in schema `public` and is
// schema-qualified so that the statements do not depend on search_path.
namespace qgp::migrate::ddl {

// An identifier as SQL: bare when it is a plain lowercase name that is not a reserved word, else
// double-quoted.
std::string ident(std::string_view name);
// "public.<ident>".
std::string qualified(std::string_view name);
// A comma-separated list of identifiers.
std::string ident_list(const std::vector<std::string>& names);
// A string literal ('...' with quotes doubled).
std::string literal(std::string_view text);

std::string column_definition(const schema::Column& column);
std::string create_function(const schema::Function& function);
std::string drop_function(std::string_view name);
// CREATE TABLE with columns, primary key, unique and check constraints (foreign keys come later).
std::string create_table(const schema::Table& table);
std::string drop_table(std::string_view name);
std::string foreign_key_clause(const schema::ForeignKey& fk);
std::string add_foreign_key(std::string_view table, const schema::ForeignKey& fk, bool not_valid);
std::string check_clause(std::string_view expression);
std::string add_check(std::string_view table, const schema::CheckConstraint& check, bool not_valid);
std::string add_unique(std::string_view table, const schema::UniqueConstraint& unique);
std::string add_primary_key(std::string_view table, const schema::PrimaryKey& key);
std::string drop_constraint(std::string_view table, std::string_view name);
std::string validate_constraint(std::string_view table, std::string_view name);
std::string create_index(std::string_view table, const schema::Index& index, bool concurrently);
std::string drop_index(std::string_view name, bool concurrently);
std::string create_trigger(std::string_view table, const schema::Trigger& trigger);
std::string drop_trigger(std::string_view table, std::string_view name);
std::string comment_on_table(std::string_view table, std::string_view comment);
std::string comment_on_column(std::string_view table, std::string_view column,
                              std::string_view comment);

// The whole schema, in dependency order: functions, tables (without foreign keys), foreign keys,
// indexes, triggers, comments.
std::vector<std::string> create_schema(const schema::Schema& schema);
// The reverse: foreign keys, tables (with their indexes and triggers), functions.
std::vector<std::string> drop_schema(const schema::Schema& schema);

// Statements joined as a script, each terminated by ";\n".
std::string join_statements(const std::vector<std::string>& statements);

}  // namespace qgp::migrate::ddl
