// A full Argon2id queue refuses each kind of request with its own words (issue 15: POST /users
// said "sign-ins"): the refusal is core::Busy (503 BUSY + Retry-After), raised before any other
// work, and its message names what the caller asked for.
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include <gtest/gtest.h>

#include "core/config.hpp"
#include "core/errors.hpp"
#include "db/pool.hpp"
#include "domain/identity/auth_service.hpp"
#include "domain/identity/password.hpp"
#include "domain/identity/users.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

namespace identity = domain::identity;

// Runs `work` on a thread of its own (the admissions a thread holds are per thread) and returns
// the message of the core::Busy it threw, or nullopt.
template <typename Work>
std::optional<std::string> busy_message(Work work) {
  std::optional<std::string> message;
  std::thread thread([&] {
    try {
      work();
    } catch (const core::Busy& e) {
      message = e.what();
    } catch (const std::exception&) {
      message = "not Busy";
    }
  });
  thread.join();
  return message;
}

TEST(IdentityBusy, EachRefusalNamesItsOwnRequest) {
  TestDatabase database;
  const auto config = core::load_config({{"APP_ENV", "testing"}, {"DATABASE_URL", database.url()}});
  const auto settings = identity::AuthSettings::from_config(config);
  db::Pool pool(database.url(), db::PoolOptions{});
  identity::set_password_hash_limits(1, 1);
  {
    const identity::PasswordAdmission occupant;  // the one place is taken
    const auto login = busy_message([&] {
      identity::login(pool, settings, "someone@example.org", "a password of length",
                      identity::ClientInfo{});
    });
    ASSERT_TRUE(login.has_value());
    EXPECT_TRUE(login->starts_with("too many sign-ins at once")) << *login;

    const auto change = busy_message([&] {
      identity::change_password(pool, settings,
                                core::Actor{.user_id = 1, .request_id = {}, .client_address = {}},
                                "old password 123", "new password 12345", identity::ClientInfo{});
    });
    ASSERT_TRUE(change.has_value());
    EXPECT_TRUE(change->starts_with("too many password changes at once")) << *change;

    const auto create = busy_message([&] {
      identity::User user;
      user.email = "new@example.org";
      user.password = "a strong new passphrase";
      user.first_name = "New";
      user.last_name = "User";
      static_cast<void>(identity::prepare_user(std::move(user), settings.cost));
    });
    ASSERT_TRUE(create.has_value());
    EXPECT_TRUE(create->starts_with("too many new passwords are being hashed at once")) << *create;
    EXPECT_EQ(create->find("sign-ins"), std::string::npos) << *create;
  }
  identity::set_password_hash_limits(0, 1U << 20U);
}

}  // namespace
}  // namespace qgp::testing
