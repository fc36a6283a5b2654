// The web application's browser journeys (web/app/e2e/<name>.mjs on web/app/e2e/lib.mjs: Debian's
// Chromium driven by playwright-core), each against its own real `qgp serve` on its own database,
// signed in as an administrator. A journey prints its measured budgets; scripts/dev.sh prints them
// after the run (QGP_WEB_REPORT). On failure its screenshots are kept and their path is in the
// output below.
//
// A new journey: add web/app/e2e/<name>.mjs and its name to kJourneys (one line, kept sorted).
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/api_session.hpp"
#include "support/run_process.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read before any thread
  return value != nullptr && *value != '\0' ? std::string(value) : std::move(fallback);
}

// audits: sign in, schedule, take a run on a phone offline and reloaded, complete, close the
// finding, add a user who is refused what their role does not allow. incidents: an employee
// reports an injury on a phone through a dropped network; triage with the RIDDOR decision; an
// investigation with five whys and an action; the investigator's own sign-off refused; closing
// refused while that is not signed off and the action is open, then closed with an override.
const char* const kJourneys[] = {
    "audits",
    "incidents",
};

class WebJourney : public ::testing::TestWithParam<const char*> {};

TEST_P(WebJourney, RunsGreenInChromium) {
  TestDatabase db;
  ServerProcess server(api_server_env(db));
  const auto admin = create_api_user(db, server.port(), {}, /*superuser=*/true);
  const std::string app = std::string(QGP_SOURCE_DIR) + "/web/app";
  std::map<std::string, std::string> env = {
      {"QGP_URL", fmt::format("http://127.0.0.1:{}", server.port())},
      {"QGP_EMAIL", admin.email},
      {"QGP_PASSWORD", admin.password},
      {"QGP_WEB_FAILURES", env_or("QGP_WEB_FAILURES", app + "/e2e/failures")},
      {"HOME", env_or("HOME", "/tmp")}};
  for (const auto* name : {"QGP_WEB_REPORT", "QGP_WEB_SCREENSHOTS", "QGP_CHROMIUM"}) {
    if (const auto value = env_or(name, ""); !value.empty()) {
      env.emplace(name, value);
    }
  }
  const auto result = run_process(QGP_NODE, {fmt::format("{}/e2e/{}.mjs", app, GetParam())}, env);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err << "\nserver log:\n" << server.log();
  std::cout << result.out;
}

INSTANTIATE_TEST_SUITE_P(Journeys, WebJourney, ::testing::ValuesIn(kJourneys),
                         [](const ::testing::TestParamInfo<const char*>& journey) {
                           return std::string(journey.param);
                         });

}  // namespace
}  // namespace qgp::testing
