#pragma once

// What the investigations module reads beyond one record: the next position of a why, and the
// investigations of an incident not signed off yet (the incident's closing rule). One statement
// each.

#include <cstdint>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace qgp::store::investigations {

// The position the next why of investigation `investigation_id` takes (1 for the first). The
// caller holds the investigation's row lock, so two additions do not take the same position.
std::int32_t next_why_position(db::Connection& connection, std::int64_t investigation_id);

// Reference numbers of the investigations of incident `incident_id` that are not signed off (not
// archived), in the order they were opened.
std::vector<std::string> unsigned_investigations(db::Connection& connection,
                                                 std::int64_t incident_id);

}  // namespace qgp::store::investigations
