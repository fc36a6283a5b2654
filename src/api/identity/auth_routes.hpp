#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::identity {

// /api/v1/auth/* (login, refresh, logout, me, change-password) and the bearer-token
// Authenticator every non-public route goes through.
void register_auth_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api::identity
