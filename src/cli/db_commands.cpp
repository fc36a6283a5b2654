// `qgp db ...`: the migration engine's commands (issue 4). Offline commands (heads, history,
// branches, show, revision, merge, --sql) read only the revision files: no configuration, no
// database.
#include <charconv>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <ranges>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.hpp"
#include "migrate/cli_hooks.hpp"
#include "migrate/graph.hpp"
#include "migrate/revision.hpp"
#include "migrate/runner.hpp"

namespace qgp::cli {

namespace {

struct DbOptions {
  std::string dir;  // --dir: read revisions from a directory instead of the embedded ones
  std::string target = "head";
  bool sql = false;
  bool verbose = false;
  bool applied = false;
  std::size_t limit = 100;
  std::string revision;
  std::string message;
  std::string reason;
  std::vector<std::string> revisions;
  bool autogenerate = false;
  bool non_transactional = false;
  bool single_transaction = false;
};

constexpr const char* kSingleTransactionHelp =
    "Run consecutive transactional revisions as one transaction (one commit; a failure rolls "
    "back all of them; locks are held until the end)";

std::string env_value(Context& context, const std::string& key) {
  const auto& env = context.environment();
  const auto it = env.find(key);
  return it == env.end() ? std::string() : it->second;
}

// --dir, else QGP_MIGRATIONS_DIR, else the revisions embedded at build time.
migrate::RevisionGraph load_graph(Context& context, const DbOptions& options) {
  auto dir = options.dir.empty() ? env_value(context, "QGP_MIGRATIONS_DIR") : options.dir;
  if (dir.empty()) {
    return migrate::RevisionGraph(migrate::load_embedded_revisions());
  }
  return migrate::RevisionGraph(migrate::load_directory_revisions(dir));
}

// Where `revision` and `merge` write: --dir, else migrations/versions under the current directory.
std::filesystem::path write_dir(const DbOptions& options) {
  return options.dir.empty() ? std::filesystem::path("migrations/versions")
                             : std::filesystem::path(options.dir);
}

migrate::RevisionGraph load_write_dir_graph(const DbOptions& options) {
  const auto dir = write_dir(options);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return {};
  }
  return migrate::RevisionGraph(migrate::load_directory_revisions(dir));
}

// --sql needs no configuration: MIGRATION_LOCK_TIMEOUT_MS is read leniently here.
std::chrono::milliseconds offline_lock_timeout(Context& context) {
  const auto text = env_value(context, "MIGRATION_LOCK_TIMEOUT_MS");
  long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    return core::Config{}.migration_lock_timeout;
  }
  return std::chrono::milliseconds(value);
}

migrate::PlanOptions plan_options(Context& context, const DbOptions& options) {
  return {.lock_timeout = offline_lock_timeout(context),
          .single_transaction = options.single_transaction};
}

migrate::Migrator make_migrator(Context& context, const migrate::RevisionGraph& graph,
                                const DbOptions& db_options = {}) {
  const auto& config = context.config();
  migrate::MigratorOptions options;
  options.lock_timeout = config.migration_lock_timeout;
  options.advisory_wait = config.migration_advisory_wait;
  options.single_transaction = db_options.single_transaction;
  options.progress = [](const std::string& line) { std::cout << line << '\n' << std::flush; };
  return {config.schema_owner_url(), graph, std::move(options)};
}

std::string markers(const migrate::RevisionGraph& graph, const migrate::Revision& revision) {
  std::string out;
  const auto children = graph.children(revision.id);
  if (children.empty()) {
    out += " (head)";
  }
  if (children.size() > 1) {
    out += " (branchpoint)";
  }
  if (revision.down_revisions.size() > 1) {
    out += " (mergepoint)";
  }
  return out;
}

void print_history(const migrate::RevisionGraph& graph, bool verbose) {
  const auto& revisions = graph.revisions();
  std::string out;
  for (const auto& revision : std::views::reverse(revisions)) {
    const auto parents = revision.down_revisions.empty()
                             ? std::string("<base>")
                             : fmt::to_string(fmt::join(revision.down_revisions, ", "));
    out += fmt::format("{} -> {}{}, {}\n", parents, revision.id, markers(graph, revision),
                       revision.message);
    if (verbose) {
      out +=
          fmt::format("    file: {}\n    transactional: {}\n    sha256: {}\n", revision.file_name,
                      revision.transactional ? "true" : "false", revision.checksum);
    }
  }
  std::cout << out;
}

void print_applied_history(Context& context, const migrate::RevisionGraph& graph,
                           std::size_t limit) {
  auto migrator = make_migrator(context, graph);
  for (const auto& entry : migrator.applied_history(limit)) {
    std::string step;
    if (entry.step) {
      step = fmt::format(" statement {}/{}", *entry.step, entry.steps.value_or(0));
    }
    std::cout << fmt::format(
        "{}  {:<10} {}{}  {:.1f} ms  role={} os_user={} host={} qgp {}{}\n", entry.applied_at,
        entry.direction, entry.revision, step, entry.duration_ms, entry.db_role, entry.os_user,
        entry.host, entry.tool_version,
        entry.note.empty() ? std::string() : fmt::format("  reason: {}", entry.note));
  }
}

void print_show(const migrate::RevisionGraph& graph, std::string_view target) {
  const auto resolved = graph.resolve(target);
  if (resolved.base || resolved.revisions.size() != 1) {
    throw migrate::TargetError(fmt::format("'{}' does not name one revision", target));
  }
  const auto& r = graph.get(resolved.revisions.front());
  const auto children = graph.children(r.id);
  std::cout << fmt::format(
      "Revision: {}{}\nParents: {}\nChildren: {}\nMessage: {}\nFile: {}\nTransactional: {}\n"
      "sha256: {}\n\n-- +upgrade (line {})\n{}-- +downgrade (line {})\n{}",
      r.id, markers(graph, r),
      r.down_revisions.empty() ? "(none)" : fmt::to_string(fmt::join(r.down_revisions, ", ")),
      children.empty() ? "(none)" : fmt::to_string(fmt::join(children, ", ")), r.message,
      r.file_name, r.transactional ? "true" : "false", r.checksum, r.upgrade_line, r.upgrade_sql,
      r.downgrade_line, r.downgrade_sql);
}

void write_new_revision(const DbOptions& options) {
  const auto graph = load_write_dir_graph(options);
  migrate::NewRevision revision;
  revision.message = options.message;
  revision.transactional = !options.non_transactional;
  if (!options.revision.empty()) {
    revision.down_revisions.push_back(graph.resolve_id(options.revision));
  } else {
    const auto heads = graph.heads();
    if (heads.size() > 1) {
      throw migrate::TargetError(fmt::format(
          "there are {} heads ({}): merge them first with `qgp db merge {} -m \"merge heads\"`, "
          "or pick the parent with --head REV",
          heads.size(), fmt::join(heads, ", "), fmt::join(heads, " ")));
    }
    revision.down_revisions = heads;
  }
  if (options.autogenerate) {
    const auto& hook = migrate::autogenerate_hook();
    if (!hook) {
      throw core::Error(core::ErrorCode::kBadRequest,
                        "--autogenerate is not available in this build (no schema engine hook)");
    }
    const auto generated = hook(
        {.graph = graph, .message = options.message, .down_revisions = revision.down_revisions});
    revision.upgrade_sql = generated.upgrade_sql;
    revision.downgrade_sql = generated.downgrade_sql;
    revision.transactional = generated.transactional && !options.non_transactional;
  }
  const auto path = migrate::write_revision_file(write_dir(options), revision);
  std::cout << fmt::format("created {} (down_revision: {})\n", path.string(),
                           revision.down_revisions.empty()
                               ? "(none)"
                               : fmt::to_string(fmt::join(revision.down_revisions, ", ")));
}

void write_merge(const DbOptions& options) {
  const auto graph = load_write_dir_graph(options);
  std::vector<std::string> parents;
  for (const auto& name : options.revisions) {
    const auto resolved = graph.resolve(name);
    for (const auto& id : resolved.revisions) {
      if (std::ranges::find(parents, id) == parents.end()) {
        parents.push_back(id);
      }
    }
  }
  if (parents.size() < 2) {
    throw migrate::TargetError(fmt::format(
        "a merge needs at least two distinct revisions (got {}); `qgp db heads` lists the heads",
        parents.empty() ? "none" : fmt::to_string(fmt::join(parents, ", "))));
  }
  migrate::NewRevision revision;
  revision.message = options.message;
  revision.down_revisions = parents;
  const auto path = migrate::write_revision_file(write_dir(options), revision);
  std::cout << fmt::format("created merge revision {} (down_revision: {})\n", path.string(),
                           fmt::join(parents, ", "));
}

}  // namespace

void register_db_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<DbOptions>();
  auto* db = app.add_subcommand("db", "Database migrations");
  db->require_subcommand(1);
  db->fallthrough();
  db->add_option("--dir", options->dir,
                 "Read revision files from this directory instead of the embedded ones (also "
                 "QGP_MIGRATIONS_DIR); `revision` and `merge` write there (default "
                 "migrations/versions)");

  auto* upgrade = db->add_subcommand("upgrade", "Apply revisions up to TARGET (default head)");
  upgrade->add_option("target", options->target,
                      "head, heads, a revision id or unique prefix, +N, REV+N; with --sql also "
                      "FROM:TO");
  upgrade->add_flag("--sql", options->sql, "Print the SQL plan offline; touch nothing");
  upgrade->add_flag("--single-transaction", options->single_transaction, kSingleTransactionHelp);
  upgrade->callback([options, &context] {
    const auto graph = load_graph(context, *options);
    if (options->sql) {
      std::cout << migrate::render_upgrade_plan(graph, options->target,
                                                plan_options(context, *options));
      return;
    }
    make_migrator(context, graph, *options).upgrade(options->target);
  });

  auto* downgrade = db->add_subcommand("downgrade", "Revert revisions down to TARGET");
  downgrade->add_option("target", options->target, "base, a revision id or prefix, -N, REV-N")
      ->required();
  downgrade->add_flag("--sql", options->sql, "Print the SQL plan offline; touch nothing");
  downgrade->add_flag("--single-transaction", options->single_transaction, kSingleTransactionHelp);
  downgrade->callback([options, &context] {
    const auto graph = load_graph(context, *options);
    if (options->sql) {
      std::cout << migrate::render_downgrade_plan(graph, options->target,
                                                  plan_options(context, *options));
      return;
    }
    make_migrator(context, graph, *options).downgrade(options->target);
  });

  auto* current = db->add_subcommand("current", "The revisions the database is at");
  current->callback([options, &context] {
    const auto graph = load_graph(context, *options);
    const auto heads = make_migrator(context, graph).current();
    if (heads.empty()) {
      std::cerr << "the database is at base (no revision applied)\n";
    }
    for (const auto& head : heads) {
      const auto* revision = graph.find(head);
      std::cout << head << (revision == nullptr ? " (unknown revision)" : markers(graph, *revision))
                << '\n';
    }
  });

  auto* history = db->add_subcommand("history", "The revisions, newest first");
  history->add_flag("-v,--verbose", options->verbose, "File, transactional flag and checksum");
  history->add_flag("--applied", options->applied,
                    "The database's audit trail (qgp_schema_history) instead");
  history->add_option("-n,--limit", options->limit, "Rows of --applied (default 100)");
  history->callback([options, &context] {
    const auto graph = load_graph(context, *options);
    if (options->applied) {
      print_applied_history(context, graph, options->limit);
    } else {
      print_history(graph, options->verbose);
    }
  });

  auto* heads = db->add_subcommand("heads", "The revisions nothing follows");
  heads->add_flag("-v,--verbose", options->verbose, "Message and file too");
  heads->callback([options, &context] {
    const auto graph = load_graph(context, *options);
    for (const auto& id : graph.heads()) {
      const auto& revision = graph.get(id);
      std::cout << id << " (head)"
                << (options->verbose
                        ? fmt::format(", {} ({})", revision.message, revision.file_name)
                        : std::string())
                << '\n';
    }
  });

  auto* branches = db->add_subcommand("branches", "Revisions with more than one child");
  branches->callback([options, &context] {
    const auto graph = load_graph(context, *options);
    for (const auto& id : graph.branch_points()) {
      std::cout << fmt::format("{} (branchpoint) -> {}\n", id, fmt::join(graph.children(id), ", "));
    }
  });

  auto* show = db->add_subcommand("show", "One revision: header, upgrade and downgrade SQL");
  show->add_option("revision", options->revision, "A revision id, prefix, head, ...")->required();
  show->callback(
      [options, &context] { print_show(load_graph(context, *options), options->revision); });

  auto* stamp =
      db->add_subcommand("stamp", "Set the version table to REV without running SQL (recorded)");
  stamp->add_option("revision", options->revision, "head, base, a revision id or prefix")
      ->required();
  stamp->callback([options, &context] {
    const auto graph = load_graph(context, *options);
    make_migrator(context, graph).stamp(options->revision);
  });

  auto* merge = db->add_subcommand("merge", "Write a revision that merges several heads");
  merge->add_option("revisions", options->revisions, "Revisions to merge (or `heads`)")->required();
  merge->add_option("-m,--message", options->message, "Message")->required();
  merge->callback([options] { write_merge(*options); });

  auto* revision = db->add_subcommand("revision", "Write a new revision file after the head");
  revision->add_option("-m,--message", options->message, "Message")->required();
  revision->add_option("--head", options->revision, "Parent revision (default: the only head)");
  revision->add_flag("--non-transactional", options->non_transactional,
                     "transactional: false (CREATE INDEX CONCURRENTLY, ALTER TYPE ... ADD VALUE)");
  revision->add_flag("--autogenerate", options->autogenerate,
                     "Fill the revision from the diff between the declared schema and the live "
                     "database");
  revision->callback([options] { write_new_revision(*options); });

  auto* verify = db->add_subcommand(
      "verify", "Applied revisions' checksums still match their files; history is consistent");
  verify->callback([options, &context] {
    const auto graph = load_graph(context, *options);
    const auto report = make_migrator(context, graph).verify();
    for (const auto& note : report.notes) {
      std::cout << note << '\n';
    }
    for (const auto& problem : report.problems) {
      std::cout << "PROBLEM: " << problem << '\n';
    }
    std::cout << (report.ok() ? "verify: OK\n"
                              : fmt::format("verify: {} problem(s)\n", report.problems.size()));
    if (!report.ok()) {
      context.exit_code = 1;
    }
  });

  auto* rebaseline = db->add_subcommand(
      "rebaseline",
      "Accept the edited file of an applied revision as its new checksum (recorded with reason)");
  rebaseline->add_option("revision", options->revision, "The applied revision")->required();
  rebaseline->add_option("--reason", options->reason, "Why the applied file changed")->required();
  rebaseline->callback([options, &context] {
    const auto graph = load_graph(context, *options);
    make_migrator(context, graph).rebaseline(options->revision, options->reason);
  });

  register_db_schema_commands(*db, context);
}

}  // namespace qgp::cli
