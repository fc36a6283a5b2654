#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::investigations {

// /api/v1/investigations: root cause analyses of a case (list, open, read, edit, transitions to
// review and sign-off, history), their 5-whys and fishbone factors.
void register_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api::investigations
