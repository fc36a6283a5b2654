#pragma once

// What the investigations module reads beyond one record: the next position of a why. One
// statement.

#include <cstdint>

#include "db/connection.hpp"

namespace qgp::store::investigations {

// The position the next why of investigation `investigation_id` takes (1 for the first). The
// caller holds the investigation's row lock, so two additions do not take the same position.
std::int32_t next_why_position(db::Connection& connection, std::int64_t investigation_id);

}  // namespace qgp::store::investigations
