#pragma once

#include <span>
#include <string_view>

#include "http/docs_assets.hpp"
#include "http/message.hpp"

namespace qgp::http {

// The web application (web/app, docs/adr/0015) is built by Vite and embedded by
// cmake/embed_web.cmake into a library that only the `qgp` executable links; main() hands its files
// to the server (ServerOptions::web_assets). They have the shape of the /docs files: `index.html`
// and `assets/<name>.<hash>.<ext>`.
using WebAsset = DocsAsset;

// The page's policy: everything from this origin only; images also as data: and blob: URLs (a
// photo taken offline is shown before it is sent); no inline script, no framing.
inline constexpr std::string_view kWebAppPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

// Whether a GET of `path` that matches no route is one of the application's own (client-side)
// routes, answered with its index.html: anything but the API, the documentation, the OpenAPI
// document, health, metrics and the assets folder, whose unknown paths stay a JSON 404.
[[nodiscard]] bool is_client_route(std::string_view path) noexcept;

// The embedded file `name` of `assets` (the application's or /docs'): a content-hashed file is
// cacheable for a year, any other is revalidated on every load; an HTML page carries `page_policy`
// as its Content-Security-Policy. A JSON 404 saying `missing` when there is no such file.
[[nodiscard]] Response asset_response(std::span<const DocsAsset> assets, std::string_view name,
                                      std::string_view page_policy, std::string_view missing,
                                      std::string_view request_id);

// `name` ("index.html" or "assets/<file>") of the application, with kWebAppPolicy.
[[nodiscard]] Response web_app_response(std::span<const WebAsset> assets, std::string_view name,
                                        std::string_view request_id);

}  // namespace qgp::http
