#pragma once

#include <string>

namespace qgp::testing {

// The cluster the integration tier runs against: QGP_TEST_DATABASE_URL (a superuser connection to
// the `postgres` database of an ephemeral cluster, set up by scripts/dev.sh test). Fails the test
// when unset: an integration test that cannot reach PostgreSQL must never pass silently.
std::string admin_url();

// A database of its own for one test, dropped (WITH FORCE) when it goes out of scope.
// Parallel-safe: names carry the process id and a counter.
class TestDatabase {
 public:
  enum class Source {
    kMigratedTemplate,  // a clone of QGP_TEST_TEMPLATE (default qgp_template), built by `upgrade
                        // head`
    kEmpty,             // a clone of template0: no schema at all (migration-engine tests)
  };

  explicit TestDatabase(Source source = Source::kMigratedTemplate);
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  TestDatabase(TestDatabase&&) = delete;
  TestDatabase& operator=(TestDatabase&&) = delete;
  ~TestDatabase();

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  // key=value connection string for this database, as the cluster's superuser (the schema owner:
  // what migrations and fixtures use).
  [[nodiscard]] const std::string& url() const noexcept { return url_; }
  // The same database as a login role of this test process in qgp_app, the application's group
  // role (ADR-0008): what `qgp serve` connects as in API tests, with production's privileges.
  [[nodiscard]] std::string app_url() const;

 private:
  std::string name_;
  std::string url_;
};

}  // namespace qgp::testing
