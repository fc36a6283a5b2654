#include "migrate/catalog.hpp"

#include <algorithm>
#include <tuple>

#include "migrate/runner.hpp"

namespace qgp::migrate {

namespace {

template <typename T>
void sort_by_name(std::vector<T>& items) {
  std::ranges::sort(items, [](const T& left, const T& right) { return left.name < right.name; });
}

}  // namespace

Catalog catalog_from_schema(const schema::Schema& schema) {
  Catalog catalog;
  catalog.schema = schema;
  sort_catalog(catalog);
  return catalog;
}

void sort_catalog(Catalog& catalog) {
  sort_by_name(catalog.schema.functions);
  sort_by_name(catalog.schema.tables);
  // Column order is part of a table's shape, so it is kept; constraints and indexes are sets.
  for (auto& table : catalog.schema.tables) {
    sort_by_name(table.uniques);
    sort_by_name(table.checks);
    sort_by_name(table.foreign_keys);
    sort_by_name(table.indexes);
    sort_by_name(table.triggers);
  }
  sort_by_name(catalog.sequences);
  std::ranges::sort(catalog.others, [](const OtherObject& left, const OtherObject& right) {
    return std::tie(left.kind, left.name) < std::tie(right.kind, right.name);
  });
}

bool is_engine_table(std::string_view table) {
  return table == kVersionTable || table == kHistoryTable;
}

std::string_view fk_action_sql(schema::FkAction action) {
  switch (action) {
    case schema::FkAction::kNoAction:
      return "NO ACTION";
    case schema::FkAction::kRestrict:
      return "RESTRICT";
    case schema::FkAction::kCascade:
      return "CASCADE";
    case schema::FkAction::kSetNull:
      return "SET NULL";
    case schema::FkAction::kSetDefault:
      return "SET DEFAULT";
  }
  return "NO ACTION";
}

}  // namespace qgp::migrate
