#include "store/investigations/investigation_store.hpp"

#include "store/common/first_column.hpp"

namespace qgp::store::investigations {

std::int32_t next_why_position(db::Connection& connection, std::int64_t investigation_id) {
  const auto result = connection.exec_prepared(
      "SELECT coalesce(max(position), 0) + 1 FROM investigation_whys WHERE investigation_id = $1",
      db::Params(investigation_id));
  return static_cast<std::int32_t>(result.int64(0, 0));
}

std::vector<std::string> unsigned_investigations(db::Connection& connection,
                                                 std::int64_t incident_id) {
  const auto result = connection.exec_prepared(
      "SELECT v.reference_number FROM investigations v WHERE v.incident_id = $1 AND "
      "v.archived_at IS NULL AND v.status <> 'signed_off' ORDER BY v.id",
      db::Params(incident_id));
  return common::first_column_texts(result);
}

}  // namespace qgp::store::investigations
