#include "store/common/list_sql.hpp"

#include <stdexcept>

namespace qgp::store::common {

std::string order_by(const std::vector<SortKey>& sort,
                     const std::map<std::string, std::string, std::less<>>& columns,
                     std::string_view default_order, std::string_view id_column) {
  std::string sql = " ORDER BY ";
  if (sort.empty()) {
    sql += default_order;
    sql += ", ";
  }
  for (const auto& key : sort) {
    const auto column = columns.find(key.field);
    if (column == columns.end()) {
      throw std::invalid_argument("unsortable field: " + key.field);
    }
    sql += column->second;
    sql += key.descending ? " DESC NULLS LAST, " : " ASC NULLS LAST, ";
  }
  sql += id_column;
  return sql;
}

std::string like_escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') {
      escaped.push_back('\\');
    }
    escaped.push_back(c);
  }
  return escaped;
}

}  // namespace qgp::store::common
