#include "migrate/stairway.hpp"

#include <exception>

#include <fmt/format.h>

#include "db/connection.hpp"
#include "migrate/autogen.hpp"
#include "migrate/diff.hpp"
#include "migrate/introspect.hpp"
#include "migrate/runner.hpp"

namespace qgp::migrate {

namespace {

Catalog snapshot(const std::string& url) {
  db::Connection connection(url);
  return introspect(connection);
}

// The differences that turn `actual` into `expected`, one line each ("" when equal).
std::string differences(const Catalog& actual, const Catalog& expected) {
  const auto plan = diff(actual, expected).upgrade;
  std::string out;
  for (const auto& change : plan.changes) {
    out += "\n    - " + change.description;
  }
  return out;
}

}  // namespace

StairwayReport run_stairway(const std::string& conninfo, const RevisionGraph& graph,
                            const schema::Schema& declared, const StairwayOptions& options) {
  StairwayReport report;
  const auto note = [&options](const std::string& line) {
    if (options.progress) {
      options.progress(line);
    }
  };
  ScratchDatabase scratch(conninfo);
  MigratorOptions migrator_options;
  migrator_options.lock_timeout = options.lock_timeout;
  migrator_options.advisory_wait = std::chrono::milliseconds(10000);
  Migrator migrator(scratch.url(), graph, migrator_options);

  auto before = snapshot(scratch.url());
  for (const auto& revision : graph.revisions()) {
    const auto name = fmt::format("revision {} ({})", revision.id, revision.file_name);
    const std::string back_target =
        revision.down_revisions.empty() ? std::string("base") : revision.down_revisions.front();
    try {
      migrator.upgrade(revision.id);
      const auto after = snapshot(scratch.url());
      migrator.downgrade(back_target);
      const auto restored = snapshot(scratch.url());
      if (const auto diffs = differences(restored, before); !diffs.empty()) {
        report.problems.push_back(fmt::format(
            "{}: its downgrade does not restore the catalog it started from; left over:{}", name,
            diffs));
      }
      migrator.upgrade(revision.id);
      auto again = snapshot(scratch.url());
      if (const auto diffs = differences(again, after); !diffs.empty()) {
        report.problems.push_back(
            fmt::format("{}: upgrading again gives a different catalog than the first upgrade:{}",
                        name, diffs));
      }
      before = std::move(again);
      note(fmt::format("ok   {} up/down/up", name));
    } catch (const std::exception& e) {
      report.problems.push_back(fmt::format("{}: {}", name, e.what()));
      return report;
    }
  }
  try {
    migrator.downgrade("base");
    const auto empty = snapshot(scratch.url());
    if (const auto diffs = differences(empty, Catalog{}); !diffs.empty()) {
      report.problems.push_back(
          fmt::format("downgrade base leaves objects behind (to remove:{})", diffs));
    }
    if (!graph.empty()) {
      migrator.upgrade("heads");
    }
    const auto head = snapshot(scratch.url());
    const auto target = canonical_catalog(conninfo, declared);
    if (const auto diffs = differences(head, target); !diffs.empty()) {
      report.problems.push_back(fmt::format(
          "upgrade head does not produce the declared schema; the migrations still need:{}",
          diffs));
    }
    note("ok   downgrade base leaves nothing; upgrade head equals the declared schema");
  } catch (const std::exception& e) {
    report.problems.push_back(fmt::format("downgrade base / upgrade head: {}", e.what()));
  }
  return report;
}

}  // namespace qgp::migrate
