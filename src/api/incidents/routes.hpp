#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::incidents {

// /api/v1/incidents: the employee's report, the register (list, read, edit, transitions, history),
// people involved and witnesses, the RIDDOR assessment, decision and report, statistics and the
// CSV export.
void register_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api::incidents
