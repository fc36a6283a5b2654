#include "store/kit/write.hpp"

#include "store/common/id_lists.hpp"

namespace qgp::store::kit {

void replace_links(db::Connection& connection, const qgp::kit::Links& links, std::int64_t id,
                   const std::vector<std::int64_t>& ids) {
  const auto literal = common::id_array_literal(ids);
  connection.exec_prepared(
      fmt::format("DELETE FROM {0} WHERE {1} = $1 AND NOT ({2} = ANY($2::text[]::bigint[]))",
                  links.table, links.owner, links.target),
      db::Params(id, literal));
  connection.exec_prepared(
      fmt::format("INSERT INTO {0} ({1}, {2}) SELECT $1, unnest($2::text[]::bigint[]) "
                  "ON CONFLICT DO NOTHING",
                  links.table, links.owner, links.target),
      db::Params(id, literal));
}

}  // namespace qgp::store::kit
