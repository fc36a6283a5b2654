// Which unmatched GET paths are the web application's client-side routes (answered with its
// index.html) and which stay a JSON 404 (docs/adr/0015).
#include <array>

#include <gtest/gtest.h>

#include "http/web_app.hpp"

namespace qgp::http {
namespace {

TEST(WebAppRoutes, ApplicationPathsAreClientRoutes) {
  for (const auto* path : {"/", "/sign-in", "/audits/runs", "/audits/runs/12", "/findings/3",
                           "/apiary", "/docsets", "/assetsy", "/metricsboard"}) {
    EXPECT_TRUE(is_client_route(path)) << path;
  }
}

TEST(WebAppRoutes, TheServersOwnPathsAreNot) {
  for (const auto* path :
       {"/api", "/api/", "/api/v1/nope", "/docs", "/docs/x.js", "/openapi.json", "/healthz",
        "/readyz", "/metrics", "/metrics/x", "/assets", "/assets/index-abc.js", "", "relative"}) {
    EXPECT_FALSE(is_client_route(path)) << path;
  }
}

TEST(WebAppResponse, AHashedAssetIsImmutableAndThePageCarriesThePolicy) {
  const std::array<WebAsset, 2> assets = {WebAsset{.name = "index.html",
                                                   .content_type = "text/html; charset=utf-8",
                                                   .body = "<p>",
                                                   .immutable = false},
                                          WebAsset{.name = "assets/index-abc.js",
                                                   .content_type = "text/javascript; charset=utf-8",
                                                   .body = "x",
                                                   .immutable = true}};
  const auto page = web_app_response(assets, "index.html", "r1");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Cache-Control"), "no-cache");
  EXPECT_EQ(page.header("Content-Security-Policy"), kWebAppPolicy);
  EXPECT_EQ(page.body, "<p>");
  const auto script = web_app_response(assets, "assets/index-abc.js", "r1");
  EXPECT_EQ(script.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_FALSE(script.header("Content-Security-Policy").has_value());
  EXPECT_EQ(web_app_response(assets, "assets/other.js", "r1").status, 404);
  EXPECT_EQ(web_app_response({}, "index.html", "r1").status, 404);
}

}  // namespace
}  // namespace qgp::http
