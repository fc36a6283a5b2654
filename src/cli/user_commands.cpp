#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/identity/users.hpp"
#include "store/identity/directory_store.hpp"

namespace qgp::cli {

namespace {

struct UserCreateOptions {
  std::string email;
  std::string first_name = "Admin";
  std::string last_name = "User";
  bool superuser = false;
  std::vector<std::string> roles;
  bool password_stdin = false;
  std::string password_env;
  bool generate_password = false;
  bool if_not_exists = false;
};

// Where the password comes from: never from argv (visible in `ps` and shell history).
std::string read_password(const UserCreateOptions& options, const Context& /*context*/) {
  if (options.generate_password) {
    return core::random_token(18);
  }
  if (!options.password_env.empty()) {
    const char* value = std::getenv(options.password_env.c_str());  // NOLINT(concurrency-mt-unsafe)
    if (value == nullptr || *value == '\0') {
      throw core::ValidationError(
          "password",
          fmt::format("environment variable {} is empty or unset", options.password_env));
    }
    return value;
  }
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return line;
}

}  // namespace

void register_user_commands(CLI::App& app, Context& context) {
  auto* user = app.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  auto* create = user->add_subcommand(
      "create", "Create a user (the first administrator: --superuser); exit 1 on a taken email");
  auto options = std::make_shared<UserCreateOptions>();
  create->add_option("--email", options->email, "Email address (unique, case-insensitive)")
      ->required();
  create->add_option("--first-name", options->first_name, "First name (default Admin)");
  create->add_option("--last-name", options->last_name, "Last name (default User)");
  create->add_flag("--superuser", options->superuser, "Holds every permission");
  create->add_option("--role", options->roles, "Role to grant (repeatable), e.g. auditor");
  auto* from_stdin =
      create->add_flag("--password-stdin", options->password_stdin, "Read the password from stdin");
  auto* from_env = create->add_option("--password-env", options->password_env,
                                      "Read the password from this environment variable");
  auto* generated = create->add_flag("--generate-password", options->generate_password,
                                     "Generate a strong password and print it once");
  from_stdin->excludes(from_env)->excludes(generated);
  from_env->excludes(generated);
  create->add_flag("--if-not-exists", options->if_not_exists,
                   "Exit 0 without changes when the email is already registered");
  create->callback([&context, options] {
    if (!options->password_stdin && options->password_env.empty() && !options->generate_password) {
      throw CLI::ValidationError(
          "password", "give one of --password-stdin, --password-env VAR, --generate-password");
    }
    const auto& config = context.config();
    db::Connection connection(config.database_url);
    if (store::identity::find_user_id_by_email(connection, options->email)) {
      if (options->if_not_exists) {
        fmt::print("user {} already exists; nothing changed\n", options->email);
        context.exit_code = 0;
        return;
      }
      throw core::Conflict(fmt::format("a user with email {} already exists", options->email));
    }
    domain::identity::User account;
    account.email = options->email;
    account.first_name = options->first_name;
    account.last_name = options->last_name;
    account.is_superuser = options->superuser;
    for (const auto& name : options->roles) {
      const auto role = store::identity::find_role_id(connection, name);
      if (!role) {
        throw core::ValidationError("role", fmt::format("unknown role {}", name));
      }
      account.role_ids.push_back(*role);
    }
    const auto password = read_password(*options, context);
    account.password = password;
    // Hashed before the transaction begins, like the API does (ADR-0005).
    const auto prepared = domain::identity::prepare_user(
        std::move(account), domain::identity::password_hash_cost(config));
    db::Transaction transaction(connection);
    const auto created = domain::identity::create_user(transaction, core::Actor{}, prepared);
    transaction.commit();
    fmt::print("created user {} (id {}{})\n", options->email, created.id,
               options->superuser ? ", superuser" : "");
    if (options->generate_password) {
      // Shown once, never stored in clear or logged.
      fmt::print("log in with: email {} password {}\n", options->email, password);
    }
    context.exit_code = 0;
  });
}

}  // namespace qgp::cli
