#pragma once

#include <cstdint>
#include <vector>

#include "db/connection.hpp"

namespace qgp::store::common {

// The records other modules link to and may archive.
enum class LinkTarget { kStandard, kClause, kControl, kRisk };

// The ids among `ids` whose record is archived, ascending. Ids without a record are not returned:
// the foreign keys refuse those.
std::vector<std::int64_t> archived_among(db::Connection& connection, LinkTarget target,
                                         const std::vector<std::int64_t>& ids);

}  // namespace qgp::store::common
