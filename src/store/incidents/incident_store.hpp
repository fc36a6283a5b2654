#pragma once

// What the incident register reads beyond one record: the linked actions still open (from the
// actions register's table), the statistics, the rows of the CSV export, and the database's clock
// for instants a client sends. One statement each.

#include <cstdint>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "kit/values.hpp"
#include "model/incidents/incident.hpp"

namespace qgp::store::incidents {

// Reference numbers of the actions raised from incident `incident_id` that are still open or in
// progress (not archived), in the order they were raised.
std::vector<std::string> open_action_references(db::Connection& connection,
                                                std::int64_t incident_id);

// Whether `instant` lies after the database's now().
bool is_future(db::Connection& connection, const qgp::kit::Timestamp& instant);

// Whether `later` is before `earlier` (both RFC 3339 instants).
bool is_before(db::Connection& connection, const qgp::kit::Timestamp& later,
               const qgp::kit::Timestamp& earlier);

// Counts over the incidents not archived (see IncidentStatistics' declaration).
model::incidents::IncidentStatistics statistics(db::Connection& connection);

// Every incident not archived, by reference number.
std::vector<model::incidents::Incident> all_incidents(db::Connection& connection);

}  // namespace qgp::store::incidents
