#pragma once

#include <string>

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::audit {

// GET /api/v1/audit-log (filters: entity_type, entity_id, actor_user_id, action, request_id,
// occurred_after, occurred_before; audit:read).
void register_routes(http::Server& server, const core::Config& config);

// GET `pattern` (ending in "/{id}/history"): the audit rows of one record, oldest first, for
// holders of `permission` — each module calls this for its audited entities.
void add_history_route(http::Server& server, const std::string& pattern,
                       const std::string& entity_type, const std::string& permission,
                       const std::string& tag);

}  // namespace qgp::api::audit
