#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api {

// Registers every module's routes, schemas and the identity module's Authenticator. Called once
// by `qgp serve` before the server starts.
void register_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api
