#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "domain/standards/rules.hpp"
#include "domain/standards/service.hpp"
#include "store/standards/records.hpp"

namespace qgp::api::standards {

// JSON renderings of the standards library (snake_case, ids as integers, RFC 3339 timestamps).

nlohmann::json render(const store::standards::StandardRow& standard);
nlohmann::json render(const store::standards::ClauseRow& clause);
nlohmann::json render(const store::standards::ControlRow& control);
nlohmann::json render(const store::standards::MappingRow& mapping);
nlohmann::json render(const store::standards::MappedClauseRow& mapped);
nlohmann::json render(const store::standards::SoaEntryRow& entry);
// A control with its SoA entry, or the defaults when none was recorded yet (entry_id null).
nlohmann::json render(const store::standards::SoaLine& line);
nlohmann::json render(const domain::standards::ClauseNode& node, bool with_controls);
nlohmann::json render(const domain::standards::StandardTree& tree, bool with_controls);

template <typename Row>
nlohmann::json render_items(const std::vector<Row>& rows) {
  auto items = nlohmann::json::array();
  for (const auto& row : rows) {
    items.push_back(render(row));
  }
  return items;
}

}  // namespace qgp::api::standards
