// `qgp openapi` prints, without a database, exactly the document `qgp serve` serves.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_process.hpp"
#include "support/server_process.hpp"

namespace qgp::testing {
namespace {

TEST(OpenApiDocument, QgpOpenapiPrintsWhatServeServesWithoutADatabase) {
  // No DATABASE_URL at all: the routes are registered, nothing connects.
  const auto printed =
      run_qgp({"openapi"}, {{"APP_ENV", "testing"}, {"QGP_ENV_FILE", "/nonexistent/qgp.env"}});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  const auto document = nlohmann::json::parse(printed.out);
  EXPECT_EQ(document["openapi"], "3.1.0");
  EXPECT_TRUE(document["paths"].contains("/api/v1/auth/login"));

  ServerProcess server(
      {{"DATABASE_URL", fmt::format("postgresql://postgres@127.0.0.1:{}/postgres", free_port())}});
  const auto served = http_request(server.port(), "GET", "/openapi.json");
  ASSERT_EQ(served.status, 200);
  EXPECT_EQ(nlohmann::json::parse(served.body), document);
}

TEST(OpenApiDocument, QgpOpenapiWritesAFileAndNamesAnUnwritableOne) {
  const std::string path = fmt::format("/tmp/qgp-openapi-test-{}.json", free_port());
  const auto written = run_qgp({"openapi", "--output", path},
                               {{"APP_ENV", "testing"}, {"QGP_ENV_FILE", "/nonexistent/qgp.env"}});
  ASSERT_EQ(written.exit_code, 0) << written.err;
  EXPECT_TRUE(written.out.empty());
  const auto read = run_process("/bin/cat", {path}, {});
  EXPECT_EQ(nlohmann::json::parse(read.out)["openapi"], "3.1.0");
  static_cast<void>(run_process("/bin/rm", {"-f", path}, {}));
  const auto refused = run_qgp({"openapi", "-o", "/nonexistent-dir/openapi.json"},
                               {{"APP_ENV", "testing"}, {"QGP_ENV_FILE", "/nonexistent/qgp.env"}});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("cannot write /nonexistent-dir/openapi.json"), std::string::npos)
      << refused.err;
}

}  // namespace
}  // namespace qgp::testing
