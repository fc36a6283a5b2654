#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::risks {

// /api/v1/risks: the register (list, create, read, edit, transitions, history), assessments,
// acceptance, the heat map, statistics and the CSV export.
void register_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api::risks
