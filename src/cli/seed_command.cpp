#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/actor.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/identity/seed.hpp"
#include "domain/standards/seed.hpp"

namespace qgp::cli {

namespace {

std::string counts_line(std::string_view what, const domain::standards::SeedCounts& counts) {
  return fmt::format("  {:<16} {} created, {} updated, {} unchanged", what, counts.created,
                     counts.updated, counts.unchanged);
}

}  // namespace

void register_seed_command(CLI::App& app, Context& context) {
  auto* seed = app.add_subcommand("seed",
                                  "Load reference data idempotently: the permission catalog and "
                                  "system roles, then the ISO "
                                  "standards (clauses, Annex A controls, cross-mappings)");
  seed->callback([&context] {
    const auto& config = context.config();
    db::Connection connection(config.database_url);
    // A system action: no user, no request. Everything lands in one
    // transaction, so a failure leaves the database exactly as it was.
    const core::Actor actor;
    db::Transaction transaction(connection);
    std::cerr << "seed: permissions and system roles\n";
    const auto identity = domain::identity::seed_permission_catalog(transaction, actor);
    std::cerr << "seed: standards library\n";
    const auto standards = domain::standards::seed(transaction, actor);
    transaction.commit();
    std::cout << "seed complete\n"
              << fmt::format("  {:<16} {} added\n", "permissions", identity.permissions_added)
              << fmt::format("  {:<16} {} created, {} grants changed\n", "roles",
                             identity.roles_created, identity.role_grants_changed)
              << counts_line("standards", standards.standards) << '\n'
              << counts_line("clauses", standards.clauses) << '\n'
              << counts_line("controls", standards.controls) << '\n'
              << counts_line("clause mappings", standards.mappings) << '\n';
    context.exit_code = 0;
  });
}

}  // namespace qgp::cli
