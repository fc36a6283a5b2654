#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::identity {

// /api/v1/users, /api/v1/roles, /api/v1/permissions: the directory administrators manage.
void register_admin_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api::identity
