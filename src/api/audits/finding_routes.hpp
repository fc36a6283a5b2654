#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::audits {

// /api/v1/audits/findings: list, raise, read, edit, transitions, verification, links, history.
void register_finding_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api::audits
