#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qgp::db {
class Connection;
}

namespace qgp::store::identity {

struct NewAccount {
  std::string email;
  std::string password_hash;
  std::string first_name;
  std::string last_name;
  bool is_superuser = false;
  std::optional<std::int64_t> created_by_id;
};

// Inserts a user; a duplicate email (case-insensitive) surfaces as db::UniqueViolation.
std::int64_t insert_account(db::Connection& connection, const NewAccount& account);

// The id of the role with this name (case-insensitive), if any.
std::optional<std::int64_t> find_role_id(db::Connection& connection, std::string_view name);

void grant_role(db::Connection& connection, std::int64_t user_id, std::int64_t role_id);

std::optional<std::int64_t> find_user_id_by_email(db::Connection& connection,
                                                  std::string_view email);

}  // namespace qgp::store::identity
