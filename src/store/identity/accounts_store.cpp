#include "store/identity/accounts_store.hpp"

#include "db/connection.hpp"

namespace qgp::store::identity {

namespace {
std::optional<std::int64_t> first_id(const db::Result& result) {
  return result.empty() ? std::nullopt : std::optional(result.int64(0, 0));
}
}  // namespace

std::int64_t insert_account(db::Connection& connection, const NewAccount& account) {
  db::Params params;
  params.add(account.email)
      .add(account.password_hash)
      .add(account.first_name)
      .add(account.last_name)
      .add(account.is_superuser)
      .add(account.created_by_id);
  return connection
      .exec_prepared(
          "INSERT INTO users (email, password_hash, first_name, last_name, is_superuser, "
          "created_by_id, updated_by_id, password_changed_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $6, now()) RETURNING id",
          params)
      .int64(0, 0);
}

std::optional<std::int64_t> find_role_id(db::Connection& connection, std::string_view name) {
  return first_id(connection.exec_prepared("SELECT id FROM roles WHERE lower(name) = lower($1)",
                                           db::Params(name)));
}

void grant_role(db::Connection& connection, std::int64_t user_id, std::int64_t role_id) {
  connection.exec_prepared(
      "INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
      db::Params(user_id, role_id));
}

std::optional<std::int64_t> find_user_id_by_email(db::Connection& connection,
                                                  std::string_view email) {
  return first_id(connection.exec_prepared("SELECT id FROM users WHERE lower(email) = lower($1)",
                                           db::Params(email)));
}

}  // namespace qgp::store::identity
