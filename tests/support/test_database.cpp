#include "support/test_database.hpp"

#include <atomic>
#include <cstdlib>
#include <stdexcept>

#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "db/connection.hpp"
#include "db/conninfo.hpp"

namespace qgp::testing {

namespace {

std::atomic<int> g_counter{0};

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read-only test setup
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

std::string admin_url() {
  auto url = env_or("QGP_TEST_DATABASE_URL", "");
  if (url.empty()) {
    throw std::runtime_error(
        "QGP_TEST_DATABASE_URL is not set: run the integration tier through `scripts/dev.sh test`, "
        "which starts an ephemeral PostgreSQL");
  }
  return url;
}

TestDatabase::TestDatabase(Source source) {
  const auto template_name = source == Source::kEmpty ? std::string("template0")
                                                      : env_or("QGP_TEST_TEMPLATE", "qgp_template");
  name_ = fmt::format("qgp_t_{}_{}", ::getpid(), g_counter.fetch_add(1));
  db::Connection admin(admin_url());
  // Two test processes cloning one template at the same moment collide ("source database is being
  // accessed by other users"); retry briefly.
  for (int attempt = 0;; ++attempt) {
    try {
      admin.exec(fmt::format("CREATE DATABASE {} TEMPLATE {}", admin.escape_identifier(name_),
                             admin.escape_identifier(template_name)));
      break;
    } catch (const std::exception&) {
      if (attempt >= 50) {
        throw;
      }
      ::usleep(100000);
    }
  }
  url_ = db::with_database(admin_url(), name_);
}

std::string TestDatabase::app_url() const {
  // One login role per test process, created on first use (the group role qgp_app comes from the
  // migrations), with a random password: some clusters (CI's service container) require one.
  static const std::string credentials = [] {
    const auto role = fmt::format("qgp_test_app_{}", ::getpid());
    const auto password = core::random_token(24);
    db::Connection admin(admin_url());
    admin.exec(
        fmt::format("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{0}') THEN "
                    "CREATE ROLE {0} LOGIN IN ROLE qgp_app; END IF; END $$",
                    role));
    admin.exec(fmt::format("ALTER ROLE {} PASSWORD {}", role, admin.escape_literal(password)));
    return fmt::format(" user={} password={}", role, password);
  }();
  return url_ + credentials;
}

TestDatabase::~TestDatabase() {
  try {
    db::Connection admin(admin_url());
    admin.exec(
        fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", admin.escape_identifier(name_)));
  } catch (const std::exception& e) {
    ADD_FAILURE() << "could not drop test database " << name_ << ": " << e.what();
  }
}

}  // namespace qgp::testing
