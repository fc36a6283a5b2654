#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/model.hpp"

// A small fluent builder for the declared schema. It exists so that the conventions of
// docs/architecture.md section 4 (naming, standard columns, indexed foreign keys, enumeration
// checks) are applied in one place instead of being retyped for every table.
//
// Naming convention (one convention everywhere, PostgreSQL's own defaults where it has one):
//   primary key   <table>_pkey              unique constraint  <table>_<cols>_key
//   foreign key   <table>_<cols>_fkey       check constraint   <table>_<what>_check
//   index         ix_<table>_<what>         unique index       ux_<table>_<what>
//   trigger       trg_<table>_<what>
namespace qgp::schema::build {

enum class Null : std::uint8_t { kNotNull, kNullable };
inline constexpr Null kRequired = Null::kNotNull;
inline constexpr Null kOptional = Null::kNullable;

// PostgreSQL's spelling of the types we use (format_type output).
inline constexpr std::string_view kTimestamptz = "timestamp with time zone";

// `col IN ('a', 'b', ...)`
[[nodiscard]] std::string in_list(std::string_view column, const std::vector<std::string>& values);

class TableBuilder {
 public:
  TableBuilder(std::string name, std::string comment);

  // `id bigint GENERATED ALWAYS AS IDENTITY` primary key `<table>_pkey`.
  TableBuilder& id();
  TableBuilder& column(std::string name, std::string type, Null null,
                       std::optional<std::string> default_expr = std::nullopt,
                       std::string comment = {});
  // text; max_length > 0 adds `char_length(col) BETWEEN 1 AND max_length` as <table>_<col>_check.
  TableBuilder& text(std::string name, Null null, int max_length = 0, std::string comment = {});
  TableBuilder& boolean(std::string name, bool default_value, std::string comment = {});
  TableBuilder& timestamptz(std::string name, Null null,
                            std::optional<std::string> default_expr = std::nullopt,
                            std::string comment = {});
  TableBuilder& date(std::string name, Null null, std::string comment = {});
  // text + CHECK (col IN (...)) named <table>_<col>_check; values are lowercase API values.
  TableBuilder& enumeration(std::string name, const std::vector<std::string>& values, Null null,
                            std::optional<std::string> default_value = std::nullopt,
                            std::string comment = {});
  // bigint column + FK <table>_<col>_fkey to ref_table(id). build() indexes it if nothing covers
  // it.
  TableBuilder& reference(std::string name, std::string ref_table, FkAction on_delete, Null null,
                          std::string comment = {});
  // A user reference (ON DELETE RESTRICT: users are disabled, never deleted).
  TableBuilder& user_ref(std::string name, Null null, std::string comment = {});

  // An ISO 4217 currency code for the money columns of the row (numeric(14,2)), default GBP.
  TableBuilder& currency(std::string name);
  // `reference_number text NOT NULL UNIQUE` with a format check for PREFIX-YYYY-NNNN.
  TableBuilder& reference_number(std::string_view prefix);
  // created_at, updated_at (+ trigger), created_by_id, updated_by_id, version.
  TableBuilder& standard_columns();
  // archived_at + archived_by_id: audited records are archived, never hard-deleted.
  TableBuilder& archivable();
  // closed_at + closed_by_id, set by the closing transition; requires a `status` column with a
  // `closed` value, and checks that closed_at is set exactly in that state.
  TableBuilder& closable();

  TableBuilder& primary_key(std::vector<std::string> columns);
  TableBuilder& unique(std::vector<std::string> columns);
  // A check named <table>_<what>_check.
  TableBuilder& check(std::string_view what, std::string expression);
  TableBuilder& foreign_key(std::string_view what, std::vector<std::string> columns,
                            std::string ref_table, std::vector<std::string> ref_columns,
                            FkAction on_delete);
  // An index named ix_<table>_<what> (ux_ when unique).
  TableBuilder& index(std::string_view what, std::vector<std::string> keys,
                      std::optional<std::string> where = std::nullopt);
  TableBuilder& unique_index(std::string_view what, std::vector<std::string> keys,
                             std::optional<std::string> where = std::nullopt);
  TableBuilder& trigger(std::string_view what, std::string timing, std::string events,
                        std::string for_each, std::string function);

  [[nodiscard]] bool has_column(std::string_view name) const;

  // Finishes the table: adds an index for every foreign key whose columns are not the leading
  // columns of an existing index, primary key or unique constraint.
  [[nodiscard]] Table build() &&;

 private:
  Table table_;
};

// A pure link table: composite primary key (a, b), an index on b, and each side's FK.
[[nodiscard]] Table link_table(std::string name, std::string comment, const std::string& a_column,
                               std::string a_table, FkAction a_on_delete,
                               const std::string& b_column, std::string b_table,
                               FkAction b_on_delete);

}  // namespace qgp::schema::build
