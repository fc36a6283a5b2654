// The web application's browser journeys (web/app/e2e/<name>.mjs on web/app/e2e/lib.mjs: Debian's
// Chromium driven by playwright-core), each against its own real `qgp serve` on its own database,
// signed in as an administrator. A journey prints its measured budgets; scripts/dev.sh prints them
// after the run (QGP_WEB_REPORT). On failure its screenshots are kept and their path is in the
// output below.
//
// A new journey: add web/app/e2e/<name>.mjs and its name to kJourneys (one line, kept sorted).
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/actor.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/standards/seed.hpp"
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

// audits: sign in, build and publish a template in the builder (one publish refused, then fixed),
// schedule, take a run on a phone offline and reloaded, complete, close the finding and see its
// history, the audit trail, add a user who is refused what their role does not allow.
// builder: reorder, version 2 of a published template, clone, archive, the builder on a phone, the
// audit trail by who, day and record; a reader without the builder's actions.
// risks: identify, assess and accept a risk (refused to its owner), the heat map and its cell's
// register, raise, plan and complete an action, own verification refused, another user verifies it.
// standards: browse a clause tree and follow a mapping, edit an SoA row (a field error, then
// saved), download the SoA CSV, create a custom role and give it to a new user who sees only it.
// incidents: an employee reports an injury on a phone through a dropped network; triage with the
// RIDDOR decision; an investigation with five whys and an action; the investigator's own sign-off
// refused; closing refused while that is not signed off and the action is open, then closed with an
// override.
// reviews: plan a management review, record its inputs, hold it, decide, raise an action, approve
// the minutes as another person, see the open action carried to the next review.
const char* const kJourneys[] = {
    "audits", "builder", "incidents", "reviews", "risks", "standards",
};

// Journeys that browse the reference standards library (`qgp seed`'s ISO 9001, 14001, 45001 and
// 27001 with their mappings): their database is seeded with it first.
const char* const kWithStandardsLibrary[] = {
    "standards",
};

bool with_standards_library(std::string_view journey) {
  return std::any_of(std::begin(kWithStandardsLibrary), std::end(kWithStandardsLibrary),
                     [journey](const char* name) { return journey == name; });
}

class WebJourney : public ::testing::TestWithParam<const char*> {};

TEST_P(WebJourney, RunsGreenInChromium) {
  TestDatabase db;
  if (with_standards_library(GetParam())) {
    db::Connection connection(db.url());
    db::Transaction transaction(connection);
    domain::standards::seed(transaction, core::Actor{});
    transaction.commit();
  }
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
