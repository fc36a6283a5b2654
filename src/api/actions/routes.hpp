#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::actions {

// /api/v1/actions: the register (list with "my actions", create, read, edit, transitions,
// history), the effectiveness review and the CSV export.
void register_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api::actions
