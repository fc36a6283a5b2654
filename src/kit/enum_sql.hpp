#pragma once

#include <string>
#include <string_view>

#include "kit/enums.hpp"

namespace qgp::kit {

// The rank of an enumeration column in declaration order (1 = declared first), in SQL: lists sort
// enumerations by it, and an index that serves such a sort is declared on the same text (a
// planner matches an index expression only when it is the same expression).
template <DeclaredEnum E>
std::string declaration_rank_sql(std::string_view column) {
  std::string sql = "array_position(ARRAY[";
  for (std::size_t i = 0; i < kWireNames<E>.size(); ++i) {
    sql.append(i == 0 ? "'" : ", '").append(kWireNames<E>[i]).append("'");
  }
  return sql.append("], ").append(column).append(")");
}

}  // namespace qgp::kit
