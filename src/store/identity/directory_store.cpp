#include "store/identity/directory_store.hpp"

#include <fmt/format.h>

#include "db/connection.hpp"
#include "store/common/id_lists.hpp"
#include "store/common/page_query.hpp"
#include "store/common/sql_format.hpp"
#include "store/common/where.hpp"

namespace qgp::store::identity {

namespace {

std::vector<std::string> split_lines(const std::optional<std::string>& joined) {
  std::vector<std::string> out;
  if (!joined || joined->empty()) {
    return out;
  }
  std::size_t begin = 0;
  while (true) {
    const auto end = joined->find('\n', begin);
    out.push_back(
        joined->substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    if (end == std::string::npos) {
      return out;
    }
    begin = end + 1;
  }
}

const std::string& user_columns() {
  static const std::string kColumns = fmt::format(
      "u.id, u.email, u.first_name, u.last_name, u.job_title, u.department, u.phone, u.is_active, "
      "u.is_superuser, {}, {}, {}, {}, u.version, "
      "(SELECT string_agg(r.id || E'\\t' || r.name, E'\\n' ORDER BY r.name) FROM user_roles ur "
      "JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id)",
      common::rfc3339("u.disabled_at"), common::rfc3339("u.last_login_at"),
      common::rfc3339("u.created_at"), common::rfc3339("u.updated_at"));
  return kColumns;
}

UserRecord user_of(const db::Result& rows, int row) {
  UserRecord user{.id = rows.int64(row, 0),
                  .email = rows.string(row, 1),
                  .first_name = rows.string(row, 2),
                  .last_name = rows.string(row, 3),
                  .job_title = rows.optional_string(row, 4),
                  .department = rows.optional_string(row, 5),
                  .phone = rows.optional_string(row, 6),
                  .is_active = rows.boolean(row, 7),
                  .is_superuser = rows.boolean(row, 8),
                  .disabled_at = rows.optional_string(row, 9),
                  .last_login_at = rows.optional_string(row, 10),
                  .created_at = rows.string(row, 11),
                  .updated_at = rows.string(row, 12),
                  .version = rows.int64(row, 13),
                  .roles = {}};
  for (const auto& line : split_lines(rows.optional_string(row, 14))) {
    const auto tab = line.find('\t');
    user.roles.push_back(
        RoleRef{.id = std::stoll(line.substr(0, tab)), .name = line.substr(tab + 1)});
  }
  return user;
}

RoleRecord role_of(const db::Result& rows, int row) {
  return RoleRecord{.id = rows.int64(row, 0),
                    .name = rows.string(row, 1),
                    .description = rows.optional_string(row, 2),
                    .is_system = rows.boolean(row, 3),
                    .version = rows.int64(row, 4),
                    .user_count = rows.int64(row, 5),
                    .permissions = split_lines(rows.optional_string(row, 6))};
}

constexpr std::string_view kRoleColumns =
    "r.id, r.name, r.description, r.is_system, r.version, "
    "(SELECT count(*) FROM user_roles ur WHERE ur.role_id = r.id), "
    "(SELECT string_agg(p.name, E'\\n' ORDER BY p.name) FROM role_permissions rp "
    "JOIN permissions p ON p.id = rp.permission_id WHERE rp.role_id = r.id)";

}  // namespace

UserPage list_users(db::Connection& connection, const UserFilter& filter,
                    const std::vector<common::SortKey>& sort, const common::Page& page) {
  static const std::map<std::string, std::string, std::less<>> kSortable = {
      {"email", "lower(u.email)"},
      {"last_name", "lower(u.last_name)"},
      {"created_at", "u.created_at"},
      {"last_login_at", "u.last_login_at"}};
  db::Params params;
  common::Where where(params);
  if (filter.q) {
    where.add(
        "u.email ILIKE '%' || {} || '%' OR u.first_name ILIKE '%' || {} || '%' OR u.last_name "
        "ILIKE '%' || {} || '%' OR (u.first_name || ' ' || u.last_name) ILIKE '%' || {} || '%'",
        common::like_escape(*filter.q));
  }
  where.add_if(filter.is_active, "u.is_active = {}")
      .add_if(filter.role_id,
              "EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.role_id = {})")
      .add_if(filter.department, "lower(u.department) = lower({})");
  const std::string from = " FROM users u" + where.sql();
  const auto found =
      common::fetch_page(connection,
                         {.count_from = from,
                          .columns = user_columns(),
                          .page_from = from,
                          .order = common::order_by(
                              sort, kSortable, "lower(u.last_name), lower(u.first_name)", "u.id")},
                         params, page);
  UserPage result;
  result.total = found.total;
  result.items.reserve(static_cast<std::size_t>(found.rows.rows()));
  for (int row = 0; row < found.rows.rows(); ++row) {
    result.items.push_back(user_of(found.rows, row));
  }
  return result;
}

std::optional<UserRecord> find_user(db::Connection& connection, std::int64_t id, bool lock) {
  const auto rows = connection.exec(fmt::format("SELECT {} FROM users u WHERE u.id = $1{}",
                                                user_columns(), lock ? " FOR UPDATE OF u" : ""),
                                    db::Params(id));
  if (rows.empty()) {
    return std::nullopt;
  }
  return user_of(rows, 0);
}

void update_user_profile(db::Connection& connection, std::int64_t id,
                         const UserProfileUpdate& update, std::int64_t actor_id) {
  db::Params params(id);
  params.add(update.first_name)
      .add(update.last_name)
      .add(update.job_title)
      .add(update.department)
      .add(update.phone)
      .add(actor_id);
  connection.exec_prepared(
      "UPDATE users SET first_name = $2, last_name = $3, job_title = $4, department = $5, "
      "phone = $6, updated_by_id = $7, version = version + 1 WHERE id = $1",
      params);
}

void set_user_active(db::Connection& connection, std::int64_t id, bool active,
                     std::int64_t actor_id) {
  connection.exec_prepared(
      "UPDATE users SET is_active = $2, disabled_at = CASE WHEN $2 THEN NULL ELSE now() END, "
      "disabled_by_id = CASE WHEN $2 THEN NULL ELSE $3 END, updated_by_id = $3, "
      "version = version + 1 WHERE id = $1",
      db::Params(id, active, actor_id));
}

void replace_user_roles(db::Connection& connection, std::int64_t user_id,
                        const std::vector<std::int64_t>& role_ids) {
  const auto literal = common::id_array_literal(role_ids);
  connection.exec_prepared(
      "DELETE FROM user_roles WHERE user_id = $1 AND NOT (role_id = ANY($2::text[]::bigint[]))",
      db::Params(user_id, literal));
  connection.exec_prepared(
      "INSERT INTO user_roles (user_id, role_id) SELECT $1, unnest($2::text[]::bigint[]) "
      "ON CONFLICT DO NOTHING",
      db::Params(user_id, literal));
}

std::vector<RoleRecord> list_roles(db::Connection& connection) {
  const auto rows = connection.exec_prepared(fmt::format(
      "SELECT {} FROM roles r ORDER BY r.is_system DESC, lower(r.name), r.id", kRoleColumns));
  std::vector<RoleRecord> roles;
  roles.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    roles.push_back(role_of(rows, row));
  }
  return roles;
}

std::optional<RoleRecord> find_role(db::Connection& connection, std::int64_t id, bool lock) {
  const auto rows = connection.exec(fmt::format("SELECT {} FROM roles r WHERE r.id = $1{}",
                                                kRoleColumns, lock ? " FOR UPDATE OF r" : ""),
                                    db::Params(id));
  if (rows.empty()) {
    return std::nullopt;
  }
  return role_of(rows, 0);
}

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

std::int64_t insert_role(db::Connection& connection, const std::string& name,
                         const std::optional<std::string>& description, std::int64_t actor_id) {
  db::Params params(name);
  params.add(description).add(actor_id);
  return connection
      .exec_prepared(
          "INSERT INTO roles (name, description, created_by_id, updated_by_id) "
          "VALUES ($1, $2, $3, $3) RETURNING id",
          params)
      .int64(0, 0);
}

void update_role(db::Connection& connection, std::int64_t id, const std::string& name,
                 const std::optional<std::string>& description, std::int64_t actor_id) {
  db::Params params(id, name);
  params.add(description).add(actor_id);
  connection.exec_prepared(
      "UPDATE roles SET name = $2, description = $3, updated_by_id = $4, version = version + 1 "
      "WHERE id = $1",
      params);
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

void delete_role(db::Connection& connection, std::int64_t id) {
  connection.exec_prepared("DELETE FROM roles WHERE id = $1", db::Params(id));
}

}  // namespace qgp::store::identity
