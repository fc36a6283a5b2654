#include "schema/builder.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qgp::schema::build {

namespace {

std::string quote_literal(std::string_view value) {
  std::string out = "'";
  for (const char c : value) {
    if (c == '\'') {
      out += '\'';
    }
    out += c;
  }
  out += '\'';
  return out;
}

// Whether `keys` starts with exactly `columns` (in any order within that prefix), so an index on
// them serves the FK's lookups when a referenced row is deleted or updated.
bool leads_with(const std::vector<std::string>& keys, const std::vector<std::string>& columns) {
  if (keys.size() < columns.size()) {
    return false;
  }
  return std::ranges::all_of(columns, [&](const std::string& column) {
    return std::find(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(columns.size()),
                     column)
           != keys.begin() + static_cast<std::ptrdiff_t>(columns.size());
  });
}

bool covered(const Table& table, const std::vector<std::string>& columns) {
  if (table.primary_key && leads_with(table.primary_key->columns, columns)) {
    return true;
  }
  if (std::ranges::any_of(table.uniques, [&](const UniqueConstraint& unique) {
        return leads_with(unique.columns, columns);
      })) {
    return true;
  }
  // A partial index does not serve every lookup an FK check makes.
  return std::ranges::any_of(table.indexes, [&](const Index& index) {
    return !index.where && index.method == "btree" && leads_with(index.keys, columns);
  });
}

}  // namespace

std::string in_list(std::string_view column, const std::vector<std::string>& values) {
  std::vector<std::string> quoted;
  quoted.reserve(values.size());
  for (const auto& value : values) {
    quoted.push_back(quote_literal(value));
  }
  return fmt::format("{} IN ({})", column, fmt::join(quoted, ", "));
}

TableBuilder::TableBuilder(std::string name, std::string comment) {
  table_.name = std::move(name);
  table_.comment = std::move(comment);
}

TableBuilder& TableBuilder::id() {
  Column column;
  column.name = "id";
  column.type = "bigint";
  column.nullable = false;
  column.identity = Identity::kAlways;
  table_.columns.push_back(std::move(column));
  return primary_key({"id"});
}

TableBuilder& TableBuilder::column(std::string name, std::string type, Null null,
                                   std::optional<std::string> default_expr, std::string comment) {
  Column column;
  column.name = std::move(name);
  column.type = std::move(type);
  column.nullable = null == Null::kNullable;
  column.default_expr = std::move(default_expr);
  column.comment = std::move(comment);
  table_.columns.push_back(std::move(column));
  return *this;
}

TableBuilder& TableBuilder::text(std::string name, Null null, int max_length, std::string comment) {
  if (max_length > 0) {
    check(name, fmt::format("char_length({}) BETWEEN 1 AND {}", name, max_length));
  }
  return column(std::move(name), "text", null, std::nullopt, std::move(comment));
}

TableBuilder& TableBuilder::boolean(std::string name, bool default_value, std::string comment) {
  return column(std::move(name), "boolean", kRequired,
                std::string(default_value ? "true" : "false"), std::move(comment));
}

TableBuilder& TableBuilder::timestamptz(std::string name, Null null,
                                        std::optional<std::string> default_expr,
                                        std::string comment) {
  return column(std::move(name), std::string(kTimestamptz), null, std::move(default_expr),
                std::move(comment));
}

TableBuilder& TableBuilder::date(std::string name, Null null, std::string comment) {
  return column(std::move(name), "date", null, std::nullopt, std::move(comment));
}

TableBuilder& TableBuilder::enumeration(std::string name, const std::vector<std::string>& values,
                                        Null null, std::optional<std::string> default_value,
                                        std::string comment) {
  check(name, in_list(name, values));
  std::optional<std::string> default_expr;
  if (default_value) {
    default_expr = quote_literal(*default_value);
  }
  return column(std::move(name), "text", null, std::move(default_expr), std::move(comment));
}

TableBuilder& TableBuilder::reference(std::string name, std::string ref_table, FkAction on_delete,
                                      Null null, std::string comment) {
  foreign_key(name, {name}, std::move(ref_table), {"id"}, on_delete);
  return column(std::move(name), "bigint", null, std::nullopt, std::move(comment));
}

TableBuilder& TableBuilder::user_ref(std::string name, Null null, std::string comment) {
  return reference(std::move(name), "users", FkAction::kRestrict, null, std::move(comment));
}

TableBuilder& TableBuilder::currency(std::string name) {
  check(name, fmt::format("{} ~ '^[A-Z]{{3}}$'", name));
  return column(std::move(name), "text", kRequired, "'GBP'", "ISO 4217 code of the amounts");
}

bool TableBuilder::has_column(std::string_view name) const {
  return std::any_of(table_.columns.begin(), table_.columns.end(),
                     [&](const Column& column) { return column.name == name; });
}

TableBuilder& TableBuilder::reference_number(std::string_view prefix) {
  column("reference_number", "text", kRequired, std::nullopt,
         fmt::format("{}-YYYY-NNNN, a sequence per (prefix, UTC year); past 9999 the number "
                     "grows to 10000, 10001, ... (docs/adr/0012)",
                     prefix));
  unique({"reference_number"});
  // One spelling per number: four digits zero-padded, or five and more without a leading zero, so
  // FND-2026-0123 and FND-2026-00123 can never both exist.
  return check(
      "reference_number",
      fmt::format("reference_number ~ '^{}-[0-9]{{4}}-([0-9]{{4}}|[1-9][0-9]{{4,}})$'", prefix));
}

TableBuilder& TableBuilder::standard_columns() {
  timestamptz("created_at", kRequired, "now()");
  timestamptz("updated_at", kRequired, "now()", "Kept by trigger qgp_set_updated_at()");
  user_ref("created_by_id", kOptional);
  user_ref("updated_by_id", kOptional);
  column("version", "integer", kRequired, "1",
         "Optimistic concurrency: an update must name the version it read");
  check("version", "version >= 1");
  return trigger("updated_at", "BEFORE", "UPDATE", "ROW", "qgp_set_updated_at");
}

TableBuilder& TableBuilder::archivable() {
  timestamptz("archived_at", kOptional, std::nullopt,
              "Set instead of deleting: records are evidence");
  user_ref("archived_by_id", kOptional);
  return check("archived", "archived_by_id IS NULL OR archived_at IS NOT NULL");
}

TableBuilder& TableBuilder::closable() {
  timestamptz("closed_at", kOptional, std::nullopt, "Set by the closing transition");
  user_ref("closed_by_id", kOptional);
  check("closed_by", "closed_by_id IS NULL OR closed_at IS NOT NULL");
  // Closing is a status: closed_at is set exactly when the record is in the `closed` state.
  return check("closed", "(status = 'closed') = (closed_at IS NOT NULL)");
}

TableBuilder& TableBuilder::primary_key(std::vector<std::string> columns) {
  table_.primary_key = PrimaryKey{.name = table_.name + "_pkey", .columns = std::move(columns)};
  return *this;
}

TableBuilder& TableBuilder::unique(std::vector<std::string> columns) {
  std::string name = fmt::format("{}_{}_key", table_.name, fmt::join(columns, "_"));
  table_.uniques.push_back(
      UniqueConstraint{.name = std::move(name), .columns = std::move(columns)});
  return *this;
}

TableBuilder& TableBuilder::check(std::string_view what, std::string expression) {
  table_.checks.push_back(CheckConstraint{.name = fmt::format("{}_{}_check", table_.name, what),
                                          .expression = std::move(expression)});
  return *this;
}

TableBuilder& TableBuilder::foreign_key(std::string_view what, std::vector<std::string> columns,
                                        std::string ref_table, std::vector<std::string> ref_columns,
                                        FkAction on_delete) {
  ForeignKey fk;
  fk.name = fmt::format("{}_{}_fkey", table_.name, what);
  fk.columns = std::move(columns);
  fk.ref_table = std::move(ref_table);
  fk.ref_columns = std::move(ref_columns);
  fk.on_delete = on_delete;
  table_.foreign_keys.push_back(std::move(fk));
  return *this;
}

TableBuilder& TableBuilder::index(std::string_view what, std::vector<std::string> keys,
                                  std::optional<std::string> where) {
  Index index;
  index.name = fmt::format("ix_{}_{}", table_.name, what);
  index.keys = std::move(keys);
  index.where = std::move(where);
  table_.indexes.push_back(std::move(index));
  return *this;
}

TableBuilder& TableBuilder::unique_index(std::string_view what, std::vector<std::string> keys,
                                         std::optional<std::string> where) {
  Index index;
  index.name = fmt::format("ux_{}_{}", table_.name, what);
  index.keys = std::move(keys);
  index.unique = true;
  index.where = std::move(where);
  table_.indexes.push_back(std::move(index));
  return *this;
}

TableBuilder& TableBuilder::trigger(std::string_view what, std::string timing, std::string events,
                                    std::string for_each, std::string function) {
  Trigger trigger;
  trigger.name = fmt::format("trg_{}_{}", table_.name, what);
  trigger.timing = std::move(timing);
  trigger.events = std::move(events);
  trigger.for_each = std::move(for_each);
  trigger.function = std::move(function);
  table_.triggers.push_back(std::move(trigger));
  return *this;
}

Table TableBuilder::build() && {
  // Copy: index() appends to the vector being walked. Wider keys first, so that an index made for
  // a composite key also serves a single-column key it leads with.
  auto foreign_keys = table_.foreign_keys;
  std::ranges::stable_sort(foreign_keys, [](const ForeignKey& a, const ForeignKey& b) {
    return a.columns.size() > b.columns.size();
  });
  for (const auto& fk : foreign_keys) {
    if (!covered(table_, fk.columns)) {
      index(fmt::to_string(fmt::join(fk.columns, "_")), fk.columns);
    }
  }
  return std::move(table_);
}

Table link_table(std::string name, std::string comment, const std::string& a_column,
                 std::string a_table, FkAction a_on_delete, const std::string& b_column,
                 std::string b_table, FkAction b_on_delete) {
  TableBuilder t(std::move(name), std::move(comment));
  t.reference(a_column, std::move(a_table), a_on_delete, kRequired);
  t.reference(b_column, std::move(b_table), b_on_delete, kRequired);
  t.primary_key({a_column, b_column});
  return std::move(t).build();
}

}  // namespace qgp::schema::build
