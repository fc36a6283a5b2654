#pragma once

#include <vector>

#include "http/query.hpp"
#include "store/common/list_sql.hpp"

namespace qgp::api::common {

// The validated sort keys of a list request, in the store's terms.
std::vector<store::common::SortKey> sort_keys(const http::ListQuery& query);

// The page window of a list request, in the store's terms.
store::common::Page page_of(const http::ListQuery& query);

}  // namespace qgp::api::common
