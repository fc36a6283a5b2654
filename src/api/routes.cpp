#include "api/routes.hpp"

#include "api/actions/routes.hpp"
#include "api/audit/routes.hpp"
#include "api/audits/finding_routes.hpp"
#include "api/audits/run_routes.hpp"
#include "api/audits/template_routes.hpp"
#include "api/identity/admin_routes.hpp"
#include "api/identity/auth_routes.hpp"
#include "api/incidents/routes.hpp"
#include "api/investigations/routes.hpp"
#include "api/reviews/routes.hpp"
#include "api/risks/routes.hpp"
#include "api/standards/routes.hpp"
#include "core/config.hpp"
#include "http/server.hpp"

namespace qgp::api {

void register_routes(http::Server& server, const core::Config& config) {
  // One line per module: <module>::register_routes(server, config).
  identity::register_auth_routes(server, config);
  identity::register_admin_routes(server, config);
  audit::register_routes(server, config);
  standards::register_routes(server, config);
  audits::register_template_routes(server, config);
  audits::register_finding_routes(server, config);
  audits::register_run_routes(server, config);
  risks::register_routes(server, config);
  actions::register_routes(server, config);
  incidents::register_routes(server, config);
  investigations::register_routes(server, config);
  reviews::register_routes(server, config);
}

}  // namespace qgp::api
