#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace qgp::store::common {

// The first column of every row of `result`, as text (e.g. the reference numbers a check names).
inline std::vector<std::string> first_column_texts(const db::Result& result) {
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    out.push_back(result.string(row, 0));
  }
  return out;
}

}  // namespace qgp::store::common
