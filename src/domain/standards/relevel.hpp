#pragma once

// Internal to domain/standards: after a clause moved to another level, its sub-clauses follow.

#include <cstdint>
#include <vector>

#include "core/actor.hpp"
#include "db/transaction.hpp"
#include "store/standards/standards_store.hpp"

namespace qgp::domain::standards {

// Moves the subtree under `moved_id` to its new levels, with one audit row (level before and
// after, a note naming the moved clause) per sub-clause whose level changed; returns those.
std::vector<store::standards::Relevelled> relevel_subtree(db::Transaction& tx,
                                                          const core::Actor& actor,
                                                          std::int64_t moved_id);

}  // namespace qgp::domain::standards
