#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::audits {

// /api/v1/audits/runs: schedule, list, read, edit the schedule, move along the workflow
// (/transitions: start, complete, approve, send back, cancel), answer, history. Permissions:
// audits:read / audits:conduct.
void register_run_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api::audits
