#pragma once

// A record as jsonb built by PostgreSQL from the declaration (ADR-0010): the keys are the declared
// wire names, the values its columns, expressions, link ids and children (nested the way the
// declaration nests them). A frozen snapshot written with it (e.g. a published template version)
// reads back through the same declaration (kit::Json<R>), so the stored document and its OpenAPI
// schema cannot disagree. No JSON library is involved: the store only writes SQL.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include "kit/field.hpp"
#include "kit/values.hpp"
#include "store/common/sql_format.hpp"
#include "store/kit/expression.hpp"

namespace qgp::store::kit {

template <Described R>
std::string json_object();

// The jsonb value of field `f` of an R row (empty for computed fields, which are left out).
template <Described R, class F>
std::string json_value(const F& f) {
  using M = typename F::Member;
  using V = qgp::kit::UnwrappedT<M>;
  const auto& m = qgp::kit::meta<R>();
  switch (f.source) {
    case Source::kColumn:
    case Source::kExpression:
      if constexpr (std::is_same_v<V, qgp::kit::Timestamp>) {
        return common::rfc3339(raw_expression<R>(f));
      } else {
        return raw_expression<R>(f);
      }
    case Source::kLinks:
      return fmt::format(
          "coalesce((SELECT jsonb_agg(l.{0} ORDER BY l.{0}) FROM {1} l WHERE l.{2} = {3}.id), "
          "'[]'::jsonb)",
          f.links.target, f.links.table, f.links.owner, m.alias);
    case Source::kChildren:
      if constexpr (!std::is_void_v<qgp::kit::ChildOfT<M>>) {
        using C = qgp::kit::ChildOfT<M>;
        const auto& c = qgp::kit::meta<C>();
        const auto where =
            fmt::format("{}.{} = {}.id{}{}{}", c.alias, f.sql, m.alias,
                        c.where.empty() ? "" : " AND (", c.where, c.where.empty() ? "" : ")");
        if constexpr (qgp::kit::kIsVector<M>) {
          return fmt::format(
              "coalesce((SELECT jsonb_agg({} ORDER BY {}{}{}.id) FROM {} {} WHERE {}), "
              "'[]'::jsonb)",
              json_object<C>(), c.order, c.order.empty() ? "" : ", ", c.alias, c.table, c.alias,
              where);
        } else {
          return fmt::format("(SELECT {} FROM {} {} WHERE {})", json_object<C>(), c.table, c.alias,
                             where);
        }
      }
      return {};
    case Source::kComputed:
      return {};
  }
  return {};
}

template <Described R>
std::string json_object() {
  std::string pairs;
  std::size_t arguments = 0;
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    const auto value = json_value<R>(f);
    if (!value.empty() && !f.has(qgp::kit::kWriteOnly)) {
      pairs += fmt::format("{}'{}', {}", pairs.empty() ? "" : ", ", f.name, value);
      arguments += 2;
    }
  });
  if (arguments > 100) {  // PostgreSQL's FUNC_MAX_ARGS
    throw std::logic_error(
        fmt::format("{} has too many fields for one jsonb_build_object", qgp::kit::meta<R>().name));
  }
  return fmt::format("jsonb_build_object({})", pairs);
}

// The JSON array text of the Item rows that `from` selects (Field::rows_from): each row Item's
// json_object(), in Item's meta order then id; `from` follows "FROM <Item's table> <alias>".
template <class Rows>
std::string rows_json(std::string_view from) {
  using Item = typename qgp::kit::IsVector<Rows>::Item;
  const auto& m = qgp::kit::meta<Item>();
  return fmt::format(
      "(SELECT coalesce(jsonb_agg({} ORDER BY {}{}{}.id), '[]'::jsonb) FROM {} {} {})::text",
      json_object<Item>(), m.order, m.order.empty() ? "" : ", ", m.alias, m.table, m.alias, from);
}

}  // namespace qgp::store::kit
