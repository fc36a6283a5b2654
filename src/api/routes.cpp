#include "api/routes.hpp"

#include "api/audit/routes.hpp"
#include "api/identity/admin_routes.hpp"
#include "api/identity/auth_routes.hpp"
#include "core/config.hpp"
#include "http/server.hpp"

namespace qgp::api {

void register_routes(http::Server& server, const core::Config& config) {
  // Each module adds its own line here: <module>::register_routes(server, config);
  identity::register_auth_routes(server, config);
  identity::register_admin_routes(server, config);
  audit::register_routes(server, config);
  static_cast<void>(server);
  static_cast<void>(config);
}

}  // namespace qgp::api
