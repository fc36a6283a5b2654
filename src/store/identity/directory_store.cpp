#include "store/identity/directory_store.hpp"

#include "db/connection.hpp"
#include "store/common/id_lists.hpp"

namespace qgp::store::identity {

namespace {

std::optional<std::int64_t> first_id(const db::Result& result) {
  return result.empty() ? std::nullopt : std::optional(result.int64(0, 0));
}

}  // namespace

std::vector<std::int64_t> existing_role_ids(db::Connection& connection,
                                            const std::vector<std::int64_t>& ids) {
  const auto rows =
      connection.exec_prepared("SELECT id FROM roles WHERE id = ANY($1::text[]::bigint[])",
                               db::Params(common::id_array_literal(ids)));
  std::vector<std::int64_t> found;
  found.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    found.push_back(rows.int64(row, 0));
  }
  return found;
}

std::vector<std::string> role_names(db::Connection& connection,
                                    const std::vector<std::int64_t>& ids) {
  const auto rows = connection.exec_prepared(
      "SELECT name FROM roles WHERE id = ANY($1::text[]::bigint[]) ORDER BY name, id",
      db::Params(common::id_array_literal(ids)));
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    names.push_back(rows.string(row, 0));
  }
  return names;
}

std::optional<std::int64_t> find_role_id(db::Connection& connection, std::string_view name) {
  return first_id(connection.exec_prepared("SELECT id FROM roles WHERE lower(name) = lower($1)",
                                           db::Params(name)));
}

std::optional<std::int64_t> find_user_id_by_email(db::Connection& connection,
                                                  std::string_view email) {
  return first_id(connection.exec_prepared("SELECT id FROM users WHERE lower(email) = lower($1)",
                                           db::Params(email)));
}

void replace_role_permissions(db::Connection& connection, std::int64_t role_id,
                              const std::vector<std::string>& permissions) {
  const std::vector<std::optional<std::string>> names(permissions.begin(), permissions.end());
  const auto literal = db::text_array_literal(names);
  connection.exec_prepared(
      "DELETE FROM role_permissions rp USING permissions p WHERE rp.role_id = $1 "
      "AND p.id = rp.permission_id AND NOT (p.name = ANY($2::text[]))",
      db::Params(role_id, literal));
  connection.exec_prepared(
      "INSERT INTO permissions (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING",
      db::Params(literal));
  connection.exec_prepared(
      "INSERT INTO role_permissions (role_id, permission_id) SELECT $1, p.id FROM permissions p "
      "WHERE p.name = ANY($2::text[]) ON CONFLICT DO NOTHING",
      db::Params(role_id, literal));
}

void touch_role(db::Connection& connection, std::int64_t role_id, const core::Actor& actor) {
  db::Params params(role_id);
  params.add(actor.user_id);
  connection.exec_prepared(
      "UPDATE roles SET updated_by_id = $2, version = version + 1 WHERE id = $1", params);
}

void delete_role(db::Connection& connection, std::int64_t id) {
  connection.exec_prepared("DELETE FROM roles WHERE id = $1", db::Params(id));
}

}  // namespace qgp::store::identity
