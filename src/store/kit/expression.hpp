#pragma once

// The SQL that reads one declared field of a resource's row (ADR-0010): what the store's SELECT
// (store/kit/rows.hpp) and its jsonb documents (store/kit/json_sql.hpp) both start from.

#include <string>

#include <fmt/format.h>

#include "kit/field.hpp"

namespace qgp::store::kit {

using qgp::kit::Described;
using qgp::kit::Source;

// The SQL that reads field `f` (before any conversion): its column, its expression, or for links
// the comma-joined sorted ids. Empty for computed fields.
template <Described R, class F>
std::string raw_expression(const F& f) {
  const auto alias = qgp::kit::meta<R>().alias;
  switch (f.source) {
    case Source::kColumn:
      return fmt::format("{}.{}", alias, f.sql.empty() ? f.name : f.sql);
    case Source::kExpression:
      return std::string(f.sql);
    case Source::kLinks:
      return fmt::format(
          "(SELECT string_agg(l.{0}::text, ',' ORDER BY l.{0}) FROM {1} l WHERE l.{2} = {3}.id)",
          f.links.target, f.links.table, f.links.owner, alias);
    case Source::kComputed:
    case Source::kChildren:
      return {};
  }
  return {};
}

}  // namespace qgp::store::kit
