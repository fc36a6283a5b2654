#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::audit {

// GET /api/v1/audit-log: the trail of every module, newest first, filtered by entity, actor,
// action, request and time (audit:read). Each record's own trail is a kit route
// (api::kit::Routes::history) its module registers.
void register_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api::audit
