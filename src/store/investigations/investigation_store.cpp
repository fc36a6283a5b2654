#include "store/investigations/investigation_store.hpp"

namespace qgp::store::investigations {

std::int32_t next_why_position(db::Connection& connection, std::int64_t investigation_id) {
  const auto result = connection.exec_prepared(
      "SELECT coalesce(max(position), 0) + 1 FROM investigation_whys WHERE investigation_id = $1",
      db::Params(investigation_id));
  return static_cast<std::int32_t>(result.int64(0, 0));
}

}  // namespace qgp::store::investigations
