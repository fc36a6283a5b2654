#pragma once

// Internal to api/standards: the route files register their own parts.

#include <string_view>

#include "http/router.hpp"

namespace qgp::http {
class Server;
}

namespace qgp::api::standards {

// Registers one route of the standards tag: the common shape of every table entry below.
void add_route(http::Server& server, const char* method, const char* pattern, const char* summary,
               std::string_view permission, const char* request_schema, const char* response_schema,
               int status, http::Handler handler);

void register_standard_routes(http::Server& server);  // standards, clauses, clause mappings
void register_control_routes(http::Server& server);   // controls and the SoA
void register_schemas(http::Server& server);          // OpenAPI components

}  // namespace qgp::api::standards
