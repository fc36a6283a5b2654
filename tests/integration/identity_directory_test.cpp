// The user directory on the resource kit against a real database: users created with their
// roles, edited by PATCH, disabled (sessions end) and re-enabled, given other roles; custom roles
// created, edited, refused when they are system roles, deleted when unassigned; the permission
// catalog paged; and what each change leaves in the audit trail (never a password or a hash).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/common/records.hpp"
#include "domain/identity/auth_service.hpp"
#include "domain/identity/permissions.hpp"
#include "domain/identity/roles.hpp"
#include "domain/identity/seed.hpp"
#include "domain/identity/users.hpp"
#include "kit/patch.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

using domain::identity::Role;
using domain::identity::User;
namespace identity = domain::identity;

class DirectoryTest : public ::testing::Test {
 protected:
  template <typename Work>
  auto in_tx(Work&& work) {
    db::Transaction tx(connection_);
    auto result = std::forward<Work>(work)(tx);
    tx.commit();
    return result;
  }

  User create(const std::string& email, std::vector<std::int64_t> role_ids = {},
              const std::string& password = "a long and unusual passphrase") {
    User user;
    user.email = email;
    user.password = password;
    user.first_name = "Ann";
    user.last_name = "Auditor";
    user.role_ids = std::move(role_ids);
    const auto prepared = identity::prepare_user(user, kCheapHash);
    return in_tx([&](db::Transaction& tx) { return identity::create_user(tx, admin_, prepared); });
  }

  Role role(const std::string& name, std::vector<std::string> permissions) {
    Role role;
    role.name = name;
    role.permissions = std::move(permissions);
    return in_tx([&](db::Transaction& tx) { return identity::create_role(tx, admin_, role); });
  }

  // The latest audit row of an entity: its action and its changes.
  std::pair<std::string, nlohmann::json> last_audit(std::string_view entity, std::int64_t id) {
    const auto row = connection_.exec(
        "SELECT action, changes::text FROM audit_log WHERE entity_type = $1 AND entity_id = $2 "
        "ORDER BY id DESC LIMIT 1",
        db::Params(entity, id));
    return {row.string(0, 0), nlohmann::json::parse(row.string(0, 1))};
  }

  static constexpr identity::PasswordHashCost kCheapHash{.opslimit = 1,
                                                         .memlimit_bytes = std::size_t{8} << 20U};
  TestDatabase database_;
  db::Connection connection_{database_.url()};
  std::int64_t admin_id_ = connection_
                               .exec(
                                   "INSERT INTO users (email, password_hash, first_name, "
                                   "last_name) VALUES ('root@example.test', '$argon2id$x', "
                                   "'Root', 'Admin') RETURNING id")
                               .int64(0, 0);
  core::Actor admin_{.user_id = admin_id_, .request_id = "test", .client_address = {}};
};

TEST_F(DirectoryTest, ACreatedUserHasTheirRolesAndTheAuditRowNamesThemButNoSecret) {
  const auto inspector = role("Site inspector", {"audits:read"});
  const auto ann = create("ann@example.test", {inspector.id, inspector.id});
  EXPECT_TRUE(ann.is_active);
  EXPECT_EQ(ann.role_ids, std::vector<std::int64_t>{inspector.id});
  EXPECT_EQ(nlohmann::json::parse(ann.roles.text),
            nlohmann::json::parse(
                fmt::format(R"([{{"id": {}, "name": "Site inspector"}}])", inspector.id)));
  EXPECT_EQ(ann.full_name, "Ann Auditor");
  EXPECT_TRUE(ann.password.empty());
  EXPECT_TRUE(ann.password_hash.empty());  // write-only: never read back
  EXPECT_TRUE(ann.password_changed_at.has_value());
  EXPECT_EQ(ann.created_by_id, admin_id_);
  const auto stored_hash =
      connection_.exec("SELECT password_hash FROM users WHERE id = $1", db::Params(ann.id))
          .string(0, 0);
  EXPECT_TRUE(stored_hash.starts_with("$argon2id$"));
  EXPECT_TRUE(identity::verify_password(stored_hash, "a long and unusual passphrase"));

  const auto [action, changes] = last_audit("user", ann.id);
  EXPECT_EQ(action, "create");
  EXPECT_EQ(changes["email"]["after"], "ann@example.test");
  EXPECT_EQ(changes["roles"]["after"], "Site inspector");
  EXPECT_FALSE(changes.contains("password"));
  EXPECT_FALSE(changes.contains("password_hash"));
  EXPECT_EQ(changes.dump().find("argon2"), std::string::npos);
  EXPECT_EQ(changes.dump().find("passphrase"), std::string::npos);
}

TEST_F(DirectoryTest, ATakenEmailUnknownRolesAndAWeakPasswordAreRefused) {
  create("ann@example.test");
  EXPECT_THROW(create("ANN@example.test"), core::Conflict);
  try {
    create("bob@example.test", {987654, 987655}, "password1234");
    FAIL() << "accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("role_ids"), "unknown roles: 987654, 987655");
    EXPECT_TRUE(e.fields().contains("password"));  // every problem at once
  }
  EXPECT_EQ(connection_.exec("SELECT count(*) FROM users").int64(0, 0), 2);
}

TEST_F(DirectoryTest, PatchChangesWhatItNamesAndAuditsJustThat) {
  auto ann = create("ann@example.test");
  kit::Patch<User> patch;
  patch.version = ann.version;
  patch.values.last_name = "Lead Auditor";
  patch.mark(kit::field_index<User>("last_name"));
  patch.values.department = "Quality";
  patch.mark(kit::field_index<User>("department"));
  ann =
      in_tx([&](db::Transaction& tx) { return identity::update_user(tx, admin_, ann.id, patch); });
  EXPECT_EQ(ann.first_name, "Ann");  // absent: kept
  EXPECT_EQ(ann.last_name, "Lead Auditor");
  EXPECT_EQ(ann.department, "Quality");
  EXPECT_EQ(ann.version, 2);
  const auto [action, changes] = last_audit("user", ann.id);
  EXPECT_EQ(action, "update");
  EXPECT_EQ(changes, nlohmann::json::parse(R"({"last_name": {"before": "Auditor",
      "after": "Lead Auditor"}, "department": {"before": null, "after": "Quality"}})"));

  kit::Patch<User> clear;
  clear.version = ann.version;
  clear.values.department = std::nullopt;
  clear.mark(kit::field_index<User>("department"));
  ann =
      in_tx([&](db::Transaction& tx) { return identity::update_user(tx, admin_, ann.id, clear); });
  EXPECT_EQ(ann.department, std::nullopt);  // null clears
  EXPECT_THROW(
      in_tx([&](db::Transaction& tx) { return identity::update_user(tx, admin_, ann.id, clear); }),
      core::Conflict);  // the version it names is stale now
}

TEST_F(DirectoryTest, DisablingEndsEverySessionAndEnablingRestoresSignInOnly) {
  const auto ann = create("ann@example.test");
  connection_.exec(
      "INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at) VALUES "
      "($1, repeat('a', 64), gen_random_uuid(), now() + interval '1 day'), "
      "($1, repeat('b', 64), gen_random_uuid(), now() + interval '1 day')",
      db::Params(ann.id));
  const auto disabled = in_tx(
      [&](db::Transaction& tx) { return identity::set_user_active(tx, admin_, ann.id, false); });
  EXPECT_FALSE(disabled.is_active);
  EXPECT_TRUE(disabled.disabled_at.has_value());
  EXPECT_EQ(disabled.disabled_by_id, admin_id_);
  EXPECT_EQ(disabled.version, ann.version + 1);
  EXPECT_EQ(connection_
                .exec("SELECT count(*) FROM refresh_tokens WHERE user_id = $1 AND "
                      "revoked_reason = 'user_disabled'",
                      db::Params(ann.id))
                .int64(0, 0),
            2);
  const auto [action, changes] = last_audit("user", ann.id);
  EXPECT_EQ(action, "transition");
  EXPECT_EQ(changes["is_active"], nlohmann::json({{"before", true}, {"after", false}}));
  EXPECT_EQ(changes["sessions_revoked"]["after"], 2);
  EXPECT_EQ(changes["disabled_by_id"]["after"], admin_id_);

  const auto enabled = in_tx(
      [&](db::Transaction& tx) { return identity::set_user_active(tx, admin_, ann.id, true); });
  EXPECT_TRUE(enabled.is_active);
  EXPECT_EQ(enabled.disabled_at, std::nullopt);
  EXPECT_EQ(enabled.disabled_by_id, std::nullopt);
  EXPECT_THROW(in_tx([&](db::Transaction& tx) {
                 return identity::set_user_active(tx, admin_, admin_id_, false);
               }),
               core::Conflict);  // not yourself
}

TEST_F(DirectoryTest, RoleChangesMoveTheVersionAndAreAuditedByName) {
  const auto inspector = role("Site inspector", {"audits:read"});
  const auto viewer = role("Reader", {"incidents:read"});
  auto ann = create("ann@example.test", {inspector.id});
  const auto set_roles = [&](std::vector<std::int64_t> ids) {
    return in_tx(
        [&](db::Transaction& tx) { return identity::set_user_roles(tx, admin_, ann.id, ids); });
  };
  ann = set_roles({inspector.id, viewer.id});
  EXPECT_EQ(ann.version, 2);
  EXPECT_EQ(last_audit("user", ann.id).first, "role_grant");
  EXPECT_EQ(last_audit("user", ann.id).second["roles"],
            nlohmann::json({{"before", "Site inspector"}, {"after", "Reader,Site inspector"}}));
  ann = set_roles({viewer.id});
  EXPECT_EQ(last_audit("user", ann.id).first, "role_revoke");
  ann = set_roles({inspector.id});
  EXPECT_EQ(last_audit("user", ann.id).first, "update");
  const auto unchanged = set_roles({inspector.id});
  EXPECT_EQ(unchanged.version, ann.version);  // nothing changed: no write, no audit row
  try {
    set_roles({inspector.id, 987654});
    FAIL() << "accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("role_ids"), "unknown roles: 987654");
  }
}

TEST_F(DirectoryTest, CustomRolesAreEditedByPatchSystemRolesAreNot) {
  auto inspector = role("Site inspector", {"audits:read", "audits:conduct", "audits:read"});
  EXPECT_EQ(inspector.permissions,
            (std::vector<std::string>{"audits:conduct", "audits:read"}));  // a set, sorted
  EXPECT_THROW(role("site INSPECTOR", {}), core::Conflict);
  try {
    role("Root", {"root:all"});
    FAIL() << "accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("permissions"), "unknown permission root:all");
  }

  // Only the permissions change: the version moves all the same and the audit row says so.
  kit::Patch<Role> patch;
  patch.version = inspector.version;
  patch.values.permissions = {"audits:read"};
  patch.mark(kit::field_index<Role>("permissions"));
  inspector = in_tx(
      [&](db::Transaction& tx) { return identity::update_role(tx, admin_, inspector.id, patch); });
  EXPECT_EQ(inspector.permissions, std::vector<std::string>{"audits:read"});
  EXPECT_EQ(inspector.version, 2);
  EXPECT_EQ(inspector.updated_by_id, admin_id_);
  const auto [action, changes] = last_audit("role", inspector.id);
  EXPECT_EQ(action, "update");
  EXPECT_EQ(changes, nlohmann::json::parse(R"({"permissions": {"before":
      "audits:conduct,audits:read", "after": "audits:read"}})"));

  in_tx([&](db::Transaction& tx) { return identity::seed_permission_catalog(tx, core::Actor{}); });
  const auto admin_role = connection_.exec("SELECT id FROM roles WHERE name = 'admin'").int64(0, 0);
  kit::Patch<Role> rename;
  rename.version = 1;
  rename.values.name = "renamed";
  rename.mark(kit::field_index<Role>("name"));
  EXPECT_THROW(in_tx([&](db::Transaction& tx) {
                 return identity::update_role(tx, admin_, admin_role, rename);
               }),
               core::Conflict);
}

TEST_F(DirectoryTest, OnlyAnUnassignedCustomRoleIsDeletedAndTheAuditRowKeepsWhatItWas) {
  const auto inspector = role("Site inspector", {"audits:read"});
  const auto ann = create("ann@example.test", {inspector.id});
  const auto remove = [&] {
    in_tx([&](db::Transaction& tx) {
      identity::delete_role(tx, admin_, inspector.id);
      return 0;
    });
  };
  EXPECT_THROW(remove(), core::Conflict);  // still assigned
  in_tx([&](db::Transaction& tx) { return identity::set_user_roles(tx, admin_, ann.id, {}); });
  remove();
  EXPECT_EQ(connection_.exec("SELECT count(*) FROM roles WHERE id = $1", db::Params(inspector.id))
                .int64(0, 0),
            0);
  const auto [action, changes] = last_audit("role", inspector.id);
  EXPECT_EQ(action, "delete");
  EXPECT_EQ(changes["name"], nlohmann::json({{"before", "Site inspector"}, {"after", nullptr}}));
  EXPECT_EQ(changes["permissions"]["before"], "audits:read");
}

TEST_F(DirectoryTest, ThePermissionCatalogIsPagedAndASuperuserHoldsAllOfIt) {
  const auto catalog = identity::permission_catalog();
  kit::ListQuery query;
  query.page = 2;
  query.page_size = 5;
  const auto page = identity::permission_page(query);
  EXPECT_EQ(page.total, static_cast<std::int64_t>(catalog.size()));
  ASSERT_EQ(page.items.size(), 5U);
  EXPECT_EQ(page.items[0].name, catalog[5].name);
  query.page = 99999999999;
  EXPECT_TRUE(identity::permission_page(query).items.empty());

  connection_.exec("UPDATE users SET is_superuser = true WHERE id = $1", db::Params(admin_id_));
  const auto me = identity::current_profile(connection_, admin_id_);
  ASSERT_TRUE(me.has_value());
  EXPECT_EQ(me->permissions.size(), catalog.size());
  EXPECT_EQ(me->email, "root@example.test");
  EXPECT_FALSE(identity::current_profile(connection_, 987654).has_value());
}

}  // namespace
}  // namespace qgp::testing
