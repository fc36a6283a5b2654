#include "domain/identity/accounts.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/errors.hpp"
#include "db/errors.hpp"
#include "store/audit/audit_log_store.hpp"
#include "store/identity/accounts_store.hpp"

namespace qgp::domain::identity {

namespace {

bool plausible_email(std::string_view email) {
  const auto at = email.find('@');
  return email.size() >= 3 && email.size() <= 320 && at != std::string_view::npos && at > 0
         && at + 1 < email.size() && email.find('@', at + 1) == std::string_view::npos
         && email.find_first_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

PreparedUser prepare_user(NewUser user, const PasswordHashCost& cost) {
  PreparedUser prepared;
  auto& errors = prepared.problems;
  if (!plausible_email(user.email)) {
    errors["email"] = "must be an email address";
  }
  if (const auto problem = password_policy_problem(user.password, user.email)) {
    errors["password"] = *problem;
  }
  for (const auto& [field, value] :
       {std::pair{"first_name", &user.first_name}, std::pair{"last_name", &user.last_name}}) {
    if (value->empty() || value->size() > 100) {
      errors[field] = "must be 1-100 characters";
    }
  }
  if (errors.empty()) {
    prepared.password_hash = hash_password(user.password, cost);
  }
  user.password.clear();
  prepared.user = std::move(user);
  return prepared;
}

std::int64_t create_user(db::Connection& connection, const core::Actor& actor,
                         const PreparedUser& prepared) {
  const auto& user = prepared.user;
  auto errors = prepared.problems;
  std::vector<std::int64_t> role_ids;
  for (const auto& name : user.role_names) {
    if (const auto id = store::identity::find_role_id(connection, name)) {
      role_ids.push_back(*id);
    } else {
      errors["roles"] = fmt::format("unknown role {}", name);
    }
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  std::int64_t id = 0;
  try {
    id = store::identity::insert_account(
        connection, store::identity::NewAccount{.email = user.email,
                                                .password_hash = prepared.password_hash,
                                                .first_name = user.first_name,
                                                .last_name = user.last_name,
                                                .is_superuser = user.is_superuser,
                                                .created_by_id = actor.user_id});
  } catch (const db::UniqueViolation&) {
    throw core::Conflict("a user with this email already exists");
  }
  for (const auto role_id : role_ids) {
    store::identity::grant_role(connection, id, role_id);
  }
  store::audit::ChangeSet changes;
  changes.set("email", user.email)
      .set("first_name", user.first_name)
      .set("last_name", user.last_name)
      .set("is_superuser", user.is_superuser);  // never the password or its hash
  if (!user.role_names.empty()) {
    changes.set("roles", fmt::format("{}", fmt::join(user.role_names, ",")));
  }
  store::audit::append(connection, actor,
                       store::audit::Entry{.action = "create",
                                           .entity_type = "user",
                                           .entity_id = id,
                                           .changes = std::move(changes).take(),
                                           .note = {}});
  return id;
}

}  // namespace qgp::domain::identity
