#pragma once

#include <span>

#include "http/web_app.hpp"

namespace qgp::app {

// The web application's files, defined in the source cmake/embed_web.cmake generates from Vite's
// build of web/app: linked into the `qgp` executable only (qgp_core does not depend on them).
std::span<const http::WebAsset> web_assets();

}  // namespace qgp::app
