// The interactive /docs: Swagger UI embedded in the binary, served from this origin only, under a
// strict Content-Security-Policy, with its start script in a file of its own.
#include <fstream>
#include <iterator>
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

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

class OpenApiDocs : public ::testing::Test {
 protected:
  ServerProcess server_{
      {{"DATABASE_URL", fmt::format("postgresql://postgres@127.0.0.1:{}/postgres", free_port())}}};
};

TEST_F(OpenApiDocs, ThePageIsSameOriginUnderAStrictPolicy) {
  const auto page = http_request(server_.port(), "GET", "/docs");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("Cache-Control"), "no-cache");
  const auto policy = page.header("Content-Security-Policy").value_or("");
  for (const auto* directive :
       {"default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
        "img-src 'self' data:", "frame-ancestors 'none'", "base-uri 'none'"}) {
    EXPECT_NE(policy.find(directive), std::string::npos) << directive << " in " << policy;
  }
  EXPECT_EQ(policy.find("unsafe"), std::string::npos) << policy;  // no inline or eval
  EXPECT_EQ(policy.find("http"), std::string::npos) << policy;    // no other host

  // Only same-origin paths, no inline script (every <script> has a src and no body).
  const auto urls = referenced_urls(page.body);
  EXPECT_GE(urls.size(), 4U) << page.body;
  for (const auto& url : urls) {
    EXPECT_TRUE(url.starts_with("/") && !url.starts_with("//")) << url;
  }
  const auto scripts = script_tags(page.body);
  for (const auto& script : scripts) {
    EXPECT_NE(script.attributes.find("src=\"/docs/"), std::string::npos) << script.tag;
    EXPECT_EQ(script.body, "") << script.tag;
  }
  EXPECT_EQ(scripts.size(), 2U);
  EXPECT_EQ(page.body.find("style="), std::string::npos);
  EXPECT_EQ(page.body.find("<style"), std::string::npos);
}

TEST_F(OpenApiDocs, TheInitScriptStartsSwaggerUiOnThisServersDocumentWithBearerAuth) {
  const auto page = http_request(server_.port(), "GET", "/docs");
  EXPECT_NE(page.body.find(R"(<script src="/docs/init.js"></script>)"), std::string::npos);
  const auto init = http_request(server_.port(), "GET", "/docs/init.js");
  ASSERT_EQ(init.status, 200);
  EXPECT_EQ(init.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(init.header("Cache-Control"), "no-cache");
  EXPECT_NE(init.body.find("SwaggerUIBundle({"), std::string::npos);
  EXPECT_NE(init.body.find(R"(url: "/openapi.json")"), std::string::npos);
  EXPECT_NE(init.body.find("persistAuthorization: true"), std::string::npos);
  EXPECT_NE(init.body.find("validatorUrl: null"), std::string::npos);  // no external validator
  // "Try it" calls this server with the bearer token the Authorize dialog takes.
  const auto document =
      nlohmann::json::parse(http_request(server_.port(), "GET", "/openapi.json").body);
  EXPECT_EQ(document["servers"][0]["url"], "/");
  EXPECT_EQ(document["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
}

TEST_F(OpenApiDocs, AssetsHaveTheirTypesAndHashedOnesAreImmutable) {
  const auto page = http_request(server_.port(), "GET", "/docs");
  int hashed = 0;
  for (const auto& url : referenced_urls(page.body)) {
    if (url == "/openapi.json" || url == "/docs/init.js") {
      continue;
    }
    const auto asset = http_request(server_.port(), "GET", url);
    ASSERT_EQ(asset.status, 200) << url;
    ++hashed;
    // swagger-ui-bundle.<16 hex>.js: the name changes whenever the content does.
    EXPECT_TRUE(std::regex_search(url, std::regex(R"(\.[0-9a-f]{16}\.(js|css|png)$)"))) << url;
    EXPECT_EQ(asset.header("Cache-Control"), "public, max-age=31536000, immutable") << url;
    const auto type = asset.header("Content-Type").value_or("");
    if (url.ends_with(".js")) {
      EXPECT_EQ(type, "text/javascript; charset=utf-8");
    } else if (url.ends_with(".css")) {
      EXPECT_EQ(type, "text/css; charset=utf-8");
    } else {
      EXPECT_EQ(type, "image/png");
      EXPECT_TRUE(asset.body.starts_with("\x89PNG"));
    }
  }
  EXPECT_EQ(hashed, 4);  // bundle, style sheet, two icons
  const auto missing = http_request(server_.port(), "GET", "/docs/swagger-ui-bundle.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(http_request(server_.port(), "GET", "/docs/..%2Fopenapi.json").status, 404);
}

TEST_F(OpenApiDocs, TheBundleIsEmbeddedInTheBinary) {
  const auto page = http_request(server_.port(), "GET", "/docs");
  std::string bundle_url;
  for (const auto& url : referenced_urls(page.body)) {
    if (url.find("swagger-ui-bundle.") != std::string::npos) {
      bundle_url = url;
    }
  }
  ASSERT_FALSE(bundle_url.empty()) << page.body;
  const auto bundle = http_request(server_.port(), "GET", bundle_url);
  ASSERT_EQ(bundle.status, 200);
  // Exactly the pinned file of web/docs (npm ci from the committed lock file)...
  const auto pinned = read_file(std::string(QGP_SOURCE_DIR)
                                + "/web/docs/node_modules/swagger-ui-dist/swagger-ui-bundle.js");
  ASSERT_GT(pinned.size(), 500000U);
  EXPECT_TRUE(bundle.body == pinned)
      << "served " << bundle.body.size() << " bytes, pinned " << pinned.size();
  // ...and its bytes are inside the executable itself: nothing is read from disk or fetched.
  const auto binary = read_file(QGP_BINARY);
  EXPECT_NE(binary.find(pinned.substr(pinned.size() / 2, 4096)), std::string::npos);
}

}  // namespace
}  // namespace qgp::testing
