#include "store/common/page_query.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

namespace qgp::store::common {

PageRows fetch_page(db::Connection& connection, const PageQuery& query, const db::Params& params,
                    const Page& page) {
  // Prepared statements: the lists build their WHERE of the filters in use only (common::Where),
  // so a cached plan fits the predicates present. LIMIT and OFFSET are literals (integers api/
  // bounded): as parameters PostgreSQL re-planned every execution, because a custom plan always
  // looks cheaper than a generic one with an unknown LIMIT (bench/audits).
  PageRows out;
  // The bounded count travels with the page, in its round trip (db::Connection::send_ahead):
  // counted up to one past the bound, so that the requested page is always inside it and a
  // client paging on never sees its page beyond the total. An exact total on request is counted
  // only when the page cannot tell it.
  const std::int64_t bound = std::max(qgp::kit::kExactTotalUpTo, page.offset() + page.page_size);
  std::optional<std::int64_t> counted;
  if (!page.exact_total) {
    connection.send_ahead(fmt::format("SELECT count(*) FROM (SELECT 1{} LIMIT {}) bounded",
                                      query.count_from, bound + 1),
                          params,
                          [&counted](const db::Result& result) { counted = result.int64(0, 0); });
  }
  out.rows = connection.exec_prepared(
      fmt::format("SELECT {}{}{} LIMIT {} OFFSET {}", query.columns, query.page_from, query.order,
                  page.page_size, page.offset()),
      params);
  const auto on_page = static_cast<std::int64_t>(out.rows.rows());
  // A page that is not full is the last one: it tells the total (most lists of a register's
  // first screen).
  if (on_page < page.page_size && (on_page > 0 || page.offset() == 0)) {
    out.total = page.offset() + on_page;
    return out;
  }
  if (page.exact_total) {
    out.total = connection.exec_prepared("SELECT count(*)" + query.count_from, params).int64(0, 0);
    return out;
  }
  connection.settle();  // already answered unless the page's statement had to be prepared first
  out.total = std::min(counted.value_or(0), bound);
  out.total_exact = counted.value_or(0) <= bound;
  return out;
}

}  // namespace qgp::store::common
