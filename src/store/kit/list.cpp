#include "store/kit/list.hpp"

namespace qgp::store::kit {

void bind_filter_value(db::Params& params, const qgp::kit::FilterValue& value) {
  std::visit([&](const auto& v) { params.add(v); }, value);
}

std::string order_clause(const std::vector<std::string>& keys, std::string_view default_order,
                         std::string_view alias) {
  std::string sql = " ORDER BY ";
  bool descending = false;
  if (keys.empty()) {
    if (!default_order.empty()) {
      sql += fmt::format("{}, ", default_order);
      descending = default_order.ends_with("DESC");
    }
  } else {
    for (const auto& key : keys) {
      sql += key + ", ";
    }
    descending = keys.back().find(" DESC") != std::string::npos;
  }
  return sql + fmt::format("{}.id{}", alias, descending ? " DESC" : "");
}

}  // namespace qgp::store::kit
