#include "store/common/where.hpp"

namespace qgp::store::common {

void Where::append(const std::string& condition, const std::string& placeholder) {
  std::string expanded = condition;
  // Every `{}` is the same parameter (e.g. one search text matched against several columns).
  for (auto at = expanded.find("{}"); at != std::string::npos;
       at = expanded.find("{}", at + placeholder.size())) {
    expanded.replace(at, 2, placeholder);
  }
  if (!sql_.empty()) {
    sql_ += " AND ";
  }
  sql_ += "(" + expanded + ")";
}

}  // namespace qgp::store::common
