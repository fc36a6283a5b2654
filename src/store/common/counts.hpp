#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "db/connection.hpp"
#include "kit/enums.hpp"

namespace qgp::store::common {

// counts[value] for every row (value, count) of `sql` whose value is one of E's wire names (a
// statistic grouped by a declared enumeration's column).
template <class E>
void count_by(db::Connection& connection, const std::string& sql, std::map<E, std::int64_t>& out) {
  const auto result = connection.exec_prepared(sql);
  for (int row = 0; row < result.rows(); ++row) {
    if (const auto value = qgp::kit::parse_enum<E>(result.text(row, 0))) {
      out[*value] = result.int64(row, 1);
    }
  }
}

}  // namespace qgp::store::common
