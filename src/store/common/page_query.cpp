#include "store/common/page_query.hpp"

#include <fmt/format.h>

namespace qgp::store::common {

PageRows fetch_page(db::Connection& connection, const PageQuery& query, db::Params params,
                    const Page& page) {
  // Unnamed statements (exec, not exec_prepared): several lists filter with catch-all predicates
  // (`$1 IS NULL OR col = $1`), where a cached generic plan would ignore the indexes a custom plan
  // for the actual values can use.
  PageRows out;
  out.total = connection.exec("SELECT count(*)" + query.count_from, params).int64(0, 0);
  if (out.total <= page.offset()) {
    return out;  // nothing on this page: spare the server the sort
  }
  const auto limit = params.size() + 1;
  params.add(static_cast<std::int64_t>(page.page_size)).add(page.offset());
  out.rows = connection.exec(fmt::format("SELECT {}{}{} LIMIT ${} OFFSET ${}", query.columns,
                                         query.page_from, query.order, limit, limit + 1),
                             params);
  return out;
}

}  // namespace qgp::store::common
