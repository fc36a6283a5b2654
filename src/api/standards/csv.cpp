#include "api/standards/csv.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"

namespace qgp::api::standards {

namespace {

constexpr std::string_view kCrlf = "\r\n";

// The exported fields of a line, in column order (names of SoaLine's declared fields).
constexpr std::array<std::string_view, 10> kColumns = {
    "control_number",        "title",    "theme", "clause_number", "is_applicable", "justification",
    "implementation_status", "owner_id", "notes", "reviewed_at"};

template <class T>
std::string cell(const T& value) {
  if constexpr (qgp::kit::kIsOptional<T>) {
    return value ? cell(*value) : std::string();
  } else if constexpr (std::is_same_v<T, bool>) {
    return value ? "true" : "false";
  } else if constexpr (qgp::kit::kIsInteger<T>) {
    return std::to_string(value);
  } else if constexpr (qgp::kit::DeclaredEnum<T>) {
    return std::string(qgp::kit::wire_name(value));
  } else if constexpr (std::is_same_v<T, qgp::kit::Timestamp>) {
    return value.text;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return csv_text_field(value);
  } else {
    static_assert(std::is_same_v<T, void>, "no CSV form for this member type");
  }
}

// Each declared field is known by name at compile time: that the columns name fields is checked.
static_assert(std::ranges::all_of(kColumns,
                                  [](std::string_view column) {
                                    return qgp::kit::field_index<model::standards::SoaLine>(column)
                                           < qgp::kit::field_count<model::standards::SoaLine>();
                                  }),
              "every CSV column is a field of SoaLine");

}  // namespace

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(value);
  }
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') {
      quoted += '"';
    }
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_text_field(std::string_view value) {
  if (!value.empty()
      && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) {
    return csv_field("'" + std::string(value));
  }
  return csv_field(value);
}

std::string soa_csv(const std::vector<model::standards::SoaLine>& lines) {
  std::string csv = fmt::format("{}{}", fmt::join(kColumns, ","), kCrlf);
  for (const auto& line : lines) {
    std::array<std::string, kColumns.size()> cells;
    qgp::kit::for_each_field<model::standards::SoaLine>([&](const auto& f, std::size_t /*index*/) {
      for (std::size_t i = 0; i < kColumns.size(); ++i) {
        if (kColumns.at(i) == f.name) {
          cells.at(i) = cell(line.*f.member);
        }
      }
    });
    csv += fmt::format("{}{}", fmt::join(cells, ","), kCrlf);
  }
  return csv;
}

}  // namespace qgp::api::standards
