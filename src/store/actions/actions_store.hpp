#pragma once

// The actions register's own statements beyond the kit's: the loop's count of a finding's actions,
// the check that an assessment relies on its risk's actions, and the rows of the CSV export.

#include <cstdint>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "model/actions/action.hpp"

namespace qgp::store::actions {

struct FindingActionCounts {
  std::int64_t verified = 0;
  std::int64_t outstanding = 0;  // neither verified nor cancelled
};

// The finding's actions (not archived) by whether they are verified, outstanding or cancelled.
FindingActionCounts finding_action_counts(db::Connection& connection, std::int64_t finding_id);

// Of `action_ids`, those that are not live actions of risk `risk_id`, sorted.
std::vector<std::int64_t> foreign_actions(db::Connection& connection, std::int64_t risk_id,
                                          const std::vector<std::int64_t>& action_ids);

// Of `action_ids`, those that are not live actions raised from the record `source_id` named by
// the source column `source_column` (one of the table's source ids, e.g. "incident_id"), sorted.
std::vector<std::int64_t> foreign_actions(db::Connection& connection,
                                          std::string_view source_column, std::int64_t source_id,
                                          const std::vector<std::int64_t>& action_ids);

// Every action not archived, by reference number.
std::vector<model::actions::Action> all_actions(db::Connection& connection);

}  // namespace qgp::store::actions
