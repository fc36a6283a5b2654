// `qgp db check`, `qgp db lint`, `qgp db test` and the autogenerate hook of `qgp db revision`.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.hpp"
#include "migrate/autogen.hpp"
#include "migrate/cli_hooks.hpp"
#include "migrate/embedded.hpp"
#include "migrate/graph.hpp"
#include "migrate/lint.hpp"
#include "migrate/revision.hpp"
#include "migrate/stairway.hpp"
#include "schema/declared.hpp"

namespace qgp::cli {

namespace {

struct SchemaOptions {
  std::vector<std::string> files;
  std::string explain;
  bool keep_going = false;
};

// The `--dir` option of `qgp db` (read when the command runs), else QGP_MIGRATIONS_DIR.
std::string migrations_dir(CLI::App& db, Context& context) {
  const auto* option = db.get_option("--dir");
  if (option != nullptr && option->count() > 0) {
    return option->as<std::string>();
  }
  const auto& env = context.environment();
  const auto found = env.find("QGP_MIGRATIONS_DIR");
  return found == env.end() ? std::string() : found->second;
}

// QGP_SCRATCH_DATABASE_URL: where scratch databases are created when the application's role may
// not create databases (default: the server of DATABASE_URL).
std::string scratch_url(Context& context) {
  const auto& env = context.environment();
  const auto found = env.find("QGP_SCRATCH_DATABASE_URL");
  return found == env.end() ? std::string() : found->second;
}

migrate::Diff live_to_declared(Context& context) {
  return migrate::diff_live_to_declared(context.config().schema_owner_url(),
                                        schema::declared_schema(), scratch_url(context));
}

std::vector<migrate::Revision> load_revisions(CLI::App& db, Context& context) {
  const auto dir = migrations_dir(db, context);
  return dir.empty() ? migrate::load_embedded_revisions() : migrate::load_directory_revisions(dir);
}

int run_check(Context& context) {
  const auto started = std::chrono::steady_clock::now();
  const auto diff = live_to_declared(context);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  if (diff.empty()) {
    std::cout << fmt::format("check: the database matches the declared schema ({} ms)\n",
                             elapsed.count());
    return 0;
  }
  std::cout << fmt::format(
      "check: the database differs from the declared schema in {} place(s); to match it, the "
      "database needs:\n",
      diff.upgrade.changes.size());
  for (const auto& change : diff.upgrade.changes) {
    std::cout << "  - " << change.description << '\n';
  }
  std::cout << "Write the missing migration with `qgp db revision --autogenerate -m MSG`.\n";
  return 1;
}

// `--explain RULE` prints one rule's documentation; `--explain all` the whole rule book
// (docs/migration-lint-rules.md).
int explain(const std::string& id) {
  if (id == "all") {
    std::cout << migrate::lint_rules_markdown();
    return 0;
  }
  const auto* rule = migrate::find_lint_rule(id);
  if (rule == nullptr) {
    std::cerr << fmt::format("no lint rule '{}'; the rules are: {}\n", id,
                             fmt::join(migrate::lint_rules(), ", "));
    return 2;
  }
  std::cout << migrate::explain_lint_rule(*rule);
  return 0;
}

int run_lint(CLI::App& db, Context& context, const SchemaOptions& options) {
  if (!options.explain.empty()) {
    return explain(options.explain);
  }
  std::vector<migrate::Revision> revisions;
  // The waivers of landed revisions apply when the whole directory is linted.
  std::string waivers;
  std::string waivers_file(migrate::kLintWaiversFile);
  if (options.files.empty()) {
    revisions = load_revisions(db, context);
    const auto dir = migrations_dir(db, context);
    if (dir.empty()) {
      waivers = migrate::embedded_lint_waivers();
    } else {
      waivers = migrate::read_lint_waivers(dir);
      waivers_file = (std::filesystem::path(dir) / waivers_file).string();
    }
  } else {
    for (const auto& file : options.files) {
      revisions.push_back(migrate::parse_revision_file(
          std::filesystem::path(file).filename().string(), migrate::read_text_file(file)));
      // Findings name the path the user gave.
      revisions.back().file_name = file;
    }
  }
  auto report = migrate::lint_revisions(revisions);
  migrate::apply_lint_waivers(waivers, revisions, report, waivers_file);
  for (const auto& finding : report.findings) {
    std::cout << migrate::format_finding(finding) << '\n';
  }
  std::cout << fmt::format("lint: {} file(s), {} error(s), {} waived\n", revisions.size(),
                           report.errors(), report.waived());
  return report.errors() == 0 ? 0 : 1;
}

int run_stairway(CLI::App& db, Context& context) {
  const migrate::RevisionGraph graph(load_revisions(db, context));
  migrate::StairwayOptions options;
  options.lock_timeout = context.config().migration_lock_timeout;
  options.progress = [](const std::string& line) { std::cout << line << '\n' << std::flush; };
  const auto scratch = scratch_url(context);
  const auto report =
      migrate::run_stairway(scratch.empty() ? context.config().schema_owner_url() : scratch, graph,
                            schema::declared_schema(), options);
  for (const auto& problem : report.problems) {
    std::cout << "FAIL: " << problem << '\n';
  }
  std::cout << fmt::format("test: {} revision(s), {}\n", graph.size(),
                           report.ok() ? "stairway OK" : "FAILED");
  return report.ok() ? 0 : 1;
}

}  // namespace

void register_db_schema_commands(CLI::App& db, Context& context) {
  auto options = std::make_shared<SchemaOptions>();

  auto* check = db.add_subcommand(
      "check", "Exit 1 with a readable diff when the live schema differs from the declared one");
  check->callback([&context] { context.exit_code = run_check(context); });

  auto* lint = db.add_subcommand(
      "lint", "Dangerous-migration rules over revision files (default: every revision)");
  lint->add_option("files", options->files, "Revision files to lint");
  lint->add_option("--explain", options->explain,
                   "Print what RULE flags, why it is dangerous and the safe recipe (`all`: every "
                   "rule, as docs/migration-lint-rules.md)");
  lint->callback([&db, &context, options] { context.exit_code = run_lint(db, context, *options); });

  auto* test = db.add_subcommand(
      "test",
      "Stairway test on a scratch database: every revision up, down, up, comparing catalogs");
  test->callback([&db, &context] { context.exit_code = run_stairway(db, context); });

  migrate::set_autogenerate_hook([&context](const migrate::AutogenerateRequest& /*request*/) {
    const auto diff = live_to_declared(context);
    if (diff.empty()) {
      throw core::Error(core::ErrorCode::kConflict,
                        "the database already matches the declared schema: nothing to generate");
    }
    return migrate::AutogenerateResult{.upgrade_sql = diff.upgrade.sql(),
                                       .downgrade_sql = diff.downgrade.sql(),
                                       .transactional = diff.transactional()};
  });
}

}  // namespace qgp::cli
