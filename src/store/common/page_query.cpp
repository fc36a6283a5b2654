#include "store/common/page_query.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace qgp::store::common {

PageRows fetch_page(db::Connection& connection, const PageQuery& query, const db::Params& params,
                    const Page& page) {
  // Prepared statements: the lists build their WHERE of the filters in use only (common::Where),
  // so a cached plan fits the predicates present. LIMIT and OFFSET are literals (integers api/
  // bounded): as parameters PostgreSQL re-planned every execution, because a custom plan always
  // looks cheaper than a generic one with an unknown LIMIT (bench/audits).
  PageRows out;
  out.rows = connection.exec_prepared(
      fmt::format("SELECT {}{}{} LIMIT {} OFFSET {}", query.columns, query.page_from, query.order,
                  page.page_size, page.offset()),
      params);
  const auto on_page = static_cast<std::int64_t>(out.rows.rows());
  // A page that is not full is the last one: it tells the total without a second statement (most
  // lists of a register's first screen).
  if (on_page < page.page_size && (on_page > 0 || page.offset() == 0)) {
    out.total = page.offset() + on_page;
    return out;
  }
  if (page.exact_total) {
    out.total = connection.exec_prepared("SELECT count(*)" + query.count_from, params).int64(0, 0);
    return out;
  }
  // Counted up to one past the bound: the requested page is always inside it, so a client paging
  // on never sees its page beyond the total.
  const std::int64_t bound = std::max(qgp::kit::kExactTotalUpTo, page.offset() + page.page_size);
  const auto counted =
      connection
          .exec_prepared(fmt::format("SELECT count(*) FROM (SELECT 1{} LIMIT {}) bounded",
                                     query.count_from, bound + 1),
                         params)
          .int64(0, 0);
  out.total = std::min(counted, bound);
  out.total_exact = counted <= bound;
  return out;
}

}  // namespace qgp::store::common
