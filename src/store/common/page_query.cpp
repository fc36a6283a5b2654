#include "store/common/page_query.hpp"

#include <fmt/format.h>

namespace qgp::store::common {

PageRows fetch_page(db::Connection& connection, const PageQuery& query, const db::Params& params,
                    const Page& page) {
  // Prepared statements: the lists build their WHERE of the filters in use only (common::Where),
  // so a cached plan fits the predicates present. LIMIT and OFFSET are literals (integers api/
  // bounded): as parameters PostgreSQL re-planned every execution, because a custom plan always
  // looks cheaper than a generic one with an unknown LIMIT (bench/audits).
  PageRows out;
  out.total = connection.exec_prepared("SELECT count(*)" + query.count_from, params).int64(0, 0);
  if (out.total <= page.offset()) {
    return out;  // nothing on this page: spare the server the sort
  }
  out.rows = connection.exec_prepared(
      fmt::format("SELECT {}{}{} LIMIT {} OFFSET {}", query.columns, query.page_from, query.order,
                  page.page_size, page.offset()),
      params);
  return out;
}

}  // namespace qgp::store::common
