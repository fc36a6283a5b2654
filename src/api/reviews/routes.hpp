#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::reviews {

// /api/v1/management-reviews: management reviews (ISO 9.3) — list, plan, read, edit, transitions
// (held, closed by approving the minutes, cancelled, reopened), history — their attendees, inputs
// and outputs, and the actions raised from an output.
void register_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api::reviews
