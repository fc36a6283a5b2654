#include "domain/common/records.hpp"

namespace qgp::domain::common {

void append_audit(db::Transaction& tx, const core::Actor& actor, std::string_view action,
                  std::string_view entity, std::int64_t id, qgp::kit::ChangeSet changes,
                  const std::optional<std::string>& note) {
  store::audit::append_ahead(tx.connection(), actor,
                             store::audit::Entry{.action = std::string(action),
                                                 .entity_type = std::string(entity),
                                                 .entity_id = id,
                                                 .changes = std::move(changes).take(),
                                                 .note = note.value_or("")});
}

}  // namespace qgp::domain::common
