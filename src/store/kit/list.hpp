#pragma once

// A page of a resource's list from a validated kit::ListQuery: the WHERE of the filters in use only
// (each combination is its own prepared statement, ADR-0006), text search over the searchable
// fields, ORDER BY the requested sortable fields (enumerations in their declared order) and an id
// tiebreak so pages are deterministic. Declared filters (kit::Filter) may use only the resource's
// own alias: the count statement skips the joins unless a condition reads a joined expression.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "db/connection.hpp"
#include "kit/enum_sql.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/list.hpp"
#include "store/common/list_sql.hpp"
#include "store/common/page_query.hpp"
#include "store/common/where.hpp"
#include "store/kit/rows.hpp"

namespace qgp::store::kit {

// The ORDER BY expression of a sortable field: enumerations sort in declaration order.
template <Described R, class F>
std::string sort_expression(const F& f) {
  using V = qgp::kit::UnwrappedT<typename F::Member>;
  if (!f.order_sql.empty()) {
    return std::string(f.order_sql);
  }
  if constexpr (qgp::kit::DeclaredEnum<V>) {
    return qgp::kit::declaration_rank_sql<V>(raw_expression<R>(f));
  } else {
    return raw_expression<R>(f);
  }
}

void bind_filter_value(db::Params& params, const qgp::kit::FilterValue& value);

// " ORDER BY ..., <alias>.id" from the request's sort keys or the declared default.
std::string order_clause(const std::vector<std::string>& keys, std::string_view default_order,
                         std::string_view alias);

// " ORDER BY ..." of a validated list query: its sort keys (sortable fields, or sort keys the
// resource declares as kit::FilterKind::kSortKey), else the declared default order; then the id
// tiebreak. Lists written by hand over R's declaration order with it too.
template <Described R>
std::string order_by(const qgp::kit::ListQuery& query) {
  std::vector<std::string> keys;
  for (const auto& key : query.sort) {
    const std::string_view direction = key.descending ? " DESC NULLS LAST" : " ASC NULLS LAST";
    qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
      if (f.name == key.field) {
        keys.push_back(sort_expression<R>(f).append(direction));
      }
    });
    for (const auto& declared : qgp::kit::kResource<R>.filters) {
      if (declared.kind == qgp::kit::FilterKind::kSortKey && declared.name == key.field) {
        keys.push_back(std::string(declared.sql).append(direction));
      }
    }
  }
  const auto& m = qgp::kit::meta<R>();
  return order_clause(keys, m.order, m.alias);
}

template <Described R>
qgp::kit::Page<R> list(db::Connection& connection, const qgp::kit::ListQuery& query) {
  const auto& m = qgp::kit::meta<R>();
  db::Params params;
  common::Where where(params);
  bool needs_joins = false;
  if (!m.where.empty()) {
    where.add(std::string(m.where));
  }
  const auto& filters = qgp::kit::kResource<R>.filters;
  for (const auto& filter : filters) {
    const auto lifted = std::ranges::any_of(
        query.conditions, [&](const qgp::kit::Condition& c) { return c.name == filter.name; });
    if (filter.kind == qgp::kit::FilterKind::kWidens && !lifted) {
      where.add(std::string(filter.sql));
    }
  }
  for (const auto& condition : query.conditions) {
    // A declared filter first: it may replace a field's plain comparison.
    bool found = false;
    for (const auto& filter : filters) {
      if (filter.name == condition.name && filter.kind != qgp::kit::FilterKind::kSortKey) {
        found = true;
        if (filter.kind == qgp::kit::FilterKind::kFlag) {
          where.add(std::string(filter.sql));
        } else if (filter.kind != qgp::kit::FilterKind::kWidens) {
          bind_filter_value(params, condition.value);
          where.add_bound(std::string(filter.sql));
        }
      }
    }
    if (found) {
      continue;
    }
    qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
      using V = qgp::kit::UnwrappedT<typename std::remove_cvref_t<decltype(f)>::Member>;
      if (found || f.name != condition.name) {
        return;
      }
      found = true;
      needs_joins = needs_joins || f.source == Source::kExpression;
      std::string sql;
      if (f.source == Source::kLinks) {
        sql = fmt::format("EXISTS (SELECT 1 FROM {} l WHERE l.{} = {}.id AND l.{} = {{}})",
                          f.links.table, f.links.owner, m.alias, f.links.target);
      } else if constexpr (std::is_same_v<V, qgp::kit::Date>) {
        sql = raw_expression<R>(f) + " = {}::date";
      } else if (f.has(qgp::kit::kFilterAny)) {
        sql = raw_expression<R>(f) + " = ANY(string_to_array({}, ','))";
      } else {
        sql = raw_expression<R>(f) + " = {}";
      }
      bind_filter_value(params, condition.value);
      where.add_bound(sql);
    });
    if (!found) {
      throw std::logic_error(fmt::format("{} has no filter {}", m.name, condition.name));
    }
  }
  if (query.q) {
    std::string any;
    qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
      if (f.has(qgp::kit::kSearch)) {
        needs_joins = needs_joins || f.source == Source::kExpression;
        any += fmt::format("{}{} ILIKE '%' || {{}} || '%'", any.empty() ? "" : " OR ",
                           raw_expression<R>(f));
      }
    });
    where.add(any, common::like_escape(*query.q));
  }
  const auto condition_sql = where.sql();
  const std::string from = fmt::format(" FROM {} {}", m.table, m.alias);
  const std::string joined = m.joins.empty() ? from : fmt::format("{} {}", from, m.joins);
  static const std::string columns = [] {
    const auto& select = select_from<R>();
    // "SELECT <list> FROM ..." -> "<list>"
    const auto from_at = select.find(
        fmt::format(" FROM {} {}", qgp::kit::meta<R>().table, qgp::kit::meta<R>().alias));
    return select.substr(7, from_at - 7);
  }();
  const auto found =
      common::fetch_page(connection,
                         {.count_from = (needs_joins ? joined : from) + condition_sql,
                          .columns = columns,
                          .page_from = joined + condition_sql,
                          .order = order_by<R>(query)},
                         params, common::page_of(query));
  return {
      .items = read_rows<R>(found.rows), .total = found.total, .total_exact = found.total_exact};
}

}  // namespace qgp::store::kit
