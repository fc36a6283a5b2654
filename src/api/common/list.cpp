#include "api/common/list.hpp"

namespace qgp::api::common {

std::vector<store::common::SortKey> sort_keys(const http::ListQuery& query) {
  std::vector<store::common::SortKey> keys;
  keys.reserve(query.sort.size());
  for (const auto& key : query.sort) {
    keys.push_back({.field = key.field, .descending = key.descending});
  }
  return keys;
}

store::common::Page page_of(const http::ListQuery& query) {
  store::common::Page page;
  page.page = query.page;
  page.page_size = query.page_size;
  return page;
}

}  // namespace qgp::api::common
