#pragma once

// Writing a resource from its declaration: INSERT of every stored column the struct holds (the
// database fills id, timestamps and version; created_by/updated_by come from the actor), UPDATE of
// exactly the columns that changed (plus updated_by and version + 1), and link tables replaced when
// their ids changed. Values are bound as parameters with the cast their type needs.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "core/actor.hpp"
#include "db/connection.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"

namespace qgp::store::kit {

using qgp::kit::Described;
using qgp::kit::Role;
using qgp::kit::Source;

// "$n" with the cast PostgreSQL needs for the member type.
template <class M>
std::string placeholder(int number) {
  using V = qgp::kit::UnwrappedT<M>;
  if constexpr (std::is_same_v<V, qgp::kit::Date>) {
    return fmt::format("${}::date", number);
  } else if constexpr (std::is_same_v<V, qgp::kit::Timestamp>) {
    return fmt::format("${}::timestamptz", number);
  } else if constexpr (std::is_same_v<V, qgp::kit::Decimal>) {
    return fmt::format("${}::numeric", number);
  } else if constexpr (qgp::kit::kIsJson<V>) {
    return fmt::format("${}::jsonb", number);
  } else {
    return fmt::format("${}", number);
  }
}

template <class T>
void bind(db::Params& params, const T& value) {
  if constexpr (qgp::kit::kIsOptional<T>) {
    if (value) {
      bind(params, *value);
    } else {
      params.add(std::nullopt);
    }
  } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::string>) {
    params.add(value);
  } else if constexpr (qgp::kit::kIsInteger<T>) {
    params.add(static_cast<std::int64_t>(value));
  } else if constexpr (std::is_same_v<T, qgp::kit::Date>) {
    params.add(value.iso);
  } else if constexpr (std::is_same_v<T, qgp::kit::Timestamp>
                       || std::is_same_v<T, qgp::kit::Decimal> || qgp::kit::kIsJson<T>) {
    params.add(value.text);
  } else if constexpr (qgp::kit::DeclaredEnum<T>) {
    params.add(qgp::kit::wire_name(value));
  } else if constexpr (qgp::kit::kIsComposite<T> || std::is_same_v<T, qgp::kit::Scalar>) {
    throw std::logic_error("a list, a nested record or a scalar is not one SQL parameter");
  } else {
    static_assert(std::is_same_v<T, void>, "no SQL parameter for this member type");
  }
}

// A field the resource's own row stores and the application writes.
template <class F>
constexpr bool written(const F& f) {
  return f.source == Source::kColumn && (f.role == Role::kPlain || f.role == Role::kStatus);
}

template <class F>
std::string_view column_name(const F& f) {
  return f.sql.empty() ? f.name : f.sql;
}

// Makes `table(owner = id)` hold exactly `ids`.
void replace_links(db::Connection& connection, const qgp::kit::Links& links, std::int64_t id,
                   const std::vector<std::int64_t>& ids);

// Inserts `row` and its links; returns the new id. Foreign keys surface as
// db::ForeignKeyViolation, checks as db errors: the domain validated what it could before.
template <Described R>
std::int64_t insert(db::Connection& connection, const R& row, const core::Actor& actor) {
  static const std::string sql = [] {
    std::string columns;
    std::string values;
    int number = 0;
    qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
      using M = typename std::remove_cvref_t<decltype(f)>::Member;
      if (written(f)) {
        columns += fmt::format("{}{}", columns.empty() ? "" : ", ", column_name(f));
        values += fmt::format("{}{}", values.empty() ? "" : ", ", placeholder<M>(++number));
      }
    });
    for (const auto role : {Role::kCreatedBy, Role::kUpdatedBy}) {
      if (qgp::kit::has_role<R>(role)) {
        columns += role == Role::kCreatedBy ? ", created_by_id" : ", updated_by_id";
        values += fmt::format(", ${}", number + 1);  // both are the actor
      }
    }
    return fmt::format("INSERT INTO {} ({}) VALUES ({}) RETURNING id", qgp::kit::meta<R>().table,
                       columns, values);
  }();
  db::Params params;
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    if (written(f)) {
      bind(params, row.*f.member);
    }
  });
  if (qgp::kit::has_role<R>(Role::kCreatedBy) || qgp::kit::has_role<R>(Role::kUpdatedBy)) {
    params.add(actor.user_id);
  }
  const auto id = connection.exec_prepared(sql, params).int64(0, 0);
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    if constexpr (std::is_same_v<typename std::remove_cvref_t<decltype(f)>::Member,
                                 std::vector<std::int64_t>>) {
      if (f.source == Source::kLinks && !(row.*f.member).empty()) {
        replace_links(connection, f.links, id, row.*f.member);
      }
    }
  });
  return id;
}

// Writes the fields that differ between `before` and `after` (same record); returns whether
// anything changed. updated_by_id and version move with any change.
template <Described R>
bool update(db::Connection& connection, std::int64_t id, const R& before, const R& after,
            const core::Actor& actor) {
  std::string sets;
  db::Params params(id);
  bool changed = false;
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    using M = typename std::remove_cvref_t<decltype(f)>::Member;
    if constexpr (qgp::kit::kComparable<M> && std::is_void_v<qgp::kit::ChildOfT<M>>) {
      if (f.source == Source::kComputed || f.source == Source::kExpression
          || f.source == Source::kChildren || before.*f.member == after.*f.member) {
        return;
      }
    } else {
      return;
    }
    if (written(f)) {
      bind(params, after.*f.member);
      sets += fmt::format("{}{} = {}", sets.empty() ? "" : ", ", column_name(f),
                          placeholder<M>(params.size()));
      changed = true;
    } else if constexpr (std::is_same_v<M, std::vector<std::int64_t>>) {
      if (f.source == Source::kLinks) {
        replace_links(connection, f.links, id, after.*f.member);
        changed = true;
      }
    }
  });
  if (!changed) {
    return false;
  }
  if (qgp::kit::has_role<R>(Role::kUpdatedBy)) {
    params.add(actor.user_id);
    sets += fmt::format("{}updated_by_id = ${}", sets.empty() ? "" : ", ", params.size());
  }
  if (qgp::kit::has_role<R>(Role::kVersion)) {
    sets += fmt::format("{}version = version + 1", sets.empty() ? "" : ", ");
  }
  connection.exec_prepared(
      fmt::format("UPDATE {} SET {} WHERE id = $1", qgp::kit::meta<R>().table, sets), params);
  return true;
}

// Records a change the record's own columns do not show (its children changed): updated_by_id
// and version move as for any update.
template <Described R>
void touch(db::Connection& connection, std::int64_t id, const core::Actor& actor) {
  static_assert(qgp::kit::has_role<R>(Role::kVersion), "touch moves the version");
  static const std::string sql =
      fmt::format("UPDATE {} SET {}version = version + 1 WHERE id = $1", qgp::kit::meta<R>().table,
                  qgp::kit::has_role<R>(Role::kUpdatedBy) ? "updated_by_id = $2, " : "");
  db::Params params(id);
  if (qgp::kit::has_role<R>(Role::kUpdatedBy)) {
    params.add(actor.user_id);
  }
  connection.exec_prepared(sql, params);
}

}  // namespace qgp::store::kit
