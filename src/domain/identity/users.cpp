#include "domain/identity/users.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "db/errors.hpp"
#include "domain/common/records.hpp"
#include "store/identity/auth_store.hpp"
#include "store/identity/directory_store.hpp"
#include "store/kit/write.hpp"

namespace qgp::domain::identity {

namespace {

bool plausible_email(std::string_view email) {
  const auto at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size()
         && email.find('@', at + 1) == std::string_view::npos
         && email.find_first_of(" \t\r\n") == std::string_view::npos;
}

// `ids` as a set, or the 422 naming those that are no role.
std::vector<std::int64_t> known_roles(db::Connection& connection, std::vector<std::int64_t> ids,
                                      core::FieldErrors& errors) {
  std::ranges::sort(ids);
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const auto existing = store::identity::existing_role_ids(connection, ids);
  if (existing.size() != ids.size()) {
    std::vector<std::int64_t> missing;
    std::ranges::set_difference(ids, existing, std::back_inserter(missing));
    errors["role_ids"] = fmt::format("unknown roles: {}", fmt::join(missing, ", "));
  }
  return ids;
}

std::string role_names(db::Connection& connection, const std::vector<std::int64_t>& ids) {
  return fmt::format("{}", fmt::join(store::identity::role_names(connection, ids), ","));
}

}  // namespace

PreparedUser prepare_user(User user, const PasswordHashCost& cost) {
  PreparedUser prepared;
  auto& errors = prepared.problems;
  if (!plausible_email(user.email)) {
    errors["email"] = "must be an email address";
  }
  if (const auto problem = password_policy_problem(user.password, user.email)) {
    errors["password"] = *problem;
  }
  if (errors.empty()) {
    user.password_hash = hash_password(user.password, cost);
  }
  user.password.clear();
  prepared.user = std::move(user);
  return prepared;
}

User create_user(db::Transaction& tx, const core::Actor& actor, const PreparedUser& prepared) {
  auto errors = prepared.problems;
  auto row = prepared.user;
  row.role_ids = known_roles(tx.connection(), row.role_ids, errors);
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  row.is_active = true;
  row.disabled_at = std::nullopt;
  row.disabled_by_id = std::nullopt;
  row.last_login_at = std::nullopt;
  row.password_changed_at = kit::Timestamp::now();
  std::int64_t id = 0;
  try {
    id = store::kit::insert(tx.connection(), row, actor);
  } catch (const db::UniqueViolation&) {
    throw core::Conflict("a user with this email already exists");
  }
  auto stored = common::get<User>(tx.connection(), id);
  auto changes = common::created(stored);  // never the password or its hash (write-only)
  if (!stored.role_ids.empty()) {
    changes.set("roles", role_names(tx.connection(), stored.role_ids));
  }
  common::append_audit(tx, actor, "create", kit::meta<User>().entity, id, std::move(changes));
  return stored;
}

User update_user(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                 const kit::Patch<User>& patch) {
  return common::update<User>(tx, actor, id, patch,
                              [](const User& /*before*/, const User& /*after*/) {});
}

User set_user_active(db::Transaction& tx, const core::Actor& actor, std::int64_t id, bool active) {
  auto before = common::lock<User>(tx, id);  // not const: returned unchanged by move
  if (!active && actor.user_id == id) {
    throw core::Conflict("you cannot disable your own account");
  }
  if (before.is_active == active) {
    return before;
  }
  auto after = before;
  after.is_active = active;
  after.disabled_at = active ? std::nullopt : std::optional(kit::Timestamp::now());
  after.disabled_by_id = active ? std::nullopt : actor.user_id;
  store::kit::update(tx.connection(), id, before, after, actor);
  auto stored = common::get<User>(tx.connection(), id);
  auto changes = common::changes(before, stored);
  if (!active) {
    changes.set("sessions_revoked",
                store::identity::revoke_user_tokens(tx.connection(), id, "user_disabled"));
  }
  common::append_audit(tx, actor, "transition", kit::meta<User>().entity, id, std::move(changes));
  return stored;
}

User set_user_roles(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                    std::vector<std::int64_t> role_ids) {
  auto before = common::lock<User>(tx, id);  // not const: returned unchanged by move
  core::FieldErrors errors;
  const auto wanted = known_roles(tx.connection(), std::move(role_ids), errors);
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  const auto& had = before.role_ids;  // sorted by the store
  if (had == wanted) {
    return before;
  }
  const auto holds = [](const std::vector<std::int64_t>& set, std::int64_t role) {
    return std::ranges::binary_search(set, role);
  };
  const bool grants = std::ranges::any_of(wanted, [&](auto role) { return !holds(had, role); });
  const bool revokes = std::ranges::any_of(had, [&](auto role) { return !holds(wanted, role); });
  auto after = before;
  after.role_ids = wanted;
  store::kit::update(tx.connection(), id, before, after, actor);
  qgp::kit::ChangeSet changes;
  changes.track("roles", role_names(tx.connection(), had), role_names(tx.connection(), wanted));
  const char* action = grants && revokes ? "update" : (grants ? "role_grant" : "role_revoke");
  common::append_audit(tx, actor, action, kit::meta<User>().entity, id, std::move(changes));
  return common::get<User>(tx.connection(), id);
}

}  // namespace qgp::domain::identity
