#pragma once

// Internal to api/standards: the route files register their own parts.

namespace qgp::http {
class Server;
}

namespace qgp::api::standards {

void register_standard_routes(http::Server& server);  // standards, clauses, clause mappings
void register_control_routes(http::Server& server);   // controls and the SoA
void register_schemas(http::Server& server);          // OpenAPI components

}  // namespace qgp::api::standards
