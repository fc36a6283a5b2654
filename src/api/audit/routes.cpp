#include "api/audit/routes.hpp"

#include "api/kit/routes.hpp"
#include "core/config.hpp"
#include "http/server.hpp"
#include "model/audit/entry.hpp"

namespace qgp::api::audit {

void register_routes(http::Server& server, const core::Config& /*config*/) {
  kit::Routes routes(server, "audit");
  routes.list<model::audit::AuditEntry>(
      "audit:read", "The audit trail of every module, newest first, with filters");
}

}  // namespace qgp::api::audit
