#pragma once

namespace qgp::core {
struct Config;
}
namespace qgp::http {
class Server;
}

namespace qgp::api::audits {

// /api/v1/audits/templates: the template builder, publishing, versions and cloning.
void register_template_routes(http::Server& server, const core::Config& config);

}  // namespace qgp::api::audits
