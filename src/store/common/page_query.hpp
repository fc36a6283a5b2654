#pragma once

#include <cstdint>
#include <string>

#include "db/connection.hpp"
#include "kit/list.hpp"
#include "store/common/list_sql.hpp"

namespace qgp::store::common {

// The statements of every list endpoint: the page, then (unless the page itself shows where the
// list ends) its total. Each FROM part carries the shared WHERE over
// $1..$n of the caller's params (built with common::Where); the page appends LIMIT and OFFSET.
struct PageQuery {
  std::string count_from;  // " FROM t x WHERE ..." the total counts: only the joins filters need
  std::string columns;     // the select list of a page
  std::string page_from;   // " FROM t x JOIN ... WHERE ..." a page reads
  std::string order;       // " ORDER BY ..." from order_by(), ending in the id tiebreak
};

struct PageRows {
  std::int64_t total = 0;
  bool total_exact = true;  // false: there are more than `total` rows
  db::Result rows;
};

// The page an API list query asks for.
inline Page page_of(const qgp::kit::ListQuery& query) {
  return {.page = query.page, .page_size = query.page_size, .exact_total = query.exact_total};
}

PageRows fetch_page(db::Connection& connection, const PageQuery& query, const db::Params& params,
                    const Page& page);

}  // namespace qgp::store::common
