#include "domain/standards/relevel.hpp"

#include <fmt/format.h>

#include "domain/common/records.hpp"
#include "model/standards/clause.hpp"

namespace qgp::domain::standards {

std::vector<store::standards::Relevelled> relevel_subtree(db::Transaction& tx,
                                                          const core::Actor& actor,
                                                          std::int64_t moved_id) {
  auto relevelled = store::standards::relevel_descendants(tx.connection(), moved_id, actor.user_id);
  for (const auto& clause : relevelled) {
    kit::ChangeSet changes;
    changes.track("level", std::int64_t{clause.before}, std::int64_t{clause.after});
    common::append_audit(tx, actor, "update", kit::meta<model::standards::Clause>().entity,
                         clause.id, std::move(changes),
                         fmt::format("re-levelled: clause {} moved", moved_id));
  }
  return relevelled;
}

}  // namespace qgp::domain::standards
