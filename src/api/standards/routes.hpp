#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::standards {

// The standards library: standards, clause trees, clause mappings, controls and the ISO/IEC 27001
// Statement of Applicability (JSON and CSV). Permissions standards:read / standards:write.
void register_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api::standards
