// The web application served by the real `qgp serve` (docs/adr/0015): index.html at / and at every
// client-side route, revalidated and under a strict Content-Security-Policy; content-hashed assets
// cached for a year; the API, the documentation and the assets folder keep their JSON 404s.
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/html.hpp"
#include "support/server_process.hpp"

namespace qgp::testing {
namespace {

void expect_json_not_found(const HttpResponse& response, const std::string& what) {
  EXPECT_EQ(response.status, 404) << what;
  EXPECT_EQ(response.header("Content-Type"), "application/json") << what;
  EXPECT_EQ(nlohmann::json::parse(response.body).at("error_code"), "NOT_FOUND") << what;
}

class WebApp : public ::testing::Test {
 protected:
  // No database is needed to serve the application (nothing listens on this port).
  ServerProcess server_{
      {{"DATABASE_URL", fmt::format("postgresql://postgres@127.0.0.1:{}/postgres", free_port())}}};
};

TEST_F(WebApp, TheIndexIsRevalidatedUnderAStrictPolicyWithoutInlineScript) {
  const auto page = http_request(server_.port(), "GET", "/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("Cache-Control"), "no-cache");
  EXPECT_EQ(page.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(page.header("Referrer-Policy"), "no-referrer");
  const auto policy = page.header("Content-Security-Policy").value_or("");
  for (const auto* directive :
       {"default-src 'self'", "script-src 'self'", "connect-src 'self'",
        "img-src 'self' data: blob:", "frame-ancestors 'none'", "object-src 'none'"}) {
    EXPECT_NE(policy.find(directive), std::string::npos) << directive << " in " << policy;
  }
  EXPECT_EQ(policy.find("unsafe"), std::string::npos) << policy;  // no inline script, no eval
  EXPECT_EQ(policy.find("http"), std::string::npos) << policy;    // no other host
  EXPECT_NE(page.body.find(R"(<div id="root"></div>)"), std::string::npos) << page.body;

  // Every script is a same-origin file with no body; nothing comes from another host.
  const auto scripts = script_tags(page.body);
  for (const auto& script : scripts) {
    EXPECT_NE(script.attributes.find("src=\"/assets/"), std::string::npos) << script.tag;
    EXPECT_EQ(script.body, "") << script.tag;
  }
  EXPECT_EQ(scripts.size(), 1U) << page.body;
  for (const auto& url : referenced_urls(page.body)) {
    EXPECT_TRUE(url.starts_with("/assets/")) << url;
  }
}

TEST_F(WebApp, HashedAssetsAreImmutableAndTyped) {
  const auto page = http_request(server_.port(), "GET", "/");
  const auto urls = referenced_urls(page.body);
  ASSERT_EQ(urls.size(), 3U) << page.body;  // the icon, the script and the style sheet
  for (const auto& url : urls) {
    const auto asset = http_request(server_.port(), "GET", url);
    ASSERT_EQ(asset.status, 200) << url;
    // Vite names each file by its content: index-<hash>.js
    EXPECT_TRUE(std::regex_search(url, std::regex(R"(^/assets/[\w.-]+-[\w-]{8}\.(js|css|svg)$)")))
        << url;
    EXPECT_EQ(asset.header("Cache-Control"), "public, max-age=31536000, immutable") << url;
    EXPECT_EQ(asset.header("X-Content-Type-Options"), "nosniff");
    const auto type = asset.header("Content-Type").value_or("");
    if (url.ends_with(".js")) {
      EXPECT_EQ(type, "text/javascript; charset=utf-8");
      EXPECT_GT(asset.body.size(), 10000U) << url;
    } else if (url.ends_with(".css")) {
      EXPECT_EQ(type, "text/css; charset=utf-8");
    } else {
      EXPECT_EQ(type, "image/svg+xml");
      EXPECT_TRUE(asset.body.starts_with("<svg")) << asset.body;
    }
  }
  expect_json_not_found(http_request(server_.port(), "GET", "/assets/index-00000000.js"),
                        "an unknown asset");
  expect_json_not_found(http_request(server_.port(), "GET", "/assets/..%2Findex.html"),
                        "an escaping asset name");
}

TEST_F(WebApp, ClientSideRoutesAnswerTheIndex) {
  const auto index = http_request(server_.port(), "GET", "/");
  for (const auto* route :
       {"/sign-in", "/audits/runs", "/audits/runs/12?question=3",
        "/findings?status=open&sort=-due_date", "/findings/7", "/apis", "/docsets"}) {
    const auto page = http_request(server_.port(), "GET", route);
    EXPECT_EQ(page.status, 200) << route;
    EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8") << route;
    EXPECT_EQ(page.header("Cache-Control"), "no-cache") << route;
    EXPECT_TRUE(
        page.header("Content-Security-Policy").value_or("").starts_with("default-src 'self'"))
        << route;
    EXPECT_EQ(page.body, index.body) << route;
  }
}

TEST_F(WebApp, TheServersOwnPathsKeepTheirJsonNotFound) {
  for (const auto* path :
       {"/api/v1/no-such-thing", "/api", "/api/v1/audits/runs/1/nope", "/docs/nope.js", "/assets",
        "/assets/nested/file.js", "/metrics/extra", "/healthz/deep", "/openapi.json/x"}) {
    expect_json_not_found(http_request(server_.port(), "GET", path), path);
  }
  // Only GET gets the page: another method on a client-side path is the API's 404.
  expect_json_not_found(http_request(server_.port(), "POST", "/audits/runs", "{}",
                                     {{"Content-Type", "application/json"}}),
                        "POST /audits/runs");
}

}  // namespace
}  // namespace qgp::testing
