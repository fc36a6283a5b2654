#pragma once

// The store face of the resource kit (ADR-0010): the SELECT list of a resource and its row mapping,
// both from the declaration. Each field is read from the result column named after it (looked up
// once per result), never by position, so adding or reordering a field cannot shift the others.

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "store/common/id_lists.hpp"
#include "store/common/sql_format.hpp"
#include "store/kit/expression.hpp"
#include "store/kit/json_sql.hpp"

namespace qgp::store::kit {

// Whether the store reads the field from the resource's own SELECT (a write-only one never).
template <class F>
constexpr bool selected(const F& f) {
  return f.source != Source::kComputed && f.source != Source::kChildren
         && !f.has(qgp::kit::kWriteOnly);
}

// A list of declared records: what a rows_from field holds.
template <class T>
inline constexpr bool kIsRows = false;
template <Described Item>
inline constexpr bool kIsRows<std::vector<Item>> = true;

// The elements of a one-dimensional text[] in PostgreSQL's output form ({a,"b c","d\"e"}); throws
// std::logic_error on anything else, NULL elements included.
std::vector<std::string> parse_text_array(std::string_view literal);

// The select-list item of `f`: converted to the API's text form and named after the field.
template <Described R, class F>
std::string select_item(const F& f) {
  using V = qgp::kit::UnwrappedT<typename F::Member>;
  auto expression = raw_expression<R>(f);
  if constexpr (qgp::kit::kIsJson<V>) {
    using Document = typename qgp::kit::IsJson<V>::Document;
    if constexpr (kIsRows<Document>) {
      if (f.has(qgp::kit::kRows)) {
        return fmt::format("{} AS \"{}\"", rows_json<Document>(f.sql), f.name);
      }
    }
  }
  if constexpr (std::is_same_v<V, qgp::kit::Timestamp>) {
    expression = common::rfc3339(expression);
  } else if constexpr (std::is_same_v<V, qgp::kit::Date> || std::is_same_v<V, qgp::kit::Decimal>
                       || qgp::kit::kIsJson<V>) {
    expression += "::text";
  }
  return fmt::format("{} AS \"{}\"", expression, f.name);
}

// "<every stored field>": the select list alone, for statements written by hand over several
// declarations (a record and the nested record it shows, read from one row by name).
template <Described R>
const std::string& select_list() {
  static const std::string sql = [] {
    std::string list;
    qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
      if (f.source != Source::kComputed) {
        list += list.empty() ? "" : ", ";
        list += select_item<R>(f);
      }
    });
    return list;
  }();
  return sql;
}

// "SELECT <every stored field> FROM <table> <alias> <joins>"
template <Described R>
const std::string& select_from() {
  static const std::string sql = [] {
    std::string list;
    qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
      if (selected(f)) {
        list += list.empty() ? "" : ", ";
        list += select_item<R>(f);
      }
    });
    const auto& m = qgp::kit::meta<R>();
    return fmt::format("SELECT {} FROM {} {}{}{}", list, m.table, m.alias,
                       m.joins.empty() ? "" : " ", m.joins);
  }();
  return sql;
}

// Result column of each field (-1: not selected), resolved once per result.
template <Described R>
std::array<int, qgp::kit::field_count<R>()> columns_of(const db::Result& result) {
  std::array<int, qgp::kit::field_count<R>()> columns{};
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t index) {
    columns.at(index) = selected(f) ? result.column_index(fmt::format("\"{}\"", f.name)) : -1;
  });
  return columns;
}

// A kit::Scalar from its tagged text ('b' + true/false, 'n' + a number, 's' + a string).
qgp::kit::Scalar scalar_from_tagged(std::string_view tagged);

template <class T>
T from_text(const db::Result& result, int row, int column) {
  if constexpr (std::is_same_v<T, bool>) {
    return result.boolean(row, column);
  } else if constexpr (qgp::kit::kIsInteger<T>) {
    return static_cast<T>(result.int64(row, column));
  } else if constexpr (std::is_same_v<T, std::string>) {
    return result.string(row, column);
  } else if constexpr (std::is_same_v<T, qgp::kit::Date>) {
    return qgp::kit::Date{result.string(row, column)};
  } else if constexpr (std::is_same_v<T, qgp::kit::Timestamp>) {
    return qgp::kit::Timestamp{result.string(row, column)};
  } else if constexpr (std::is_same_v<T, qgp::kit::Decimal>) {
    return qgp::kit::Decimal{result.string(row, column)};
  } else if constexpr (qgp::kit::kIsJson<T>) {
    return T{result.string(row, column)};
  } else if constexpr (std::is_same_v<T, qgp::kit::Scalar>) {
    return scalar_from_tagged(result.text(row, column));
  } else if constexpr (qgp::kit::DeclaredEnum<T>) {
    const auto text = result.text(row, column);
    const auto value = qgp::kit::parse_enum<T>(text);
    if (!value) {
      throw std::logic_error(fmt::format("stored value '{}' is not in its enumeration", text));
    }
    return *value;
  } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
    return common::parse_id_list(result.string(row, column));
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    return parse_text_array(result.text(row, column));
  } else if constexpr (qgp::kit::kIsComposite<T>) {
    throw std::logic_error("a list or nested record is not read from one column");
  } else {
    static_assert(std::is_same_v<T, void>, "no row mapping for this member type");
  }
}

template <class M>
void read_member(const db::Result& result, int row, int column, M& target) {
  if constexpr (qgp::kit::kIsOptional<M>) {
    if (result.is_null(row, column)) {
      target = std::nullopt;
    } else {
      target = from_text<qgp::kit::UnwrappedT<M>>(result, row, column);
    }
  } else if constexpr (qgp::kit::kIsVector<M> || std::is_same_v<M, qgp::kit::Scalar>) {
    target = result.is_null(row, column) ? M{} : from_text<M>(result, row, column);
  } else {
    if (result.is_null(row, column)) {
      throw std::logic_error(
          fmt::format("column {} is NULL for a required field", result.column_name(column)));
    }
    target = from_text<M>(result, row, column);
  }
}

template <Described R>
R read_row(const db::Result& result, int row,
           const std::array<int, qgp::kit::field_count<R>()>& columns) {
  R out{};
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t index) {
    if (columns.at(index) >= 0) {
      read_member(result, row, columns.at(index), out.*f.member);
    }
  });
  return out;
}

template <Described R>
std::vector<R> read_rows(const db::Result& result) {
  std::vector<R> out;
  if (result.rows() == 0) {
    return out;
  }
  const auto columns = columns_of<R>(result);
  out.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    out.push_back(read_row<R>(result, row, columns));
  }
  return out;
}

// --- children (kit::Field::children) ------------------------------------------------------------

template <Described R>
constexpr bool has_children() {
  bool found = false;
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    found = found || f.source == Source::kChildren;
  });
  return found;
}

// The value of R's integer field `name` in `row` (the id, or a child's owner column).
template <Described R>
std::int64_t id_field_of(const R& row, std::string_view name) {
  std::optional<std::int64_t> found;
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    using M = typename std::remove_cvref_t<decltype(f)>::Member;
    if constexpr (std::is_same_v<M, std::int64_t>) {
      if (f.name == name) {
        found = row.*f.member;
      }
    }
  });
  if (!found) {
    throw std::logic_error(fmt::format("{} has no id field {}", qgp::kit::meta<R>().name, name));
  }
  return *found;
}

// "SELECT ... WHERE <child>.<owner> = ANY($1) [AND <child where>] ORDER BY <child order>, id": the
// children of C of every parent whose id is in the $1 array.
template <Described C>
std::string children_sql(std::string_view owner) {
  const auto& m = qgp::kit::meta<C>();
  return fmt::format("{} WHERE {}.{} = ANY($1::text[]::bigint[]){}{}{} ORDER BY {}{}{}.id",
                     select_from<C>(), m.alias, owner, m.where.empty() ? "" : " AND (", m.where,
                     m.where.empty() ? "" : ")", m.order, m.order.empty() ? "" : ", ", m.alias);
}

template <Described R>
void load_children(db::Connection& connection, std::vector<R>& rows);

// Reads the children of `f` for every row and attaches them (their own children first).
template <Described R, class F>
void attach_children(db::Connection& connection, const F& f, std::vector<R>& rows) {
  using M = typename F::Member;
  using C = qgp::kit::ChildOfT<M>;
  std::vector<std::int64_t> ids;
  std::map<std::int64_t, std::size_t> at;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto id = id_field_of(rows[i], "id");
    ids.push_back(id);
    at.emplace(id, i);
  }
  auto children = read_rows<C>(
      connection.exec_prepared(children_sql<C>(f.sql), db::Params(common::id_array_literal(ids))));
  load_children(connection, children);
  for (auto& child : children) {
    auto& parent = rows.at(at.at(id_field_of(child, f.sql)));
    if constexpr (qgp::kit::kIsVector<M>) {
      (parent.*f.member).push_back(std::move(child));
    } else {
      parent.*f.member = std::move(child);
    }
  }
}

// Fills every children field of `rows` (recursively), one statement per field and level.
template <Described R>
void load_children(db::Connection& connection, std::vector<R>& rows) {
  if constexpr (has_children<R>()) {
    if (rows.empty()) {
      return;
    }
    qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
      using M = typename std::remove_cvref_t<decltype(f)>::Member;
      if constexpr (!std::is_void_v<qgp::kit::ChildOfT<M>>) {
        if (f.source == Source::kChildren) {
          attach_children(connection, f, rows);
        }
      }
    });
  }
}

// The first row of a result, if any: moved into the answer by name (returning the vector's
// element would copy it).
template <class R>
std::optional<R> first_row(std::vector<R> rows) {
  if (rows.empty()) {
    return std::nullopt;
  }
  auto first = std::make_optional(std::move(rows.front()));
  return first;
}

// One record by id; `lock` takes its row lock (FOR UPDATE) for a read-modify-write. A record with
// children is read with them from one snapshot: a read-only REPEATABLE READ transaction unless the
// caller's unit of work is open (whose row locks keep its reads consistent).
template <Described R>
std::optional<R> find(db::Connection& connection, std::int64_t id, bool lock = false) {
  static const std::string by_id =
      fmt::format("{} WHERE {}.id = $1", select_from<R>(), qgp::kit::meta<R>().alias);
  static const std::string by_id_locked =
      fmt::format("{} FOR UPDATE OF {}", by_id, qgp::kit::meta<R>().alias);
  const auto read = [&] {
    auto rows = read_rows<R>(connection.exec_prepared(lock ? by_id_locked : by_id, db::Params(id)));
    load_children(connection, rows);
    return rows;
  };
  std::vector<R> rows;
  if (has_children<R>() && !lock && !connection.in_transaction()) {
    db::Transaction snapshot(connection, db::Isolation::kRepeatableRead, /*read_only=*/true);
    rows = read();
    snapshot.commit();
  } else {
    rows = read();
  }
  return first_row(std::move(rows));
}

}  // namespace qgp::store::kit
