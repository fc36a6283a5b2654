#pragma once

// CSV exports of declared records (RFC 4180): a header row of the exported fields' wire names,
// then one CRLF-terminated row per record, each value as the declaration renders it
// (enumerations by wire name, null as an empty field, id lists joined by ';'). Text typed by
// users is guarded against spreadsheet formula injection.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"

namespace qgp::api::kit {

// One CSV field per RFC 4180: quoted (with doubled quotes) when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view value);

// A field of text typed by users: as csv_field, but a leading =, +, -, @, tab or CR gets a single
// quote in front so a spreadsheet shows it instead of evaluating it (CSV injection).
std::string csv_text_field(std::string_view value);

// Whether a member of type T has a CSV form (csv_cell).
template <class T>
constexpr bool has_csv_cell() {
  if constexpr (qgp::kit::kIsOptional<T>) {
    return has_csv_cell<typename qgp::kit::IsOptional<T>::Inner>();
  } else {
    return std::is_same_v<T, bool> || qgp::kit::kIsInteger<T> || qgp::kit::DeclaredEnum<T>
           || std::is_same_v<T, qgp::kit::Timestamp> || std::is_same_v<T, qgp::kit::Date>
           || std::is_same_v<T, qgp::kit::Decimal> || std::is_same_v<T, std::string>
           || std::is_same_v<T, std::vector<std::int64_t>>;
  }
}

template <class T>
std::string csv_cell(const T& value) {
  if constexpr (qgp::kit::kIsOptional<T>) {
    return value ? csv_cell(*value) : std::string();
  } else if constexpr (std::is_same_v<T, bool>) {
    return value ? "true" : "false";
  } else if constexpr (qgp::kit::kIsInteger<T>) {
    return std::to_string(value);
  } else if constexpr (qgp::kit::DeclaredEnum<T>) {
    return std::string(qgp::kit::wire_name(value));
  } else if constexpr (std::is_same_v<T, qgp::kit::Timestamp>
                       || std::is_same_v<T, qgp::kit::Decimal>) {
    return value.text;
  } else if constexpr (std::is_same_v<T, qgp::kit::Date>) {
    return value.iso;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return csv_text_field(value);
  } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
    return fmt::format("{}", fmt::join(value, ";"));
  } else {
    static_assert(std::is_same_v<T, void>, "no CSV form for this member type");
  }
}

// Whether every column names a field of R (use it in a static_assert next to the columns).
template <qgp::kit::Described R, std::size_t kColumns>
constexpr bool csv_columns_exist(const std::array<std::string_view, kColumns>& columns) {
  return std::ranges::all_of(columns, [](std::string_view column) {
    return qgp::kit::field_index<R>(column) < qgp::kit::field_count<R>();
  });
}

// The header row and one row per record: the fields named by `columns`, in that order.
template <qgp::kit::Described R, std::size_t kColumns>
std::string csv_table(const std::vector<R>& rows,
                      const std::array<std::string_view, kColumns>& columns) {
  std::string csv = fmt::format("{}\r\n", fmt::join(columns, ","));
  for (const auto& row : rows) {
    std::array<std::string, kColumns> cells;
    qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
      using M = typename std::remove_cvref_t<decltype(f)>::Member;
      for (std::size_t i = 0; i < kColumns; ++i) {
        if (columns.at(i) == f.name) {
          if constexpr (has_csv_cell<M>()) {
            cells.at(i) = csv_cell<M>(row.*f.member);
          }
        }
      }
    });
    csv += fmt::format("{}\r\n", fmt::join(cells, ","));
  }
  return csv;
}

}  // namespace qgp::api::kit
